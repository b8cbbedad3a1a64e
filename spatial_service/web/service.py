"""The tile service state: compiled layers, value lists, the cache, and the LISTEN loop that invalidates it."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import logging
import math
import time
from collections.abc import Iterable

import psycopg
from psycopg_pool import AsyncConnectionPool, PoolTimeout

from spatial_service.catalogue import Catalogue, PublicLayer
from spatial_service.db import connection
from spatial_service.settings import Settings
from spatial_service.tiles import sql as tilesql
from spatial_service.web.cache import CachedTile, TileCache, make_etag
from spatial_service.web.replica import ReplicaSync, payload_lsn
from spatial_service.web.requests import MAX_ZOOM, TileRequest

log = logging.getLogger(__name__)

CHANNEL = "buurtkaart_tegels"
# How long a tile request waits for the database to come back (restart, failover) before a 503.
DB_WAIT_SECONDS = 20.0
RECONNECT_MAX_SECONDS = 1.0

# Filter column -> the publiek value list whose codes are the valid values.
VALUE_LIST_QUERIES = {
    "thema": "SELECT code FROM publiek.thema",
    "status": "SELECT code FROM publiek.status",
    "wijkcode": "SELECT code FROM publiek.wijk",
    # every allowed year, from the CHECK on buurt.buurtdeal.jaar (publiek.jaarbereik)
    "jaar": "SELECT generate_series(van, tot)::text FROM publiek.jaarbereik",
    "gemeentecode": "SELECT code FROM publiek.gemeente",
}


class DatabaseUnavailable(connection.DatabaseUnavailable):
    """The database did not answer within DB_WAIT_SECONDS (HTTP 503)."""


def _bbox(value: object) -> tuple[float, float, float, float]:
    """A NOTIFY bbox as four finite numbers, or ValueError."""
    if not isinstance(value, list) or len(value) != 4:
        raise ValueError(f"bbox {value!r}")
    box = tuple(float(v) for v in value)
    if not all(math.isfinite(v) for v in box):
        raise ValueError(f"bbox {value!r}")
    return box  # type: ignore[return-value]


def shape_key(layers: tuple[tilesql.LayerSql, ...], filters: dict[str, dict[str, list]]) -> tuple:
    """What makes two tile statements the same text: the layers and the filter columns (not their values)."""
    return (tuple(layer.id for layer in layers),
            tuple(sorted((lid, tuple(sorted(cols))) for lid, cols in filters.items())))


def layers_for_change(public: Iterable[PublicLayer], bron: str, soorten: list[str] | None) -> set[str]:
    """The catalogue layers a change to publiek view `bron` (of these beheerobject kinds) can affect."""
    hit = set()
    for layer in public:
        if layer.bron != bron:
            continue
        if soorten is not None:
            m = tilesql._FIXED_FILTER.match(layer.filter) if layer.filter and not layer.soort else None
            kind = layer.soort or (m.group(2) if m else None)
            if kind and kind not in soorten:
                continue
        hit.add(layer.id)
    return hit


class TileService:
    def __init__(self, settings: Settings, catalogue: Catalogue, pool: AsyncConnectionPool) -> None:
        self.settings = settings
        self.catalogue = catalogue
        self.pool = pool
        self.cache = TileCache(settings.tile_cache_mb * 1024 * 1024)
        self.compiled: dict[str, tilesql.LayerSql] = {}
        self.value_lists: dict[str, frozenset[str]] = {}
        self.columns: dict[str, dict[str, str]] = {}
        self.extent: tuple[float, float, float, float] | None = None  # lon/lat of the gemeente(n)
        self.listening = False
        self.reconnects = 0
        self.fast_hits = 0  # cached tiles answered by fastpath.TileFastPath, without the router
        self._ready = asyncio.Event()
        self._ready_error: BaseException | None = None
        self._inflight: dict = {}
        self._tasks: list[asyncio.Task] = []
        self._stopping = False
        self._statements: dict = {}
        # tiles from a read replica: invalidations wait until it has replayed the edit (replica.py)
        self.replica: ReplicaSync | None = None
        if settings.replica_dsn:
            self.replica = ReplicaSync(settings.public(), pool, settings.replay_wait_s)

    # --- start-up ----------------------------------------------------------------------------------------
    async def start(self, listen: bool = True) -> None:
        self._tasks.append(asyncio.create_task(self._load_when_reachable()))
        if listen:
            self._tasks.append(asyncio.create_task(self._listen_forever()))
            if self.replica is not None:
                self._tasks.append(asyncio.create_task(self.replica.run()))

    async def stop(self) -> None:
        self._stopping = True
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        if self.replica is not None:
            await self.replica.close()

    async def _load_when_reachable(self) -> None:
        """Compile the catalogue against the database; retried until the database answers, so the service can
        start before PostgreSQL does."""
        while not self._stopping:
            try:
                await self.reload_metadata()
                await self._warm_pool()
                self._ready.set()
                return
            except tilesql.CatalogueMismatch as exc:
                self._ready_error = exc
                self._ready.set()
                log.error("%s", exc)
                return
            except (psycopg.OperationalError, PoolTimeout):
                await asyncio.sleep(0.5)

    async def warm(self, conn: psycopg.AsyncConnection) -> None:
        """Run the statements map users ask for once, prepared, for an empty tile: every layer alone, and the
        virtuele stad's own tile (all public layers in one source, web/style.py) with the layer set of each zoom,
        for all gemeenten and for one (/g/GM..../). The first tile query on a new database connection takes
        ~50 ms (catalogue caches, PostGIS planning; measured; a composite tile more) against ~0.3 ms after: paid
        here, when the pool opens or replaces a connection, instead of by a map user. The pool hands its
        connections out in turn, so even one visitor meets all of them."""
        for layers, filters in self.warm_shapes():
            params = tilesql.tile_params(list(layers), *tilesql.EMPTY_TILE, filters)
            await conn.execute(self.statement(layers, filters, conn), params, prepare=True)

    def warm_shapes(self) -> list[tuple[tuple[tilesql.LayerSql, ...], dict[str, dict[str, list]]]]:
        every = tuple(self.compiled.values())
        by_zoom: list[tuple[tilesql.LayerSql, ...]] = []
        for z in range(MAX_ZOOM + 1):
            active = tuple(lay for lay in every if lay.layer.minzoom <= z <= lay.layer.maxzoom)
            if active and active not in by_zoom:
                by_zoom.append(active)
        shapes: list[tuple[tuple[tilesql.LayerSql, ...], dict[str, dict[str, list]]]] = [
            (layers, {}) for layers in [*((lay,) for lay in every), *by_zoom]]
        for layers in by_zoom:
            # the gemeente's own map: the same tile with its gemeentecode fixed (web/gemeente.py)
            by_gemeente = {lay.id: {"gemeentecode": ["GM0000"]} for lay in layers
                           if "gemeentecode" in lay.layer.filters}
            if by_gemeente:
                shapes.append((layers, by_gemeente))
        return list({shape_key(layers, filters): (layers, filters) for layers, filters in shapes}.values())

    async def _warm_pool(self) -> None:
        """Warm the connections the pool opened before the layers were compiled (held all at once, so each
        one is a different connection)."""
        held: list[psycopg.AsyncConnection] = []
        try:
            for _ in range(self.pool.max_size):
                conn = await self.pool.getconn(timeout=5)
                held.append(conn)
                await self.warm(conn)
        except (psycopg.Error, PoolTimeout) as exc:
            log.warning("verbindingen niet voorverwarmd: %s", str(exc).strip()[:200])
        finally:
            for conn in held:
                await self.pool.putconn(conn)

    async def reload_metadata(self) -> None:
        async with self.pool.connection() as conn:
            rows = await (await conn.execute(tilesql.COLUMNS_QUERY)).fetchall()
            columns: dict[str, dict[str, str]] = {}
            for view, column, dtype in rows:
                columns.setdefault(view, {})[column] = dtype
            compiled = tilesql.compile_layers(self.catalogue.public, columns)
            value_lists = {}
            for column, query in VALUE_LIST_QUERIES.items():
                value_lists[column] = frozenset(r[0] for r in await (await conn.execute(query)).fetchall())
            row = await (await conn.execute(
                "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM "
                "(SELECT ST_Transform(ST_SetSRID(ST_Extent(geom)::geometry, 28992), 4326)::box2d AS e "
                "FROM publiek.gemeente) x")).fetchone()
        self.compiled = compiled
        self.columns = columns
        self.value_lists = value_lists
        self.extent = tuple(row) if row and row[0] is not None else None
        self._statements.clear()

    @property
    def is_ready(self) -> bool:
        return self._ready.is_set() and self._ready_error is None

    async def ready(self) -> None:
        if self.is_ready:
            return
        try:
            await asyncio.wait_for(self._ready.wait(), DB_WAIT_SECONDS)
        except TimeoutError as exc:
            raise DatabaseUnavailable("De database is niet bereikbaar; de kaartlagen zijn nog niet geladen. "
                                      "Probeer het zo opnieuw.") from exc
        if self._ready_error:
            raise self._ready_error

    # --- tiles -------------------------------------------------------------------------------------------
    async def tile(self, req: TileRequest) -> tuple[CachedTile, bool]:
        """The tile and whether it came from the cache. Concurrent requests for one tile share one query."""
        cached = self.cache.get(req.key)
        if cached is not None:
            return cached, True
        generation = self.cache.generation
        pending = self._inflight.get(req.key)
        # join a running query only if no invalidation came in since it started: its result may predate the edit
        if pending is not None and pending[1] == generation:
            return await asyncio.shield(pending[0]), True
        future = asyncio.get_running_loop().create_future()
        entry = (future, generation)
        self._inflight[req.key] = entry
        try:
            body = await self._query(req)
            tile = CachedTile(body, make_etag(body))
            self.cache.put(req.key, tile, generation)
            future.set_result(tile)
            return tile, False
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # retrieved: no "never retrieved" warning when nobody else waited
            raise
        finally:
            if self._inflight.get(req.key) is entry:
                del self._inflight[req.key]

    def statement(self, layers: tuple[tilesql.LayerSql, ...], filters: dict[str, dict[str, list]],
                  conn: psycopg.AsyncConnection) -> bytes:
        """The SQL text for this shape (layers and filter columns), rendered once: composing it from its parts
        on every request costs more than the rest of the service's own work per tile."""
        shape = shape_key(layers, filters)
        stmt = self._statements.get(shape)
        if stmt is None:
            stmt = tilesql.tile_statement(list(layers),
                                          {lid: frozenset(cols) for lid, cols in filters.items()}).as_bytes(conn)
            if len(self._statements) < 1024:
                self._statements[shape] = stmt
        return stmt

    async def _query(self, req: TileRequest) -> bytes:
        # a layer outside its zoom range adds nothing (the TileJSON says so; clients overzoom past maxzoom)
        z, x, y = req.key.z, req.key.x, req.key.y
        active = tuple(lay for lay in req.layers if lay.layer.minzoom <= z <= lay.layer.maxzoom)
        if not active:
            return b""
        if active != req.layers:
            req = dataclasses.replace(req, layers=active,
                                      filters={k: v for k, v in req.filters.items() if k in {a.id for a in active}})
        params = tilesql.tile_params(list(req.layers), z, x, y, req.filters)
        deadline = time.monotonic() + DB_WAIT_SECONDS
        while True:
            try:
                async with self.pool.connection(timeout=max(0.1, deadline - time.monotonic())) as conn:
                    cur = await conn.execute(self.statement(req.layers, req.filters, conn), params, prepare=True)
                    row = await cur.fetchone()
                    return bytes(row[0]) if row and row[0] is not None else b""
            except (psycopg.OperationalError, PoolTimeout) as exc:
                if time.monotonic() >= deadline or self._stopping:
                    raise DatabaseUnavailable("De database is niet bereikbaar; de tegel kan nu niet worden "
                                              "gemaakt. Probeer het zo opnieuw.") from exc
                await asyncio.sleep(0.05)

    # --- invalidation ------------------------------------------------------------------------------------
    def apply_notification(self, payload: str) -> int:
        """Drop the cached tiles a NOTIFY from buurt_app.tg_tegels names. Returns how many were dropped.

        Any role can NOTIFY this channel, so a payload that is not what the trigger sends must never stop the
        listener: it empties the whole cache instead (never stale, only slower for a moment)."""
        try:
            message = json.loads(payload)
            items = message["items"]
            changes = [(layers_for_change(self.catalogue.public, item.get("bron"), item.get("soorten")),
                        _bbox(item["bbox"]), item.get("bron")) for item in items]
        except Exception:
            log.warning("onleesbare tegelmelding genegeerd, hele cache geleegd: %.200s", payload)
            self.cache.clear()
            return 0
        dropped = 0
        for layers, bbox, _bron in changes:
            if layers:
                dropped += self.cache.invalidate(layers, bbox)
        value_lists_changed = str(message.get("tabel")).startswith("buurt_vl.")
        if value_lists_changed or any(bron in ("publiek.wijk", "publiek.gemeente") for _, _, bron in changes):
            # the filter values (wijken, themes, statuses) may have changed
            self._tasks = [t for t in self._tasks if not t.done()]
            self._tasks.append(asyncio.create_task(self._refresh_value_lists()))
        return dropped

    async def _refresh_value_lists(self) -> None:
        with contextlib.suppress(psycopg.Error, PoolTimeout):
            await self.reload_metadata()

    async def _listen_forever(self) -> None:
        """LISTEN on a dedicated connection; after any loss reconnect (the database restarted) and clear the
        cache, because notifications sent while nobody listened are gone."""
        first = True
        while not self._stopping:
            try:
                conn = await psycopg.AsyncConnection.connect(self.settings.public(), autocommit=True,
                                                             connect_timeout=5)
            except psycopg.Error:
                await asyncio.sleep(RECONNECT_MAX_SECONDS)
                continue
            try:
                async with conn:
                    await conn.execute(f"LISTEN {CHANNEL}")
                    if not first:
                        self.cache.clear()
                        self.reconnects += 1
                        if self.replica is not None:
                            # what was missed must also wait for the replica: clear again once it has replayed
                            # everything the primary held when we came back
                            await self.replica.submit(self.cache.clear)
                    first = False
                    self.listening = True
                    async for notify in conn.notifies():
                        if self.replica is None:
                            self.apply_notification(notify.payload)
                        else:
                            payload = notify.payload
                            await self.replica.submit(lambda p=payload: self.apply_notification(p),
                                                      payload_lsn(payload))
            except psycopg.OperationalError as exc:
                log.warning("LISTEN-verbinding verloren (%s); opnieuw verbinden", str(exc).strip()[:200])
            except Exception:
                # e.g. LISTEN refused on a read replica (25006): keep trying, and /health reports it
                log.exception("LISTEN mislukt; opnieuw over %s s", RECONNECT_MAX_SECONDS)
                await asyncio.sleep(RECONNECT_MAX_SECONDS)
            finally:
                self.listening = False
            await asyncio.sleep(0.2)
