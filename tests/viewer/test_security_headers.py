"""Security headers and no third parties (issue 19): every answer carries the headers, and the viewer, the viewer of
one gemeente, the static site and the OGC API's HTML pages load in real Chromium under the policy with no CSP
violation and no request to any host but the page's own and the base map's."""

from __future__ import annotations

import dataclasses
import inspect
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import fastapi.openapi.docs
import httpx
import pytest
import tipg
from playwright.sync_api import Browser, Page

from spatial_service.settings import Settings
from spatial_service.web.security import CDN_FILES, NODE_MODULES, OGC_PACKAGES, OSM_TILES, nginx_headers, policy
from tests.service.conftest import RunningServer, serving
from tests.viewer.browser import BASEMAP_HOST, wait_idle

pytestmark = pytest.mark.browser

DEPLOYMENT = Path(__file__).resolve().parents[2] / "docs" / "deployment.md"
# collects what the browser refused, from the page's own start (an init script is not subject to the page's CSP)
RECORD_VIOLATIONS = """window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(
  `${e.violatedDirective} ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`));"""


def _watch(page: Page, origin: str) -> tuple[list[str], list[str]]:
    foreign: list[str] = []
    console: list[str] = []
    page.add_init_script(RECORD_VIOLATIONS)

    def on_request(url: str) -> None:
        host = urlparse(url)
        if url.startswith(("data:", "blob:")) or f"{host.scheme}://{host.netloc}" == origin:
            return
        if host.netloc != BASEMAP_HOST:
            foreign.append(url)

    page.on("request", lambda r: on_request(r.url))
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    return foreign, console


def _violations(page: Page, console: list[str]) -> list[str]:
    return [*page.evaluate("window.__cspViolations || []"), *console]


@pytest.fixture(scope="module")
def ogc_item(live: RunningServer) -> str:
    r = httpx.get(f"{live.url}/ogc/collections/buurtdeals_punten/items", params={"limit": 1, "f": "geojson"},
                  timeout=30)
    assert r.status_code == 200, r.text
    return str(r.json()["features"][0]["id"])


def _ogc_pages(item: str) -> list[tuple[str, str]]:
    """(path, a selector that only shows once the page's scripts ran or its content is there)."""
    c = "/ogc/collections/buurtdeals_punten"
    return [
        ("/ogc/?f=html", "a[href*='collections']"),
        ("/ogc/conformance?f=html", "li"),
        ("/ogc/collections?f=html", "#current_page:not(:empty)"),  # jQuery filled it in
        (f"{c}?f=html", ".leaflet-container"),  # Leaflet ran
        (f"{c}/queryables?f=html", "h2 + ul li"),
        (f"{c}/items?f=html", ".leaflet-container"),
        (f"{c}/items/{item}?f=html", ".leaflet-container"),
        ("/ogc/tileMatrixSets?f=html", "a[href*='WebMercatorQuad']"),
        ("/ogc/tileMatrixSets/WebMercatorQuad?f=html", ".leaflet-container"),
        (f"{c}/tiles?f=html", "a[href*='WebMercatorQuad']"),
        (f"{c}/tiles/WebMercatorQuad?f=html", ".leaflet-container"),
        (f"{c}/tiles/WebMercatorQuad/map.html", ".leaflet-container"),
        ("/ogc/api.html", ".swagger-ui .info"),  # Swagger UI rendered the OpenAPI document
    ]


