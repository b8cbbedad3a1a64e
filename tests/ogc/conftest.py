"""The OGC API tests share the service tests' real server (uvicorn on loopback, demo database, public role)."""

import pytest

from tests.ogc.helpers import served_collections
from tests.service.conftest import client, server  # noqa: F401  (fixtures)


@pytest.fixture
def collections(admin_conn):
    """Every collection /ogc serves (one per catalogue layer and geometry type), by id."""
    return served_collections(admin_conn)
