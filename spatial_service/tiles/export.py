"""Static export of the composite tiles (all public layers) over the extent of the gemeenten (or one) to
PMTiles/MBTiles.

The tiles come from the same compiled SQL as the live service, on the public role, so an exported tile decodes
to exactly the features the service serves (and never more: publiek is all that role can read).
"""

from __future__ import annotations

import contextlib
import gzip
import itertools
import json
import math
import sqlite3
import threading
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import psycopg
from pmtiles.tile import Compression, TileType, tileid_to_zxy, zxy_to_tileid
from pmtiles.writer import Writer
from psycopg import sql

from spatial_service.catalogue import Catalogue
from spatial_service.db import gemeente as scope
from spatial_service.db.connection import connect
from spatial_service.errors import BuurtkaartError
from spatial_service.tiles import sql as tilesql
from spatial_service.tiles.sql import field_type

Progress = Callable[[int, int, int], None]  # done, total, zoom
# PostGIS renders the tiles; two connections keep both cores of a small server busy (benchmarks/export_nederland.py)
RENDER_CONNECTIONS = 2
CHUNK_TILES = 64


class ExportError(BuurtkaartError):
    pass


@dataclass(frozen=True)
class ExportResult:
    tiles: int
    empty: int
    bytes: int
    bounds: tuple[float, float, float, float]


def lonlat_to_tile(lon: float, lat: float, z: int) -> tuple[int, int]:
    n = 2**z
    x = int((lon + 180.0) / 360.0 * n)
    lat_r = math.radians(lat)
    y = int((1.0 - math.asinh(math.tan(lat_r)) / math.pi) / 2.0 * n)
    return min(max(x, 0), n - 1), min(max(y, 0), n - 1)


def tile_range(bounds: tuple[float, float, float, float], minzoom: int, maxzoom: int) -> Iterator[tuple[int, ...]]:
    for z in range(minzoom, maxzoom + 1):
        x0, y0 = lonlat_to_tile(bounds[0], bounds[3], z)
        x1, y1 = lonlat_to_tile(bounds[2], bounds[1], z)
        for x in range(x0, x1 + 1):
            for y in range(y0, y1 + 1):
                yield z, x, y


def compile_for(conn: psycopg.Connection, catalogue: Catalogue) -> tuple[dict, dict]:
    columns: dict[str, dict[str, str]] = {}
    for view, column, dtype in conn.execute(tilesql.COLUMNS_QUERY).fetchall():
        columns.setdefault(view, {})[column] = dtype
    return tilesql.compile_layers(catalogue.public, columns), columns


def municipality_bounds(conn: psycopg.Connection, gemeente: str | None = None) -> tuple[float, float, float, float]:
    """The lon/lat extent of all gemeenten, or of one (a checked code)."""
    row = conn.execute(sql.SQL(
        "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM "
        "(SELECT ST_Transform(ST_SetSRID(ST_Extent(geom)::geometry, 28992), 4326)::box2d AS e "
        "FROM publiek.gemeente{}) x").format(scope.condition(gemeente, "code"))).fetchone()
    if row is None or row[0] is None:
        raise ExportError("Geen gemeentegrens in publiek.gemeente: importeer eerst de grenzen, dan is er een "
                          "gebied om te exporteren.")
    return tuple(row)


def gemeente_filters(compiled: dict[str, tilesql.LayerSql], gemeente: str | None) -> dict[str, dict[str, list]]:
    """The tile filters that cut every layer to one gemeente: the `gemeente` filter of the tile path
    (/g/GM0402/tiles/...), so an exported tile is the live tile of that gemeente."""
    if gemeente is None:
        return {}
    missing = [lay.id for lay in compiled.values() if "gemeentecode" not in lay.layer.filters]
    if missing:
        raise ExportError(f"Laag {', '.join(missing)} heeft geen filter gemeentecode in layers/catalogue.toml: "
                          "die laag kan niet per gemeente worden geëxporteerd.")
    return {lay.id: {"gemeentecode": [gemeente]} for lay in compiled.values()}


def tile_ids(bounds: tuple[float, float, float, float], minzoom: int, maxzoom: int) -> Iterator[int]:
    """The PMTiles tile ids over `bounds`, ascending (what the writer needs for a clustered archive). Ids are
    ordered by zoom first, so one zoom at a time is sorted: a list of one zoom's ids (the country at z14: ~40,000,
    ~1.5 MB); numpy's 8-byte arrays were measured to cost ~20 MB resident just to import."""
    for z in range(minzoom, maxzoom + 1):
        yield from sorted(zxy_to_tileid(*t) for t in tile_range(bounds, z, z))


def tile_count(bounds: tuple[float, float, float, float], minzoom: int, maxzoom: int) -> int:
    total = 0
    for z in range(minzoom, maxzoom + 1):
        x0, y0 = lonlat_to_tile(bounds[0], bounds[3], z)
        x1, y1 = lonlat_to_tile(bounds[2], bounds[1], z)
        total += (x1 - x0 + 1) * (y1 - y0 + 1)
    return total


