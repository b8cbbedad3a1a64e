"""GeoJSON-like geometries (fiona) to hex EWKB with an SRID.

Our own encoder because shapely refuses rings with fewer than four points, and those must reach the database
so the merge can report them by code. PostGIS parses hex EWKB text without the ring-size check.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from spatial_service.errors import BuurtkaartError

_TYPES = {"Point": 1, "LineString": 2, "Polygon": 3, "MultiPoint": 4, "MultiLineString": 5, "MultiPolygon": 6,
          "GeometryCollection": 7}
_SRID_FLAG = 0x20000000

Transform = Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]


class UnsupportedGeometry(BuurtkaartError):
    """A geometry type this encoder does not write (curves); the message names it."""


def _xy(coords: Sequence[Any], transform: Transform | None) -> bytes:
    arr = np.asarray(coords, dtype="<f8").reshape(-1, len(coords[0]) if len(coords) else 2)[:, :2]
    if transform is not None and len(arr):
        x, y = transform(arr[:, 0], arr[:, 1])
        arr = np.column_stack([x, y]).astype("<f8")
    return struct.pack("<I", len(arr)) + np.ascontiguousarray(arr).tobytes()


def _body(gtype: str, coords: Any, transform: Transform | None, parts: Any = None) -> bytes:
    if gtype == "Point":
        return _xy([coords], transform)[4:]
    if gtype == "LineString":
        return _xy(coords, transform)
    if gtype == "Polygon":
        return struct.pack("<I", len(coords)) + b"".join(_xy(ring, transform) for ring in coords)
    if gtype == "GeometryCollection":
        return struct.pack("<I", len(parts)) + b"".join(_encode(p, None, transform) for p in parts)
    child = gtype[5:]  # MultiPoint -> Point
    return struct.pack("<I", len(coords)) + b"".join(
        struct.pack("<BI", 1, _TYPES[child]) + _body(child, c, transform) for c in coords)


def _geometry_parts(geom: Any) -> tuple[str, Any, Any]:
    if isinstance(geom, dict):
        return geom["type"], geom.get("coordinates"), geom.get("geometries")
    return geom.type, getattr(geom, "coordinates", None), getattr(geom, "geometries", None)


def _encode(geom: Any, srid: int | None, transform: Transform | None) -> bytes:
    gtype, coords, parts = _geometry_parts(geom)
    if gtype not in _TYPES:
        raise UnsupportedGeometry(
            f"Geometrietype {gtype} wordt niet ondersteund (alleen punten, lijnen en vlakken, ook multi). Bogen en "
            "gebogen vlakken: zet ze eerst om, bijvoorbeeld met ogr2ogr -nlt CONVERT_TO_LINEAR.")
    head = _TYPES[gtype] | (_SRID_FLAG if srid is not None else 0)
    out = struct.pack("<BI", 1, head)
    if srid is not None:
        out += struct.pack("<I", srid)
    if gtype == "Point" and not coords:
        return out + struct.pack("<dd", float("nan"), float("nan"))
    return out + _body(gtype, coords, transform, parts)


def to_ewkb_hex(geom: Any, srid: int, transform: Transform | None = None) -> str | None:
    """Hex EWKB for a fiona/GeoJSON geometry; None for no geometry."""
    if geom is None:
        return None
    return _encode(geom, srid, transform).hex()


def wkb_hex_with_srid(wkb_hex: str, srid: int) -> str:
    """Add an SRID to little-endian hex WKB (as osmium's WKBFactory writes it)."""
    raw = bytes.fromhex(wkb_hex)
    if raw[0] != 1:
        raise ValueError("alleen little-endian WKB")
    gtype = struct.unpack("<I", raw[1:5])[0] | _SRID_FLAG
    return (raw[:1] + struct.pack("<II", gtype, srid) + raw[5:]).hex()
