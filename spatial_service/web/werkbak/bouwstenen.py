"""What the werkbak's pages share: escaping, tables, messages, reading form values, loading one item as the person,
and writing as the person with the database's Dutch refusal kept for the page.

Every read and write runs inside `sessie.als()`, i.e. as the person's own PostgreSQL role: row-level security,
the workflow and every other rule decide, never this code. A row of another gemeente and one that does not exist
look the same here (no row), and both answer 404."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from html import escape
from typing import Any, TypeVar

import psycopg
from psycopg.rows import dict_row
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from spatial_service.errors import database_message, is_rule_violation
from spatial_service.web.werkbak.pagina import pagina
from spatial_service.web.werkbak.sessie import Gebruiker, als, formulier, gebruiker

SOORTEN = {"initiatief": "Initiatief", "buurtdeal": "Buurtdeal"}
STIJL = "/static/werkbak-paginas.css"
MAX_ID = 2_147_483_647  # PostgreSQL integer: a longer number cannot be an id
T = TypeVar("T")


class Invoerfout(ValueError):
    """A form value that cannot be read (not a number, not a date); the message names the field, in Dutch."""


def esc(value: Any) -> str:
    return "" if value is None else escape(str(value), quote=True)


def datum(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return "–"
    if isinstance(value, dt.datetime):
        return value.astimezone().strftime("%d-%m-%Y %H:%M")
    return value.strftime("%d-%m-%Y")


def bedrag(value: Decimal | float | int | None) -> str:
    if value is None:
        return "–"
    whole, cents = f"{Decimal(value):,.2f}".split(".")
    return f"€ {whole.replace(',', '.')},{cents}"


def item_pad(soort: str, item_id: int | str) -> str:
    return f"/werkbak/{soort}/{item_id}"


def item_link(soort: str, item_id: int, titel: str) -> str:
    return f'<a href="{item_pad(soort, item_id)}">{esc(titel)}</a>'


def tabel(bijschrift: str, koppen: Sequence[str], rijen: Iterable[Sequence[str]], leeg: str = "Geen.",
          onder_kop: bool = False) -> str:
    """A table with a caption and column headers; the cells are HTML already (escape values with esc()).
    `onder_kop`: the section's heading already says the caption, so it is there for screen readers only."""
    body = "".join("<tr>" + "".join(f"<td>{cel}</td>" for cel in rij) + "</tr>" for rij in rijen)
    if not body:
        return f'<p class="leeg">{esc(bijschrift)}: {esc(leeg)}</p>'
    head = "".join(f'<th scope="col">{esc(k)}</th>' for k in koppen)
    # a table wider than a phone scrolls in its own box, which the keyboard must reach too (tabindex, named region)
    caption = ' class="sr"' if onder_kop else ""
    return (f'<div class="tabel-rol" tabindex="0" role="region" aria-label="{esc(bijschrift)}"><table>'
            f"<caption{caption}>{esc(bijschrift)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table></div>")


def melding(tekst: str | None, soort: str = "fout") -> str:
    """A message at the top of a page: a refusal (role alert, so a screen reader says it at once) or a confirmation."""
    if not tekst:
        return ""
    rol = 'role="alert"' if soort == "fout" else 'role="status"'
    kop = "Niet opgeslagen" if soort == "fout" else "Opgeslagen"
    klasse = "melding" if soort == "fout" else "gedaan"
    return (f'<div class="{klasse}" {rol} id="melding" tabindex="-1"><strong>{kop}:</strong> {esc(tekst)}</div>')


def navigatie(huidig: str) -> str:
    links = (("/werkbak/", "Inbox"), ("/werkbak/lijsten", "Lijsten per wijk en jaar"))
    current = ' aria-current="page"'
    items = "".join(f'<li><a href="{href}"{current if href == huidig else ""}>{esc(naam)}</a></li>'
                    for href, naam in links)
    # the pages' own look beside the frame's werkbak.css (a stylesheet link may stand in the body)
    return (f'<link rel="stylesheet" href="{STIJL}"><nav class="werkbak-nav" aria-label="Werkbak"><ul>{items}</ul>'
            "</nav>")


def veld(invoer: Mapping[str, Any], naam: str, standaard: Any = "") -> str:
    """A form value to show again (what the person typed, or the default), escaped for an attribute or a textarea."""
    value = invoer.get(naam)
    return esc(standaard if value is None else value)


def getal(tekst: str | None, naam: str) -> int | None:
    tekst = (tekst or "").strip()
    if not tekst:
        return None
    if not tekst.isdigit() or len(tekst) > 9:
        raise Invoerfout(f"{naam} \"{tekst[:20]}\" is geen geheel getal.")
    return int(tekst)


