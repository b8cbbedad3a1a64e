"""GET /werkbak/: the inbox — what needs the person now in their wijken (werkbak.inbox in
layers/app/049_werkbak.sql decides what; this page only shows it, grouped by reason)."""

from __future__ import annotations

from itertools import groupby

import psycopg
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from spatial_service.web.werkbak.bouwstenen import SOORTEN, datum, esc, item_link, lezen, navigatie, rijen, tabel
from spatial_service.web.werkbak.pagina import pagina
from spatial_service.web.werkbak.sessie import gebruiker

INBOX_SQL = ("SELECT reden, reden_naam, soort, id, titel, wijknaam, status_naam, sinds, dagen, toelichting "
             "FROM werkbak.inbox()")
WIJKEN_SQL = "SELECT wijkcode, wijknaam FROM werkbak.werkwijken()"
UITLEG = {
    "nieuw": "Initiatieven die nog in de eerste stap staan: bekijk ze en zet ze door naar de check intern.",
    "vastgelopen": "Initiatieven en buurtdeals waarvan de stap al lang niet veranderde.",
    "afspraak_verlopen": "Afspraken die nog niet gereed zijn terwijl hun datum voorbij is.",
    "evaluatie_ontbreekt": "Buurtdeals van een jaar dat (bijna) om is en die nog niet zijn geëvalueerd.",
}


async def inbox(request: Request) -> Response:
    wie = await gebruiker(request)

    async def read(conn: psycopg.AsyncConnection) -> tuple[list[dict], list[dict]]:
        return await rijen(conn, INBOX_SQL), await rijen(conn, WIJKEN_SQL)

    items, wijken = await lezen(request, wie, read)
    parts = [navigatie("/werkbak/"), "<h1>Inbox</h1>",
             f'<p class="uitleg">Uw wijken: {esc(", ".join(w["wijknaam"] for w in wijken) or "geen")}. '
             f"{len(items)} punten vragen aandacht.</p>"]
    if not items:
        parts.append("<p>Er wacht nu niets op u.</p>")
    for reden, group in groupby(items, key=lambda r: r["reden"]):
        rows = list(group)
        parts.append(f'<section aria-labelledby="kop-{reden}"><h2 id="kop-{reden}">{esc(rows[0]["reden_naam"])} '
                     f"({len(rows)})</h2><p>{esc(UITLEG.get(reden, ''))}</p>")
        parts.append(tabel(rows[0]["reden_naam"], ("Titel", "Soort", "Wijk", "Stap", "Sinds", "Dagen", "Toelichting"),
                           ([item_link(r["soort"], r["id"], r["titel"]), esc(SOORTEN[r["soort"]]),
                             esc(r["wijknaam"]), esc(r["status_naam"]), datum(r["sinds"]), esc(r["dagen"]),
                             esc(r["toelichting"] or "")] for r in rows), onder_kop=True))
        parts.append("</section>")
    return pagina("Inbox", "".join(parts), wie)


def routes() -> list[BaseRoute]:
    return [Route("/werkbak/", inbox, methods=["GET"])]
