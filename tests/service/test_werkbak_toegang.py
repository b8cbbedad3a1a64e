"""The werkbak's login, sessions and web security over real HTTP (issue 22): a real service on loopback, real
PostgreSQL checking the passwords on its loopback SCRAM listener, real login roles.

httpx keeps no Secure cookie over plain http, so cookies are read from Set-Cookie and sent by hand
(tests/werkbak_gebruikers.py); the browser test (tests/viewer/test_werkbak_inloggen.py) does it the browser's way."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator

import httpx
import psycopg
import pytest

from spatial_service.web.werkbak.inloggen import REFUSED
from tests.service.conftest import RunningServer, serving
from tests.werkbak_gebruikers import (
    cookie_from,
    drop_role,
    logged_in,
    login,
    login_form,
    post_login,
    session_csrf,
    unique_name,
    werkbak_user,
)

MAX_ACCOUNT, MAX_ADDRESS = 3, 6


@pytest.fixture(scope="module")
def served(two_gemeenten_db) -> Iterator[RunningServer]:
    with serving(two_gemeenten_db, werkbak_max_account=MAX_ACCOUNT, werkbak_max_address=MAX_ADDRESS) as running:
        yield running


IDLE_S, ABSOLUTE_S = 3, 6


@pytest.fixture(scope="module")
def short(two_gemeenten_db) -> Iterator[RunningServer]:
    """Short timeouts: IDLE_S idle, ABSOLUTE_S absolute."""
    with serving(two_gemeenten_db, werkbak_idle_s=IDLE_S, werkbak_absolute_s=ABSOLUTE_S) as running:
        yield running


@pytest.fixture
def user(two_gemeenten_db):
    with werkbak_user(two_gemeenten_db) as made:
        yield made


_address = iter(range(1, 250))


def address() -> dict[str, str]:
    """A client address of its own for one test (uvicorn takes X-Forwarded-For from a loopback proxy), so the
    per-address throttling of one test never meets another's."""
    return {"X-Forwarded-For": f"198.51.100.{next(_address)}"}


def cookie_flags(header: str) -> set[str]:
    return {part.strip().lower() for part in header.split(";")[1:]}


def test_the_login_page_is_dutch_uncached_and_under_the_security_headers(served):
    page = httpx.get(f"{served.url}/werkbak/inloggen", timeout=30)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert '<html lang="nl">' in page.text and "Inloggen op de werkbak" in page.text
    assert page.headers["cache-control"] == "no-store"
    csp = page.headers["content-security-policy"]
    assert "script-src 'self';" in csp and "form-action 'self'" in csp and "frame-ancestors 'none'" in csp
    assert page.headers["x-content-type-options"] == "nosniff" and page.headers["x-frame-options"] == "DENY"
    assert not re.search(r"<script|style=|\son[a-z]+=", page.text)
    flags = cookie_flags(next(h for h in page.headers.get_list("set-cookie") if h.startswith("bk_inloggen=")))
    assert {"httponly", "secure", "samesite=strict", "path=/werkbak/"} <= flags


def test_a_login_gives_a_random_session_cookie_kept_as_a_hash_only(served, user):
    response = post_login(served.url, user.naam, user.wachtwoord, address(), terug="/werkbak/uitloggen")
    assert response.status_code == 303 and response.headers["location"] == "/werkbak/uitloggen"
    assert response.headers["cache-control"] == "no-store"
    header = next(h for h in response.headers.get_list("set-cookie") if h.startswith("bk_werkbak="))
    assert {"httponly", "secure", "samesite=strict", "path=/werkbak/"} <= cookie_flags(header)
    token = cookie_from(response, "bk_werkbak")
    assert len(token) >= 43  # 32 random bytes, url-safe base64
    assert token != login(served.url, user)
    with psycopg.connect(served.db.admin_dsn) as conn:
        rows = conn.execute("SELECT sleutel = sha256(convert_to(%s, 'UTF8')), rol FROM buurt_sys.werkbak_sessie "
                            "WHERE rol = %s", (token, user.naam)).fetchall()
        dump = conn.execute("SELECT string_agg(to_jsonb(s)::text, ' ') FROM buurt_sys.werkbak_sessie s").fetchone()[0]
    assert sorted(rows) == [(False, user.naam), (True, user.naam)]
    assert token not in dump
    page = httpx.get(f"{served.url}/werkbak/uitloggen", cookies={"bk_werkbak": token}, timeout=30)
    assert page.status_code == 200 and f"Ingelogd als <strong>{user.naam}</strong>" in page.text
    assert "(GM0402)" in page.text and page.headers["cache-control"] == "no-store"


