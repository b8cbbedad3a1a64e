"""The CLI's plan-check report: the shared page (spatial_service/core/plancheck_report.py, the same QGIS writes)
with the map as an inline SVG drawn from the findings' RD New geometry."""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from spatial_service.core import plancheck_report as core
from spatial_service.core.plancheck_report import Severity
from spatial_service.plancheck.findings import Finding

MAP_WIDTH = 640


def render(findings: list[Finding], severities: Sequence[Severity], *, title: str, source: str,
           notes: Iterable[str] = (), generated: datetime | None = None) -> str:
    """The shared report (spatial_service.core.plancheck_report) with an inline SVG map."""
    colours = {code: colour for code, _, colour in severities}
    return core.render([f.properties for f in findings], severities, title=title, source=source,
                       map_html=map_svg(findings, colours), notes=notes, generated=generated)


def _coords(geometry: dict[str, Any]) -> list[tuple[str, list]]:
    """(kind, coordinates) per simple part: kind is point, line or polygon."""
    kind = geometry["type"]
    if kind == "GeometryCollection":
        return [part for g in geometry["geometries"] for part in _coords(g)]
    simple = {"Point": "point", "LineString": "line", "Polygon": "polygon"}
    if kind in simple:
        return [(simple[kind], geometry["coordinates"])]
    return [(simple[kind[5:]], c) for c in geometry["coordinates"]]


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def map_svg(findings: list[Finding], colours: Mapping[str, str]) -> str:
    """The plan and every finding's geometry in RD New, coloured by severity; the extent is the plan's
    plus what lies near it (north up, 1 RD metre = 1 unit before scaling)."""
    shapes = [(f, json.loads(f.geometry_rd)) for f in findings if f.geometry_rd]
    drawn = [(f, g) for f, g in shapes if f.properties["categorie"] not in ("wijk", "buurt")]
    xs, ys = [], []
    for _, g in drawn:
        for _, coords in _coords(g):
            for x, y in _flat(coords):
                xs.append(x)
                ys.append(y)
    if not xs:
        return "<p>(geen kaart: geen geometrie)</p>"
    minx, maxx, miny, maxy = min(xs), max(xs), min(ys), max(ys)
    pad = max(maxx - minx, maxy - miny, 10) * 0.05
    minx, maxx, miny, maxy = minx - pad, maxx + pad, miny - pad, maxy + pad
    width, height = maxx - minx, maxy - miny
    px_height = max(120, round(MAP_WIDTH * height / width))
    stroke = width / MAP_WIDTH

    def xy(x: float, y: float) -> str:
        return f"{x - minx:.2f},{maxy - y:.2f}"

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{MAP_WIDTH}" height="{px_height}" '
           f'viewBox="0 0 {width:.2f} {height:.2f}" role="img" aria-label="Kaart van het plan en de bevindingen">']
    # draw plan first, then least severe first so the serious ones end on top
    order = {"plan": 0, "info": 1, "waarschuwing": 2, "ernstig": 3}
    for f, g in sorted(drawn, key=lambda fg: order["plan" if fg[0].properties["categorie"] == "plan"
                                                  else fg[0].severity]):
        is_plan = f.properties["categorie"] == "plan"
        colour = "#000" if is_plan else colours.get(f.severity, "#777")
        title = f"<title>{_e(f.properties['volgnr'])}. {_e(f.properties['melding'])}</title>"
        for kind, coords in _coords(g):
            if kind == "point":
                out.append(f'<circle cx="{coords[0] - minx:.2f}" cy="{maxy - coords[1]:.2f}" r="{5 * stroke:.2f}" '
                           f'fill="{colour}" stroke="#000" stroke-width="{stroke:.2f}">{title}</circle>')
            elif kind == "line":
                out.append(f'<polyline points="{" ".join(xy(*c[:2]) for c in coords)}" fill="none" '
                           f'stroke="{colour}" stroke-width="{3 * stroke:.2f}">{title}</polyline>')
            else:
                d = " ".join("M" + " L".join(xy(*c[:2]) for c in ring) + " Z" for ring in coords)
                style = (f'fill="#ffffff" fill-opacity="0.4" stroke="#000" stroke-dasharray="{4 * stroke:.2f}" '
                         if is_plan else f'fill="{colour}" fill-opacity="0.6" stroke="{colour}" ')
                out.append(f'<path d="{d}" fill-rule="evenodd" {style}stroke-width="{1.5 * stroke:.2f}">'
                           f"{title}</path>")
    out.append("</svg>")
    return "".join(out)


def _flat(coords: list) -> Iterable[tuple[float, float]]:
    if coords and isinstance(coords[0], (int, float)):
        yield coords[0], coords[1]
    else:
        for c in coords:
            yield from _flat(c)
