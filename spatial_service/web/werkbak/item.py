"""The page of one initiative or buurtdeal (/werkbak/{soort}/{id}): what it is, its map, the next steps the workflow
allows as buttons (each with an optional note), the notes per step, its priority, and who did what when. The writes
(a step, a note, a priority) run as the person; a refusal shows the database's message with what was typed kept.

The SQL is in layers/app/049_werkbak.sql (werkbak.item, volgende_stappen, stappen, geschiedenis, geometrie)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import psycopg
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from spatial_service.web.werkbak.bouwstenen import (
    SOORTEN,
    Invoerfout,
    bedrag,
    dag,
    datum,
    esc,
    getal,
    item_pad,
    item_sleutel,
    melding,
    navigatie,
    niet_gevonden,
    per_item,
    rijen,
    schrijven,
    tabel,
    terug_naar,
    veld,
)
from spatial_service.web.werkbak.pagina import pagina
from spatial_service.web.werkbak.sessie import Gebruiker, als, csrf_veld, gebruiker

ITEM_SQL = "SELECT * FROM werkbak.item(%s, %s)"
STAPPEN_SQL = "SELECT * FROM werkbak.volgende_stappen(%s, %s)"
VERLOOP_SQL = "SELECT * FROM werkbak.stappen(%s, %s)"
GESCHIEDENIS_SQL = "SELECT op, door, wat, velden FROM werkbak.geschiedenis(%s, %s)"
VERSLAGEN_SQL = ("SELECT v.id, v.gesprek_op, v.tekst, v.aangemaakt_door, s.naam AS status_naam "
                 "FROM buurt.gespreksverslag v "
                 "JOIN buurt_vl.status s ON s.code = v.status "
                 "WHERE (%(soort)s = 'initiatief' AND v.initiatief_id = %(id)s) "
                 "OR (%(soort)s = 'buurtdeal' AND v.buurtdeal_id = %(id)s) ORDER BY s.volgorde, v.gesprek_op, v.id")
AFSPRAKEN_SQL = ("SELECT a.id, a.partij, p.naam AS partij_naam, a.omschrijving, a.uiterlijk, a.gereed "
                 "FROM buurt.afspraak a JOIN buurt_vl.partij p ON p.code = a.partij "
                 "WHERE a.buurtdeal_id = %s ORDER BY p.volgorde, a.id")
PARTIJEN_SQL = "SELECT code, naam FROM buurt_vl.partij ORDER BY volgorde"
PRIORITEITEN_SQL = ("SELECT id, prioriteit, jaar_van, jaar_tot FROM buurt.wijkagenda WHERE wijkcode = %s "
                    "ORDER BY jaar_van, id")
VERSLAG_INSERT = {
    "initiatief": "INSERT INTO buurt.gespreksverslag (initiatief_id, tekst, gesprek_op) VALUES (%s, %s, "
                  "coalesce(%s, current_date))",
    "buurtdeal": "INSERT INTO buurt.gespreksverslag (buurtdeal_id, tekst, gesprek_op) VALUES (%s, %s, "
                 "coalesce(%s, current_date))",
}
STATUS_UPDATE = {"initiatief": "UPDATE buurt.initiatief SET status = %s WHERE id = %s",
                 "buurtdeal": "UPDATE buurt.buurtdeal SET status = %s WHERE id = %s"}
PRIORITEIT_UPDATE = {"initiatief": "UPDATE buurt.initiatief SET wijkagenda_id = %s WHERE id = %s",
                     "buurtdeal": "UPDATE buurt.buurtdeal SET wijkagenda_id = %s WHERE id = %s"}
GEDAAN = {"stap": "de nieuwe stap is gezet.", "verslag": "het gespreksverslag is bewaard.",
          "prioriteit": "de koppeling met de wijkagenda is bewaard.", "afspraak": "de afspraak is toegevoegd.",
          "gereed": "de afspraak staat op gereed.", "buurtdeal": "de buurtdeal is gemaakt.",
          "gepubliceerd": "het staat nu op de openbare kaart.",
          "ingetrokken": "het staat niet meer op de openbare kaart."}
RICHTING = {"verder": "Volgende stap", "terug": "Terug (correctie)", "uit": "Stoppen"}


async def laden(conn: psycopg.AsyncConnection, soort: str, item_id: int) -> dict[str, Any] | None:
    found = await rijen(conn, ITEM_SQL, (soort, item_id))
    return found[0] if found else None


def _kenmerken(item: Mapping[str, Any]) -> str:
    rows = [("Soort", esc(SOORTEN[item["soort"]])), ("Stap", esc(item["status_naam"])),
            ("Thema", esc(item["thema_naam"])), ("Wijk", esc(item["wijknaam"] or "–")),
            ("Buurt", esc(item["buurtnaam"] or "–")), ("Jaar", esc(item["jaar"])),
            ("Budget gemeente" if item["soort"] == "buurtdeal" else "Begroting", bedrag(item["budget"])),
            ("Wijkagenda", esc(item["prioriteit"] or "geen (spontaan)")),
            ("Openbaar", "ja, op de virtuele stad" if item["gepubliceerd"] else "nee"),
            ("Laatst gewijzigd", f"{datum(item['gewijzigd_op'])} door {esc(item['gewijzigd_door'] or '–')}")]
    if item["soort"] == "initiatief":
        rows[6:6] = [("Ingediend op", datum(item["ingediend_op"])),
                     ("Indiener (niet openbaar)", esc(", ".join(filter(None, (item["indiener_naam"],
                      item["indiener_email"], item["indiener_telefoon"]))) or "–"))]
    if item["initiatief_id"]:
        rows.append(("Uit initiatief", f'<a href="{item_pad("initiatief", item["initiatief_id"])}">initiatief '
                                       f'{item["initiatief_id"]}</a>'))
    body = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    omschrijving = f"<p>{esc(item['omschrijving'])}</p>" if item["omschrijving"] else ""
    return f'{omschrijving}<dl class="kenmerken">{body}</dl>'


def _kaart(item: Mapping[str, Any]) -> str:
    pad = item_pad(item["soort"], item["id"])
    return (f'<section aria-labelledby="kop-kaart"><h2 id="kop-kaart">Kaart</h2>'
            f'<p>Ligging: een {esc(item["geometrietype"])} in {esc(item["buurtnaam"] or "onbekende buurt")}.</p>'
            f'<div id="kaart" class="werkbak-kaart" role="region" aria-label="Kaart met de ligging van '
            f'{esc(item["titel"])}" data-geometrie="{pad}/geometrie.json" data-stijl="/style.json"></div>'
            '<link rel="stylesheet" href="/vendor/maplibre-gl/maplibre-gl.css">'
            '<script src="/vendor/maplibre-gl/maplibre-gl.js" defer></script>'
            '<script src="/static/werkbak-kaart.js" defer></script></section>')


def _stapformulier(item: Mapping[str, Any], stappen: list[dict[str, Any]], wie: Gebruiker,
                   invoer: Mapping[str, Any]) -> str:
    pad = item_pad(item["soort"], item["id"])
    kop = '<section aria-labelledby="kop-stap"><h2 id="kop-stap">Volgende stap</h2>'
    if item["buurtdeal_id"]:
        return (f'{kop}<p>Dit initiatief loopt verder als <a href="{item_pad("buurtdeal", item["buurtdeal_id"])}">'
                f'buurtdeal {item["buurtdeal_id"]}</a>: zet daar de volgende stappen.</p></section>')
    deal = ""
    if item["soort"] == "initiatief" and not item["eindstatus"]:
        deal = (f'<p><a class="knop" href="{pad}/buurtdeal">Buurtdeal maken van dit initiatief</a> '
                "(met de afspraken van bewoners en gemeente)</p>")
    if not stappen:
        return f"{kop}<p>Vanuit deze stap kan het niet verder.</p>{deal}</section>"
    knoppen = "".join(f'<button type="submit" name="status" value="{esc(s["status"])}" '
                      f'class="knop knop-{s["richting"]}">'
                      f'{esc(RICHTING[s["richting"]])}: {esc(s["status_naam"])}</button>' for s in stappen)
    return (f'{kop}<p>Nu: <strong>{esc(item["status_naam"])}</strong>.</p>'
            f'<form method="post" action="{pad}/stap" class="formulier">{csrf_veld(wie)}'
            f'<label for="stap-verslag">Gespreksverslag bij deze stap (niet openbaar, mag leeg)</label>'
            f'<textarea id="stap-verslag" name="verslag" rows="4">{veld(invoer, "verslag")}</textarea>'
            f'<div class="knoppen">{knoppen}</div></form>{deal}</section>')


def _verslagen(item: Mapping[str, Any], verslagen: list[dict[str, Any]], wie: Gebruiker,
               invoer: Mapping[str, Any]) -> str:
    pad = item_pad(item["soort"], item["id"])
    lijst = "".join(f'<li><strong>{esc(v["status_naam"])}</strong>, {datum(v["gesprek_op"])} '
                    f'({esc(v["aangemaakt_door"])}):<div class="verslag">{esc(v["tekst"])}</div></li>'
                    for v in verslagen) or "<li>Nog geen gespreksverslagen.</li>"
    return ('<section aria-labelledby="kop-verslagen"><h2 id="kop-verslagen">Gespreksverslagen per stap</h2>'
            f'<ul class="verslagen">{lijst}</ul>'
            f'<form method="post" action="{pad}/verslag" class="formulier">{csrf_veld(wie)}'
            f'<label for="verslag-tekst">Nieuw verslag in de stap "{esc(item["status_naam"])}"</label>'
            f'<textarea id="verslag-tekst" name="tekst" rows="4">{veld(invoer, "tekst")}</textarea>'
            f'<label for="verslag-datum">Datum van het gesprek (leeg: vandaag)</label>'
            f'<input id="verslag-datum" name="gesprek_op" type="date" value="{veld(invoer, "gesprek_op")}">'
            '<div class="knoppen"><button type="submit" class="knop">Verslag bewaren</button></div></form></section>')


def _afspraken(item: Mapping[str, Any], afspraken: list[dict[str, Any]], partijen: list[dict[str, Any]],
               wie: Gebruiker, invoer: Mapping[str, Any]) -> str:
    pad = item_pad("buurtdeal", item["id"])

    def gereed(a: Mapping[str, Any]) -> str:
        if a["gereed"]:
            return "ja"
        return (f'<form method="post" action="{pad}/afspraak/{a["id"]}/gereed" class="inline">{csrf_veld(wie)}'
                f'<button type="submit" class="knop">Gereed melden<span class="sr"> ({esc(a["partij_naam"])}: '
                f'{esc(a["omschrijving"])})</span></button></form>')

    rows = ([esc(a["partij_naam"]), esc(a["omschrijving"]), datum(a["uiterlijk"]), gereed(a)] for a in afspraken)
    keuzes = "".join(f'<option value="{esc(p["code"])}"{" selected" if invoer.get("partij") == p["code"] else ""}>'
                     f'{esc(p["naam"])}</option>' for p in partijen)
    return ('<section aria-labelledby="kop-afspraken"><h2 id="kop-afspraken">Afspraken (wie doet wat)</h2>'
            + tabel("Afspraken van deze buurtdeal", ("Partij", "Afspraak", "Uiterlijk", "Gereed"), rows,
                    "nog geen afspraken")
            + f'<form method="post" action="{pad}/afspraak" class="formulier">{csrf_veld(wie)}'
            '<fieldset><legend>Afspraak toevoegen</legend>'
            f'<label for="afspraak-partij">Partij</label><select id="afspraak-partij" name="partij">{keuzes}</select>'
            f'<label for="afspraak-omschrijving">Wat doet deze partij?</label>'
            f'<input id="afspraak-omschrijving" name="omschrijving" value="{veld(invoer, "omschrijving")}">'
            f'<label for="afspraak-uiterlijk">Uiterlijk gereed (mag leeg)</label>'
            f'<input id="afspraak-uiterlijk" name="uiterlijk" type="date" value="{veld(invoer, "uiterlijk")}">'
            '</fieldset><div class="knoppen"><button type="submit" class="knop">Afspraak toevoegen</button></div>'
            "</form></section>")


def _prioriteit(item: Mapping[str, Any], prioriteiten: list[dict[str, Any]], wie: Gebruiker,
                invoer: Mapping[str, Any]) -> str:
    pad = item_pad(item["soort"], item["id"])
    gekozen = str(invoer.get("wijkagenda_id", item["wijkagenda_id"] or ""))
    keuzes = '<option value="">Geen: een spontaan initiatief</option>' + "".join(
        f'<option value="{p["id"]}"{" selected" if str(p["id"]) == gekozen else ""}>{esc(p["prioriteit"])} '
        f'({p["jaar_van"]}–{p["jaar_tot"]})</option>' for p in prioriteiten)
    return ('<section aria-labelledby="kop-prioriteit"><h2 id="kop-prioriteit">Wijkagenda</h2>'
            f'<form method="post" action="{pad}/prioriteit" class="formulier">{csrf_veld(wie)}'
            f'<label for="prioriteit">Dient deze prioriteit van de wijkagenda van {esc(item["wijknaam"] or "de wijk")}'
            f'</label><select id="prioriteit" name="wijkagenda_id">{keuzes}</select>'
            '<div class="knoppen"><button type="submit" class="knop">Koppeling bewaren</button></div></form></section>')


def _publicatie(item: Mapping[str, Any]) -> str:
    pad = item_pad(item["soort"], item["id"])
    staat = "staat op de openbare kaart" if item["gepubliceerd"] else "is niet openbaar"
    actie = "Intrekken van de openbare kaart" if item["gepubliceerd"] else "Publiceren op de openbare kaart"
    return ('<section aria-labelledby="kop-publicatie"><h2 id="kop-publicatie">Openbaar</h2>'
            f'<p>{"Dit initiatief" if item["soort"] == "initiatief" else "Deze buurtdeal"} {staat}. '
            f'<a href="{pad}/publiceren">{actie}</a> '
            "(u ziet eerst wat er openbaar wordt).</p></section>")


def _geschiedenis(verloop: list[dict[str, Any]], log: list[dict[str, Any]]) -> str:
    stappen = tabel("Stappen", ("Stap", "Vanaf", "Door", "Dagen"),
                    ([esc(s["status_naam"]) + (" (nu)" if s["huidig"] else ""), datum(s["op"]), esc(s["door"]),
                      esc(s["dagen"])] for s in verloop))
    wijzigingen = tabel("Wie deed wat, wanneer", ("Wanneer", "Wie", "Wat", "Details"),
                        ([datum(r["op"]), esc(r["door"]), esc(r["wat"]), esc(r["velden"] or "")] for r in log))
    return ('<section aria-labelledby="kop-geschiedenis"><h2 id="kop-geschiedenis">Geschiedenis</h2>'
            f"{stappen}{wijzigingen}</section>")


async def render(request: Request, wie: Gebruiker, soort: str, item_id: int, fout: str | None = None,
                 invoer: Mapping[str, Any] | None = None) -> Response:
    """The item page; after a refused write with the message and the typed values (status 400)."""
    invoer = invoer or {}
    async with als(request, wie) as conn:
        item = await laden(conn, soort, item_id)
        if item is None:
            return niet_gevonden(wie)
        stappen = await rijen(conn, STAPPEN_SQL, (soort, item_id))
        verslagen = await rijen(conn, VERSLAGEN_SQL, {"soort": soort, "id": item_id})
        verloop = await rijen(conn, VERLOOP_SQL, (soort, item_id))
        log = await rijen(conn, GESCHIEDENIS_SQL, (soort, item_id))
        prioriteiten = await rijen(conn, PRIORITEITEN_SQL, (item["wijkcode"],))
        afspraken = partijen = []
        if soort == "buurtdeal":
            afspraken = await rijen(conn, AFSPRAKEN_SQL, (item_id,))
            partijen = await rijen(conn, PARTIJEN_SQL)
    gedaan = GEDAAN.get(request.query_params.get("gedaan", "")) if fout is None else None
    parts = [navigatie(""), melding(fout), melding(gedaan, "gedaan"),
             f'<p class="soort">{esc(SOORTEN[soort])} {item_id}</p><h1>{esc(item["titel"])}</h1>',
             f'<div class="overzicht"><div>{_kenmerken(item)}</div>{_kaart(item)}</div>',
             _stapformulier(item, stappen, wie, invoer)]
    if soort == "buurtdeal":
        parts.append(_afspraken(item, afspraken, partijen, wie, invoer))
    parts += [_verslagen(item, verslagen, wie, invoer), _prioriteit(item, prioriteiten, wie, invoer),
              _publicatie(item), _geschiedenis(verloop, log)]
    return pagina(f"{SOORTEN[soort]}: {item['titel']}", "".join(parts), wie, status=400 if fout else 200)


@per_item()
async def item_pagina(request: Request, wie: Gebruiker, soort: str, item_id: int, form: FormData) -> Response:
    return await render(request, wie, soort, item_id)


async def geometrie(request: Request) -> Response:
    """The item's own geometry for its map (GeoJSON, WGS84), read as the person: 404 when out of reach."""
    wie = await gebruiker(request)
    key = item_sleutel(request)
    found = None
    if key is not None:
        async with als(request, wie) as conn:
            cur = await conn.execute("SELECT werkbak.geometrie(%s, %s)", key)
            found = (await cur.fetchone())[0]
    if found is None:
        return JSONResponse({"fout": "Niet gevonden", "status": 404}, status_code=404,
                            headers={"Cache-Control": "no-store"})
    return JSONResponse(found, media_type="application/geo+json", headers={"Cache-Control": "no-store"})