def test_every_answer_carries_the_security_headers(live):
    with live.client() as client:
        tilejson = client.get("/tiles/buurtdeals.json").json()
        tile = urlparse(tilejson["tiles"][0].format(z=14, x=8421, y=5390)).path
        answers = {path: client.get(path) for path in [
            "/", "/g/GM0402/", "/static/viewer.js", "/vendor/maplibre-gl/maplibre-gl.js", tile, "/style.json",
            "/details.json", "/health", "/ogc/?f=html", "/ogc/collections?f=json", "/vendor/ogc/leaflet/leaflet.js",
            "/bestaat-niet", "/tiles/buurtdeals/99/0/0.pbf"]}
    for path, r in answers.items():
        h = r.headers
        assert h["x-content-type-options"] == "nosniff", path
        assert h["referrer-policy"] == "same-origin", path
        assert h["x-frame-options"] == "DENY", path
        assert "frame-ancestors 'none'" in h["content-security-policy"], path
        assert "unsafe-inline" not in h["content-security-policy"].split("script-src")[1].split(";")[0], path
        assert h.get("cache-control"), path
    # each route's own cache policy stands; files get one that fits them
    # tiles: revalidated by ETag (an edit shows within a second), so the route's "public, no-cache" stays
    assert answers[tile].status_code == 200 and answers[tile].headers["cache-control"].startswith("public")
    assert answers["/"].headers["cache-control"] == "no-cache"
    assert "max-age=3600" in answers["/static/viewer.js"].headers["cache-control"]
    assert "max-age=86400" in answers["/vendor/ogc/leaflet/leaflet.js"].headers["cache-control"]
    assert answers["/bestaat-niet"].status_code == 404


def test_the_viewers_load_under_the_policy_with_no_third_party(live, browser: Browser):
    for path in ("/", "/g/GM0402/"):
        page = browser.new_page(viewport={"width": 1280, "height": 820})
        foreign, console = _watch(page, live.url)
        errors: list[str] = []
        page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
        page.goto(live.url + path)
        page.wait_for_function("() => window.buurtkaartReady === true", timeout=30_000)
        wait_idle(page)
        page.wait_for_load_state("networkidle")
        # the legend's colours come from data and are set through the DOM (no style attributes)
        colours = page.evaluate("""[...document.querySelectorAll('#legenda [data-kleur]')]
            .map(e => getComputedStyle(e).backgroundColor)""")
        assert colours and all(c not in ("rgba(0, 0, 0, 0)", "transparent") for c in colours), (path, colours)
        assert _violations(page, console) == [], path
        assert foreign == [], path
        assert errors == [], path
        page.close()


