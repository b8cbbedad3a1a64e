"""A plan sent as GeoJSON (HTTP body): a geometry, a Feature or a FeatureCollection, in WGS84 (RFC 7946) unless a
legacy "crs" member names EPSG:28992. Only parsed and collected here; reprojection, repair and dissolve happen
in the SQL function, like for every other entry point."""

from __future__ import annotations

import math
import re
from typing import Any

import shapely
from shapely.geometry import GeometryCollection, shape
from shapely.geometry.base import BaseGeometry

from spatial_service.plancheck.errors import PlanError
from spatial_service.plancheck.limits import Limits, count_positions

GEOMETRY_TYPES = {"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
                  "GeometryCollection"}
_EPSG = re.compile(r"EPSG:{1,2}(\d+)$", re.IGNORECASE)
ALLOWED_SRIDS = {4326, 28992}


def parse_plan(body: Any, limits: Limits | None = None) -> tuple[BaseGeometry, int]:
    """(collected geometry, srid) of a GeoJSON body; PlanError with a Dutch message for anything else. The number
    of features and of positions is bounded (`limits`, default from the settings) before shapely reads any."""
    limits = limits or Limits.of()
    if not isinstance(body, dict) or "type" not in body:
        raise PlanError("Het plan moet GeoJSON zijn: een geometrie, Feature of FeatureCollection.")
    srid = _srid(body.get("crs"))
    kind = body["type"]
    if not isinstance(kind, str):
        raise PlanError(f"Het GeoJSON-lid 'type' moet tekst zijn, niet {type(kind).__name__}.")
    if kind == "FeatureCollection":
        features = body.get("features")
        if not isinstance(features, list):
            raise PlanError("FeatureCollection zonder lijst 'features'.")
        limits.check_features(len(features))
        raw = [f.get("geometry") if isinstance(f, dict) else None for f in features]
    elif kind == "Feature":
        raw = [body.get("geometry")]
    elif kind in GEOMETRY_TYPES:
        raw = [body]
    else:
        raise PlanError(f"Onbekend GeoJSON-type '{str(kind)[:40]}': verwacht een geometrie, Feature of "
                        "FeatureCollection.")
    positions = 0
    for g in raw:
        positions += _positions(g, limits, positions)
    geoms = []
    for i, g in enumerate(raw, start=1):
        if g is None:
            continue
        try:
            geom = shape(g)
        except (AttributeError, KeyError, IndexError, TypeError, ValueError, OverflowError,
                shapely.errors.ShapelyError) as exc:
            # IndexError (MultiPolygon [[]]) and GeometryTypeError (a GeometryCollection with "coordinates"):
            # shapely on odd input, found by the fuzz run in tests/plancheck/test_limits.py
            raise PlanError(f"Object {i} heeft een ongeldige GeoJSON-geometrie: {exc}") from exc
        except RecursionError as exc:
            raise PlanError(f"Object {i} heeft een ongeldige GeoJSON-geometrie: te diep genest.") from exc
        if not geom.is_empty:
            geoms.append(geom)
    if not geoms:
        raise PlanError("Het plan is leeg: de GeoJSON bevat geen geometrie.")
    collection = GeometryCollection(geoms)
    minx, miny, maxx, maxy = collection.bounds
    if not all(math.isfinite(v) for v in (minx, miny, maxx, maxy)):
        raise PlanError("De coördinaten bevatten een oneindige of ontbrekende waarde (NaN/Infinity).")
    if srid == 4326 and not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        raise PlanError(
            f"De coördinaten (x {minx:.0f}..{maxx:.0f}, y {miny:.0f}..{maxy:.0f}) zijn geen WGS84-lengte/"
            "breedtegraden. GeoJSON is WGS84 (RFC 7946); stuur RD New mee met "
            '"crs": {"type": "name", "properties": {"name": "EPSG:28992"}}.')
    return collection, srid


def _positions(geometry: Any, limits: Limits, before: int) -> int:
    """The positions in a GeoJSON geometry (GeometryCollections included), without recursion; PlanError once the
    plan's total passes the vertex limit."""
    count, stack = 0, [geometry]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if "coordinates" in item:
                count += count_positions(item["coordinates"], limits, "Het plan")
                limits.check_vertices(before + count)
            geometries = item.get("geometries")
            if isinstance(geometries, list):
                limits.check_features(len(geometries), "Een GeometryCollection in het plan")
                stack.extend(geometries)
    return count


def _srid(crs: Any) -> int:
    if crs is None:
        return 4326
    properties = crs.get("properties") if isinstance(crs, dict) else None
    name = properties.get("name", "") if isinstance(properties, dict) else ""
    m = _EPSG.search(str(name).replace("urn:ogc:def:crs:", ""))
    if "CRS84" in str(name).upper():
        return 4326
    if not m or int(m.group(1)) not in ALLOWED_SRIDS:
        raise PlanError(f"Coördinatenstelsel '{str(name)[:60]}' wordt niet ondersteund; gebruik WGS84 (zonder "
                        "crs, RFC 7946) of EPSG:28992 (RD New).")
    return int(m.group(1))


def ewkb_hex(geom: BaseGeometry, srid: int) -> str:
    return shapely.to_wkb(shapely.set_srid(geom, srid), hex=True, include_srid=True)
