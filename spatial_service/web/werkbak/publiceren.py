"""Publish or withdraw an initiative or deal (/werkbak/{soort}/{id}/publiceren): first the page shows exactly what
the public would see — every column of its row in the publiek view, computed by werkbak.publicatie_voorbeeld from
that view itself — and what stays private; the person confirms, and the flag is set as them."""

from __future__ import annotations

import json
from typing import Any

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from spatial_service.web.werkbak.bouwstenen import (
    esc,
    item_pad,
    melding,
    navigatie,
    niet_gevonden,
    per_item,
    tabel,
)
from spatial_service.web.werkbak.item import laden, schrijf_en_toon
from spatial_service.web.werkbak.pagina import pagina
from spatial_service.web.werkbak.sessie import Gebruiker, als, csrf_veld

VOORBEELD_SQL = "SELECT werkbak.publicatie_voorbeeld(%s, %s)"
# Dutch labels of the publiek views' columns; a column without one is shown by its name (nothing is left out)
LABELS = {"id": "Nummer", "titel": "Titel", "omschrijving": "Omschrijving", "thema": "Themacode",
          "thema_naam": "Thema", "status": "Statuscode", "status_naam": "Stap", "ingediend_op": "Ingediend op",
          "buurtcode": "Buurtcode", "wijkcode": "Wijkcode", "gemeentecode": "Gemeentecode",
          "steun_pct": "Steun in de buurtpeiling (%)", "respondenten": "Respondenten", "jaar": "Jaar",
          "initiatief_id": "Initiatief", "budget_gemeente": "Budget gemeente",
          "afspraken_bewoners": "Afspraken bewoners", "afspraken_gemeente": "Afspraken gemeente",
          "afspraken_partner": "Afspraken partner"}
PRIVE = {"initiatief": "de naam, het e-mailadres en het telefoonnummer van de indiener, de gespreksverslagen, "
                       "de begroting en wie wat wijzigde",
         "buurtdeal": "de gespreksverslagen, de data waarop afspraken gereed moeten zijn en wie wat wijzigde"}
FLAG_UPDATE = {"initiatief": "UPDATE buurt.initiatief SET gepubliceerd = %s WHERE id = %s",
               "buurtdeal": "UPDATE buurt.buurtdeal SET gepubliceerd = %s WHERE id = %s"}


def _waarde(value: Any) -> str:
    if value is None:
        return "(leeg)"
    if isinstance(value, list):
        return "; ".join(f"{a.get('partij_naam')}: {a.get('omschrijving')}{' (gereed)' if a.get('gereed') else ''}"
                         for a in value) or "(geen)"
    return str(value)


def _voorbeeld(soort: str, rij: dict[str, Any] | None) -> str:
    if rij is None:
        return ("<p><strong>De openbare kaart laat dit niet zien</strong>, ook niet als het gepubliceerd is "
                "(bijvoorbeeld omdat het is ingetrokken).</p>")
    rows = ([esc(LABELS.get(k, "Afspraken" if k == "afspraken" else k)), esc(_waarde(v))] for k, v in rij.items())
    return (tabel("Wat iedereen ziet op de virtuele stad en in de open data", ("Veld", "Waarde"), rows)
            + "<p>En de ligging op de kaart.</p>")


async def _pagina(request: Request, wie: Gebruiker, soort: str, item_id: int, fout: str | None = None) -> Response:
    async with als(request, wie) as conn:
        item = await laden(conn, soort, item_id)
        if item is None:
            return niet_gevonden(wie)
        cur = await conn.execute(VOORBEELD_SQL, (soort, item_id))
        rij = (await cur.fetchone())[0]
    if isinstance(rij, str):
        rij = json.loads(rij)
    pad = item_pad(soort, item_id)
    gepubliceerd = item["gepubliceerd"]
    actie, waarde = ("Intrekken van de openbare kaart", "nee") if gepubliceerd else ("Publiceren", "ja")
    body = (navigatie("") + melding(fout)
            + f'<h1>{esc(actie)}: {esc(item["titel"])}</h1><p><a href="{pad}">Terug naar '
            f'{"het initiatief" if soort == "initiatief" else "de buurtdeal"}</a></p>'
            + ("<p>Dit staat nu op de openbare kaart, zo:</p>" if gepubliceerd else "<p>Na publiceren:</p>")
            + _voorbeeld(soort, rij)
            + f"<p>Nooit openbaar: {esc(PRIVE[soort])}.</p>"
            + f'<form method="post" action="{pad}/publiceren" class="formulier">{csrf_veld(wie)}'
            f'<input type="hidden" name="gepubliceerd" value="{waarde}">'
            f'<div class="knoppen"><button type="submit" class="knop">{esc(actie)} bevestigen</button></div></form>')
    return pagina(actie, body, wie, status=400 if fout else 200)


@per_item()
async def voorbeeld(request: Request, wie: Gebruiker, soort: str, item_id: int, form: FormData) -> Response:
    return await _pagina(request, wie, soort, item_id)


@per_item()
async def bevestigen(request: Request, wie: Gebruiker, soort: str, item_id: int, form: FormData) -> Response:
    publish = form.get("gepubliceerd") == "ja"
    return await schrijf_en_toon(request, wie, soort, item_id, "gepubliceerd" if publish else "ingetrokken", {},
                                 FLAG_UPDATE[soort], (publish, item_id))


def routes() -> list[BaseRoute]:
    return [Route("/werkbak/{soort}/{id}/publiceren", voorbeeld, methods=["GET"]),
            Route("/werkbak/{soort}/{id}/publiceren", bevestigen, methods=["POST"])]
