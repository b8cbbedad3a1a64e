"""The OGC API tests share the service tests' real server (uvicorn on loopback, demo database, public role)."""

from tests.service.conftest import client, server  # noqa: F401  (fixtures)
