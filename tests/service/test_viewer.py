"""The virtuele stad in real headless Chromium against the real service: renders, popups, filters."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from tests.viewer.browser import viewer_in_chromium, wait_idle


@pytest.fixture(scope="module")
def page(server) -> Iterator[Page]:
    with viewer_in_chromium(server.url + "/") as viewer:
        yield viewer.page
        # offline, no CDN: the one request allowed outside is the probe of the PDOK base map (the viewer falls back)
        assert not viewer.foreign(), f"de viewer haalde iets van buiten de service: {viewer.foreign()}"


def rendered(pg: Page, layer: str) -> list[dict]:
    return pg.evaluate(
        """(layer) => window.buurtkaartMap.queryRenderedFeatures()
             .filter(f => f.sourceLayer === layer).map(f => f.properties)""", layer)


def test_viewer_renders_deals_initiatives_and_boundaries(page):
    assert len(rendered(page, "buurtdeals")) >= 20
    assert len(rendered(page, "initiatieven")) >= 10
    assert {p["naam"] for p in rendered(page, "wijken")} >= {"Centrum", "Zuidwest", "Hilversumse Meent"}
    labels = page.locator(".label-wijk").all_inner_texts()
    assert "Centrum" in labels
    legend = page.inner_text("#legenda")
    assert "Openbare ruimte" in legend and "Buurtdeal gesloten" in legend and "Groen" in legend


def click_feature(page: Page, layers: list[str], source_layer: str) -> dict:
    """Click a rendered feature of `source_layer` that is the top hit at its point; return its properties."""
    target = page.evaluate(
        """([layers, sourceLayer]) => {
             const map = window.buurtkaartMap;
             const rect = map.getContainer().getBoundingClientRect();
             for (const f of map.queryRenderedFeatures({layers})) {
               if (f.geometry.type !== 'Point') continue;
               const pt = map.project(f.geometry.coordinates);
               const c = map.getCanvas();  // inside the canvas, clear of the zoom buttons
               if (pt.x < 20 || pt.y < 20 || pt.x > c.clientWidth - 80 || pt.y > c.clientHeight - 60) continue;
               const top = map.queryRenderedFeatures(pt)[0];
               const p = f.properties;
               if (top && top.sourceLayer === sourceLayer && top.id === f.id
                   && (sourceLayer !== 'buurtdeals' || (p.afspraken_bewoners && p.afspraken_gemeente)))
                 return {x: rect.left + pt.x, y: rect.top + pt.y, props: f.properties};
             }
             return null;
           }""", [layers, source_layer])
    assert target is not None, f"geen klikbaar {source_layer}-object"
    page.mouse.click(target["x"], target["y"])
    return target["props"]


def test_a_click_on_a_deal_shows_both_sides_commitments(page):
    props = click_feature(page, ["buurtdeals-punt"], "buurtdeals")
    details = page.locator("#details .details-buurtdeal")
    details.wait_for(timeout=5_000)
    assert props["titel"] in details.inner_text()
    residents = page.inner_text("#details .afspraken-bewoners")
    municipality = page.inner_text("#details .afspraken-gemeente")
    assert props["afspraken_bewoners"].split("; ")[0] in residents
    assert props["afspraken_gemeente"].split("; ")[0] in municipality
    page.click("#details-sluiten")
    assert page.locator("#details").is_hidden()


def test_click_on_a_buurt_shows_its_figures(page):
    page.evaluate("window.buurtkaartMap.jumpTo({center: [5.1555, 52.2105], zoom: 14})")
    wait_idle(page)
    rect = page.evaluate("window.buurtkaartMap.getContainer().getBoundingClientRect().toJSON()")
    target = page.evaluate(
        """() => { const map = window.buurtkaartMap; const c = map.getCanvas();
             for (let y = 40; y < c.clientHeight; y += 25) for (let x = 40; x < c.clientWidth; x += 25) {
               const hits = map.queryRenderedFeatures([x, y]);
               const deal = hits.find(h => ['buurtdeals', 'initiatieven'].includes(h.sourceLayer));
               const buurt = hits.find(h => h.sourceLayer === 'buurten');
               if (!deal && buurt) return {x, y, naam: buurt.properties.naam}; }
             return null; }""")
    assert target
    page.mouse.click(rect["x"] + target["x"], rect["y"] + target["y"])
    popup = page.locator(".popup-buurt")
    popup.wait_for(timeout=5_000)
    text = popup.inner_text()
    assert target["naam"] in text and "Inwoners" in text and "Rapportcijfer" in text
    page.evaluate("document.querySelectorAll('.maplibregl-popup').forEach(p => p.remove())")
    page.evaluate("window.buurtkaartMap.fitBounds(window.buurtkaartMap.getStyle().metadata['buurtkaart:extent'], "
                  "{animate: false})")
    wait_idle(page)


def test_filters_change_what_is_rendered(page):
    all_deals = rendered(page, "buurtdeals")
    page.select_option("#filter-thema", "verkeer")
    wait_idle(page)
    verkeer = rendered(page, "buurtdeals")
    assert verkeer and len(verkeer) < len(all_deals)
    assert {p["thema"] for p in verkeer} == {"verkeer"}
    assert {p["thema"] for p in rendered(page, "initiatieven")} <= {"verkeer"}
    page.select_option("#filter-thema", "")
    page.select_option("#filter-jaar", "2018")
    wait_idle(page)
    assert {p["jaar"] for p in rendered(page, "buurtdeals")} == {2018}
    page.select_option("#filter-jaar", "")
    page.select_option("#filter-wijk", "WK040201")
    wait_idle(page)
    assert {p["wijkcode"] for p in rendered(page, "buurtdeals")} == {"WK040201"}
    page.select_option("#filter-wijk", "")
    wait_idle(page)
    assert len(rendered(page, "buurtdeals")) == len(all_deals)


def test_names_and_the_national_view_follow_the_zoom(page):
    """Far out the gemeenten are shaded by their counts and no names cover the map; wijk names come in at
    gemeente level, buurt names instead of them closer in, and only those in view are on the page."""
    view = page.evaluate("(() => { const m = window.buurtkaartMap; return [m.getCenter().toArray(), m.getZoom()]; })()")

    def at(zoom: float) -> tuple[int, int]:
        page.evaluate("([c, z]) => window.buurtkaartMap.jumpTo({center: c, zoom: z})", [view[0], zoom])
        wait_idle(page)
        return page.locator(".label-wijk").count(), page.locator(".label-buurt").count()

    try:
        assert at(7) == (0, 0)
        shaded = rendered(page, "gemeenten")
        assert shaded and all(p["aantal_initiatieven"] + p["aantal_buurtdeals"] >= 0 for p in shaded)
        assert "gemeenten-vlak" in page.evaluate("window.buurtkaartMap.getStyle().layers.map(l => l.id)")
        wijken, buurten = at(12)
        assert wijken > 0 and buurten == 0
        wijken, buurten = at(15)
        assert wijken == 0 and 0 < buurten < 40  # only the buurten in view, not all of them
    finally:
        page.evaluate("([c, z]) => window.buurtkaartMap.jumpTo({center: c, zoom: z})", view)
        wait_idle(page)


def test_an_edit_in_qgis_reaches_an_open_viewer_without_reload(page, fresh_db):
    import psycopg

    from tests.service.conftest import start_server

    running = start_server(fresh_db)
    pg = page.context.browser.new_page(viewport={"width": 1024, "height": 700})
    try:
        pg.goto(running.url + "/")
        pg.wait_for_function("() => window.buurtkaartReady === true", timeout=30_000)
        wait_idle(pg)
        titles = {p["titel"] for p in rendered(pg, "buurtdeals")}
        assert titles and "Gewijzigd in QGIS" not in titles
        with psycopg.connect(fresh_db.editor_dsn) as editor:
            deal = editor.execute("SELECT id FROM buurt.buurtdeal WHERE gepubliceerd AND titel = %s",
                                  (sorted(titles)[0],)).fetchone()[0]
            editor.execute("UPDATE buurt.buurtdeal SET titel = 'Gewijzigd in QGIS' WHERE id = %s", (deal,))
        pg.wait_for_function(
            """() => window.buurtkaartMap.queryRenderedFeatures()
                 .some(f => f.sourceLayer === 'buurtdeals' && f.properties.titel === 'Gewijzigd in QGIS')""",
            timeout=10_000)
    finally:
        pg.close()
        running.stop()


def test_stopped_work_fades_as_in_qgis(page, demo_db):
    """The statuses with buurt_vl.status.gestopt (read through publiek.status) draw at FADED_OPACITY of the
    others, the factor QGIS's renderers use too; a live status keeps full opacity."""
    import psycopg

    from spatial_service.core.kaartstijl import FADED_OPACITY

    with psycopg.connect(demo_db.admin_dsn) as conn:
        stopped = {r[0] for r in conn.execute("SELECT code FROM buurt_vl.status WHERE gestopt")}
    assert stopped
    seen = page.evaluate(
        """() => window.buurtkaartMap.queryRenderedFeatures({layers: ['initiatieven-punt', 'buurtdeals-punt']})
             .map(f => [f.properties.status, f.layer.paint['icon-opacity']])""")
    by_status: dict[str, set[float]] = {}
    for status, opacity in seen:
        by_status.setdefault(status, set()).add(round(opacity, 3))
    assert stopped & set(by_status), f"geen gestopt initiatief of buurtdeal op de kaart: {sorted(by_status)}"
    for status, opacities in by_status.items():
        assert opacities == ({round(FADED_OPACITY, 3)} if status in stopped else {1}), status