class TileRenderer:
    """Renders tiles on its own connection, one prepared statement per set of active layers."""

    def __init__(self, dsn: str, compiled: dict[str, tilesql.LayerSql], filters: dict[str, dict[str, list]]) -> None:
        self.conn = connect(dsn, autocommit=True)
        self.compiled = compiled
        self.filters = filters
        self.statements: dict[tuple[str, ...], sql.Composed] = {}

    def render(self, z: int, x: int, y: int) -> bytes:
        active = [lay for lay in self.compiled.values() if lay.layer.minzoom <= z <= lay.layer.maxzoom]
        if not active:
            return b""
        key = tuple(lay.id for lay in active)
        stmt = self.statements.get(key)
        if stmt is None:
            columns = {lid: frozenset(cols) for lid, cols in self.filters.items() if lid in key}
            stmt = self.statements[key] = tilesql.tile_statement(active, columns)
        row = self.conn.execute(stmt, tilesql.tile_params(active, z, x, y, self.filters), prepare=True).fetchone()
        return bytes(row[0]) if row and row[0] is not None else b""

    def close(self) -> None:
        self.conn.close()


def render_tiles(dsn: str, compiled: dict[str, tilesql.LayerSql], ids: Iterator[int], total: int,
                 progress: Progress | None = None, filters: dict[str, dict[str, list]] | None = None,
                 connections: int = RENDER_CONNECTIONS) -> Iterator[tuple[int, int, int, int, bytes]]:
    """(tile id, z, x, y, gzipped MVT) of every tile with content, in the order of `ids`. Chunks of tiles are
    rendered on `connections` database connections at once (PostGIS does the work, so two connections use both
    cores) and handed on in order; at most two chunks per connection are in flight, so memory stays flat however
    many tiles the export has."""
    local = threading.local()
    renderers: list[TileRenderer] = []
    lock = threading.Lock()

    def chunk_of(chunk: list[int]) -> list[tuple[int, int, int, int, bytes]]:
        renderer = getattr(local, "renderer", None)
        if renderer is None:
            renderer = local.renderer = TileRenderer(dsn, compiled, filters or {})
            with lock:
                renderers.append(renderer)
        out = []
        for tile_id in chunk:
            z, x, y = tileid_to_zxy(tile_id)
            out.append((tile_id, z, x, y, renderer.render(z, x, y)))
        return out

    done = 0
    pending: deque[Future] = deque()
    ids = iter(ids)
    try:
        with ThreadPoolExecutor(max_workers=connections, thread_name_prefix="tegels") as pool:
            try:
                while True:
                    while len(pending) < 2 * connections:
                        chunk = list(itertools.islice(ids, CHUNK_TILES))
                        if not chunk:
                            break
                        pending.append(pool.submit(chunk_of, chunk))
                    if not pending:
                        break
                    for tile_id, z, x, y, body in pending.popleft().result():
                        done += 1
                        if progress:
                            progress(done, total, z)
                        if body:
                            yield tile_id, z, x, y, gzip.compress(body, mtime=0)
            finally:
                for future in pending:
                    future.cancel()
    finally:
        for renderer in renderers:
            renderer.close()


def tile_metadata(compiled: dict[str, tilesql.LayerSql], columns: dict[str, dict[str, str]]) -> dict:
    return {
        "name": "buurtkaart",
        "description": "Buurtkaart — virtuele stad: " + ", ".join(lay.layer.titel for lay in compiled.values()),
        "attribution": "Gemeente — Buurtkaart",
        "vector_layers": [
            {"id": lay.id, "description": lay.layer.titel, "minzoom": lay.layer.minzoom,
             "maxzoom": lay.layer.maxzoom,
             "fields": {n: field_type(columns[lay.layer.bron][n]) for n in lay.layer.velden if n != lay.id_column}}
            for lay in compiled.values()
        ],
    }


