"""Test files written by the tests themselves: CBS/PDOK boundary files, OSM XML, BGT-style layers, CSV."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import fiona
import pyproj
from fiona.crs import CRS

# a small synthetic municipality near Hilversum: 2 wijken x 2 buurten of 1 km², and a second gemeente
ORIGIN = {"GM0402": (138000.0, 468000.0), "GM0307": (155000.0, 460000.0)}
GEMEENTENAAM = {"GM0402": "Hilversum", "GM0307": "Amersfoort"}


@dataclass(frozen=True)
class Area:
    niveau: str
    code: str
    naam: str
    rings: tuple[tuple[tuple[float, float], ...], ...]

    @property
    def gemeentecode(self) -> str:
        return "GM" + self.code[2:6]

    @property
    def wijkcode(self) -> str:
        return "WK" + self.code[2:8]

    def geometry(self, to_wgs84: bool = False) -> dict[str, Any]:
        rings = self.rings
        if to_wgs84:
            t = pyproj.Transformer.from_crs(28992, 4326, always_xy=True)
            rings = tuple(tuple(t.transform(x, y) for x, y in ring) for ring in rings)
        return {"type": "Polygon", "coordinates": [list(r) for r in rings]}


def square(x: float, y: float, size: float = 1000.0) -> tuple[tuple[float, float], ...]:
    return ((x, y), (x + size, y), (x + size, y + size), (x, y + size), (x, y))


def municipality(gm: str = "GM0402") -> list[Area]:
    """Buurten BU<gm>0101, 0102 (wijk 01) and 0201, 0202 (wijk 02), side by side."""
    x0, y0 = ORIGIN[gm]
    n = gm[2:]
    out = []
    for w in (1, 2):
        for b in (1, 2):
            i = (w - 1) * 2 + (b - 1)
            out.append(Area("buurt", f"BU{n}0{w}0{b}", f"Buurt {w}.{b}", (square(x0 + 1000 * i, y0),)))
    return out


def with_rings(area: Area, *rings: tuple[tuple[float, float], ...]) -> Area:
    return replace(area, rings=rings)


BOWTIE_OFFSET = 500.0


def bowtie(x: float, y: float, size: float = 1000.0) -> tuple[tuple[float, float], ...]:
    """A self-intersecting ring (figure eight): invalid, repairable into two triangles."""
    return ((x, y), (x + size, y + size), (x + size, y), (x, y + size), (x, y))


LAYOUTS = {
    "cbs": {"code": "buurtcode", "naam": "buurtnaam", "wijk": "wijkcode", "gm": "gemeentecode",
            "gmnaam": "gemeentenaam", "water": "water"},
    "cbs_hoofdletters": {"code": "BU_CODE", "naam": "BU_NAAM", "wijk": "WK_CODE", "gm": "GM_CODE",
                         "gmnaam": "GM_NAAM", "water": "WATER"},
}


def buurt_properties(area: Area, layout: str) -> dict[str, Any]:
    if layout == "pdok":
        return {"statcode": area.code, "statnaam": area.naam, "rubriek": "buurt", "jrstatcode": f"2019{area.code}"}
    f = LAYOUTS[layout]
    return {f["code"]: area.code, f["naam"]: area.naam, f["wijk"]: area.wijkcode, f["gm"]: area.gemeentecode,
            f["gmnaam"]: GEMEENTENAAM.get(area.gemeentecode, "Onbekend"), f["water"]: "NEE"}


def write_boundaries(path: Path, areas: Iterable[Area], *, layout: str = "cbs", driver: str | None = None,
                     epsg: int | None = 28992, layer: str | None = "buurten", to_wgs84: bool = False,
                     drop_field: str | None = None) -> Path:
    """One layer of buurten in the given layout. epsg=None writes no CRS declaration; epsg other than the
    coordinates' (28992 unless to_wgs84) makes a wrong declaration."""
    areas = list(areas)
    driver = driver or {".gpkg": "GPKG", ".shp": "ESRI Shapefile", ".geojson": "GeoJSON"}[path.suffix]
    sample = buurt_properties(areas[0] if areas else municipality()[0], layout)
    props = {k: "str" for k in sample if k != drop_field}
    schema = {"geometry": "Polygon", "properties": props}
    opts: dict[str, Any] = {}
    if driver == "GPKG" and layer:
        opts["layer"] = layer
    with fiona.open(str(path), "w", driver=driver, schema=schema,
                    crs=CRS.from_epsg(epsg) if epsg else None, **opts) as sink:
        for a in areas:
            p = {k: v for k, v in buurt_properties(a, layout).items() if k != drop_field}
            sink.write(fiona.Feature(geometry=fiona.Geometry.from_dict(a.geometry(to_wgs84)),
                                     properties=fiona.Properties(**p)))
    return path


