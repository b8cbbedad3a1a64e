"""Sessions of the werkbak: the logged-in user of a request, its queries as that user, CSRF and forms.

A session is a random token (256 bits) in an HttpOnly, Secure, SameSite=Strict cookie on path /werkbak/; the
database keeps only its SHA-256 (buurt_sys.werkbak_sessie), so every worker process shares the sessions and a copy
of the table opens none. The CSRF token of a session is another hash of the same token: the pages know it, the
table does not. Timeouts, throttling and "is this role still a werkbak user" are SQL (048_werkbak_toegang.sql),
asked on every request.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import logging
import secrets
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from html import escape
from urllib.parse import parse_qsl, quote

import psycopg
from psycopg import sql
from psycopg_pool import AsyncConnectionPool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from spatial_service.settings import Settings

log = logging.getLogger(__name__)

COOKIE = "bk_werkbak"        # the session token
LOGIN_COOKIE = "bk_inloggen"  # the login form's CSRF token (before there is a session)
COOKIE_PATH = "/werkbak/"
LOGIN_PATH = "/werkbak/inloggen"
CSRF_FIELD = "csrf"
FORM_TYPE = "application/x-www-form-urlencoded"
MAX_FIELDS = 200
POOL_TIMEOUT_S = 5


@dataclass(frozen=True)
class Gebruiker:
    rol: str                    # the PostgreSQL login role (current_user of its queries)
    gemeenten: tuple[str, ...]
    csrf: str                   # this session's CSRF token
    sleutel: bytes = b""        # SHA-256 of the session token (for logout)


class NietIngelogd(Exception):
    """No valid session: the handler sends the browser to the login page (and back afterwards)."""


class Geweigerd(Exception):
    """A refused request on a werkbak page (a forged or broken form): a Dutch page with this status."""

    def __init__(self, message: str, status: int = 403) -> None:
        super().__init__(message)
        self.status = status


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> bytes:
    return hashlib.sha256(token.encode("ascii", "replace")).digest()


def csrf_token(token: str) -> str:
    """The CSRF token of a session: derived from the session token, not from what the table keeps."""
    digest = hashlib.sha256(b"buurtkaart-werkbak-csrf:" + token.encode("ascii", "replace")).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode("utf-8", "replace"), b.encode("utf-8", "replace"))


def settings_of(request: Request) -> Settings:
    return request.app.state.settings


UNAVAILABLE = "De werkbak is nu niet beschikbaar: de database is niet bereikbaar. Probeer het over een paar minuten."


def pool_of(request: Request) -> AsyncConnectionPool:
    pool = getattr(request.app.state, "werkbak_pool", None)
    if pool is None:
        raise Geweigerd(UNAVAILABLE, 503)
    return pool


@contextlib.asynccontextmanager
async def pool_connection(request: Request) -> AsyncIterator[psycopg.AsyncConnection]:
    """A connection of the werkbak's pool (as the pool role); an unreachable database is a Dutch 503 page."""
    try:
        async with pool_of(request).connection() as conn:
            yield conn
    except psycopg.OperationalError as exc:  # also PoolTimeout: no connection within the pool's timeout
        log.warning("werkbak: database onbereikbaar: %s", str(exc).strip()[:200])
        raise Geweigerd(UNAVAILABLE, 503) from None


def timeouts(settings: Settings) -> tuple[timedelta, timedelta]:
    return timedelta(seconds=settings.werkbak_idle_s), timedelta(seconds=settings.werkbak_absolute_s)


def set_cookie(response: Response, name: str, value: str, max_age: int | None = None) -> None:
    response.set_cookie(name, value, max_age=max_age, path=COOKIE_PATH, secure=True, httponly=True,
                        samesite="strict")


def clear_cookie(response: Response, name: str) -> None:
    response.delete_cookie(name, path=COOKIE_PATH, secure=True, httponly=True, samesite="strict")


async def gebruiker(request: Request) -> Gebruiker:
    """The logged-in user; NietIngelogd for a missing, expired or ended session and for a user no longer in
    buurtkaart_wijkteam (checked on every request, in the database)."""
    token = request.cookies.get(COOKIE, "")
    if not token or len(token) > 100:
        raise NietIngelogd()
    key = token_hash(token)
    idle, absolute = timeouts(settings_of(request))
    async with pool_connection(request) as conn:
        row = await (await conn.execute("SELECT rol, gemeenten FROM buurt_app.werkbak_sessie(%s, %s, %s)",
                                        (key, idle, absolute))).fetchone()
    if row is None:
        raise NietIngelogd()
    return Gebruiker(rol=row[0], gemeenten=tuple(row[1]), csrf=csrf_token(token), sleutel=key)


async def optional_gebruiker(request: Request) -> Gebruiker | None:
    try:
        return await gebruiker(request)
    except NietIngelogd:
        return None


