"""Buurtdeals in the werkbak: make one from an initiative with the commitments of both sides (and close it at once
if wanted), add a commitment, mark one done. Wederkerigheid, the year range and every other rule are the
database's: a refused deal form comes back with the message and everything typed in it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import psycopg
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from spatial_service.web.werkbak.bouwstenen import (
    Invoerfout,
    dag,
    esc,
    geld,
    getal,
    item_pad,
    melding,
    navigatie,
    niet_gevonden,
    per_item,
    rijen,
    schrijven,
    veld,
)
from spatial_service.web.werkbak.item import PARTIJEN_SQL, laden, render, schrijf_en_toon
from spatial_service.web.werkbak.pagina import pagina
from spatial_service.web.werkbak.sessie import Gebruiker, als, csrf_veld

# the rows of the deal form and the party each starts with (the person may change it)
AFSPRAAK_RIJEN = ("bewoners", "bewoners", "gemeente", "gemeente", "partner")
MAKEN_SQL = "SELECT werkbak.buurtdeal_maken(%s, %s, %s, %s, %s)"
AFSPRAAK_INSERT = "INSERT INTO buurt.afspraak (buurtdeal_id, partij, omschrijving, uiterlijk) VALUES (%s, %s, %s, %s)"
# "closed" is the first status that needs wederkerigheid (buurt_vl.status.deal_gesloten), read from the value list
SLUITEN_SQL = ("UPDATE buurt.buurtdeal SET status = (SELECT code FROM buurt_vl.status WHERE deal_gesloten "
               "ORDER BY volgorde LIMIT 1) WHERE id = %s")
GEREED_UPDATE = "UPDATE buurt.afspraak SET gereed = true WHERE id = %s AND buurtdeal_id = %s"


def _invoer(form: FormData) -> dict[str, str]:
    return {k: str(v) for k, v in form.items() if k != "csrf"}


def _formulier(item: Mapping[str, Any], partijen: list[dict[str, Any]], wie: Gebruiker,
               invoer: Mapping[str, Any]) -> str:
    pad = item_pad("initiatief", item["id"])
    rows = []
    for n, standaard in enumerate(AFSPRAAK_RIJEN, start=1):
        gekozen = invoer.get(f"partij_{n}", standaard)
        keuzes = "".join(f'<option value="{esc(p["code"])}"{" selected" if p["code"] == gekozen else ""}>'
                         f'{esc(p["naam"])}</option>' for p in partijen)
        rows.append(f'<fieldset class="afspraak-rij"><legend>Afspraak {n}</legend>'
                    f'<label for="partij-{n}">Partij</label><select id="partij-{n}" name="partij_{n}">{keuzes}</select>'
                    f'<label for="omschrijving-{n}">Wat doet deze partij? (leeg: geen afspraak)</label>'
                    f'<input id="omschrijving-{n}" name="omschrijving_{n}" value="{veld(invoer, f"omschrijving_{n}")}">'
                    f'<label for="uiterlijk-{n}">Uiterlijk gereed (mag leeg)</label>'
                    f'<input id="uiterlijk-{n}" name="uiterlijk_{n}" type="date" '
                    f'value="{veld(invoer, f"uiterlijk_{n}")}"></fieldset>')
    sluiten = " checked" if invoer.get("sluiten") else ""
    return (f'<form method="post" action="{pad}/buurtdeal" class="formulier">{csrf_veld(wie)}'
            f'<label for="deal-titel">Titel</label>'
            f'<input id="deal-titel" name="titel" value="{veld(invoer, "titel", item["titel"])}">'
            f'<label for="deal-jaar">Jaar</label>'
            f'<input id="deal-jaar" name="jaar" inputmode="numeric" '
            f'value="{veld(invoer, "jaar", dt.date.today().year)}">'
            f'<label for="deal-budget">Budget van de gemeente (euro)</label>'
            f'<input id="deal-budget" name="budget" inputmode="decimal" value="{veld(invoer, "budget", "0")}">'
            f'<label for="deal-omschrijving">Omschrijving</label><textarea id="deal-omschrijving" name="omschrijving" '
            f'rows="3">{veld(invoer, "omschrijving", item["omschrijving"] or "")}</textarea>'
            f'<h2>Afspraken: wat doen de bewoners, wat doet de gemeente?</h2>{"".join(rows)}'
            f'<div class="keuze"><input type="checkbox" id="deal-sluiten" name="sluiten" value="ja"{sluiten}>'
            '<label for="deal-sluiten">Buurtdeal meteen sluiten (dan zijn afspraken van bewoners én gemeente nodig)'
            '</label></div><div class="knoppen"><button type="submit" class="knop">Buurtdeal maken</button></div>'
            "</form>")


async def _pagina(request: Request, wie: Gebruiker, item_id: int, fout: str | None = None,
                  invoer: Mapping[str, Any] | None = None) -> Response:
    async with als(request, wie) as conn:
        item = await laden(conn, "initiatief", item_id)
        if item is None:
            return niet_gevonden(wie)
        partijen = await rijen(conn, PARTIJEN_SQL)
    body = (navigatie("") + melding(fout) + f'<h1>Buurtdeal maken van “{esc(item["titel"])}”</h1>'
            f'<p><a href="{item_pad("initiatief", item_id)}">Terug naar het initiatief</a></p>'
            + _formulier(item, partijen, wie, invoer or {}))
    return pagina("Buurtdeal maken", body, wie, status=400 if fout else 200)


@per_item("initiatief")
async def maken_formulier(request: Request, wie: Gebruiker, soort: str, item_id: int, form: FormData) -> Response:
    return await _pagina(request, wie, item_id)


@per_item("initiatief")
async def maken(request: Request, wie: Gebruiker, soort: str, item_id: int, form: FormData) -> Response:
    """POST the deal form: the deal, its commitments and (if asked) the closing, in one transaction."""
    invoer = _invoer(form)
    try:
        jaar = getal(invoer.get("jaar"), "Jaar")
        budget = geld(invoer.get("budget"), "Budget")
        afspraken = [(invoer.get(f"partij_{n}", ""), invoer[f"omschrijving_{n}"].strip(),
                      dag(invoer.get(f"uiterlijk_{n}"), f"Uiterlijk gereed bij afspraak {n}"))
                     for n in range(1, len(AFSPRAAK_RIJEN) + 1) if invoer.get(f"omschrijving_{n}", "").strip()]
    except Invoerfout as exc:
        return await _pagina(request, wie, item_id, str(exc), invoer)

    async def work(conn: psycopg.AsyncConnection) -> int:
        cur = await conn.execute(MAKEN_SQL, (item_id, invoer.get("titel", ""), jaar, budget,
                                             invoer.get("omschrijving") or None))
        deal_id = (await cur.fetchone())[0]
        for partij, omschrijving, uiterlijk in afspraken:
            await conn.execute(AFSPRAAK_INSERT, (deal_id, partij, omschrijving, uiterlijk))
        if invoer.get("sluiten"):
            await conn.execute(SLUITEN_SQL, (deal_id,))
        return deal_id

    deal_id, fout = await schrijven(request, wie, work)
    if fout is not None:
        return await _pagina(request, wie, item_id, fout, invoer)
    return RedirectResponse(f"{item_pad('buurtdeal', deal_id)}?gedaan=buurtdeal", status_code=303)


@per_item("buurtdeal")
async def afspraak(request: Request, wie: Gebruiker, soort: str, deal_id: int, form: FormData) -> Response:
    invoer = _invoer(form)
    try:
        uiterlijk = dag(invoer.get("uiterlijk"), "Uiterlijk gereed")
    except Invoerfout as exc:
        return await render(request, wie, soort, deal_id, str(exc), invoer)
    # INSERT ... SELECT: no row when the deal is out of reach, so the answer is the 404 of a missing deal
    return await schrijf_en_toon(
        request, wie, soort, deal_id, "afspraak", invoer,
        "INSERT INTO buurt.afspraak (buurtdeal_id, partij, omschrijving, uiterlijk) "
        "SELECT d.id, %s, %s, %s FROM buurt.buurtdeal d WHERE d.id = %s",
        (invoer.get("partij", ""), invoer.get("omschrijving", ""), uiterlijk, deal_id))


@per_item("buurtdeal")
async def gereed(request: Request, wie: Gebruiker, soort: str, deal_id: int, form: FormData) -> Response:
    afspraak_id = str(request.path_params.get("afspraak", ""))
    if not afspraak_id.isdigit() or len(afspraak_id) > 9:
        return niet_gevonden(wie)
    return await schrijf_en_toon(request, wie, soort, deal_id, "gereed", {}, GEREED_UPDATE,
                                 (int(afspraak_id), deal_id))


def routes() -> list[BaseRoute]:
    return [
        Route("/werkbak/{soort}/{id}/buurtdeal", maken_formulier, methods=["GET"]),
        Route("/werkbak/{soort}/{id}/buurtdeal", maken, methods=["POST"]),
        Route("/werkbak/{soort}/{id}/afspraak", afspraak, methods=["POST"]),
        Route("/werkbak/{soort}/{id}/afspraak/{afspraak}/gereed", gereed, methods=["POST"]),
    ]
