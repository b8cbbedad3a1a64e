"""The plan-check report: one self-contained HTML page with a map image (inline SVG) and the findings tables."""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from spatial_service.plancheck.findings import SEVERITIES, Finding, summary

COLOURS = {"ernstig": "#d7191c", "waarschuwing": "#fdae61", "info": "#2c7bb6"}
SEVERITY_NAMES = {"ernstig": "Ernstig", "waarschuwing": "Waarschuwing", "info": "Informatie"}
SECTIONS = (
    ("regel", "Regels"), ("beheerobject", "Objecten in de openbare ruimte"), ("buurtdeal", "Buurtdeals"),
    ("afspraak", "Afspraken die op het spel staan"), ("initiatief", "Initiatieven"),
    ("wijk", "Wijken"), ("buurt", "Buurten"),
)
MAP_WIDTH = 640

_CSS = """
body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:70em}
h1{margin-bottom:.2em} .meta{color:#555} table{border-collapse:collapse;width:100%;margin-bottom:1.5em}
th,td{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top;font-size:.9em}
th{background:#f0f0f0} td.num{text-align:right;white-space:nowrap}
.badge{display:inline-block;padding:.1em .5em;border-radius:.8em;color:#fff;font-size:.85em}
.ernstig{background:#d7191c}.waarschuwing{background:#fdae61;color:#222}.info{background:#2c7bb6}
svg{border:1px solid #ccc;background:#fafaf7} .legend span{margin-right:1em}
"""


def render(findings: list[Finding], *, title: str, source: str, notes: Iterable[str] = (),
           generated: datetime | None = None) -> str:
    counts = summary(findings)
    generated = generated or datetime.now()
    plan = next((f for f in findings if f.properties["categorie"] == "plan"), None)
    parts = [
        "<!DOCTYPE html>", '<html lang="nl"><head><meta charset="utf-8">',
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        f'<p class="meta">Plan: {_e(source)} · gemaakt op {generated:%d-%m-%Y %H:%M}</p>',
    ]
    if plan is not None:
        parts.append(f"<p>{_e(plan.properties['melding'])}</p>")
    parts.append("<p>" + " ".join(
        f'<span class="badge {s}">{SEVERITY_NAMES[s]}: {counts[s]}</span>' for s in SEVERITIES) + "</p>")
    notes = list(notes)
    if notes:
        parts.append("<ul>" + "".join(f"<li>{_e(n)}</li>" for n in notes) + "</ul>")
    parts.append(map_svg(findings))
    parts.append('<p class="legend">' + "".join(
        f'<span><svg width="12" height="12"><rect width="12" height="12" fill="{COLOURS[s]}"/></svg> '
        f"{SEVERITY_NAMES[s]}</span>" for s in SEVERITIES)
        + '<span><svg width="12" height="12"><rect width="12" height="12" fill="none" stroke="#000" '
          'stroke-dasharray="3,2"/></svg> Plangebied</span></p>')
    for category, heading in SECTIONS:
        rows = [f for f in findings if f.properties["categorie"] == category]
        if rows:
            parts.append(f"<h2>{_e(heading)} ({len(rows)})</h2>")
            parts.append(_table(rows))
    if not any(f.properties["categorie"] not in ("plan", "wijk", "buurt") for f in findings):
        parts.append("<p>Het plan raakt geen objecten, buurtdeals of initiatieven.</p>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _num(value: Any, unit: str) -> str:
    if value is None:
        return ""
    text = f"{value:,.1f}" if isinstance(value, float) else f"{value:,}"
    return text.replace(",", " ").replace(".", ",") + f" {unit}"


def _table(rows: list[Finding]) -> str:
    head = ("Nr", "Ernst", "Id", "Naam", "Relatie", "In plan", "Aandeel", "Lengte", "Afstand", "Buurtdeal", "Melding")
    out = ["<table><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr>"]
    for f in rows:
        p = f.properties
        deal = f"{p['buurtdeal_id']}: {p['buurtdeal_titel']}" if p["buurtdeal_id"] is not None else ""
        cells = [
            _e(p["volgnr"]), f'<span class="badge {p["ernst"]}">{SEVERITY_NAMES[p["ernst"]]}</span>',
            _e(p["object_id"]), _e(p["naam"]), _e(p["relatie"]),
        ]
        out.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells)
                   + "".join(f'<td class="num">{_e(c)}</td>' for c in (
                       _num(p["oppervlakte_m2"], "m²"), _num(p["aandeel_pct"], "%"), _num(p["lengte_m"], "m"),
                       _num(p["afstand_m"], "m")))
                   + f"<td>{_e(deal)}</td><td>{_e(p['melding'])}</td></tr>")
    out.append("</table>")
    return "".join(out)


def _coords(geometry: dict[str, Any]) -> list[tuple[str, list]]:
    """(kind, coordinates) per simple part: kind is point, line or polygon."""
    kind = geometry["type"]
    if kind == "GeometryCollection":
        return [part for g in geometry["geometries"] for part in _coords(g)]
    simple = {"Point": "point", "LineString": "line", "Polygon": "polygon"}
    if kind in simple:
        return [(simple[kind], geometry["coordinates"])]
    return [(simple[kind[5:]], c) for c in geometry["coordinates"]]


def map_svg(findings: list[Finding]) -> str:
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
        colour = "#000" if is_plan else COLOURS[f.severity]
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
