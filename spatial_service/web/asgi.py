"""ASGI entry point for uvicorn/gunicorn: `uvicorn spatial_service.web.asgi:app` (settings from the environment).

The service process only: the cyclic garbage collector runs after 20,000 new container objects instead of 700.
A tile request allocates a few hundred short-lived objects (psycopg cursor and query, ASGI messages) that
reference counting frees anyway, so the default collected several times a second under load for nothing:
measured on the national data (benchmarks/tiles_nederland.py), 10 % of the service's CPU per cold tile and 5 %
of its throughput. Objects that live for the whole process (modules, the compiled catalogue) are frozen out of
the collector's scans. Not set in create_app: tests and the exports run the app inside other processes.
"""

import gc

from spatial_service.settings import get_settings
from spatial_service.web.app import create_app

app = create_app(get_settings())
gc.freeze()
gc.set_threshold(20_000, 50, 100)
