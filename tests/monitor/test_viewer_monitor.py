"""The buurtmonitor in the virtuele stad, in real headless Chromium against the real service: choosing an
indicator and year changes the rendering (feature-state classes, pixels) and the legend; an area without a value
is hatched and named; the trend chart of a clicked area shows the target line and whether it is met."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import psycopg
import pytest
from playwright.sync_api import Page

from tests.service.conftest import start_server
from tests.support import new_database
from tests.viewer.browser import viewer_in_chromium

SECRET = "BU04020102"  # Havenstraatbuurt (in the centre, on screen): its 2018 sociale cohesie is made secret


@pytest.fixture(scope="module")
def monitor_server(pg_settings):
    db = new_database(pg_settings, with_demo=True)
    with psycopg.connect(db.admin_dsn) as conn:
        conn.execute("UPDATE buurt.buurtcijfer SET waarde = NULL WHERE buurtcode = %s AND jaar = 2018 "
                     "AND indicator = 'sociale_cohesie'", (SECRET,))
    running = start_server(db)
    yield running
    running.stop()
    db.drop()


@pytest.fixture(scope="module")
def page(monitor_server) -> Iterator[Page]:
    with viewer_in_chromium(monitor_server.url + "/", height=900) as viewer:
        viewer.page.wait_for_function("() => window.buurtmonitorKlaar === true", timeout=30_000)
        yield viewer.page


def wait_render(pg: Page, before: int) -> None:
    pg.wait_for_function(f"() => (window.buurtmonitorVersie || 0) > {before}", timeout=15_000)
    pg.wait_for_function("() => window.buurtkaartMap.loaded() && window.buurtkaartMap.areTilesLoaded()", timeout=30_000)
    pg.wait_for_timeout(300)  # one more frame after the last tile


def version(pg: Page) -> int:
    return pg.evaluate("window.buurtmonitorVersie || 0")


def rendered_classes(pg: Page) -> dict[str, int]:
    return pg.evaluate("""() => Object.fromEntries(window.buurtkaartMap
                             .queryRenderedFeatures({layers: ['monitor-vlak']})
                             .map(f => [f.properties.code, f.state.klasse]))""")


def nl(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}".replace(".", ",")


def test_choosing_indicator_and_year_changes_rendering_and_legend(page, monitor_server):
    api = httpx.Client(base_url=monitor_server.url, timeout=30)
    n = version(page)
    page.select_option("#monitor-indicator", "sociale_cohesie")
    wait_render(page, n)
    years = [o for o in page.eval_on_selector_all("#monitor-jaar option", "os => os.map(o => o.value)")]
    assert years == ["2016", "2017", "2018"] and page.input_value("#monitor-jaar") == "2018"
    shot_2018 = page.locator("#kaart").screenshot()
    legend_2018 = page.inner_text("#monitor-legenda")
    data = api.get("/cijfers.json", params={"indicator": "sociale_cohesie", "jaar": 2018, "niveau": "buurt",
                                             "gemeente": "GM0402"}).json()
    assert "Schaalscore sociale cohesie (score 0-10), 2018" in legend_2018 and "kwantielen" in legend_2018
    g = data["grenzen"]
    for k in range(5):
        assert f"{nl(g[k], 1)} – {nl(g[k + 1], 1)} score 0-10" in legend_2018
    # the secret buurt is hatched and named, not drawn as the lowest class
    assert "geen waarde (geheim of onbekend):" in legend_2018 and "Havenstraatbuurt" in legend_2018
    hatched = page.evaluate("window.buurtkaartMap.queryRenderedFeatures({layers: ['monitor-geen']})"
                            ".map(f => f.properties.code)")
    assert set(hatched) == {SECRET}
    classes = rendered_classes(page)
    assert len(classes) >= 30 and SECRET not in {c for c, k in classes.items() if k}
    assert all(classes[c] == v["klasse"] for c, v in data["waarden"].items() if c in classes)

    n = version(page)
    page.select_option("#monitor-jaar", "2016")
    wait_render(page, n)
    legend_2016 = page.inner_text("#monitor-legenda")
    data_2016 = api.get("/cijfers.json", params={"indicator": "sociale_cohesie", "jaar": 2016, "niveau": "buurt",
                                                  "gemeente": "GM0402"}).json()
    assert ", 2016" in legend_2016 and legend_2016 != legend_2018 and "geen waarde" not in legend_2016
    classes_2016 = rendered_classes(page)
    assert all(classes_2016[c] == v["klasse"] for c, v in data_2016["waarden"].items() if c in classes_2016)
    assert classes_2016 != classes
    assert page.locator("#kaart").screenshot() != shot_2018

    # wijken instead of buurten: the wijk tiles get the classes
    n = version(page)
    page.select_option("#monitor-niveau", "wijk")
    wait_render(page, n)
    wijken = rendered_classes(page)
    assert wijken and set(wijken) <= {f"WK0402{i:02d}" for i in range(1, 10)}
    assert "van de wijken" in page.inner_text("#monitor-legenda")
    n = version(page)
    page.select_option("#monitor-niveau", "buurt")
    wait_render(page, n)


def test_trend_chart_shows_the_target_and_whether_it_is_met(page, monitor_server, tmp_path):
    if page.input_value("#monitor-indicator") != "sociale_cohesie":
        n = version(page)
        page.select_option("#monitor-indicator", "sociale_cohesie")
        wait_render(page, n)
    target = page.evaluate("""() => {
        const map = window.buurtkaartMap;
        const c = map.getCanvas();
        for (const f of map.queryRenderedFeatures({layers: ['monitor-vlak']})) {
          const ring = f.geometry.type === 'Polygon' ? f.geometry.coordinates[0] : f.geometry.coordinates[0][0];
          const mid = ring.reduce((a, p) => [a[0] + p[0] / ring.length, a[1] + p[1] / ring.length], [0, 0]);
          const pt = map.project(mid);
          if (pt.x < 30 || pt.y < 30 || pt.x > c.clientWidth - 90 || pt.y > c.clientHeight - 60) continue;
          const top = map.queryRenderedFeatures(pt, {layers: ['monitor-vlak']})[0];
          if (top && top.properties.code === f.properties.code) {
            const r = map.getContainer().getBoundingClientRect();
            return {x: r.left + pt.x, y: r.top + pt.y, code: f.properties.code};
          }
        }
        return null; }""")
    assert target is not None
    page.mouse.click(target["x"], target["y"])
    page.wait_for_selector("#monitor-grafiek svg.trend", timeout=10_000)
    trend = httpx.get(f"{monitor_server.url}/cijfers/trend.json",
                      params={"code": target["code"], "indicator": "sociale_cohesie"}, timeout=30).json()
    points = page.get_attribute("#monitor-grafiek polyline.streeflijn", "points")
    assert len(points.split()) == sum(1 for r in trend["reeks"] if r["streefwaarde"] is not None) >= 2
    last = [r for r in trend["reeks"] if r["waarde"] is not None and r["streefwaarde"] is not None][-1]
    verdict = page.inner_text("#monitor-grafiek .oordeel")
    assert verdict == (f"{last['jaar']}: {nl(last['waarde'], 1)}, streefwaarde {nl(last['streefwaarde'], 1)}: "
                       f"{'gehaald' if last['gehaald'] else 'niet gehaald'}")
    assert trend["naam"] in page.inner_text("#monitor-grafiek figcaption")

    # keyboard only: the area list beside the map opens another area's trend
    page.focus("#monitor-gebied")
    page.keyboard.press("End")
    page.wait_for_function(f"() => document.querySelector('#monitor-grafiek figcaption strong')?.textContent !== "
                           f"{trend['naam']!r}", timeout=10_000)
    page.screenshot(path=str(tmp_path / "buurtmonitor.png"))  # the README's picture: `buurtkaart docs pictures`
    assert (tmp_path / "buurtmonitor.png").stat().st_size > 20_000


def test_budget_table_per_wijk_adds_up_to_the_budget(page, monitor_server):
    years = page.eval_on_selector_all("#monitor-budgetjaar option", "os => os.map(o => o.value)")
    assert years == ["2017", "2018", "2019"]
    page.select_option("#monitor-budgetjaar", "2017")
    page.wait_for_function("() => document.querySelector('#monitor-budget-tabel tbody')?.rows.length === 9")
    data = httpx.get(f"{monitor_server.url}/budget.json", params={"gemeente": "GM0402", "jaar": 2017},
                     timeout=30).json()
    total = sum(w["bedrag"] for w in data["wijken"])
    shown = page.inner_text("#monitor-budget .budget-totaal")
    assert shown.replace("\u00a0", " ") == "€ " + f"{total:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    assert page.locator("#monitor-budget abbr").count() == sum(1 for w in data["wijken"] if w["prioriteit"])