async def schrijf_en_toon(request: Request, wie: Gebruiker, soort: str, item_id: int, gedaan: str,
                          invoer: Mapping[str, Any], sql: str, params: tuple[Any, ...], *extra: tuple[str, tuple]
                          ) -> Response:
    """One write (plus `extra` statements before it) as the person: back to the page on success, the page with the
    refusal and the typed values otherwise; 404 when the statement touched no row (out of reach or gone)."""

    async def work(conn: psycopg.AsyncConnection) -> int:
        for extra_sql, extra_params in extra:
            await conn.execute(extra_sql, extra_params)
        cur = await conn.execute(sql, params)
        return cur.rowcount

    touched, fout = await schrijven(request, wie, work)
    if fout is not None:
        return await render(request, wie, soort, item_id, fout, invoer)
    if not touched:
        return niet_gevonden(wie)
    return terug_naar(item_pad(soort, item_id), gedaan)


@per_item()
async def stap(request: Request, wie: Gebruiker, soort: str, item_id: int, form: FormData) -> Response:
    """POST a step (button `status`), with an optional note made in the step being left."""
    invoer = {"verslag": form.get("verslag", "")}
    extra = []
    if str(invoer["verslag"]).strip():
        extra.append((VERSLAG_INSERT[soort], (item_id, str(invoer["verslag"]), None)))
    return await schrijf_en_toon(request, wie, soort, item_id, "stap", invoer, STATUS_UPDATE[soort],
                                 (str(form.get("status", "")), item_id), *extra)


