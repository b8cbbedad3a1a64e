"""ASGI entry point for uvicorn/gunicorn: `uvicorn spatial_service.web.asgi:app` (settings from the environment)."""

from spatial_service.settings import get_settings
from spatial_service.web.app import create_app

app = create_app(get_settings())