def test_the_static_site_is_served_with_the_same_policy(static_host, browser: Browser):
    r = httpx.get(static_host.url + "/", timeout=10)
    assert r.headers["content-security-policy"] == dict(policy(Settings()).static_host())["Content-Security-Policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    page = browser.new_page(viewport={"width": 1280, "height": 820})
    foreign, console = _watch(page, static_host.url)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(static_host.url + "/")
    page.wait_for_function("() => window.buurtkaartReady === true", timeout=30_000)
    page.wait_for_load_state("networkidle")
    assert _violations(page, console) == []
    assert foreign == []
    assert errors == []
    page.close()


def test_the_ogc_api_pages_load_no_cdn_and_break_no_policy(live, ogc_item, browser: Browser):
    for path, ready in _ogc_pages(ogc_item):
        page = browser.new_page(viewport={"width": 1280, "height": 820})
        foreign, console = _watch(page, live.url)
        errors: list[str] = []
        page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
        answer = page.goto(live.url + path)
        assert answer is not None and answer.status == 200, path
        page.wait_for_selector(ready, state="attached", timeout=15_000)
        page.wait_for_load_state("networkidle")
        assert _violations(page, console) == [], path
        assert foreign == [], (path, foreign)
        assert errors == [], (path, errors)
        html = page.content()
        assert OSM_TILES not in html and "openstreetmap.org/{z}" not in html, path
        page.close()


def test_the_rewrite_table_covers_every_file_tipg_and_fastapi_fetch_elsewhere():
    """A tipg or FastAPI upgrade that loads a new CDN file fails here, naming it (the browser test would show it
    only for the pages it visits)."""
    loads = re.compile(r"<(?:script|link)\b[^>]*?\b(?:src|href)=[\"'](https?://[^\"']+)[\"']")
    templates = Path(tipg.__file__).parent / "templates"
    wanted = {url for f in templates.glob("*.html") for url in loads.findall(f.read_text(encoding="utf-8"))}
    signature = inspect.signature(fastapi.openapi.docs.get_swagger_ui_html)
    wanted |= {signature.parameters[p].default for p in ("swagger_js_url", "swagger_css_url", "swagger_favicon_url")}
    assert wanted - set(CDN_FILES) == set()
    for package, file in CDN_FILES.values():
        assert (NODE_MODULES / OGC_PACKAGES[package] / file).is_file(), (package, file)


def test_a_gemeente_that_embeds_the_viewer_names_its_site(demo_db):
    with serving(demo_db, frame_ancestors="https://www.hilversum.nl") as running, running.client() as client:
        r = client.get("/")
    assert "frame-ancestors https://www.hilversum.nl" in r.headers["content-security-policy"]
    assert "x-frame-options" not in r.headers  # DENY would forbid the embedding the CSP allows


def test_the_deployment_page_gives_the_static_host_the_same_headers():
    text = DEPLOYMENT.read_text(encoding="utf-8")
    missing = [line for line in nginx_headers(Settings()) if line not in text]
    assert missing == [], "docs/deployment.md mist deze regels (security.nginx_headers):\n" + "\n".join(missing)


@pytest.fixture(scope="module", autouse=True)
def _no_leftover_pages(browser: Browser) -> Iterator[None]:
    yield
    for context in browser.contexts:
        for page in context.pages:
            page.close()


def test_an_ogc_page_rewritten_by_the_ogc_process_passes_the_tile_worker_unchanged():
    """`serve --ogc-workers N`: the tile worker forwards /ogc to an OGC process that already rewrote the page; a
    second nonce on its scripts would not match the first CSP and the browser would refuse them all."""
    import asyncio
    import concurrent.futures
    import dataclasses

    from starlette.applications import Starlette
    from starlette.responses import HTMLResponse
    from starlette.routing import Route

    from spatial_service.web.security import SecurityHeaders

    async def page(request):
        return HTMLResponse("<html><head><script>var a = 1;</script></head><body></body></html>")

    settings = dataclasses.replace(Settings(), basemap="geen", basemap_url="")
    inner = Starlette(routes=[Route("/ogc/collections", page)])
    twice = SecurityHeaders(SecurityHeaders(inner, settings), settings)

    async def get() -> httpx.Response:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=twice), base_url="http://t") as client:
            return await client.get("/ogc/collections")

    with concurrent.futures.ThreadPoolExecutor(1) as pool:  # a loop of its own: the test session runs one already
        r = pool.submit(asyncio.run, get()).result()
    nonces = re.findall(r'nonce="([^"]+)"', r.text)
    assert len(nonces) == 1, r.text
    assert f"'nonce-{nonces[0]}'" in r.headers["content-security-policy"]
    assert r.headers.get_list("x-content-type-options") == ["nosniff"]


def test_a_frame_ancestors_value_that_would_break_the_header_stops_serve_at_start(demo_db):
    """A value with a line break, a directive of its own or 'none' beside a site would corrupt or contradict the
    header on every answer: `buurtkaart serve` refuses it in Dutch before it listens (exit 2, no traceback)."""
    import subprocess
    import sys

    from tests.service.test_cli import cli_env

    buurtkaart = str(Path(sys.executable).parent / "buurtkaart")
    for value in ("https://a.nl\r\nX-Evil: 1", "https://a.nl; script-src *", "'none' https://a.nl", "", "javascript:x"):
        done = subprocess.run([buurtkaart, "serve", "--port", "1"], env={**cli_env(demo_db),
                              "BUURTKAART_FRAME_ANCESTORS": value}, capture_output=True, text=True, timeout=60)
        assert done.returncode == 2, (value, done.stderr[-500:])
        assert "BUURTKAART_FRAME_ANCESTORS" in done.stderr and "Traceback" not in done.stderr, done.stderr[-500:]
    for value in ("'none'", "'self'", "https://www.hilversum.nl", "'self' https://www.hilversum.nl:8443"):
        assert policy(dataclasses.replace(Settings(), frame_ancestors=value)).frame_ancestors == value
