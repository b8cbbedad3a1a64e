"""The virtuele stad of one gemeente (/g/GM0307/) from a database with two (the Hilversum demo and a small
Amersfoort), in real Chromium: only that gemeente's items in the list, the tiles and the filters, the map starts
on it, the keyboard walk opens a deal, the wijk panel is its own; / still shows both; an unknown gemeente gets a
Dutch 404 page. Also `export-site --gemeente` on a real nginx: the site of one gemeente opens on it."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from tests import support
from tests.service.conftest import RunningServer, serving
from tests.service.test_cli import cli_env
from tests.viewer.browser import Viewer, rendered_ids, viewing
from tests.viewer.conftest import BUURTKAART
from tests.viewer.modules import agenda_panel, monitor_views
from tests.viewer.nginx import Nginx, start_nginx
from tests.viewer.test_accessibility import focused

ITEM_QUERY = ("SELECT 'buurtdeal:' || id FROM publiek.buurtdeal WHERE gemeentecode = %(g)s "
              "UNION SELECT 'initiatief:' || id FROM publiek.initiatief WHERE gemeentecode = %(g)s")


@pytest.fixture(scope="module")
def served(two_gemeenten_db) -> Iterator[RunningServer]:
    with serving(two_gemeenten_db) as running:
        yield running


def items_of(db: support.TestDatabase, code: str) -> set[str]:
    with psycopg.connect(db.public_dsn) as conn:
        return {r[0] for r in conn.execute(ITEM_QUERY, {"g": code})}


def listed(page) -> set[str]:
    return set(page.evaluate("window.buurtkaart.data.items.map(i => i.soort + ':' + i.id)"))


def extent_of(db: support.TestDatabase, code: str) -> list[float]:
    with psycopg.connect(db.public_dsn) as conn:
        return list(conn.execute("SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Transform("
                                 "geom, 4326) AS e FROM publiek.gemeente WHERE code = %s) x", (code,)).fetchone())


def assert_starts_on(v: Viewer, extent: list[float]) -> None:
    lng, lat = v.page.evaluate("window.buurtkaartMap.getCenter().toArray()")
    assert extent[0] < lng < extent[2] and extent[1] < lat < extent[3], (lng, lat, extent)


def test_one_gemeentes_viewer_shows_only_its_own(browser, served, two_gemeenten_db):
    with viewing(browser, served.url + "/g/GM0307/") as v:
        page = v.page
        amersfoort, hilversum = items_of(two_gemeenten_db, "GM0307"), items_of(two_gemeenten_db, "GM0402")
        assert amersfoort and hilversum
        assert listed(page) == amersfoort
        assert set(page.evaluate("[...document.querySelectorAll('#lijst .item')].map(b => b.dataset.item)")) \
            == amersfoort  # the map opens on all of it, so the list in view holds every item
        deals = {f"buurtdeal:{i}" for i in rendered_ids(page, "buurtdeals")}
        initiatives = {f"initiatief:{i}" for i in rendered_ids(page, "initiatieven")}
        assert deals | initiatives == amersfoort
        assert_starts_on(v, extent_of(two_gemeenten_db, "GM0307"))
        assert page.evaluate("window.buurtkaartMap.getZoom()") > 11  # the gemeente, not the country
        assert "Amersfoort" in page.inner_text("h1") and "Amersfoort" in page.title()
        wijken = page.evaluate("[...document.querySelectorAll('#filter-wijk option')].map(o => o.value)")
        assert wijken[1:] and all(w.startswith("WK0307") for w in wijken[1:])
        # every request of the page stays under /g/GM0307/ (tiles, style, labels, details, static files)
        own = [u for u in v.requests if u.startswith(served.url)]
        assert own and all(u.startswith(served.url + "/g/GM0307/") for u in own), own
        assert any("/g/GM0307/tiles/" in u and u.endswith(".pbf") for u in own)


def test_keyboard_walk_and_wijk_panel_in_one_gemeente(browser, served):
    with viewing(browser, served.url + "/g/GM0307/") as v:
        page = v.page
        for _ in range(80):
            page.keyboard.press("Tab")
            if focused(page)["key"].startswith("buurtdeal:"):
                break
        deal = focused(page)
        assert deal["key"].startswith("buurtdeal:"), "met Tab geen buurtdeal in de lijst bereikt"
        page.keyboard.press("Enter")
        page.locator("#details .details-buurtdeal").wait_for(timeout=5_000)
        assert "Deal Stadskern" in page.inner_text("#details-titel")
        page.keyboard.press("Escape")
        assert focused(page)["key"] == deal["key"]
        # the wijk panel asks the gemeente's own agenda/ next to the page; the years are the gemeente's
        assert page.evaluate("[...document.querySelectorAll('#filter-jaar option')].map(o => o.value)") == ["", "2024"]
        page.select_option("#filter-jaar", "2024")
        page.select_option("#filter-wijk", "WK030701")
        page.locator("#wijkagenda h2").wait_for(timeout=5_000)
        assert "Stadskern" in page.inner_text("#wijkagenda") and "Deal Stadskern" in page.inner_text("#wijkagenda")
        assert any(u.endswith("/g/GM0307/agenda/WK030701.json") for u in v.requests)


def test_the_national_viewer_still_shows_both(browser, served, two_gemeenten_db):
    with viewing(browser, served.url + "/") as v:
        assert listed(v.page) == items_of(two_gemeenten_db, "GM0307") | items_of(two_gemeenten_db, "GM0402")
        assert "/g/" not in " ".join(v.requests)


@pytest.mark.parametrize(("path", "status", "text"), [
    ("/g/GM9999/", 404, "Gemeente GM9999 staat niet in deze database. Bekend: GM0307, GM0402."),
    ("/g/Hilversum/", 400, "Ongeldige gemeentecode 'Hilversum' in het pad"),
])
def test_unknown_gemeente_gets_a_dutch_page(browser, served, path, status, text):
    page = browser.new_page()
    try:
        response = page.goto(served.url + path)
        assert response.status == status
        assert page.inner_text("h1") == "Gemeente niet gevonden" and text in page.inner_text("main")
        assert page.evaluate("document.documentElement.lang") == "nl"
    finally:
        page.close()


@pytest.fixture(scope="module")
def gemeente_site(two_gemeenten_db, tmp_path_factory) -> Iterator[tuple[Path, Nginx]]:
    target = tmp_path_factory.mktemp("site-gm") / "amersfoort"
    done = subprocess.run([BUURTKAART, "export-site", str(target), "--minzoom", "9", "--maxzoom", "15",
                           "--gemeente", "GM0307"], env=cli_env(two_gemeenten_db), capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    host = start_nginx(target, tmp_path_factory.mktemp("nginx-gm"))
    yield target, host
    host.stop()


def test_the_static_site_of_one_gemeente_opens_on_it(browser, gemeente_site, two_gemeenten_db):
    _, host = gemeente_site
    with viewing(browser, host.url + "/") as v:
        page = v.page
        assert page.evaluate("window.buurtkaart.bron.kind") == "statisch"
        amersfoort = items_of(two_gemeenten_db, "GM0307")
        assert listed(page) == amersfoort
        rendered = ({f"buurtdeal:{i}" for i in rendered_ids(page, "buurtdeals")}
                    | {f"initiatief:{i}" for i in rendered_ids(page, "initiatieven")})
        assert rendered == amersfoort
        assert_starts_on(v, extent_of(two_gemeenten_db, "GM0307"))
        assert "Amersfoort" in page.inner_text("h1")
        assert not v.foreign(), v.foreign()


def test_the_static_site_of_one_gemeente_has_its_wijkagenda_and_buurtmonitor(browser, gemeente_site, served,
                                                                             two_gemeenten_db):
    """`export-site --gemeente GM0307` writes that gemeente's panels and figures only, and they show what
    /g/GM0307/ shows live."""
    site, host = gemeente_site
    meta = json.loads((site / "data" / "cijfers" / "indicatoren.json").read_text())
    assert [g["code"] for g in meta["gemeenten"]] == ["GM0307"]
    assert sorted(p.stem for p in (site / "data" / "agenda").iterdir()) == sorted(
        r[0] for r in psycopg.connect(two_gemeenten_db.public_dsn).execute(
            "SELECT code FROM publiek.wijk WHERE gemeentecode = 'GM0307'"))
    assert not list((site / "data" / "cijfers" / "trend").glob("*0402*"))
    views = []
    for url in (host.url + "/", served.url + "/g/GM0307/"):
        with viewing(browser, url) as v:
            views.append({"agenda": agenda_panel(v.page, "WK030701")}
                         | monitor_views(v.page, "GM0307", meta["indicatoren"][0]["code"]))
    static, live = views
    assert "Wijkagenda Stadskern" in static["agenda"]  # its agenda is not published: the panel says so
    assert static["klassen buurt"] and "budget 2024" in static
    assert static == live
    missing = [line for line in host.access_log().splitlines() if line.split()[1:2] == ["404"]]
    assert not missing, missing


def test_export_site_refuses_an_unknown_gemeente(two_gemeenten_db, tmp_path):
    done = subprocess.run([BUURTKAART, "export-site", str(tmp_path / "site"), "--gemeente", "GM9999"],
                          env=cli_env(two_gemeenten_db), capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "Gemeente GM9999 staat niet in deze database" in done.stderr and "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []  # nothing half-written
