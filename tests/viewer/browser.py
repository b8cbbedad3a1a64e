"""Real headless Chromium for the browser tests: start it, open the viewer, record requests and errors, run
axe-core."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlparse

from playwright.sync_api import Browser, Page, sync_playwright

from spatial_service.paths import PACKAGE_DIR
from spatial_service.web.basemap import PDOK_TEMPLATE

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
AXE = PACKAGE_DIR / "viewer" / "node_modules" / "axe-core" / "axe.min.js"
BASEMAP_HOST = urlparse(PDOK_TEMPLATE).netloc
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@dataclass
class Viewer:
    page: Page
    origin: str
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def foreign(self) -> list[str]:
        """Requests to anything but the viewer's own origin and the base map's probe."""
        return [u for u in self.requests if not u.startswith(self.origin) and not u.startswith(("data:", "blob:"))
                and urlparse(u).netloc != BASEMAP_HOST]


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless. One at a time: Playwright's sync API allows one instance per thread."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def viewer_in_chromium(url: str, height: int = 820) -> Iterator[Viewer]:
    """The viewer at `url` in a Chromium of its own, for the page a test module shares; a script error on the page
    fails the module when it is done."""
    with chromium() as browser:
        viewer = open_viewer(browser, url, height=height)
        yield viewer
        assert not viewer.errors, viewer.errors


def open_viewer(browser: Browser, url: str, width: int = 1280, height: int = 820) -> Viewer:
    page = browser.new_page(viewport={"width": width, "height": height})
    origin = "{0.scheme}://{0.netloc}".format(urlparse(url))
    viewer = Viewer(page, origin)
    page.on("pageerror", lambda e: viewer.errors.append(str(e)))
    page.on("request", lambda r: viewer.requests.append(r.url))
    page.goto(url)
    page.wait_for_function("() => window.buurtkaartReady === true", timeout=30_000)
    wait_idle(page)
    return viewer


@contextmanager
def viewing(browser: Browser, url: str, **size: int) -> Iterator[Viewer]:
    """open_viewer for a with block: the page has no script errors at the end and is closed however it ends."""
    viewer = open_viewer(browser, url, **size)
    try:
        yield viewer
        assert not viewer.errors, viewer.errors
    finally:
        viewer.page.close()


def wait_idle(page: Page) -> None:
    page.wait_for_function("() => window.buurtkaartMap.loaded() && window.buurtkaartMap.areTilesLoaded()",
                           timeout=30_000)
    # symbols are placed in the frame after a change (filter, move): wait for a full render and 'idle'
    page.evaluate("new Promise(r => { const m = window.buurtkaartMap; m.once('idle', r); m.triggerRepaint(); })")


def rendered_ids(page: Page, layer: str) -> set[int]:
    return set(page.evaluate("""(layer) => [...new Set(window.buurtkaartMap.queryRenderedFeatures()
        .filter(f => f.sourceLayer === layer).map(f => f.id))]""", layer))


def axe_violations(page: Page, min_passes: int = 11) -> list[dict]:
    assert AXE.is_file(), f"{AXE} ontbreekt: draai bash scripts/setup.sh (npm-pakket axe-core)"
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # through the DevTools protocol, which the page's Content-Security-Policy does not govern (a <script> tag
        # added by the test would be refused like any other inline script)
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    # the counts of passed rules make sure axe looked at something at all (a small page passes fewer rules)
    assert len(result["passes"]) >= min_passes, [p["id"] for p in result["passes"]]
    return [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]]
