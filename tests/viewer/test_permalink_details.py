"""Permalinks restore position, filters and the selected item; a deal's details tell the story (step line,
commitments done/not done, the initiative it came from, poll support), checked against the database."""

from __future__ import annotations

import psycopg

from tests.service.conftest import start_server
from tests.viewer.browser import open_viewer


def test_a_permalink_restores_position_filters_and_selection(browser, live):
    v = open_viewer(browser, live.url + "/")
    page = v.page
    try:
        page.select_option("#filter-thema", "ontmoeten")
        page.select_option("#filter-jaar", "2018")
        page.evaluate("window.buurtkaartMap.jumpTo({center: [5.1800, 52.2300], zoom: 13.25})")
        page.wait_for_function("() => location.hash.includes('13.25/52.23000/5.18000')")
        key = page.evaluate("document.querySelector('#lijst .item[data-item^=\"buurtdeal:\"]').dataset.item")
        page.click(f"#lijst .item[data-item='{key}']")
        page.locator("#details .details-buurtdeal").wait_for()
        title = page.inner_text("#details-titel")
        link = page.evaluate("location.href")
        assert "thema=ontmoeten" in link and "jaar=2018" in link and f"item={key}" in link
    finally:
        page.close()
    again = open_viewer(browser, link)
    page = again.page
    try:
        assert page.input_value("#filter-thema") == "ontmoeten" and page.input_value("#filter-jaar") == "2018"
        zoom, center = page.evaluate("[window.buurtkaartMap.getZoom(), window.buurtkaartMap.getCenter().toArray()]")
        assert abs(zoom - 13.25) < 0.01 and abs(center[0] - 5.18) < 1e-4 and abs(center[1] - 52.23) < 1e-4
        assert page.inner_text("#details-titel") == title
        # the map shows the same filter as the restored form
        themes = page.evaluate("""[...new Set(window.buurtkaartMap.queryRenderedFeatures()
            .filter(f => f.sourceLayer === 'buurtdeals').map(f => f.properties.thema))]""")
        assert themes == ["ontmoeten"]
        assert not again.errors, again.errors
    finally:
        page.close()


def test_the_link_of_one_deal_opens_its_details_and_zooms_to_it(browser, live, demo_db):
    with psycopg.connect(demo_db.public_dsn) as conn:
        deal_id, title = conn.execute("SELECT id, titel FROM publiek.buurtdeal ORDER BY id DESC LIMIT 1").fetchone()
    v = open_viewer(browser, live.url + f"/#item=buurtdeal:{deal_id}")
    page = v.page
    try:
        assert page.inner_text("#details-titel") == title
        assert page.evaluate("window.buurtkaartMap.getZoom()") > 13  # zoomed to the deal, not the gemeente
        assert deal_id in page.evaluate("""[...new Set(window.buurtkaartMap.queryRenderedFeatures()
            .filter(f => f.sourceLayer === 'buurtdeals').map(f => f.id))]""")
        # the panel offers that same link to share
        href = page.get_attribute("#details .permalink a", "href")
        assert href.endswith(f"#item=buurtdeal:{deal_id}")
    finally:
        page.close()


def test_a_deals_details_show_step_commitments_origin_and_support(browser, fresh_db):
    with psycopg.connect(fresh_db.public_dsn) as conn:
        deal_id, title, status_name, budget, ini_title, support = conn.execute(
            """SELECT d.id, d.titel, d.status_naam, d.budget_gemeente, i.titel, i.steun_pct
                 FROM publiek.buurtdeal d JOIN publiek.initiatief i ON i.id = d.initiatief_id
                WHERE i.steun_pct IS NOT NULL AND d.status = 'uitvoering'
                  AND (SELECT count(*) FROM publiek.afspraak a WHERE a.buurtdeal_id = d.id AND NOT a.gereed) >= 2
                ORDER BY d.id LIMIT 1""").fetchone()
    with psycopg.connect(fresh_db.editor_dsn) as editor:  # one commitment done, as GIS staff record it
        editor.execute("UPDATE buurt.afspraak SET gereed = true WHERE id = (SELECT min(id) FROM buurt.afspraak "
                       "WHERE buurtdeal_id = %s)", (deal_id,))
    with psycopg.connect(fresh_db.public_dsn) as conn:
        commitments = conn.execute("SELECT partij, omschrijving, gereed FROM publiek.afspraak "
                                   "WHERE buurtdeal_id = %s", (deal_id,)).fetchall()
        steps = [r[0] for r in conn.execute("SELECT naam FROM publiek.workflowstap ORDER BY volgorde")]
    assert {done for _, _, done in commitments} == {True, False}
    running = start_server(fresh_db)
    v = open_viewer(browser, running.url + f"/#item=buurtdeal:{deal_id}")
    page = v.page
    try:
        text = page.inner_text("#details")
        assert title in text and ini_title in text and f"{support}% voor" in text
        assert f"€ {int(budget):,}".replace(",", ".") in text.replace("\xa0", " ")
        # the step line: every step in order, the current one marked for screen readers and in words
        assert page.locator("#details .stappen .stap-naam").all_inner_texts() == steps
        current = page.locator("#details .stappen li[aria-current='step']")
        assert status_name in current.inner_text() and "huidige stap" in current.inner_text()
        for party, description, done in commitments:
            row = page.locator(f"#details .afspraken-{party} li", has_text=description)
            assert row.count() == 1, description
            assert ("(gedaan)" if done else "(nog niet gedaan)") in row.inner_text()
        # the initiative link opens that initiative's details
        page.click("#details .herkomst a")
        page.locator("#details .details-initiatief").wait_for()
        assert page.inner_text("#details-titel") == ini_title
        assert not v.errors, v.errors
    finally:
        page.close()
        running.stop()