@per_item()
async def verslag(request: Request, wie: Gebruiker, soort: str, item_id: int, form: FormData) -> Response:
    invoer = {"tekst": str(form.get("tekst", "")), "gesprek_op": str(form.get("gesprek_op", ""))}
    try:
        op = dag(invoer["gesprek_op"], "Datum van het gesprek")
    except Invoerfout as exc:
        return await render(request, wie, soort, item_id, str(exc), invoer)
    return await schrijf_en_toon(request, wie, soort, item_id, "verslag", invoer, VERSLAG_INSERT[soort],
                                 (item_id, invoer["tekst"], op))


@per_item()
async def prioriteit(request: Request, wie: Gebruiker, soort: str, item_id: int, form: FormData) -> Response:
    invoer = {"wijkagenda_id": str(form.get("wijkagenda_id", ""))}
    try:
        agenda = getal(invoer["wijkagenda_id"], "Prioriteit")
    except Invoerfout as exc:
        return await render(request, wie, soort, item_id, str(exc), invoer)
    return await schrijf_en_toon(request, wie, soort, item_id, "prioriteit", invoer, PRIORITEIT_UPDATE[soort],
                                 (agenda, item_id))


def routes() -> list[BaseRoute]:
    return [
        Route("/werkbak/{soort}/{id}", item_pagina, methods=["GET"]),
        Route("/werkbak/{soort}/{id}/geometrie.json", geometrie, methods=["GET"]),
        Route("/werkbak/{soort}/{id}/stap", stap, methods=["POST"]),
        Route("/werkbak/{soort}/{id}/verslag", verslag, methods=["POST"]),
        Route("/werkbak/{soort}/{id}/prioriteit", prioriteit, methods=["POST"]),
    ]