def geld(tekst: str | None, naam: str) -> Decimal | None:
    tekst = (tekst or "").strip().replace("€", "").replace(" ", "")
    if not tekst:
        return None
    # Dutch writing: 1.250,50; also 1250.50 and 1250,50
    if "," in tekst:
        tekst = tekst.replace(".", "").replace(",", ".")
    try:
        value = Decimal(tekst)
    except InvalidOperation:
        raise Invoerfout(f"{naam} \"{tekst[:20]}\" is geen bedrag (bijvoorbeeld 1250 of 1.250,50).") from None
    if not value.is_finite() or abs(value) >= Decimal(10) ** 10:
        raise Invoerfout(f"{naam} \"{tekst[:20]}\" is geen bedrag (bijvoorbeeld 1250 of 1.250,50).")
    return value


def dag(tekst: str | None, naam: str) -> dt.date | None:
    tekst = (tekst or "").strip()
    if not tekst:
        return None
    try:
        return dt.date.fromisoformat(tekst)
    except ValueError:
        try:
            return dt.datetime.strptime(tekst, "%d-%m-%Y").date()
        except ValueError:
            raise Invoerfout(f"{naam} \"{tekst[:20]}\" is geen datum (dd-mm-jjjj).") from None


def item_sleutel(request: Request) -> tuple[str, int] | None:
    """(soort, id) from the path, or None when the path cannot name an item (answered like a missing one)."""
    soort = request.path_params.get("soort", "")
    tekst = str(request.path_params.get("id", ""))
    if soort not in SOORTEN or not tekst.isdigit() or len(tekst) > 10 or int(tekst) > MAX_ID:
        return None
    return soort, int(tekst)


ItemHandler = Callable[[Request, Gebruiker, str, int, FormData], Awaitable[Response]]


def per_item(*soorten: str) -> Callable[[ItemHandler], Callable[[Request], Awaitable[Response]]]:
    """The shape every item route shares: the person (logged in), for a POST the form with its CSRF token checked
    before anything else, then the item the path names; a path that cannot name an item (of one of `soorten`, when
    given) gets the 404 of a missing item. The handler is called with (request, wie, soort, id, form)."""

    def wrap(handler: ItemHandler) -> Callable[[Request], Awaitable[Response]]:
        @functools.wraps(handler)
        async def endpoint(request: Request) -> Response:
            wie = await gebruiker(request)
            form = await formulier(request, wie) if request.method == "POST" else FormData()
            key = item_sleutel(request)
            if key is None or (soorten and key[0] not in soorten):
                return niet_gevonden(wie)
            return await handler(request, wie, *key, form)

        return endpoint

    return wrap


def niet_gevonden(wie: Gebruiker) -> HTMLResponse:
    """The same answer for an item of another gemeente as for one that does not exist: nothing leaks."""
    return pagina("Niet gevonden", navigatie("") + "<h1>Niet gevonden</h1><p>Dit initiatief of deze buurtdeal "
                  "bestaat niet, of hoort niet bij uw gemeente.</p>"
                  '<p><a href="/werkbak/">Terug naar de inbox</a></p>',
                  wie, status=404)


def terug_naar(pad: str, gedaan: str) -> RedirectResponse:
    """After a write: back to the page (POST-redirect-GET), which says what was done (a fixed code, no input)."""
    return RedirectResponse(f"{pad}?gedaan={gedaan}", status_code=303)


async def rijen(conn: psycopg.AsyncConnection, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()
                ) -> list[dict[str, Any]]:
    cur = conn.cursor(row_factory=dict_row)
    await cur.execute(sql, params)
    return await cur.fetchall()


async def lezen(request: Request, wie: Gebruiker, werk: Callable[[psycopg.AsyncConnection], Awaitable[T]]) -> T:
    async with als(request, wie) as conn:
        return await werk(conn)


async def schrijven(request: Request, wie: Gebruiker,
                    werk: Callable[[psycopg.AsyncConnection], Awaitable[T]]) -> tuple[T | None, str | None]:
    """Run `werk` as the person in one transaction. The deferred rules (wederkerigheid) are checked before the end
    (SET CONSTRAINTS ALL IMMEDIATE), so a refusal comes back here as the database's Dutch message, with nothing
    saved: (result, None) or (None, message). A crash is not a refusal and propagates."""
    try:
        async with als(request, wie) as conn:
            result = await werk(conn)
            await conn.execute("SET CONSTRAINTS ALL IMMEDIATE")
        return result, None
    except psycopg.Error as exc:
        if not is_rule_violation(exc):
            raise
        return None, database_message(exc)
