"""The plan-check report, one and the same from the CLI (`buurtkaart plancheck --out`) and from QGIS (Processing
buurtkaart:plantoets): the columns of buurt_app.plantoets, the sections, the tables and the page. Each client
brings its own map (the CLI an inline SVG, QGIS a PNG it rendered) and the severities as the database lists them
(SEVERITY_QUERY: code, name and colour from publiek.plantoets_ernst), so no colour is kept here.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

# The columns of buurt_app.plantoets / publiek.plantoets (layers/app/060_plancheck.sql), in order.
PROPERTY_COLUMNS = (
    "volgnr", "categorie", "ernst", "regel", "soort", "object_id", "naam", "relatie", "oppervlakte_m2",
    "aandeel_pct", "lengte_m", "afstand_m", "buurtdeal_id", "buurtdeal_titel", "melding",
)
NUMERIC = ("oppervlakte_m2", "aandeel_pct", "lengte_m", "afstand_m")
INTEGER = ("volgnr", "buurtdeal_id")
SEVERITY_QUERY = "SELECT code, naam, kleur FROM publiek.plantoets_ernst ORDER BY volgorde"
SECTIONS = (
    ("regel", "Regels"), ("beheerobject", "Objecten in de openbare ruimte"), ("buurtdeal", "Buurtdeals"),
    ("afspraak", "Afspraken die op het spel staan"), ("initiatief", "Initiatieven"),
    ("wijk", "Wijken"), ("buurt", "Buurten"),
)
HEAD = ("Nr", "Ernst", "Id", "Naam", "Relatie", "In plan", "Aandeel", "Lengte", "Afstand", "Buurtdeal", "Melding")
Severity = tuple[str, str, str]  # code, naam, kleur

_CSS = """
body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:70em}
h1{margin-bottom:.2em} .meta{color:#555} table{border-collapse:collapse;width:100%;margin-bottom:1.5em}
th,td{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top;font-size:.9em}
th{background:#f0f0f0} td.num{text-align:right;white-space:nowrap}
.badge{display:inline-block;padding:.1em .5em;border-radius:.8em;color:#fff;font-size:.85em}
svg,img{border:1px solid #ccc;background:#fafaf7} .legend span{margin-right:1em}
"""


def counts(findings: Iterable[Mapping[str, Any]], severities: Sequence[Severity]) -> dict[str, int]:
    """Findings per severity, the plan row itself not counted."""
    out = {code: 0 for code, _, _ in severities}
    for f in findings:
        if f["categorie"] != "plan":
            out[f["ernst"]] = out.get(f["ernst"], 0) + 1
    return out


def render(findings: Sequence[Mapping[str, Any]], severities: Sequence[Severity], *, title: str, source: str,
           map_html: str, notes: Iterable[str] = (), generated: datetime | None = None) -> str:
    """The whole page. findings: the rows' properties (PROPERTY_COLUMNS); map_html: the client's map."""
    n = counts(findings, severities)
    names = {code: name for code, name, _ in severities}
    generated = generated or datetime.now()
    plan = next((f for f in findings if f["categorie"] == "plan"), None)
    css = _CSS + "".join(f".{code}{{background:{colour}{_text_on(colour)}}}" for code, _, colour in severities)
    parts = [
        "<!DOCTYPE html>", '<html lang="nl"><head><meta charset="utf-8">',
        f"<title>{_e(title)}</title><style>{css}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        f'<p class="meta">Plan: {_e(source)} · gemaakt op {generated:%d-%m-%Y %H:%M}</p>',
    ]
    if plan is not None:
        parts.append(f"<p>{_e(plan['melding'])}</p>")
    parts.append("<p>" + " ".join(
        f'<span class="badge {code}">{_e(name)}: {n[code]}</span>' for code, name, _ in severities) + "</p>")
    notes = list(notes)
    if notes:
        parts.append("<ul>" + "".join(f"<li>{_e(note)}</li>" for note in notes) + "</ul>")
    parts.append(map_html)
    parts.append('<p class="legend">' + "".join(
        f'<span><svg width="12" height="12"><rect width="12" height="12" fill="{colour}"/></svg> '
        f"{_e(name)}</span>" for _, name, colour in severities)
        + '<span><svg width="12" height="12"><rect width="12" height="12" fill="none" stroke="#000" '
          'stroke-dasharray="3,2"/></svg> Plangebied</span></p>')
    for category, heading in SECTIONS:
        rows = [f for f in findings if f["categorie"] == category]
        if rows:
            parts.append(f"<h2>{_e(heading)} ({len(rows)})</h2>")
            parts.append(_table(rows, names))
    if not any(f["categorie"] not in ("plan", "wijk", "buurt") for f in findings):
        parts.append("<p>Het plan raakt geen objecten, buurtdeals of initiatieven.</p>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _text_on(colour: str) -> str:
    """Dark text on a light badge colour (white stays the default): readable whatever colour the list holds."""
    try:
        r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    except ValueError:
        return ""
    return ";color:#222" if 0.299 * r + 0.587 * g + 0.114 * b > 160 else ""


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def number(value: Any, unit: str) -> str:
    """1234.5 -> '1 234,5 m²'; a whole number without decimals, whichever client read it (int or float)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = f"{value:,.1f}" if isinstance(value, float) else f"{value:,}"
    return text.replace(",", " ").replace(".", ",") + f" {unit}"


def _table(rows: Sequence[Mapping[str, Any]], names: Mapping[str, str]) -> str:
    out = ["<table><tr>" + "".join(f"<th>{h}</th>" for h in HEAD) + "</tr>"]
    for p in rows:
        deal = f"{p['buurtdeal_id']}: {p['buurtdeal_titel']}" if p["buurtdeal_id"] is not None else ""
        cells = [
            _e(p["volgnr"]), f'<span class="badge {_e(p["ernst"])}">{_e(names.get(p["ernst"], p["ernst"]))}</span>',
            _e(p["object_id"]), _e(p["naam"]), _e(p["relatie"]),
        ]
        out.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells)
                   + "".join(f'<td class="num">{_e(c)}</td>' for c in (
                       number(p["oppervlakte_m2"], "m²"), number(p["aandeel_pct"], "%"), number(p["lengte_m"], "m"),
                       number(p["afstand_m"], "m")))
                   + f"<td>{_e(deal)}</td><td>{_e(p['melding'])}</td></tr>")
    out.append("</table>")
    return "".join(out)
