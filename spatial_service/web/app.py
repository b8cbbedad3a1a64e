"""The ASGI app of the spatial service: `create_app(settings) -> Starlette`.

Contract for other modules of the service (e.g. the plan check, issue 5):
- the database pool is a psycopg 3 `psycopg_pool.AsyncConnectionPool` on the PUBLIC dsn (`settings.public()`,
  role buurtkaart_publiek: reads schema `publiek` only); a route finds it at `request.app.state.pool`;
  `request.app.state.settings` and `request.app.state.catalogue` hold the settings and the layer catalogue.
- every module in ROUTE_MODULES gives `routes() -> list[BaseRoute]`: together the one route table of the service.
  A route wrapped in `http.per_gemeente(...)` is also served under /g/<code>/ (gemeente.GemeentePrefix); its
  endpoint reads the gemeente with `http.gemeente(request)`. A module may also define `lifespan(app)` (an async
  context manager), entered after the tile service has started and left before it stops. A new module: import it
  here and add it to ROUTE_MODULES.
- MIDDLEWARE is the list of raw ASGI layers in front of the router, outermost first; add one there.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from types import ModuleType

import psycopg
from psycopg_pool import AsyncConnectionPool
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import BaseRoute

from spatial_service.catalogue import Catalogue
from spatial_service.catalogue import load as load_catalogue
from spatial_service.settings import Settings
from spatial_service.web import agenda, gemeente, loket, monitor, ogc, openapi, plancheck, routes, security
from spatial_service.web.fastpath import TileFastPath
from spatial_service.web.http import EXCEPTION_HANDLERS
from spatial_service.web.service import TileService
from spatial_service.web.werkbak import EXCEPTION_HANDLERS as WERKBAK_HANDLERS
from spatial_service.web.werkbak import deal, inbox, inloggen, item, lijsten, publiceren

log = logging.getLogger(__name__)

ROUTE_MODULES: tuple[ModuleType, ...] = (routes, plancheck, ogc, agenda, monitor, loket, gemeente, openapi,
                                         security, inloggen, inbox, lijsten, deal, publiceren, item)


def all_routes() -> list[BaseRoute]:
    """The service's one route table, in ROUTE_MODULES order."""
    return [route for module in ROUTE_MODULES for route in module.routes()]


def middleware(table: list[BaseRoute], settings: Settings) -> list[Middleware]:
    """The raw ASGI layers in front of the router, outermost first: the security headers (so every answer carries
    them, the fast path's and the refusals' too), the /g/<code>/ prefix (so every layer after it sees the gemeente
    in the scope), then the tile fast path that answers tiles without the router (same parsing, same answer; see
    fastpath.py)."""
    return [Middleware(security.SecurityHeaders, settings=settings), Middleware(gemeente.GemeentePrefix, routes=table),
            Middleware(TileFastPath)]


async def configure_connection(conn: psycopg.AsyncConnection) -> None:
    """Every pool connection: generic plans for the prepared tile statements. PostgreSQL's default plans the
    first five executions of a prepared statement afresh on each connection (measured: ~2 ms of planning for a
    ~0.3 ms tile, so with 8 connections and a few statement shapes half of a cold run paid it); the generic plan
    (index on the tile box, bound z/x/y) is the one it settles on anyway."""
    await conn.execute("SET plan_cache_mode = force_generic_plan")


class LifoConnectionPool(AsyncConnectionPool):
    """A pool that hands out the connection returned last, as pgbouncer does by default. psycopg_pool hands its
    connections out in turn, so a lone visitor's tiles went to eight backends one after another, each with cold
    CPU caches: measured on the national data, the same composite tile statement took a median 4.5 ms through the
    pool against 3.0 ms on one connection. Under load every connection is busy anyway; idle ones sit at the far
    end, where the pool's shrinking and max-lifetime renewal find them."""

    async def _get_ready_connection(self, timeout: float | None):  # type: ignore[override]
        # the base class takes from the left and returns to the right: bring the newest to the left first
        if self._pool:
            self._pool.rotate(1)
        return await super()._get_ready_connection(timeout)


def create_app(settings: Settings, *, catalogue: Catalogue | None = None, listen: bool = True) -> Starlette:
    """The service for one database. `listen=False` leaves out the LISTEN/NOTIFY cache invalidation (export)."""
    catalogue = catalogue or load_catalogue()

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        service: TileService | None = None

        async def configure(conn: psycopg.AsyncConnection) -> None:
            await configure_connection(conn)
            if service is not None and service.compiled:
                try:
                    await service.warm(conn)  # a connection opened later (database restart, max lifetime)
                except psycopg.OperationalError:
                    raise  # a broken connection: the pool discards it and tries again
                except psycopg.Error as exc:  # the connection works; the first tile query will tell the rest
                    log.warning("verbinding niet voorverwarmd: %s", str(exc).strip()[:200])

        # no check on checkout (it costs a round trip per tile): a connection broken by a database restart
        # fails its query, the pool drops it, and TileService retries on another one. All connections open at
        # start (like tipg's pool) and are warmed before the first tile, so no map user waits for that.
        pool = LifoConnectionPool(
            settings.tiles(),  # the read replica when configured; LISTEN stays on the primary (service.py)
            min_size=settings.pool_size,
            max_size=settings.pool_size,
            open=False,
            kwargs={"autocommit": True},
            configure=configure,
            name="buurtkaart-tiles",
        )
        await pool.open(wait=False)
        app.state.pool = pool
        service = TileService(settings, catalogue, pool)
        app.state.tiles = service
        await service.start(listen=listen)
        try:
            async with contextlib.AsyncExitStack() as stack:
                for module in ROUTE_MODULES:
                    if hasattr(module, "lifespan"):
                        await stack.enter_async_context(module.lifespan(app))
                yield
        finally:
            await service.stop()
            await pool.close()

    table = all_routes()
    # the werkbak's pages answer a missing session with the login page and a refusal with a Dutch page, not JSON
    app = Starlette(routes=table, lifespan=lifespan, exception_handlers={**EXCEPTION_HANDLERS, **WERKBAK_HANDLERS},
                    middleware=middleware(table, settings))
    app.state.settings = settings
    app.state.catalogue = catalogue
    return app
