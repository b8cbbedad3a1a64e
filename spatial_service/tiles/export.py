"""Static export of the composite tiles (all public layers) over the municipality extent to PMTiles/MBTiles.

The tiles come from the same compiled SQL as the live service, on the public role, so an exported tile decodes
to exactly the features the service serves (and never more: publiek is all that role can read).
"""

from __future__ import annotations

import gzip
import json
import math
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
from pmtiles.tile import Compression, TileType, zxy_to_tileid
from pmtiles.writer import Writer

from spatial_service.catalogue import Catalogue
from spatial_service.db.connection import connect
from spatial_service.errors import BuurtkaartError
from spatial_service.tiles import sql as tilesql
from spatial_service.tiles.sql import field_type

Progress = Callable[[int, int, int], None]  # done, total, zoom


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


def municipality_bounds(conn: psycopg.Connection) -> tuple[float, float, float, float]:
    row = conn.execute(
        "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM "
        "(SELECT ST_Transform(ST_SetSRID(ST_Extent(geom)::geometry, 28992), 4326)::box2d AS e "
        "FROM publiek.gemeente) x").fetchone()
    if row is None or row[0] is None:
        raise ExportError("Geen gemeentegrens in publiek.gemeente: importeer eerst de grenzen, dan is er een "
                          "gebied om te exporteren.")
    return tuple(row)


def render_tiles(conn: psycopg.Connection, compiled: dict[str, tilesql.LayerSql], coords: list[tuple[int, ...]],
                 progress: Progress | None = None) -> Iterator[tuple[int, int, int, bytes]]:
    statements: dict[tuple[str, ...], object] = {}
    for done, (z, x, y) in enumerate(coords, start=1):
        active = [lay for lay in compiled.values() if lay.layer.minzoom <= z <= lay.layer.maxzoom]
        body = b""
        if active:
            key = tuple(lay.id for lay in active)
            stmt = statements.get(key) or statements.setdefault(key, tilesql.tile_statement(active, {}))
            row = conn.execute(stmt, tilesql.tile_params(active, z, x, y, {}), prepare=True).fetchone()
            body = bytes(row[0]) if row and row[0] is not None else b""
        if progress:
            progress(done, len(coords), z)
        yield z, x, y, body


def export(dsn: str, catalogue: Catalogue, pmtiles_path: Path | None, mbtiles_path: Path | None,
           minzoom: int, maxzoom: int, progress: Progress | None = None) -> ExportResult:
    if not 0 <= minzoom <= maxzoom <= 22:
        raise ExportError(f"Ongeldig zoombereik {minzoom}-{maxzoom}: 0 ≤ --minzoom ≤ --maxzoom ≤ 22.")
    if pmtiles_path is None and mbtiles_path is None:
        raise ExportError("Geef --out (PMTiles) en/of --mbtiles: waar moeten de tegels heen?")
    with connect(dsn, autocommit=True) as conn:
        compiled, columns = compile_for(conn, catalogue)
        bounds = municipality_bounds(conn)
        coords = sorted(tile_range(bounds, minzoom, maxzoom), key=lambda t: zxy_to_tileid(*t))
        tiles = [(z, x, y, gzip.compress(body, mtime=0)) for z, x, y, body in
                 render_tiles(conn, compiled, coords, progress) if body]
    metadata = {
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
    if not tiles:
        raise ExportError(f"Geen enkele tegel met inhoud tussen zoom {minzoom} en {maxzoom}: kies een zoombereik "
                          "waarin de lagen zichtbaar zijn (zie minzoom/maxzoom in layers/catalogue.toml).")
    size = 0
    if pmtiles_path:
        size += write_pmtiles(pmtiles_path, tiles, bounds, minzoom, maxzoom, metadata)
    if mbtiles_path:
        size += write_mbtiles(mbtiles_path, tiles, bounds, minzoom, maxzoom, metadata)
    return ExportResult(len(tiles), len(coords) - len(tiles), size, bounds)


def _e7(value: float) -> int:
    return round(value * 10_000_000)


def write_pmtiles(path: Path, tiles: list[tuple[int, int, int, bytes]], bounds: tuple[float, ...],
                  minzoom: int, maxzoom: int, metadata: dict) -> int:
    tmp = path.with_suffix(path.suffix + ".tmp")
    with open(tmp, "wb") as f:
        writer = Writer(f)
        for z, x, y, data in tiles:
            writer.write_tile(zxy_to_tileid(z, x, y), data)
        writer.finalize(
            {"tile_type": TileType.MVT, "tile_compression": Compression.GZIP,
             "min_zoom": minzoom, "max_zoom": maxzoom,
             "min_lon_e7": _e7(bounds[0]), "min_lat_e7": _e7(bounds[1]),
             "max_lon_e7": _e7(bounds[2]), "max_lat_e7": _e7(bounds[3]),
             "center_zoom": max(minzoom, min(maxzoom, 12)),
             "center_lon_e7": _e7((bounds[0] + bounds[2]) / 2), "center_lat_e7": _e7((bounds[1] + bounds[3]) / 2)},
            metadata,
        )
    tmp.replace(path)
    return path.stat().st_size


def write_mbtiles(path: Path, tiles: list[tuple[int, int, int, bytes]], bounds: tuple[float, ...],
                  minzoom: int, maxzoom: int, metadata: dict) -> int:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    try:
        db.executescript("CREATE TABLE metadata (name text, value text);"
                         "CREATE TABLE tiles (zoom_level integer, tile_column integer, tile_row integer, "
                         "tile_data blob);"
                         "CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);")
        center = ((bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2, max(minzoom, min(maxzoom, 12)))
        meta = {"name": metadata["name"], "format": "pbf", "type": "overlay", "version": "1",
                "description": metadata["description"], "attribution": metadata["attribution"],
                "minzoom": str(minzoom), "maxzoom": str(maxzoom), "bounds": ",".join(f"{b:.6f}" for b in bounds),
                "center": ",".join(str(round(c, 6)) for c in center),
                "json": json.dumps({"vector_layers": metadata["vector_layers"]})}
        db.executemany("INSERT INTO metadata VALUES (?, ?)", meta.items())
        # MBTiles rows count from the south (TMS)
        db.executemany("INSERT INTO tiles VALUES (?, ?, ?, ?)",
                       [(z, x, (2**z - 1) - y, data) for z, x, y, data in tiles])
        db.commit()
    finally:
        db.close()
    tmp.replace(path)
    return path.stat().st_size
