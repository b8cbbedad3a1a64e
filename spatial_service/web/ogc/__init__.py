"""OGC API - Features and Tiles under /ogc (tipg on the catalogue's publiek views); see api.py for the why.

The app (spatial_service/web/app.py) mounts `routes()` and enters `lifespan(app)` like every module in its
ROUTE_MODULES list.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import re
from collections.abc import AsyncIterator

import asyncpg
import psycopg
from starlette.applications import Starlette
from starlette.routing import BaseRoute, Mount

from spatial_service.web.ogc.api import OgcApi
from spatial_service.web.ogc.collections import load_catalog
from spatial_service.web.ogc.crs import AREA_QUERY
from spatial_service.web.ogc.limits import OgcLimits
from spatial_service.web.ogc.tipg_adapter import connection_factory

log = logging.getLogger(__name__)
MOUNT_PATH = "/ogc"
# anonymous requests share the database with the tiles: no OGC query may hold a connection for long
STATEMENT_TIMEOUT = "10s"
# the collections' extents (and columns) are read again after this long, so an edit reaches the metadata too
CATALOG_TTL = dt.timedelta(minutes=5)  # tests shorten it


class OgcMount(Mount):
    """Starlette's Mount matches `.*`, which stops at a newline: /ogc/collections/a%0Ab fell through to the
    service's own 404 (its JSON, not the OGC exception). Every path under /ogc is ours."""

    def __init__(self, path: str, app: OgcApi, name: str) -> None:
        super().__init__(path, app=app, name=name)
        self.path_regex = re.compile(self.path_regex.pattern, re.DOTALL)


def routes() -> list[BaseRoute]:
    return [OgcMount(MOUNT_PATH, app=OgcApi(), name="ogc")]


def _ogc_app(app: Starlette) -> OgcApi | None:
    for route in app.routes:
        if isinstance(route, Mount) and route.path == MOUNT_PATH and isinstance(route.app, OgcApi):
            return route.app
    return None


async def connect_parameters(dsn: str) -> dict[str, object]:
    """asyncpg reads no pg_service.conf: resolve the public DSN (service=..., socket, ~/.pgpass) with libpq
    once, and give asyncpg the same host, port, database, user (and the password libpq found, if any)."""
    async with await psycopg.AsyncConnection.connect(dsn) as conn:
        info = conn.info
        params: dict[str, object] = {"host": info.host, "port": info.port, "database": info.dbname,
                                     "user": info.user}
        if info.password:
            params["password"] = info.password
        return params


@contextlib.asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    ogc = _ogc_app(app)
    if ogc is None:
        yield
        return
    settings, catalogue = app.state.settings, app.state.catalogue
    lock = asyncio.Lock()
    pools: list[asyncpg.Pool] = []

    def fresh() -> bool:
        catalog = getattr(ogc.state, "collection_catalog", None)
        return catalog is not None and dt.datetime.now() - catalog["last_updated"] < CATALOG_TTL

    async def ready() -> None:
        """Pool and collections, once and then every CATALOG_TTL; retried on the next request if the database
        was down (a stale catalogue keeps serving meanwhile)."""
        if fresh():
            return
        async with lock:
            if fresh():
                return
            if not pools:
                params = await connect_parameters(settings.public())
                pools.append(await asyncpg.create_pool(
                    **params, min_size=1, max_size=max(2, settings.pool_size // 2),
                    init=connection_factory(["publiek"], "pg_temp"),
                    server_settings={"statement_timeout": STATEMENT_TIMEOUT, "application_name": "buurtkaart-ogc"}))
                ogc.state.pool = pools[0]
            if not getattr(ogc.state, "crs_areas", None):  # once: where RD New is defined, from the database
                async with pools[0].acquire() as conn:
                    ogc.state.crs_areas = {srid: tuple(float(v) for v in await conn.fetchrow(sql))
                                           for srid, sql in AREA_QUERY.items()}
            try:
                async with pools[0].acquire() as conn:
                    loaded = await load_catalog(conn, catalogue)
                old = getattr(ogc.state, "collection_catalog", None)
                if old is not None:  # walks in progress keep seeking across the reload
                    for key, collection in loaded["collections"].items():
                        if key in old["collections"]:
                            collection._seek = old["collections"][key]._seek
                ogc.state.collection_catalog = loaded
            except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError):
                if getattr(ogc.state, "collection_catalog", None) is None:
                    raise
                log.warning("OGC-collecties niet ververst; de vorige blijven in gebruik", exc_info=True)

    ogc.ready = ready
    ogc.limits = OgcLimits.from_settings(settings)
    try:
        await ready()
    except (OSError, psycopg.Error, asyncpg.PostgresError) as exc:  # the first /ogc request tries again
        log.warning("OGC API nog niet klaar: %s", str(exc).strip()[:200])
    try:
        yield
    finally:
        ogc.ready = None
        if pools:
            await pools[0].close()
