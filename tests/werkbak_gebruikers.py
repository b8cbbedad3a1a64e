"""Real werkbak users for the tests (issue 22): login roles in buurtkaart_wijkteam with a SCRAM password, made by
the same code as `buurtkaart werkbak gebruiker toevoegen`, and a login over real HTTP.

Roles are cluster-wide: each name carries a random suffix and is dropped after the test, so test modules and
databases never share one. httpx keeps no Secure cookie over plain http (the test server's), so the session
cookie is read from Set-Cookie and sent by hand."""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx
import psycopg

from spatial_service.db import werkbak_gebruikers
from spatial_service.settings import LOOPBACK
from tests.support import TestDatabase

CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@dataclass(frozen=True)
class WerkbakUser:
    naam: str
    wachtwoord: str
    db: TestDatabase

    def login_dsn(self, password: str | None = None) -> str:
        """The loopback listener, as the werkbak's login check connects (pg_hba.conf asks SCRAM there)."""
        return psycopg.conninfo.make_conninfo(host=LOOPBACK, port=self.db.settings.port, dbname=self.db.name,
                                              user=self.naam, password=password or self.wachtwoord,
                                              connect_timeout=10)


def unique_name(prefix: str = "bk_wb") -> str:
    return f"{prefix}_{secrets.token_hex(4)}"


@contextmanager
def werkbak_user(db: TestDatabase, gemeenten: tuple[str, ...] = ("GM0402",), wijken: tuple[str, ...] = (),
                 gebieden: tuple[str, ...] = (), prefix: str = "bk_wb") -> Iterator[WerkbakUser]:
    user = WerkbakUser(unique_name(prefix), f"Ww-{secrets.token_urlsafe(12)}", db)
    werkbak_gebruikers.toevoegen(db.admin_dsn, user.naam, gemeenten, wijken, gebieden, user.wachtwoord)
    try:
        yield user
    finally:
        drop_role(db, user.naam)


def drop_role(db: TestDatabase, naam: str) -> None:
    with psycopg.connect(db.admin_dsn, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (naam,)).fetchone():
            oid = conn.execute("SELECT oid FROM pg_roles WHERE rolname = %s", (naam,)).fetchone()[0]
            for table in ("werkbak_sessie", "werkgebied", "gemeente_toegang"):
                conn.execute(f"DELETE FROM buurt_sys.{table} WHERE rol_oid = %s", (oid,))
            conn.execute(f'DROP ROLE "{naam}"')


def cookie_from(response: httpx.Response, name: str) -> str | None:
    for header in response.headers.get_list("set-cookie"):
        if header.startswith(f"{name}="):
            value = header.split(";", 1)[0].split("=", 1)[1]
            return value or None
    return None


def login_form(url: str) -> tuple[str, str]:
    """(the login form's CSRF token, its cookie value) from GET /werkbak/inloggen."""
    page = httpx.get(f"{url}/werkbak/inloggen", timeout=30)
    assert page.status_code == 200, page.text[:300]
    token = CSRF.search(page.text).group(1)
    assert cookie_from(page, "bk_inloggen") == token
    return token, token


def post_login(url: str, naam: str, wachtwoord: str, headers: dict[str, str] | None = None,
               terug: str = "/werkbak/") -> httpx.Response:
    token, cookie = login_form(url)
    return httpx.post(f"{url}/werkbak/inloggen", data={"csrf": token, "naam": naam, "wachtwoord": wachtwoord,
                                                        "terug": terug},
                      cookies={"bk_inloggen": cookie}, headers=headers or {}, timeout=30)


def login(url: str, user: WerkbakUser) -> str:
    """Log in over HTTP; returns the session cookie's value."""
    response = post_login(url, user.naam, user.wachtwoord)
    assert response.status_code == 303, response.text[:500]
    session = cookie_from(response, "bk_werkbak")
    assert session
    return session


def logged_in(url: str, session: str) -> bool:
    """Does this session still hold? The login page sends a logged-in user on (303), anyone else gets the form."""
    response = httpx.get(f"{url}/werkbak/inloggen", cookies={"bk_werkbak": session}, timeout=30)
    assert response.status_code in (200, 303), response.status_code
    return response.status_code == 303


def session_csrf(url: str, session: str) -> str:
    """The session's CSRF token, from the logout form of GET /werkbak/uitloggen (the frame's header has it too)."""
    response = httpx.get(f"{url}/werkbak/uitloggen", cookies={"bk_werkbak": session}, timeout=30)
    assert response.status_code == 200, response.status_code
    return CSRF.search(response.text).group(1)
