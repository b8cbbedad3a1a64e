"""The names of wijken and buurten never overlap (issue 21, item 8), in real Chromium at national, gemeente, wijk
and buurt zoom, in Amersfoort (31 wijken close together: at gemeente zoom their names met) and Hilversum, live and
on the static site. The names are HTML labels (no glyph server): viewer.js places them greedily, larger areas
first, and hides a name whose box would meet one already shown."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator

import psycopg
import pytest
from playwright.sync_api import Page

from spatial_service.demo import amersfoort
from tests import support
from tests.service.conftest import RunningServer, serving
from tests.service.test_cli import cli_env
from tests.viewer.browser import viewing, wait_idle
from tests.viewer.conftest import BUURTKAART
from tests.viewer.nginx import Nginx, start_nginx


@pytest.fixture(scope="module")
def demo(pg_settings) -> Iterator[support.TestDatabase]:
    """What `buurtkaart demo` loads: Hilversum and the whole Amersfoort (31 wijken, 145 buurten)."""
    db = support.new_database(pg_settings, with_demo=True)
    amersfoort.load(db.admin_dsn)
    yield db
    db.drop()


@pytest.fixture(scope="module")
def live(demo) -> Iterator[RunningServer]:
    with serving(demo) as running:
        yield running


@pytest.fixture(scope="module")
def static_host(demo, tmp_path_factory) -> Iterator[Nginx]:
    target = tmp_path_factory.mktemp("site-namen") / "site"
    done = subprocess.run([BUURTKAART, "export-site", str(target), "--minzoom", "9", "--maxzoom", "14"],
                          env=cli_env(demo), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    host = start_nginx(target, tmp_path_factory.mktemp("nginx-namen"))
    yield host
    host.stop()


LABELS_JS = """() => [...document.querySelectorAll('.label')]
  .filter((el) => getComputedStyle(el).display !== 'none')
  .map((el) => { const r = el.getBoundingClientRect();
                 return {naam: el.textContent, soort: el.classList.contains('label-wijk') ? 'wijk' : 'buurt',
                         zichtbaar: getComputedStyle(el).visibility !== 'hidden',
                         box: [r.left, r.top, r.right, r.bottom]}; })"""


def meet(a: list[float], b: list[float], grow: float = 0) -> bool:
    return a[0] - grow < b[2] and b[0] - grow < a[2] and a[1] - grow < b[3] and b[1] - grow < a[3]


def centre(db, code: str) -> tuple[float, float]:
    with psycopg.connect(db.public_dsn) as conn:
        return conn.execute("SELECT ST_X(c), ST_Y(c) FROM (SELECT ST_Transform(ST_Centroid(geom), 4326) AS c "
                            "FROM publiek.gemeente WHERE code = %s) x", (code,)).fetchone()


def go(page: Page, lon: float, lat: float, zoom: float) -> list[dict]:
    before = page.evaluate("() => window.buurtkaartNamen || 0")
    page.evaluate("([lon, lat, zoom]) => window.buurtkaartMap.jumpTo({center: [lon, lat], zoom})", [lon, lat, zoom])
    page.wait_for_function("(n) => (window.buurtkaartNamen || 0) > n", arg=before, timeout=15_000)
    wait_idle(page)
    return page.evaluate(LABELS_JS)


def assert_no_overlap(labels: list[dict], where: str) -> None:
    shown = [lb for lb in labels if lb["zichtbaar"]]
    for i, a in enumerate(shown):
        for b in shown[i + 1:]:
            assert not meet(a["box"], b["box"]), f"{where}: {a['naam']} en {b['naam']} overlappen"
    # and none hidden for nothing: a hidden name would have met a shown one (the 2 px margin on each side)
    for lb in labels:
        if not lb["zichtbaar"]:
            assert any(meet(lb["box"], s["box"], grow=4) for s in shown), f"{where}: {lb['naam']} onnodig verborgen"


@pytest.mark.parametrize("host", ["live", "static_host"])
def test_no_two_names_overlap_at_any_zoom(browser, demo, host, request):
    url = request.getfixturevalue(host).url
    amersfoort_centre = centre(demo, "GM0307")
    hilversum = centre(demo, "GM0402")
    with viewing(browser, url + "/") as v:
        page = v.page
        national = go(page, 5.3, 52.1, 7.5)
        assert national == []  # a whole country of names would only cover the map
        hidden_somewhere = 0
        for name, (lon, lat) in (("Amersfoort", amersfoort_centre), ("Hilversum", hilversum)):
            # gemeente, wijk and buurt zoom (national: above)
            for zoom, kind in ((11.0, "wijk"), (13.0, "wijk"), (14.5, "buurt")):
                labels = go(page, lon, lat, zoom)
                where = f"{name} zoom {zoom}"
                assert labels and {lb["soort"] for lb in labels} == {kind}, where
                assert any(lb["zichtbaar"] for lb in labels), where
                assert_no_overlap(labels, where)
                hidden_somewhere += sum(not lb["zichtbaar"] for lb in labels)
        # the collision handling had work to do (Amersfoort's wijk names met at gemeente zoom)
        amersfoort_gemeente = go(page, *amersfoort_centre, 11.0)
        assert any(not lb["zichtbaar"] for lb in amersfoort_gemeente) and hidden_somewhere > 0
        # zooming in with the keyboard: names are placed again as the map moves
        page.focus(".maplibregl-canvas")
        before = page.evaluate("() => window.buurtkaartNamen || 0")
        page.keyboard.press("+")
        page.wait_for_function("(n) => (window.buurtkaartNamen || 0) > n", arg=before, timeout=15_000)
        wait_idle(page)
        assert_no_overlap(page.evaluate(LABELS_JS), "na + met het toetsenbord")


def test_no_overlap_on_a_phone(browser, live, demo):
    with viewing(browser, live.url + "/", width=360, height=640) as v:
        labels = go(v.page, *centre(demo, "GM0307"), 12.0)
        assert sum(lb["zichtbaar"] for lb in labels) >= 2
        assert_no_overlap(labels, "360 px, Amersfoort zoom 12")
