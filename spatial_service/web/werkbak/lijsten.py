"""GET /werkbak/lijsten?wijk=&jaar=: the lists of one wijk and year — deals per theme, the wijkagenda's progress,
the buurtactiviteitenplan, wederkerigheid and the monitoring of every item — with the figures of the jaarrapportage:
the same sources with the same columns (spatial_service/reports/figures.py WIJK_FIGURES, the buurt_app.jaar_*/wijk_*
functions), run as the person, never computed here. Items link to their werkbak page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import psycopg
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from spatial_service.reports.figures import WIJK_FIGURES, statement
from spatial_service.web.werkbak.bouwstenen import (
    SOORTEN,
    Invoerfout,
    bedrag,
    datum,
    esc,
    getal,
    item_link,
    lezen,
    melding,
    navigatie,
    rijen,
    tabel,
)
from spatial_service.web.werkbak.pagina import pagina
from spatial_service.web.werkbak.sessie import gebruiker

WIJKEN_SQL = "SELECT wijkcode, wijknaam, gemeentecode FROM werkbak.werkwijken()"
TITELS = {"deals": "Buurtdeals per thema (gesloten in het jaar)",
          "prioriteiten": "Wijkagenda: voortgang per prioriteit",
          "plan": "Buurtactiviteitenplan", "wederkerigheid": "Wederkerigheid: afspraken per partij",
          "monitoring": "Monitoring: waar staat elk item"}
# the sources whose rows are items: their id is asked for too, for the link (the figures stay the same rows)
MET_ID = {"plan", "monitoring"}
LABELS = {"thema_naam": "Thema", "buurtdeals": "Buurtdeals", "groene_deals": "Groene deals", "budget": "Budget",
          "prioriteit": "Prioriteit", "herkomst_naam": "Herkomst", "jaar_van": "Van", "jaar_tot": "Tot en met",
          "doel": "Doel", "evaluatie_naam": "Evaluatie", "evaluatie_toelichting": "Toelichting",
          "initiatieven": "Initiatieven", "soort": "Soort", "titel": "Titel", "status_naam": "Stap",
          "gepland_budget": "Gepland budget", "groene_deal": "Groene deal", "partij_naam": "Partij",
          "afspraken": "Afspraken", "gereed": "Gereed", "gereed_pct": "Gereed (%)", "stappen": "Stappen",
          "sinds": "In deze stap sinds", "dagen": "Dagen", "vastgelopen": "Staat lang stil"}
GELD = {"budget", "gepland_budget"}
JA_NEE = {"groene_deal", "vastgelopen"}


def _cel(naam: str, value: Any, row: dict[str, Any]) -> str:
    if naam == "titel" and "id" in row and row.get("soort") in SOORTEN:
        return item_link(row["soort"], row["id"], value)
    if naam == "soort":
        return esc(SOORTEN.get(value, value))
    if naam in GELD:
        return bedrag(value)
    if naam in JA_NEE:
        return "ja" if value else "nee"
    if isinstance(value, dt.date | dt.datetime):
        return datum(value)
    if isinstance(value, Decimal):
        return esc(f"{value.normalize():f}".replace(".", ","))
    return esc("–" if value is None else value)


async def lijsten(request: Request) -> Response:
    wie = await gebruiker(request)
    fout = None
    try:
        jaar = getal(request.query_params.get("jaar"), "Jaar") or dt.date.today().year
    except Invoerfout as exc:
        fout, jaar = str(exc), dt.date.today().year
    gevraagd = request.query_params.get("wijk", "")

    async def read(conn: psycopg.AsyncConnection) -> tuple[list[dict], dict[str, list[dict]], list[str]]:
        wijken = await rijen(conn, WIJKEN_SQL)
        wijk = next((w for w in wijken if w["wijkcode"] == gevraagd), None if gevraagd else (wijken or [None])[0])
        sections: dict[str, list[dict]] = {}
        if wijk is not None and fout is None:
            params = {"g": wijk["gemeentecode"], "w": wijk["wijkcode"], "y": jaar}
            for name, (source, columns) in WIJK_FIGURES.items():
                sql, _ = statement(source, f"id, {columns}" if name in MET_ID else columns)
                sections[name] = await rijen(conn, sql, params)
        return wijken, sections, [wijk["wijkcode"] if wijk else "", wijk["wijknaam"] if wijk else ""]

    wijken, sections, (code, naam) = await lezen(request, wie, read)
    if gevraagd and not code:
        fout = f"Wijk \"{gevraagd[:20]}\" is niet een van uw wijken: kies er een uit de lijst."
    keuzes = "".join(f'<option value="{esc(w["wijkcode"])}"{" selected" if w["wijkcode"] == code else ""}>'
                     f'{esc(w["wijknaam"])} ({esc(w["wijkcode"])})</option>' for w in wijken)
    parts = [navigatie("/werkbak/lijsten"), melding(fout), "<h1>Lijsten per wijk en jaar</h1>",
             '<form method="get" action="/werkbak/lijsten" class="formulier keuzeformulier">'
             f'<label for="lijst-wijk">Wijk</label><select id="lijst-wijk" name="wijk">{keuzes}</select>'
             f'<label for="lijst-jaar">Jaar</label><input id="lijst-jaar" name="jaar" inputmode="numeric" '
             f'value="{jaar}"><div class="knoppen"><button type="submit" class="knop">Toon</button></div></form>']
    if sections:
        parts.append(f'<p class="uitleg">{esc(naam)}, {jaar}: dezelfde cijfers als de jaarrapportage.</p>')
    for name, rows in sections.items():
        columns = [c for c in (rows[0].keys() if rows else ()) if c != "id"]
        parts.append(f'<section aria-labelledby="lijst-{name}"><h2 id="lijst-{name}">{esc(TITELS[name])}</h2>'
                     + tabel(TITELS[name], [LABELS.get(c, c) for c in columns],
                             ([_cel(c, r[c], r) for c in columns] for r in rows), onder_kop=True)
                     + "</section>")
    return pagina("Lijsten per wijk en jaar", "".join(parts), wie, status=400 if fout else 200)


def routes() -> list[BaseRoute]:
    return [Route("/werkbak/lijsten", lijsten, methods=["GET"])]
