"""Werkbak sessions are the database's, so every worker process of `buurtkaart serve --workers 2` knows them
(issue 22): logged in through one worker, the other sends the user on; logged out through the other, the first
sends him to the login page. Real processes, connections pinned to each worker through /proc."""

from __future__ import annotations

import http.client
import re
from urllib.parse import urlencode

import pytest

from tests.service.processes import connection_to, serve
from tests.werkbak_gebruikers import werkbak_user


@pytest.fixture(scope="module")
def workers(module_db, tmp_path_factory):
    with serve(module_db, tmp_path_factory.mktemp("werkbak-workers"), workers=2, ogc_workers=0) as running:
        yield running


def request(conn: http.client.HTTPConnection, method: str, path: str, cookies: dict[str, str],
            form: dict[str, str] | None = None) -> tuple[int, dict[str, str], str]:
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())} if cookies else {}
    body = None
    if form is not None:
        body = urlencode(form)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    conn.request(method, path, body=body, headers=headers)
    r = conn.getresponse()
    found = {k.lower(): v for k, v in r.getheaders()}
    found["set-cookie"] = ", ".join(r.msg.get_all("set-cookie") or [])
    return r.status, found, r.read().decode("utf-8", "replace")


def set_cookie(headers: dict[str, str], name: str) -> str:
    return re.search(rf"{name}=([^;]*)", headers["set-cookie"]).group(1)


def test_every_worker_shares_the_sessions(workers, module_db):
    first, second = sorted(workers.workers())
    a, b = connection_to(workers, first), connection_to(workers, second)
    with werkbak_user(module_db) as user:
        status, headers, page = request(a, "GET", "/werkbak/inloggen", {})
        token = set_cookie(headers, "bk_inloggen")
        status, headers, _ = request(a, "POST", "/werkbak/inloggen", {"bk_inloggen": token},
                                     {"csrf": token, "naam": user.naam, "wachtwoord": user.wachtwoord})
        assert status == 303
        session = {"bk_werkbak": set_cookie(headers, "bk_werkbak")}
        status, _, page = request(b, "GET", "/werkbak/uitloggen", session)
        assert status == 200 and f"Ingelogd als <strong>{user.naam}</strong>" in page
        csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
        status, headers, _ = request(b, "POST", "/werkbak/uitloggen", session, {"csrf": csrf})
        assert status == 303 and headers["location"] == "/werkbak/inloggen?uit=1"
        status, headers, _ = request(a, "GET", "/werkbak/uitloggen", session)
        assert status == 303 and headers["location"].startswith("/werkbak/inloggen")
    a.close()
    b.close()
