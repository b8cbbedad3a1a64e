"""`buurtkaart export-site` on a real nginx with the tile service NOT asked: the page, MapLibre, the PMTiles
archive (HTTP Range) and the JSON come from the static host only, and it renders what the live viewer renders."""

from __future__ import annotations

import json
import subprocess

import httpx
import psycopg

from tests.service.test_cli import cli_env
from tests.viewer.browser import open_viewer, rendered_ids, viewing
from tests.viewer.conftest import BUURTKAART
from tests.viewer.modules import agenda_panel, monitor_views


def test_the_site_is_complete_and_served_with_range(static_host, site_dir):
    for name in ("index.html", "static/viewer.js", "static/bron.js", "static/viewer.css",
                 "vendor/maplibre-gl/maplibre-gl.js", "vendor/pmtiles/pmtiles.js", "data/style.json",
                 "data/labels.json", "data/details.json", "data/virtuele_stad.pmtiles"):
        assert (site_dir / name).is_file(), name
    assert 'data-bron="statisch"' in (site_dir / "index.html").read_text()
    style = json.loads((site_dir / "data" / "style.json").read_text())
    assert style["sources"]["buurtkaart"]["url"] == "pmtiles://data/virtuele_stad.pmtiles"
    r = httpx.get(static_host.url + "/data/virtuele_stad.pmtiles", headers={"Range": "bytes=0-126"}, timeout=30)
    assert r.status_code == 206 and len(r.content) == 127 and r.content[:7] == b"PMTiles"


def test_the_static_site_renders_from_nginx_without_the_tile_service(browser, static_host, demo_db):
    v = open_viewer(browser, static_host.url + "/")
    page = v.page
    try:
        assert page.evaluate("window.buurtkaart.bron.kind") == "statisch"
        deals = rendered_ids(page, "buurtdeals")
        initiatives = rendered_ids(page, "initiatieven")
        with psycopg.connect(demo_db.public_dsn) as conn:
            want_deals = {r[0] for r in conn.execute("SELECT id FROM publiek.buurtdeal")}
            want_initiatives = {r[0] for r in conn.execute("SELECT id FROM publiek.initiatief")}
        assert deals == want_deals and initiatives == want_initiatives
        assert "Centrum" in page.locator(".label-wijk").all_inner_texts()
        assert len(page.locator("#lijst .item").all()) == len(want_deals) + len(want_initiatives)
        # every request went to the static host (or to PDOK's base map probe); none to a tile service
        assert not v.foreign(), v.foreign()
        assert not [u for u in v.requests if "/tiles/" in u or ("style.json" in u and "/data/" not in u)]
        log = static_host.access_log()
        assert "/data/virtuele_stad.pmtiles 206 " in log  # the archive is read by Range
        assert not v.errors, v.errors
    finally:
        page.close()


def test_static_and_live_viewer_render_and_tell_the_same(browser, static_host, live):
    views = []
    for url in (static_host.url, live.url):
        v = open_viewer(browser, url + "/#kaart=14.00/52.22600/5.17620")
        page = v.page
        key = page.evaluate("document.querySelector('#lijst .item[data-item^=\"buurtdeal:\"]').dataset.item")
        page.click(f"#lijst .item[data-item='{key}']")
        page.locator("#details .stappen").wait_for()
        views.append({layer: rendered_ids(page, layer) for layer in ("buurtdeals", "initiatieven", "wijken",
                                                                      "buurten", "groen", "speelplekken")}
                     | {"lijst": page.inner_text("#lijst"), "details": page.inner_text("#details"),
                        "legenda": page.inner_text("#legenda")})
        assert not v.errors, v.errors
        page.close()
    static, live_view = views
    assert static["buurtdeals"] and static["groen"]
    assert static == live_view


def test_export_site_refuses_a_folder_that_is_not_a_site(demo_db, tmp_path):
    target = tmp_path / "mijn-map"
    target.mkdir()
    (target / "belangrijk.txt").write_text("niet weggooien")
    done = subprocess.run([BUURTKAART, "export-site", str(target)], env=cli_env(demo_db), capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 2
    assert "niet leeg" in done.stderr and str(target) in done.stderr and "Traceback" not in done.stderr
    assert [p.name for p in target.iterdir()] == ["belangrijk.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["mijn-map"]  # no half-written site beside it


def test_a_wrong_base_map_setting_is_named_before_any_work(demo_db, tmp_path):
    target = tmp_path / "site"
    for name, value, words in (("BUURTKAART_BASEMAP", "satelliet", "standaard, grijs of geen"),
                               ("BUURTKAART_BASEMAP_URL", "https://kaart.example/tegel.png", "{z}, {x} en {y}")):
        done = subprocess.run([BUURTKAART, "export-site", str(target)], env={**cli_env(demo_db), name: value},
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 2 and name in done.stderr and words in done.stderr, done.stderr
        assert "Traceback" not in done.stderr and not target.exists()


def test_wijkagenda_and_buurtmonitor_on_the_static_site_show_what_live_shows(browser, static_host, live, demo_db):
    """The modules beside the viewer read their data through bk.bron: export-site wrote it under data/ from the
    same SQL the live routes answer with, so the panel, the choropleth, the trend and the budget table agree."""
    with psycopg.connect(demo_db.public_dsn) as conn:
        wijk = conn.execute("SELECT min(wijkcode) FROM publiek.wijkagenda_paneel WHERE wijkcode LIKE 'WK0402%%' "
                            "AND jsonb_array_length(paneel->'prioriteiten') > 0").fetchone()[0]
    views = []
    for url in (static_host.url, live.url):
        with viewing(browser, url + "/#kaart=13.00/52.22600/5.17620") as v:
            views.append({"agenda": agenda_panel(v.page, wijk)}
                         | monitor_views(v.page, "GM0402", "sociale_cohesie"))
            if url == static_host.url:
                assert v.page.evaluate("() => window.buurtkaart.bron.kind") == "statisch"
                assert not [u for u in v.requests if "/tiles/" in u or "cijfers.json" in u or ("/agenda/" in u
                                                                                     and "/data/agenda/" not in u)]
    static, live_view = views
    assert "Wijkagenda" in static["agenda"] and "Wat de wijk wil" in static["agenda"]
    assert "Schaalscore sociale cohesie" in static["legenda buurt"] and "van de wijken" in static["legenda wijk"]
    assert len(static["klassen buurt"]) >= 20 and set(static["klassen buurt"].values()) >= {1, 5}
    assert static["trendlijn"] and "streefwaarde" in static["trend"]
    assert [k for k in static if k.startswith("budget ")] == ["budget 2017", "budget 2018", "budget 2019"]
    assert static == live_view
    missing = [line for line in static_host.access_log().splitlines() if line.split()[1:2] == ["404"]]
    assert not missing, missing