def export(dsn: str, catalogue: Catalogue, pmtiles_path: Path | None, mbtiles_path: Path | None,
           minzoom: int, maxzoom: int, progress: Progress | None = None, gemeente: str | None = None,
           connections: int = RENDER_CONNECTIONS) -> ExportResult:
    """The tiles of all gemeenten, or of one (`gemeente`, e.g. GM0402: its extent, its rows only), streamed
    into the writers as they are rendered: nothing but the archive's index grows with the number of tiles."""
    if not 0 <= minzoom <= maxzoom <= 22:
        raise ExportError(f"Ongeldig zoombereik {minzoom}-{maxzoom}: 0 ≤ --minzoom ≤ --maxzoom ≤ 22.")
    if pmtiles_path is None and mbtiles_path is None:
        raise ExportError("Geef --out (PMTiles) en/of --mbtiles: waar moeten de tegels heen?")
    with connect(dsn, autocommit=True) as conn:
        compiled, columns = compile_for(conn, catalogue)
        gemeente = scope.checked(conn, gemeente)
        bounds = municipality_bounds(conn, gemeente)
    filters = gemeente_filters(compiled, gemeente)
    metadata = tile_metadata(compiled, columns)
    total = tile_count(bounds, minzoom, maxzoom)
    sinks: list[TileSink] = []
    try:
        if pmtiles_path:
            sinks.append(PMTilesSink(pmtiles_path))
        if mbtiles_path:
            sinks.append(MBTilesSink(mbtiles_path))
        written = 0
        for tile_id, z, x, y, data in render_tiles(dsn, compiled, tile_ids(bounds, minzoom, maxzoom), total,
                                                   progress, filters, connections):
            for sink in sinks:
                sink.add(tile_id, z, x, y, data)
            written += 1
        if not written:
            raise ExportError(f"Geen enkele tegel met inhoud tussen zoom {minzoom} en {maxzoom}: kies een "
                              "zoombereik waarin de lagen zichtbaar zijn (zie minzoom/maxzoom in "
                              "layers/catalogue.toml).")
        size = sum(sink.finish(bounds, minzoom, maxzoom, metadata) for sink in sinks)
    except BaseException:
        for sink in sinks:
            sink.abort()
        raise
    return ExportResult(written, total - written, size, bounds)


def _e7(value: float) -> int:
    return round(value * 10_000_000)


class TileSink:
    """An archive being written: tiles go in as they come (ascending tile id), into a .tmp file beside the
    target that replaces it only when complete."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.tmp = path.with_suffix(path.suffix + ".tmp")
        self.tmp.unlink(missing_ok=True)

    def add(self, tile_id: int, z: int, x: int, y: int, data: bytes) -> None:
        raise NotImplementedError

    def finish(self, bounds: tuple[float, ...], minzoom: int, maxzoom: int, metadata: dict) -> int:
        self.close()
        self.tmp.replace(self.path)
        return self.path.stat().st_size

    def close(self) -> None:
        raise NotImplementedError

    def abort(self) -> None:
        with contextlib.suppress(Exception):
            self.close()
        self.tmp.unlink(missing_ok=True)


class PMTilesSink(TileSink):
    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.file = open(self.tmp, "wb")  # noqa: SIM115 (closed in close())
        # the writer keeps the tile data in a temporary file and only the directory entries in memory
        self.writer = Writer(self.file)

    def add(self, tile_id: int, z: int, x: int, y: int, data: bytes) -> None:
        self.writer.write_tile(tile_id, data)

    def finish(self, bounds: tuple[float, ...], minzoom: int, maxzoom: int, metadata: dict) -> int:
        self.writer.finalize(
            {"tile_type": TileType.MVT, "tile_compression": Compression.GZIP,
             "min_zoom": minzoom, "max_zoom": maxzoom,
             "min_lon_e7": _e7(bounds[0]), "min_lat_e7": _e7(bounds[1]),
             "max_lon_e7": _e7(bounds[2]), "max_lat_e7": _e7(bounds[3]),
             "center_zoom": max(minzoom, min(maxzoom, 12)),
             "center_lon_e7": _e7((bounds[0] + bounds[2]) / 2), "center_lat_e7": _e7((bounds[1] + bounds[3]) / 2)},
            metadata,
        )
        return super().finish(bounds, minzoom, maxzoom, metadata)

    def close(self) -> None:
        self.writer.tile_f.close()  # the writer's temporary tile file (finalize closes it too; twice is harmless)
        self.file.close()


class MBTilesSink(TileSink):
    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.db = sqlite3.connect(self.tmp)
        self.db.executescript("CREATE TABLE metadata (name text, value text);"
                              "CREATE TABLE tiles (zoom_level integer, tile_column integer, tile_row integer, "
                              "tile_data blob);"
                              "CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);")

    def add(self, tile_id: int, z: int, x: int, y: int, data: bytes) -> None:
        # MBTiles rows count from the south (TMS); one transaction until finish()
        self.db.execute("INSERT INTO tiles VALUES (?, ?, ?, ?)", (z, x, (2**z - 1) - y, data))

    def finish(self, bounds: tuple[float, ...], minzoom: int, maxzoom: int, metadata: dict) -> int:
        center = ((bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2, max(minzoom, min(maxzoom, 12)))
        meta = {"name": metadata["name"], "format": "pbf", "type": "overlay", "version": "1",
                "description": metadata["description"], "attribution": metadata["attribution"],
                "minzoom": str(minzoom), "maxzoom": str(maxzoom), "bounds": ",".join(f"{b:.6f}" for b in bounds),
                "center": ",".join(str(round(c, 6)) for c in center),
                "json": json.dumps({"vector_layers": metadata["vector_layers"]})}
        self.db.executemany("INSERT INTO metadata VALUES (?, ?)", meta.items())
        self.db.commit()
        return super().finish(bounds, minzoom, maxzoom, metadata)

    def close(self) -> None:
        self.db.close()
