"""Login, logout and logout everywhere of the werkbak: GET/POST /werkbak/inloggen, POST /werkbak/uitloggen,
POST /werkbak/uitloggen-overal.

The password is checked by PostgreSQL itself: the service connects as the user over BUURTKAART_WERKBAK_LOGIN_DSN
(pg_hba.conf decides how: SCRAM on the local loopback listener, LDAP at a gemeente) and closes that connection
again; the session's queries run on the pool. A wrong password, an unknown user and a role outside
buurtkaart_wijkteam get one and the same Dutch message. The password is never logged or kept.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator
from datetime import timedelta
from html import escape

import psycopg
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from spatial_service.web.werkbak import sessie
from spatial_service.web.werkbak.pagina import NO_STORE, pagina
from spatial_service.web.werkbak.sessie import COOKIE, LOGIN_COOKIE, LOGIN_PATH, Geweigerd

log = logging.getLogger(__name__)

REFUSED = ("Inloggen is niet gelukt: de gebruikersnaam of het wachtwoord klopt niet, of u heeft geen toegang tot "
           "de werkbak.")
THROTTLED = ("Te veel mislukte pogingen om in te loggen. Wacht {minuten} minuten en probeer het dan opnieuw, of "
             "vraag uw beheerder om hulp.")
UNREACHABLE = "Inloggen kan nu niet: de database is niet bereikbaar. Probeer het over een paar minuten opnieuw."
MAX_NAME = 63        # PostgreSQL's longest role name
MAX_PASSWORD = 1000
# A failed login takes at least this long, so its answer tells nothing by its speed (an unknown user is refused by
# pg_hba.conf at once, a wrong password after SCRAM) and guessing is slow even below the throttling's counts.
MIN_FAILURE_S = 0.5
CONNECT_TIMEOUT_S = 10


def terug_of(value: object) -> str:
    """Where to go after the login: a path inside the werkbak only (never another site)."""
    if isinstance(value, str) and value.startswith("/werkbak/") and "//" not in value and "\\" not in value \
            and len(value) <= 500 and value.isprintable():
        return value
    return "/werkbak/"


def login_page(request: Request, *, naam: str = "", melding: str = "", uit: str = "", terug: str = "/werkbak/",
               status: int = 200) -> Response:
    token = request.cookies.get(LOGIN_COOKIE, "")
    if not (20 <= len(token) <= 100):
        token = sessie.new_token()
    alert = f'<p class="melding" role="alert" id="melding">{escape(melding)}</p>' if melding else ""
    gedaan = f'<p class="gedaan" role="status">{escape(uit)}</p>' if uit else ""
    described = ' aria-describedby="melding"' if melding else ""
    inhoud = (
        '<h1>Inloggen op de werkbak</h1>'
        f'{gedaan}<p>Voor wijkteams en buurtcoördinatoren. Log in met de naam en het wachtwoord die uw beheerder u gaf'
        ' (bij een gemeente met Active Directory: uw netwerkaccount).</p>'
        f'{alert}<form method="post" action="{LOGIN_PATH}" class="inloggen">'
        f'<input type="hidden" name="csrf" value="{escape(token)}">'
        f'<input type="hidden" name="terug" value="{escape(terug)}">'
        f'<p><label for="naam">Gebruikersnaam</label><input id="naam" name="naam" type="text" required '
        f'autocomplete="username" autocapitalize="none" spellcheck="false" maxlength="{MAX_NAME}" '
        f'value="{escape(naam)}"{described}></p>'
        f'<p><label for="wachtwoord">Wachtwoord</label><input id="wachtwoord" name="wachtwoord" type="password" '
        f'required autocomplete="current-password" maxlength="{MAX_PASSWORD}"{described}></p>'
        '<p><button type="submit">Inloggen</button></p></form>')
    response = pagina("Inloggen", inhoud, status=status)
    sessie.set_cookie(response, LOGIN_COOKIE, token)
    return response


async def show(request: Request) -> Response:
    terug = terug_of(request.query_params.get("terug"))
    if await sessie.optional_gebruiker(request) is not None:
        return RedirectResponse(terug, status_code=303, headers={"Cache-Control": NO_STORE})
    uit = {"1": "U bent uitgelogd.", "overal": "U bent op alle apparaten uitgelogd."}.get(
        request.query_params.get("uit", ""), "")
    return login_page(request, uit=uit, terug=terug)


# libpq's texts (the service's language: C) for a server it could not reach or that could not take a connection
NOT_REACHED = ("Connection refused", "timeout expired", "could not translate host name", "No such file or directory",
               "Network is unreachable", "No route to host", "server closed the connection unexpectedly",
               "could not connect to server", "Connection timed out", "the database system is", "too many clients",
               "could not receive data from server", "SSL SYSCALL error", "failed to resolve host",
               "Name or service not known")


def unreachable(message: str) -> bool:
    return any(text in message for text in NOT_REACHED)


async def check_password(conninfo: str, naam: str, wachtwoord: str) -> str | None:
    """The role PostgreSQL logged in (its own spelling), or None when it refused the name or password. Raises
    Geweigerd (503) when the database cannot be reached at all."""
    try:
        conn = await psycopg.AsyncConnection.connect(conninfo, user=naam, password=wachtwoord,
                                                     connect_timeout=CONNECT_TIMEOUT_S, autocommit=True)
    except psycopg.OperationalError as exc:
        # A wrong password, an unknown user, no pg_hba.conf rule (not in the group), an LDAP refusal: refused alike.
        # libpq gives a failed connection no SQLSTATE, and the server's text may be in its own language, so only
        # libpq's own (client-side) texts of an unreachable or unready server count as "not reachable". The
        # message never holds the password.
        if unreachable(str(exc)):
            log.warning("werkbak: login-database onbereikbaar: %s", str(exc).strip()[:200])
            raise Geweigerd(UNREACHABLE, 503) from None
        return None
    async with conn:
        row = await (await conn.execute("SELECT current_user::text")).fetchone()
    return row[0] if row else None


async def login(request: Request) -> Response:
    started = time.monotonic()
    form = await sessie.read_form(request)
    token = request.cookies.get(LOGIN_COOKIE, "")
    sent = form.get("csrf")
    if not token or not isinstance(sent, str) or not sessie.same(sent, token):
        raise Geweigerd("Dit inlogformulier is verlopen of niet van deze site. Open de inlogpagina opnieuw.", 403)
    naam, wachtwoord = form.get("naam"), form.get("wachtwoord")
    naam = naam.strip() if isinstance(naam, str) else ""
    wachtwoord = wachtwoord if isinstance(wachtwoord, str) else ""
    terug = terug_of(form.get("terug"))
    settings = sessie.settings_of(request)
    adres = request.client.host if request.client else "onbekend"
    async with sessie.pool_connection(request) as conn:
        allowed = (await (await conn.execute(
            "SELECT buurt_app.werkbak_poging_toegestaan(%s, %s, %s, %s, %s)",
            (naam[:MAX_NAME], adres, timedelta(seconds=settings.werkbak_window_s), settings.werkbak_max_account,
             settings.werkbak_max_address))).fetchone())[0]
    if not allowed:
        log.warning("werkbak: inloggen afgeremd (te veel mislukte pogingen)")
        minuten = max(1, -(-settings.werkbak_window_s // 60))
        return login_page(request, naam=naam[:MAX_NAME], melding=THROTTLED.format(minuten=minuten), terug=terug,
                          status=429)
    rol = None
    plausible = 0 < len(naam) <= MAX_NAME and 0 < len(wachtwoord) <= MAX_PASSWORD and naam.isprintable() \
        and "\x00" not in wachtwoord
    if plausible:
        rol = await check_password(settings.werkbak_login(settings.dbname), naam, wachtwoord)
    new = sessie.new_token()
    old = request.cookies.get(COOKIE, "")
    async with sessie.pool_connection(request) as conn:
        if old:  # a session this browser still had (another user's, perhaps) ends with the new login
            await conn.execute("SELECT buurt_app.werkbak_sessie_beeindigen(%s, false)", (sessie.token_hash(old),))
        made = rol is not None and (await (await conn.execute(
            "SELECT buurt_app.werkbak_sessie_maken(%s, %s, %s)",
            (sessie.token_hash(new), rol, timedelta(seconds=settings.werkbak_absolute_s)))).fetchone())[0]
        await conn.execute("SELECT buurt_app.werkbak_poging(%s, %s, %s)", (naam[:MAX_NAME], adres, bool(made)))
    if not made:
        log.info("werkbak: inloggen geweigerd")
        await asyncio.sleep(max(0.0, MIN_FAILURE_S - (time.monotonic() - started)))
        return login_page(request, naam=naam[:MAX_NAME], melding=REFUSED, terug=terug, status=401)
    log.info("werkbak: %s ingelogd", rol)
    response = RedirectResponse(terug, status_code=303, headers={"Cache-Control": NO_STORE})
    sessie.set_cookie(response, COOKIE, new)
    sessie.clear_cookie(response, LOGIN_COOKIE)
    return response


async def ask_logout(request: Request) -> Response:
    """GET /werkbak/uitloggen: the two ways out on a page of their own (the header of every page has them too)."""
    wie = await sessie.gebruiker(request)
    inhoud = ('<h1>Uitloggen</h1><p>Met <strong>Uitloggen</strong> eindigt de sessie in deze browser. Met '
              '<strong>Overal uitloggen</strong> eindigen al uw sessies, ook op andere apparaten (bijvoorbeeld als u '
              'ergens vergat uit te loggen).</p>'
              f'<form method="post" action="/werkbak/uitloggen">{sessie.csrf_veld(wie)}'
              '<p><button type="submit">Uitloggen</button></p></form>'
              f'<form method="post" action="/werkbak/uitloggen-overal">{sessie.csrf_veld(wie)}'
              '<p><button type="submit" class="tweede">Overal uitloggen</button></p></form>')
    return pagina("Uitloggen", inhoud, wie)


async def _logout(request: Request, overal: bool) -> Response:
    wie = await sessie.gebruiker(request)
    await sessie.formulier(request, wie)
    async with sessie.pool_connection(request) as conn:
        await conn.execute("SELECT buurt_app.werkbak_sessie_beeindigen(%s, %s)", (wie.sleutel, overal))
    response = RedirectResponse(f"{LOGIN_PATH}?uit={'overal' if overal else '1'}", status_code=303,
                                headers={"Cache-Control": NO_STORE})
    sessie.clear_cookie(response, COOKIE)
    return response


async def logout(request: Request) -> Response:
    return await _logout(request, overal=False)


async def logout_everywhere(request: Request) -> Response:
    return await _logout(request, overal=True)


def routes() -> list[BaseRoute]:
    return [Route(LOGIN_PATH, show, methods=["GET"]), Route(LOGIN_PATH, login, methods=["POST"]),
            Route("/werkbak/uitloggen", ask_logout, methods=["GET"]),
            Route("/werkbak/uitloggen", logout, methods=["POST"]),
            Route("/werkbak/uitloggen-overal", logout_everywhere, methods=["POST"])]


@contextlib.asynccontextmanager
async def lifespan(app) -> AsyncIterator[None]:
    async with sessie.pool_lifespan(app):
        yield
