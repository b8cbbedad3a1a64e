"""No request can crash the OGC API (issue 19): the exact requests that segfaulted `buurtkaart serve` inside the
`cql2` parser, and every other bounded parameter, against the real service process; each gets a Dutch 400 in the
OGC exception JSON naming the limit, and the process keeps serving."""

from __future__ import annotations

import contextlib
import http.client
import os
import subprocess
import time
import urllib.parse
from collections.abc import Iterator

import httpx
import pytest

from tests.service.conftest import free_port
from tests.service.test_cli import BUURTKAART, cli_env

NOTS_3000 = '{"op":"not","args":[' * 3000 + '{"op":">","args":[{"property":"jaar"},1]}' + "]}" * 3000


@pytest.fixture(scope="module")
def service(demo_db) -> Iterator[tuple[subprocess.Popen, str]]:
    """`buurtkaart serve` as a separate process (a segfault would otherwise take pytest with it)."""
    port = free_port()
    env = {**cli_env(demo_db), "BUURTKAART_OGC_FILTER_MAX_DEPTH": "12"}  # a setting is read (default 20)
    proc = subprocess.Popen([BUURTKAART, "serve", "--port", str(port)], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(f"{url}/health", timeout=5).status_code == 200 and \
                        httpx.get(f"{url}/ogc/collections", timeout=5).status_code == 200:
                    break
            assert proc.poll() is None, proc.communicate()[1][-2000:]
            time.sleep(0.2)
        yield proc, url
    finally:
        proc.terminate()
        proc.communicate(timeout=15)


def raw_get(url: str, path: str, params: dict[str, str]) -> tuple[int, bytes]:
    """GET with any URL length (httpx refuses queries over 64 KB; an attacker's client does not)."""
    parsed = urllib.parse.urlparse(url)
    conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
    try:
        conn.request("GET", f"{path}?{urllib.parse.urlencode(params)}")
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def assert_alive(proc: subprocess.Popen, url: str) -> None:
    assert proc.poll() is None, f"de service is gestopt (code {proc.returncode})"
    r = httpx.get(f"{url}/ogc/collections/buurtdeals_punten/items", params={"limit": 1}, timeout=10)
    assert r.status_code == 200 and r.json()["numberReturned"] == 1
    assert httpx.get(f"{url}/health", timeout=10).status_code == 200


def refusal(r: httpx.Response) -> str:
    assert r.status_code == 400, (r.status_code, r.text[:300])
    body = r.json()
    assert set(body) == {"code", "description"}, body
    return body["description"]


def test_the_requests_that_crashed_the_process_get_400(service):
    proc, url = service
    items = "/ogc/collections/buurtdeals_punten/items"
    # the issue's requests: 2,000 nested parentheses (14 KB URL) and 3,000 nested NOTs in CQL2-JSON
    deep = "(" * 2000 + "jaar > 1" + ")" * 2000
    with httpx.Client(base_url=url, timeout=30) as client:
        description = refusal(client.get(items, params={"filter": deep}))
        assert "BUURTKAART_OGC_FILTER_MAX_CHARS" in description and "4000" in description
    status, body = raw_get(url, items, {"filter": NOTS_3000, "filter-lang": "cql2-json"})
    assert status == 400, body[:300]
    assert_alive(proc, url)
    # the same shapes within the length limit are refused by depth and terms (each failed before: segfault at
    # 2,000 levels, an exception from serde's recursion limit at 100 JSON NOTs)
    with httpx.Client(base_url=url, timeout=30) as client:
        description = refusal(client.get(items, params={"filter": "(" * 13 + "jaar > 1" + ")" * 13}))
        assert "nesting" in description and "13" in description and "12" in description
        assert "BUURTKAART_OGC_FILTER_MAX_DEPTH" in description
        assert client.get(items, params={"filter": "(" * 12 + "jaar > 1" + ")" * 12}).status_code == 200
        nots = '{"op":"not","args":[' * 100 + '{"op":">","args":[{"property":"jaar"},1]}' + "]}" * 100
        description = refusal(client.get(items, params={"filter": nots, "filter-lang": "cql2-json"}))
        assert "JSON" in description and "BUURTKAART_OGC_FILTER_MAX_DEPTH" in description
        for chain in ("NOT " * 150 + "jaar > 1", "jaar > " + "+".join(["1"] * 150)):
            description = refusal(client.get(items, params={"filter": chain}))
            assert "termen" in description and "BUURTKAART_OGC_FILTER_MAX_TERMS" in description
        # a long URL of something else is bounded too
        description = refusal(client.get(items, params={"sortby": "titel," * 400}))
        assert "BUURTKAART_OGC_PARAM_MAX_CHARS" in description
    assert_alive(proc, url)


@pytest.mark.parametrize(("params", "needle"), [
    ({"ids": ",".join(map(str, range(101)))}, "BUURTKAART_OGC_MAX_IDS"),
    ({"properties": ",".join(["titel"] * 51)}, "BUURTKAART_OGC_MAX_FIELDS"),
    ({"sortby": ",".join(["jaar"] * 51)}, "BUURTKAART_OGC_MAX_FIELDS"),
    ({"offset": "1000001"}, "BUURTKAART_OGC_MAX_OFFSET"),
    ({"limit": "10001"}, "10000"),
    ({"limit": "9" * 400}, "'limit'"),
    ({"bbox": ",".join(["5"] * 40)}, "'bbox'"),
    ({"datetime": "2020-01-01/2021-01-01/2022-01-01"}, "'datetime'"),
    ({"datetime": "gisteren"}, "RFC 3339"),
    ({f"p{i}": "1" for i in range(31)}, "BUURTKAART_OGC_MAX_PARAMS"),
])
def test_every_bounded_parameter_names_its_limit(service, params, needle):
    proc, url = service
    r = httpx.get(f"{url}/ogc/collections/initiatieven_punten/items", params=params, timeout=30)
    assert needle in refusal(r)
    assert proc.poll() is None


def test_no_500_for_the_issues_hostile_requests(service):
    """Each of these answered 500 on main (issue 19); an unknown sortby field answered 404."""
    proc, url = service
    with httpx.Client(base_url=url, timeout=30) as client:
        cases = [
            ("/ogc/collections/wijken/items", {"datetime": "2024-01-01T00:00:00Z"}, 400, "geen datum"),
            ("/ogc/collections/buurtdeals_punten/items", {"filter": "1 OR 1=1"}, 400, "geen voorwaarde"),
            ("/ogc/collections/buurtdeals_punten/items", {"filter": "../../etc/passwd"}, 400, "geen geldig CQL2"),
            ("/ogc/collections/buurtdeals_punten/items", {"filter": "\x00"}, 400, "stuurteken"),
            ("/ogc/collections/buurtdeals_punten/items/" + "7" * 400, {}, 404, "bestaat niet"),
            ("/ogc/collections/buurtdeals_punten/items", {"ids": "7" * 400}, 400, "geen geldig id"),
            ("/ogc/collections/buurtdeals_punten/items", {"ids": "1,twee"}, 400, "geen geldig id"),
            ("/ogc/collections/buurtdeals_punten/items", {"sortby": "-onbekend"}, 400, "onbekend veld 'onbekend'"),
            ("/ogc/collections/buurtdeals_punten/tiles/WebMercatorQuad/30/1/1", {}, 404, "niveau 30"),
            ("/ogc/collections/buurtdeals_punten/tiles/WebMercatorQuad/2/9/1", {}, 404, "buiten de tegelmatrix"),
            ("/ogc/collections/buurtdeals_punten/tiles/WebMercatorQuad/2/1/" + "9" * 400, {}, 400, "geen geheel getal"),
            ("/ogc/collections/groen/tiles/NetherlandsRDNewQuad/8/-3/2", {}, 404, "buiten de tegelmatrix"),
        ]
        # tipg's Accept parser raised on a media-range parameter without one '=' (500)
        for accept in ("text/html;q", "application/json;q=1=2", ";;;", "*/*;level"):
            for path in ("/ogc/collections", "/ogc/collections/groen/items?limit=1", "/ogc/"):
                r = client.get(path, headers={"Accept": accept})
                assert r.status_code == 200, (accept, path, r.status_code)
        assert "Header 'Accept'" in refusal(client.get("/ogc/", headers={"Accept": "a/b," * 400}))
        for path, params, status, needle in cases:
            r = client.get(path, params=params)
            assert r.status_code == status, (path[:80], params, r.status_code, r.text[:300])
            body = r.json()
            assert set(body) == {"code", "description"} and needle in body["description"], (path[:80], body)
    assert_alive(proc, url)


def test_limits_are_settings_with_defaults():
    from spatial_service.settings import Settings
    from spatial_service.web.ogc.limits import OgcLimits

    defaults = OgcLimits.from_settings(Settings())
    assert defaults.filter_depth == 20 and defaults.filter_chars == 4000 and defaults.filter_terms == 100
    env = {"BUURTKAART_OGC_MAX_IDS": "7"}
    old = {k: os.environ.get(k) for k in env}
    try:
        os.environ.update(env)
        assert OgcLimits.from_settings(Settings()).ids == 7
    finally:
        for k, v in old.items():
            os.environ.pop(k, None) if v is None else os.environ.__setitem__(k, v)


def test_ordinary_filters_pass_the_bounds(service, demo_db):
    """The scanners count, they do not judge: real filters (polygons, lists, strings with brackets and quotes,
    CQL2-JSON) are answered as before."""
    proc, url = service
    polygon = "POLYGON((5.10 52.18, 5.25 52.18, 5.25 52.30, 5.10 52.30, 5.10 52.18))"
    with httpx.Client(base_url=url, timeout=30) as client:
        for params in (
            {"filter": f"S_INTERSECTS(geom, {polygon}) AND jaar BETWEEN 2015 AND 2030"},
            {"filter": "thema IN ('groen', 'verkeer', 'spelen') OR titel LIKE '%(%' OR titel = 'a''b)'"},
            {"filter": "NOT (jaar < 2000) AND (budget_gemeente >= 0 OR budget_gemeente IS NULL)"},
            {"filter": '{"op": "and", "args": [{"op": ">=", "args": [{"property": "jaar"}, 2015]}, '
                       '{"op": "s_intersects", "args": [{"property": "geom"}, {"type": "Polygon", "coordinates": '
                       '[[[5.1, 52.18], [5.25, 52.18], [5.25, 52.3], [5.1, 52.3], [5.1, 52.18]]]}]}]}',
             "filter-lang": "cql2-json"},
        ):
            r = client.get("/ogc/collections/buurtdeals_punten/items", params=params)
            assert r.status_code == 200 and r.json()["numberMatched"] > 0, (params, r.text[:300])
    assert proc.poll() is None