def write_cbs_geopackage(path: Path, areas: list[Area], wijknamen: dict[str, str] | None = None) -> Path:
    """A CBS-style GeoPackage with three layers: gemeenten, wijken, buurten (wijk/gemeente as the union of
    their buurten's squares, drawn as the bounding box: the buurten tile it exactly)."""
    write_boundaries(path, areas, layer="buurten")
    wijken: dict[str, list[Area]] = {}
    for a in areas:
        wijken.setdefault(a.wijkcode, []).append(a)

    def bbox(members: list[Area]) -> dict[str, Any]:
        xs = [x for m in members for x, _ in m.rings[0]]
        ys = [y for m in members for _, y in m.rings[0]]
        return {"type": "Polygon", "coordinates": [[(min(xs), min(ys)), (max(xs), min(ys)), (max(xs), max(ys)),
                                                    (min(xs), max(ys)), (min(xs), min(ys))]]}

    schema = {"geometry": "Polygon", "properties": {"wijkcode": "str", "wijknaam": "str", "gemeentecode": "str",
                                                    "gemeentenaam": "str", "water": "str"}}
    with fiona.open(str(path), "w", driver="GPKG", layer="wijken", schema=schema, crs=CRS.from_epsg(28992)) as sink:
        for code, members in wijken.items():
            gm = "GM" + code[2:6]
            sink.write(fiona.Feature(geometry=fiona.Geometry.from_dict(bbox(members)), properties=fiona.Properties(
                wijkcode=code, wijknaam=(wijknamen or {}).get(code, f"Wijk {code[-2:]}"), gemeentecode=gm,
                gemeentenaam=GEMEENTENAAM.get(gm, "Onbekend"), water="NEE")))
    schema = {"geometry": "Polygon", "properties": {"gemeentecode": "str", "gemeentenaam": "str", "water": "str"}}
    gemeenten: dict[str, list[Area]] = {}
    for a in areas:
        gemeenten.setdefault(a.gemeentecode, []).append(a)
    with fiona.open(str(path), "w", driver="GPKG", layer="gemeenten", schema=schema,
                    crs=CRS.from_epsg(28992)) as sink:
        for gm, members in gemeenten.items():
            sink.write(fiona.Feature(geometry=fiona.Geometry.from_dict(bbox(members)), properties=fiona.Properties(
                gemeentecode=gm, gemeentenaam=GEMEENTENAAM.get(gm, "Onbekend"), water="NEE")))
    return path


def rd_to_lonlat(x: float, y: float) -> tuple[float, float]:
    return pyproj.Transformer.from_crs(28992, 4326, always_xy=True).transform(x, y)


def write_osm(path: Path, nodes: list[tuple[int, float, float, dict[str, str]]],
              ways: list[tuple[int, list[int], dict[str, str]]]) -> Path:
    """OSM XML. nodes: (id, x, y in RD, tags); ways: (id, node ids, tags)."""
    lines = ["<?xml version='1.0' encoding='UTF-8'?>", '<osm version="0.6" generator="buurtkaart-test">']
    for ident, x, y, tags in nodes:
        lon, lat = rd_to_lonlat(x, y)
        body = "".join(f'<tag k="{k}" v="{v}"/>' for k, v in tags.items())
        lines.append(f'  <node id="{ident}" lat="{lat:.8f}" lon="{lon:.8f}" version="1">{body}</node>')
    for ident, refs, tags in ways:
        body = "".join(f'<nd ref="{r}"/>' for r in refs) + "".join(f'<tag k="{k}" v="{v}"/>' for k, v in tags.items())
        lines.append(f'  <way id="{ident}" version="1">{body}</way>')
    lines.append("</osm>")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def write_layer(path: Path, layer: str | None, geometry: str, props: dict[str, str],
                rows: list[tuple[dict[str, Any], dict[str, Any] | None]], epsg: int | None = 28992,
                driver: str | None = None) -> Path:
    driver = driver or {".gpkg": "GPKG", ".geojson": "GeoJSON", ".shp": "ESRI Shapefile"}[path.suffix]
    opts = {"layer": layer} if layer and driver == "GPKG" else {}
    with fiona.open(str(path), "w", driver=driver, schema={"geometry": geometry, "properties": props},
                    crs=CRS.from_epsg(epsg) if epsg else None, **opts) as sink:
        for p, g in rows:
            sink.write(fiona.Feature(geometry=fiona.Geometry.from_dict(g) if g else None,
                                     properties=fiona.Properties(**p)))
    return path


def point(x: float, y: float) -> dict[str, Any]:
    return {"type": "Point", "coordinates": (x, y)}


def polygon(x: float, y: float, size: float = 20.0) -> dict[str, Any]:
    return {"type": "Polygon", "coordinates": [list(square(x, y, size))]}