@contextlib.asynccontextmanager
async def als(request: Request, wie: Gebruiker) -> AsyncIterator[psycopg.AsyncConnection]:
    """One transaction on the werkbak pool that runs as the user (SET LOCAL ROLE); committed on success, rolled
    back on an exception. The role is the session's, read from the database, never from the request. A lost
    database is a Dutch 503 page; the database's refusals (psycopg errors of class 23) reach the caller as they are."""
    async with pool_connection(request) as conn, conn.transaction():
        await conn.execute(sql.SQL("SET LOCAL ROLE {}").format(sql.Identifier(wie.rol)))
        yield conn


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused (413) beyond `limit` bytes before more is read."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        raise Geweigerd(f"Het formulier is te groot (meer dan {limit // 1024} kB).", 413)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise Geweigerd(f"Het formulier is te groot (meer dan {limit // 1024} kB).", 413)
    return bytes(body)


async def read_form(request: Request) -> FormData:
    """A urlencoded form of bounded size and field count (the werkbak's forms upload no files)."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await read_body(request, settings_of(request).werkbak_max_form)
    if not body:
        return FormData([])  # nothing sent: no fields (so no CSRF token either)
    if content_type != FORM_TYPE:
        raise Geweigerd("Dit formulier is niet goed verstuurd (verwacht een gewoon webformulier).", 400)
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=MAX_FIELDS,
                          strict_parsing=False)
    except (UnicodeDecodeError, ValueError) as exc:
        raise Geweigerd("Dit formulier is niet goed verstuurd (onleesbare of te veel velden).", 400) from exc
    return FormData(pairs)


async def formulier(request: Request, wie: Gebruiker) -> FormData:
    """The form of a POST, after its CSRF token is checked: a missing or wrong token is a 403 Dutch page."""
    form = await read_form(request)
    sent = form.get(CSRF_FIELD)
    if not isinstance(sent, str) or not same(sent, wie.csrf):
        raise Geweigerd("Dit formulier is geweigerd: het beveiligingsveld ontbreekt of klopt niet. Open de pagina "
                        "opnieuw en probeer het nog eens.", 403)
    return form


def csrf_veld(wie: Gebruiker) -> str:
    return f'<input type="hidden" name="{CSRF_FIELD}" value="{escape(wie.csrf)}">'


def login_redirect(request: Request) -> RedirectResponse:
    """To the login page, with the page asked for (a path of the werkbak only) to come back to."""
    path = request.url.path
    target = LOGIN_PATH
    if path.startswith(COOKIE_PATH) and path != LOGIN_PATH and request.method == "GET":
        target += "?terug=" + quote(path + (f"?{request.url.query}" if request.url.query else ""), safe="/")
    return RedirectResponse(target, status_code=303, headers={"Cache-Control": "no-store"})


async def _niet_ingelogd(request: Request, exc: Exception) -> Response:
    response = login_redirect(request)
    if COOKIE in request.cookies:
        clear_cookie(response, COOKIE)
    return response


async def _geweigerd(request: Request, exc: Exception) -> Response:
    from spatial_service.web.werkbak.pagina import pagina  # the frame imports this module

    assert isinstance(exc, Geweigerd)
    status = exc.status
    titel = {403: "Geweigerd", 413: "Te groot", 429: "Even geduld", 503: "Niet beschikbaar"}.get(status, "Fout")
    inhoud = f'<h1>{titel}</h1><p class="melding" role="alert">{escape(str(exc))}</p>' \
             f'<p><a href="{COOKIE_PATH}">Naar de werkbak</a></p>'
    return pagina(titel, inhoud, status=status)


EXCEPTION_HANDLERS = {NietIngelogd: _niet_ingelogd, Geweigerd: _geweigerd}


async def _reset(conn: psycopg.AsyncConnection) -> None:
    """Back in the pool, a connection is the pool role again, whatever a page did (als() only ever uses SET LOCAL
    ROLE, which ends with its transaction; this also undoes a plain SET ROLE by mistake)."""
    await conn.execute("RESET ROLE")


@contextlib.asynccontextmanager
async def pool_lifespan(app) -> AsyncIterator[None]:
    """The werkbak's pool on the pool role, for the service's lifetime. Connections open on demand: a service
    whose database has no werkbak (yet) runs on without one."""
    settings: Settings = app.state.settings
    # a lost database answers a werkbak page within seconds (a Dutch 503), not after psycopg_pool's 30 s
    pool = AsyncConnectionPool(settings.werkbak(settings.dbname), min_size=0, max_size=settings.werkbak_pool_size,
                               open=False, timeout=POOL_TIMEOUT_S, reset=_reset,
                               kwargs={"autocommit": True, "connect_timeout": POOL_TIMEOUT_S,
                                       "application_name": "buurtkaart-werkbak"},
                               name="buurtkaart-werkbak")
    await pool.open(wait=False)
    app.state.werkbak_pool = pool
    try:
        yield
    finally:
        await pool.close()
