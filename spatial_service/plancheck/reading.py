"""Read a plan file (DXF, GeoJSON, GeoPackage, Shapefile, ...) into one geometry in RD New (EPSG:28992).

The file's features are only collected, not dissolved or repaired: the SQL function does that, so every entry
point (CLI, HTTP, QGIS) treats a plan the same way and the report can say what was repaired.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import fiona
import psycopg
import shapely
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError
from shapely.geometry import GeometryCollection, shape
from shapely.geometry.base import BaseGeometry

from spatial_service.plancheck.errors import PlanError
from spatial_service.plancheck.limits import Limits

RD_NEW = CRS.from_epsg(28992)
# Where RD New is defined (a DXF outside it is not in RD New) is buurt_app.rd_gebied(), the one place it is
# written; the caller reads it with RD_AREA_QUERY and passes it in.
RD_AREA_QUERY = "SELECT ST_XMin(g), ST_YMin(g), ST_XMax(g), ST_YMax(g) FROM buurt_app.rd_gebied() g"
Bounds = tuple[float, float, float, float]
DXF_SUFFIXES = {".dxf"}
FIONA_SUFFIXES = {".geojson", ".json", ".gpkg", ".shp", ".fgb", ".gml", ".kml"}


@dataclass
class Plan:
    """A plan read from a file: its geometry in RD New plus what the reader had to assume or skip."""

    geometry: BaseGeometry
    source: str
    source_crs: str
    features: int
    notes: list[str] = field(default_factory=list)

    def ewkb_hex(self) -> str:
        return shapely.to_wkb(shapely.set_srid(self.geometry, 28992), hex=True, include_srid=True)


def parse_crs(text: str, what: str = "--crs") -> CRS:
    try:
        return CRS.from_user_input(text)
    except CRSError as exc:
        raise PlanError(f"{what}: onbekend coördinatenstelsel '{text}' (voorbeeld: EPSG:28992).") from exc


def rd_area(conn: psycopg.Connection) -> Bounds:
    """buurt_app.rd_gebied() as (xmin, ymin, xmax, ymax)."""
    row = conn.execute(RD_AREA_QUERY).fetchone()
    return tuple(float(v) for v in row)  # type: ignore[return-value]


def read_plan(path: Path | str, *, rd_area: Bounds, crs: str | None = None, layer: str | None = None,
              limits: Limits | None = None) -> Plan:
    """The plan in `path` as one GeometryCollection in RD New. `crs` overrides (or supplies) the file's CRS;
    `rd_area` (from `rd_area(conn)`) is where a DXF without one must lie to be taken as RD New. The file's size,
    number of features, vertices and (DXF) block nesting are bounded by `limits` (default: the settings)."""
    path = Path(path)
    limits = limits or Limits.of()
    if not path.exists():
        raise PlanError(f"Planbestand {path} bestaat niet.")
    if path.is_file() and path.stat().st_size == 0:
        raise PlanError(f"Planbestand {path.name} is leeg (0 bytes).")
    if path.is_file():
        limits.check_file_size(path.stat().st_size, path.name)
    suffix = path.suffix.lower()
    if suffix in DXF_SUFFIXES:
        geoms, notes = _read_dxf(path, limits)
        source_crs, assumed = (parse_crs(crs), False) if crs else (RD_NEW, True)
    elif suffix in FIONA_SUFFIXES:
        geoms, file_crs, notes = _read_fiona(path, layer, limits)
        if crs:
            source_crs, assumed = parse_crs(crs), False
        elif file_crs is not None:
            source_crs, assumed = file_crs, False
        else:
            raise PlanError(f"Planbestand {path.name} heeft geen coördinatenstelsel (geen .prj of CRS-informatie). "
                            "Geef het op met --crs, bijvoorbeeld --crs EPSG:28992 voor RD New.")
    else:
        supported = ", ".join(sorted(DXF_SUFFIXES | FIONA_SUFFIXES))
        raise PlanError(f"Planbestand {path.name}: onbekend formaat '{suffix or '(geen extensie)'}'; "
                        f"ondersteund: {supported}.")
    if not geoms:
        raise PlanError(f"Planbestand {path.name} bevat geen geometrie om te toetsen"
                        + (f" ({'; '.join(notes)})" if notes else "") + ".")
    collection = GeometryCollection(geoms)
    if assumed:
        notes.append("DXF heeft geen coördinatenstelsel; aangenomen is RD New (EPSG:28992).")
        _require_rd(collection, path.name, rd_area)
    geometry = _to_rd(collection, source_crs, path.name)
    return Plan(geometry, str(path), _crs_name(source_crs), len(geoms), notes)


def _crs_name(crs: CRS) -> str:
    epsg = crs.to_epsg()
    return f"EPSG:{epsg}" if epsg else crs.name


def _to_rd(geom: BaseGeometry, source: CRS, name: str) -> BaseGeometry:
    if source.equals(RD_NEW, ignore_axis_order=True):
        return geom
    transformer = Transformer.from_crs(source, RD_NEW, always_xy=True)
    result = shapely.transform(geom, lambda xy: _stack(transformer.transform(xy[:, 0], xy[:, 1])))
    if not shapely.is_empty(result) and not all(map(_finite, result.bounds)):
        raise PlanError(f"Planbestand {name}: de coördinaten kunnen niet van {_crs_name(source)} naar RD New "
                        "worden omgezet; klopt het coördinatenstelsel?")
    return result


def _stack(xy: tuple) -> object:
    import numpy as np

    return np.column_stack(xy)


def _finite(value: float) -> bool:
    return value == value and abs(value) != float("inf")


def _require_rd(geom: BaseGeometry, name: str, area: Bounds) -> None:
    minx, miny, maxx, maxy = geom.bounds
    x1, y1, x2, y2 = area
    if not (x1 <= minx and maxx <= x2 and y1 <= miny and maxy <= y2):
        raise PlanError(f"Planbestand {name}: de coördinaten (x {minx:.0f}..{maxx:.0f}, y {miny:.0f}..{maxy:.0f}) "
                        "liggen niet in RD New (EPSG:28992), het aangenomen stelsel voor DXF. "
                        "Geef het juiste stelsel op met --crs.")


def _read_fiona(path: Path, layer: str | None, limits: Limits) -> tuple[list[BaseGeometry], CRS | None, list[str]]:
    notes: list[str] = []
    geoms: list[BaseGeometry] = []
    what = f"Planbestand {path.name}"
    try:
        layers = fiona.listlayers(path)
        if layer is not None and layer not in layers:
            raise PlanError(f"Planbestand {path.name} heeft geen laag '{layer}'; lagen: {', '.join(layers)}.")
        chosen = layer or layers[0]
        if len(layers) > 1 and layer is None:
            notes.append(f"Het bestand heeft {len(layers)} lagen; getoetst is de eerste: '{chosen}'.")
        with fiona.open(path, layer=chosen) as src:
            crs = CRS.from_user_input(src.crs.to_wkt()) if src.crs else None
            skipped = vertices = 0
            for n, feature in enumerate(src, start=1):
                limits.check_features(n, what)
                if feature.geometry is None:
                    skipped += 1
                    continue
                geom = shape(feature.geometry)
                vertices += shapely.get_num_coordinates(geom)
                limits.check_vertices(vertices, what)
                if not geom.is_empty:
                    geoms.append(geom)
            if skipped:
                notes.append(f"{skipped} object(en) zonder geometrie overgeslagen.")
    except PlanError:
        raise
    except Exception as exc:
        # GDAL (through fiona), pyproj and shapely parse a file anyone can hand in; whatever they raise on a
        # broken one (FionaError, DriverError, CRSError, GEOSException, KeyError on an odd geometry, ...) means
        # the file cannot be read, which the user is told in Dutch. A bug of ours would still show its message.
        raise PlanError(f"Planbestand {path.name} kan niet worden gelezen: {str(exc).strip()[:300]}") from exc
    return geoms, crs, notes


def _read_dxf(path: Path, limits: Limits) -> tuple[list[BaseGeometry], list[str]]:
    import ezdxf
    from ezdxf.addons import geo

    what = f"Planbestand {path.name}"
    try:
        doc = ezdxf.readfile(path)
    except Exception as exc:
        # ezdxf parses a file anyone can hand in: besides DXFError a broken one can raise ValueError, IndexError,
        # UnicodeDecodeError, ... all meaning "not a readable DXF"
        raise PlanError(f"Planbestand {path.name} is geen leesbaar DXF-bestand: {str(exc).strip()[:300]}") from exc
    geoms: list[BaseGeometry] = []
    skipped: dict[str, int] = {}
    vertices = 0
    try:
        for n, entity in enumerate(_flatten(doc.modelspace(), limits, what), start=1):
            limits.check_features(n, what)
            kind = entity.dxftype()
            try:
                geom = shape(geo.proxy(entity, distance=0.1).__geo_interface__)
            except (TypeError, ValueError, ezdxf.DXFError):
                skipped[kind] = skipped.get(kind, 0) + 1
                continue
            vertices += shapely.get_num_coordinates(geom)
            limits.check_vertices(vertices, what)
            if not geom.is_empty:
                geoms.append(geom)
    except PlanError:
        raise
    except Exception as exc:  # as above: ezdxf on a broken entity or block
        raise PlanError(f"Planbestand {path.name} is geen leesbaar DXF-bestand: {str(exc).strip()[:300]}") from exc
    notes = []
    if skipped:
        listed = ", ".join(f"{n} {kind}" for kind, n in sorted(skipped.items()))
        notes.append(("alleen " if not geoms else "") + f"niet-geometrische DXF-elementen overgeslagen: {listed}")
    return geoms, notes


def _flatten(entities, limits: Limits, what: str):
    """Block references (INSERT) exploded into their entities, nested at most `limits.nesting` deep (a block that
    inserts itself would otherwise never end), without recursion."""
    stack = [(iter(entities), 0)]
    while stack:
        current, depth = stack[-1]
        entity = next(current, None)
        if entity is None:
            stack.pop()
        elif entity.dxftype() == "INSERT":
            limits.check_nesting(depth + 1, f"{what}: een blokverwijzing (INSERT)")
            stack.append((iter(entity.virtual_entities()), depth + 1))
        else:
            yield entity
