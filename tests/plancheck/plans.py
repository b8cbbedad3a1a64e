"""Plan files written by the tests (DXF with ezdxf, GeoJSON, GeoPackage via fiona)."""

from __future__ import annotations

import json
from pathlib import Path

import ezdxf
import fiona

from tests.plancheck.world import X0, Y0


def plan_dxf(path: Path, *, with_text: bool = True) -> Path:
    """The standard plan as a closed polyline, plus a street axis line and a text label (ignored)."""
    doc = ezdxf.new()
    msp = doc.modelspace()
    msp.add_lwpolyline([(X0 + 400, Y0 + 400), (X0 + 600, Y0 + 400), (X0 + 600, Y0 + 500), (X0 + 400, Y0 + 500)],
                       close=True)
    if with_text:
        msp.add_text("Herinrichting Middenweg", dxfattribs={"insert": (X0 + 450, Y0 + 450)})
    doc.saveas(path)
    return path


def text_only_dxf(path: Path) -> Path:
    doc = ezdxf.new()
    msp = doc.modelspace()
    msp.add_text("alleen tekst", dxfattribs={"insert": (X0, Y0)})
    msp.add_mtext("nog meer tekst")
    doc.saveas(path)
    return path


def plan_geojson(path: Path, coordinates: list, crs: str | None = None) -> Path:
    body: dict = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"naam": "plan"}, "geometry": {"type": "Polygon",
                                                                         "coordinates": coordinates}}]}
    if crs:
        body["crs"] = {"type": "name", "properties": {"name": crs}}
    path.write_text(json.dumps(body))
    return path


def rd_ring(x1: float, y1: float, x2: float, y2: float) -> list:
    return [[[X0 + x1, Y0 + y1], [X0 + x2, Y0 + y1], [X0 + x2, Y0 + y2], [X0 + x1, Y0 + y2], [X0 + x1, Y0 + y1]]]


def plan_gpkg(path: Path, ring: list, crs: str | None) -> Path:
    schema = {"geometry": "Polygon", "properties": {"naam": "str"}}
    with fiona.open(path, "w", driver="GPKG", schema=schema, crs=crs, layer="plan") as dst:
        dst.write({"geometry": {"type": "Polygon", "coordinates": ring}, "properties": {"naam": "plan"}})
    return path