def test_a_wrong_password_an_unknown_user_and_a_gis_role_get_one_message(served, user):
    gis = unique_name("bk_gis")
    with psycopg.connect(served.db.admin_dsn, autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {gis} LOGIN PASSWORD 'Gis-wachtwoord-1' IN ROLE buurtkaart_editor")
    try:
        answers = []
        tries = ((user.naam, user.wachtwoord + "!"), (unique_name("bk_niemand"), user.wachtwoord),
                 (gis, "Gis-wachtwoord-1"), ("buurtkaart_werkbak", ""), ("postgres", "Su-wachtwoord-9"))
        for naam, wachtwoord in tries:
            response = post_login(served.url, naam, wachtwoord, address())
            assert response.status_code == 401, (naam, response.status_code)
            assert cookie_from(response, "bk_werkbak") is None
            assert f'value="{naam}"' in response.text  # what was typed stays
            if wachtwoord:
                assert wachtwoord not in response.text
            answers.append(re.search(r'role="alert" id="melding">([^<]*)<', response.text).group(1))
        assert answers == [REFUSED] * 5
    finally:
        drop_role(served.db, gis)


def test_the_password_is_never_logged(served, user, caplog):
    log_file = served.db.settings.cluster_dir / "server.log"
    start = log_file.stat().st_size
    with caplog.at_level(logging.DEBUG):
        post_login(served.url, user.naam, user.wachtwoord + "-fout", address())
        login(served.url, user)
    assert caplog.records  # the service did log the logins
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert user.naam in logged and user.wachtwoord not in logged
    with open(log_file, "rb") as f:
        f.seek(start)
        server_log = f.read().decode("utf-8", "replace")
    assert user.wachtwoord not in server_log


def test_a_forged_post_without_or_with_a_wrong_csrf_token_is_refused(served, user):
    session = login(served.url, user)
    for data in ({}, {"csrf": "vervalst"}, {"csrf": session}):
        for path in ("/werkbak/uitloggen", "/werkbak/uitloggen-overal"):
            response = httpx.post(f"{served.url}{path}", data=data, cookies={"bk_werkbak": session}, timeout=30)
            assert response.status_code == 403, (path, data)
            assert "beveiligingsveld ontbreekt of klopt niet" in response.text
            assert response.headers["cache-control"] == "no-store"
    assert logged_in(served.url, session)
    # the login form too: without its cookie, or with another token
    token, _ = login_form(served.url)
    for cookies in ({}, {"bk_inloggen": "x" * 43}):
        response = httpx.post(f"{served.url}/werkbak/inloggen", cookies=cookies, data={
            "csrf": token, "naam": user.naam, "wachtwoord": user.wachtwoord}, headers=address(), timeout=30)
        assert response.status_code == 403 and cookie_from(response, "bk_werkbak") is None
    # the real token logs out
    response = httpx.post(f"{served.url}/werkbak/uitloggen", data={"csrf": session_csrf(served.url, session)},
                          cookies={"bk_werkbak": session}, timeout=30)
    assert response.status_code == 303 and response.headers["location"] == "/werkbak/inloggen?uit=1"
    assert not logged_in(served.url, session)
    assert "U bent uitgelogd." in httpx.get(f"{served.url}/werkbak/inloggen?uit=1", timeout=30).text


def test_logout_everywhere_ends_the_other_sessions_too(served, user, two_gemeenten_db):
    with werkbak_user(two_gemeenten_db) as other:
        first, second, theirs = login(served.url, user), login(served.url, user), login(served.url, other)
        response = httpx.post(f"{served.url}/werkbak/uitloggen-overal", cookies={"bk_werkbak": first},
                              data={"csrf": session_csrf(served.url, first)}, timeout=30)
        assert response.status_code == 303 and response.headers["location"] == "/werkbak/inloggen?uit=overal"
        assert (logged_in(served.url, first), logged_in(served.url, second), logged_in(served.url, theirs)) == (
            False, False, True)


def test_a_user_removed_from_the_group_or_dropped_is_out_at_the_next_request(served, two_gemeenten_db):
    with werkbak_user(two_gemeenten_db) as removed, werkbak_user(two_gemeenten_db) as dropped:
        sessions = {u.naam: login(served.url, u) for u in (removed, dropped)}
        assert all(logged_in(served.url, s) for s in sessions.values())
        with psycopg.connect(two_gemeenten_db.admin_dsn, autocommit=True) as conn:
            conn.execute(f"REVOKE buurtkaart_wijkteam FROM {removed.naam}")
        assert not logged_in(served.url, sessions[removed.naam])
        drop_role(two_gemeenten_db, dropped.naam)
        # a role created again under the same name is someone else: the old session stays ended
        with psycopg.connect(two_gemeenten_db.admin_dsn, autocommit=True) as conn:
            conn.execute(f"CREATE ROLE {dropped.naam} LOGIN IN ROLE buurtkaart_wijkteam")
            conn.execute(f"GRANT {dropped.naam} TO buurtkaart_werkbak")
        assert not logged_in(served.url, sessions[dropped.naam])
        # and the removed user cannot log in again
        assert post_login(served.url, removed.naam, removed.wachtwoord, address()).status_code == 401


def test_throttling_per_account_and_per_address_answers_429_in_dutch(served, user, two_gemeenten_db):
    here = address()
    for _ in range(MAX_ACCOUNT):
        assert post_login(served.url, user.naam, "fout", address()).status_code == 401
    # the account is throttled from any address, even with the right password; the password is not tried
    response = post_login(served.url, user.naam, user.wachtwoord, here)
    assert response.status_code == 429 and cookie_from(response, "bk_werkbak") is None
    assert "Te veel mislukte pogingen" in response.text and response.headers["cache-control"] == "no-store"
    # per address: many accounts guessed from one address
    with werkbak_user(two_gemeenten_db) as other:
        crowd = address()
        for i in range(MAX_ADDRESS):
            assert post_login(served.url, f"bk_gok_{i}", "fout", crowd).status_code == 401
        assert post_login(served.url, other.naam, other.wachtwoord, crowd).status_code == 429
        assert post_login(served.url, other.naam, other.wachtwoord, address()).status_code == 303


def test_sessions_end_after_the_idle_and_the_absolute_timeout(short, user):
    """Timed from what the client saw, not by fixed sleeps, so that slow answers on a loaded machine change
    nothing: the server's moments of a login lie between the client's `sent` and `answered`."""
    idle = login(short.url, user)
    time.sleep(IDLE_S + 0.5)
    assert not logged_in(short.url, idle)
    sent = time.monotonic()
    active = login(short.url, user)
    answered = time.monotonic()
    checks = 0
    while time.monotonic() < sent + ABSOLUTE_S - 1.5:  # a request every 0.5 s keeps it from idling ...
        time.sleep(0.5)
        assert logged_in(short.url, active)
        checks += 1
    assert checks >= 3
    time.sleep(max(0.0, answered + ABSOLUTE_S + 0.5 - time.monotonic()))  # ... but it ends all the same
    assert not logged_in(short.url, active)


def test_pages_send_a_visitor_without_session_to_the_login_and_back_inside_the_werkbak_only(served, user):
    response = httpx.get(f"{served.url}/werkbak/uitloggen", cookies={"bk_werkbak": "verlopen"}, timeout=30)
    assert response.status_code == 303
    assert response.headers["location"] == "/werkbak/inloggen?terug=/werkbak/uitloggen"
    for terug, target in (("https://example.org/", "/werkbak/"), ("//example.org/werkbak/", "/werkbak/"),
                          ("/werkbak//example.org", "/werkbak/"), ("/werkbak/uitloggen", "/werkbak/uitloggen")):
        response = post_login(served.url, user.naam, user.wachtwoord, address(), terug=terug)
        assert response.status_code == 303 and response.headers["location"] == target, terug


def test_a_form_too_large_or_not_a_form_is_refused(served, user):
    session = login(served.url, user)
    big = httpx.post(f"{served.url}/werkbak/uitloggen", cookies={"bk_werkbak": session},
                     data={"csrf": "x", "veld": "x" * 70_000}, timeout=30)
    assert big.status_code == 413 and "te groot" in big.text
    json = httpx.post(f"{served.url}/werkbak/uitloggen", cookies={"bk_werkbak": session}, json={"csrf": "x"},
                      timeout=30)
    assert json.status_code == 400 and "niet goed verstuurd" in json.text
    assert logged_in(served.url, session)


def test_an_unreachable_database_is_a_dutch_503_page(two_gemeenten_db, user):
    """The pool's database gone (here: a DSN to a port nothing listens on): a page, not a hang or a traceback."""
    dead = f"host={two_gemeenten_db.settings.socket_dir} port=1 dbname={two_gemeenten_db.name} user=buurtkaart_werkbak"
    with serving(two_gemeenten_db, werkbak_dsn=dead) as running:
        assert httpx.get(f"{running.url}/werkbak/inloggen", timeout=30).status_code == 200  # no database needed
        # the page comes after the pool's own wait (POOL_TIMEOUT_S), so the client waits longer than httpx's 5 s
        for response in (httpx.get(f"{running.url}/werkbak/uitloggen", cookies={"bk_werkbak": "x" * 43}, timeout=30),
                         post_login(running.url, user.naam, user.wachtwoord, address())):
            assert response.status_code == 503 and "database is niet bereikbaar" in response.text
            assert response.headers["content-type"].startswith("text/html")


def test_an_unreachable_login_check_is_503_not_a_wrong_password(two_gemeenten_db, user):
    """The pool works, the server behind BUURTKAART_WERKBAK_LOGIN_DSN does not answer: the user is told the
    database is unreachable, and the attempt does not count as a failure."""
    dead = f"host=127.0.0.1 port=1 dbname={two_gemeenten_db.name}"
    with serving(two_gemeenten_db, werkbak_login_dsn=dead) as running:
        response = post_login(running.url, user.naam, user.wachtwoord, address())
        assert response.status_code == 503 and "database is niet bereikbaar" in response.text
    with psycopg.connect(two_gemeenten_db.admin_dsn) as conn:
        assert conn.execute("SELECT count(*) FROM buurt_sys.werkbak_poging WHERE soort = 'account' AND sleutel = "
                            "sha256(convert_to(lower(%s), 'UTF8'))", (user.naam,)).fetchone() == (0,)
