"""ASGI entry points for uvicorn/gunicorn (settings from the environment).

- `uvicorn spatial_service.web.asgi:app`: the whole service in one process, /ogc included.
- `tile_app` and `ogc_app` (factories, `uvicorn --factory`): what the worker groups of `buurtkaart serve` run
  (web/supervisor.py). With BUURTKAART_OGC_UPSTREAM set (`serve --ogc-workers N` sets it), `tile_app` answers
  /ogc by forwarding to the OGC processes at that address (web/forward.py) instead of running tipg itself, and
  `ogc_app` is the OGC API alone, with its own asyncpg pool and no tile pool or LISTEN connection.

The service process only: the cyclic garbage collector runs after 20,000 new container objects instead of 700.
A tile request allocates a few hundred short-lived objects (psycopg cursor and query, ASGI messages) that
reference counting frees anyway, so the default collected several times a second under load for nothing:
measured on the national data (benchmarks/tiles_nederland.py), 10 % of the service's CPU per cold tile and 5 %
of its throughput. Objects that live for the whole process (modules, the compiled catalogue) are frozen out of
the collector's scans. Not set in create_app: tests and the exports run the app inside other processes.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route

from spatial_service.settings import get_settings
from spatial_service.web.app import create_app


def _tune_gc() -> None:
    gc.freeze()
    gc.set_threshold(20_000, 50, 100)


def tile_app() -> Starlette:
    """The service; /ogc forwarded to the OGC processes when BUURTKAART_OGC_UPSTREAM names them.

    Its start-up waits until the tile service is ready (catalogue compiled, pool connections warmed): uvicorn
    takes connections only after the start-up, so a worker that replaces a dead one leaves new visitors to the
    workers that are running (or to the socket's queue) instead of making them wait inside it. Measured on the
    national data under load: requests that reached a replacement before it was ready waited up to 4 s."""
    from spatial_service.web.ogc import MOUNT_PATH

    settings = get_settings()
    app = create_app(settings)
    forwarder = None
    if settings.ogc_upstream:
        from spatial_service.web.forward import OgcForwarder

        forwarder = OgcForwarder(settings.ogc_upstream)
        # the OGC module's lifespan finds no tipg app under /ogc any more and opens no pool (ogc/__init__.py)
        app.router.routes[:] = [Mount(MOUNT_PATH, app=forwarder, name="ogc")
                                if isinstance(r, Mount) and r.path == MOUNT_PATH else r for r in app.router.routes]
    inner = app.router.lifespan_context

    @contextlib.asynccontextmanager
    async def lifespan(a: Starlette) -> AsyncIterator[None]:
        try:
            async with inner(a):
                with contextlib.suppress(Exception):  # database down, catalogue wrong: /health and the routes say so
                    await a.state.tiles.ready()
                yield
        finally:
            if forwarder is not None:
                await forwarder.aclose()

    app.router.lifespan_context = lifespan
    _tune_gc()
    return app


async def _ogc_health(request: Request) -> JSONResponse:
    ogc = request.app.state.ogc
    ready = getattr(ogc, "ready", None)
    try:
        if ready is not None:
            await ready()
        ok = getattr(ogc.state, "collection_catalog", None) is not None
    except Exception:
        ok = False
    return JSONResponse({"status": "ok" if ok else "gestoord", "onderdeel": "ogc"}, status_code=200 if ok else 503,
                        headers={"Cache-Control": "no-store"})


def ogc_app() -> Starlette:
    """The OGC API alone (/ogc, plus /health), for its own worker processes. It takes the service's middleware
    and exception handlers from create_app (security headers, request limits: whatever app.py wraps every
    route in), so /ogc answers the same whether a front sends it here directly or a tile worker forwards it;
    only the routes and the lifespan differ (no tile pool, no LISTEN)."""
    from spatial_service.catalogue import load as load_catalogue
    from spatial_service.web import ogc

    settings = get_settings()
    catalogue = load_catalogue()
    full = create_app(settings, catalogue=catalogue, listen=False)  # built, never started: its wrapping only
    routes = ogc.routes()
    app = Starlette(routes=[*routes, Route("/health", _ogc_health)], lifespan=ogc.lifespan,
                    middleware=full.user_middleware, exception_handlers=full.exception_handlers)
    app.state.settings = settings
    app.state.catalogue = catalogue
    app.state.ogc = routes[0].app
    _tune_gc()
    return app


def __getattr__(name: str) -> Starlette:
    # `asgi:app` is made on first access, so importing this module for a factory does not build it
    if name == "app":
        global app
        app = create_app(get_settings())
        _tune_gc()
        return app
    raise AttributeError(name)
