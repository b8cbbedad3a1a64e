"""What the viewer's modules show, read from the page the way a person uses them: the wijkagenda panel of a wijk
(agenda.js) and the buurtmonitor (monitor.js: legend, choropleth classes, trend chart, budget table). The static
site and the live service must give the same."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.viewer.browser import wait_idle


def agenda_panel(page: Page, wijk: str) -> str:
    page.select_option("#filter-wijk", wijk)
    page.wait_for_function("() => { const p = document.getElementById('wijkagenda');"
                           " return !p.hidden && p.querySelector('h2, .fout'); }", timeout=15_000)
    text = page.inner_text("#wijkagenda")
    page.select_option("#filter-wijk", "")
    return text


def _render(page: Page, action) -> None:
    before = page.evaluate("() => window.buurtmonitorVersie || 0")
    action()
    page.wait_for_function("(n) => (window.buurtmonitorVersie || 0) > n", arg=before, timeout=15_000)
    wait_idle(page)


def monitor_views(page: Page, gemeente: str, indicator: str) -> dict:
    """Choose gemeente and indicator (latest year), buurten then wijken; the trend of the first area in the list;
    each budget year's table."""
    page.wait_for_function("() => window.buurtmonitorKlaar === true", timeout=30_000)
    seen: dict = {}
    _render(page, lambda: page.select_option("#monitor-gemeente", gemeente))
    _render(page, lambda: page.select_option("#monitor-indicator", indicator))
    for level in ("wijk", "buurt"):
        _render(page, lambda level=level: page.select_option("#monitor-niveau", level))
        seen[f"legenda {level}"] = page.inner_text("#monitor-legenda")
        seen[f"klassen {level}"] = page.evaluate("""() => Object.fromEntries(window.buurtkaartMap
            .queryRenderedFeatures({layers: ['monitor-vlak']}).map(f => [f.properties.code, f.state.klasse]))""")
    seen["gebieden"] = page.eval_on_selector_all("#monitor-gebied option", "os => os.map(o => o.value)")
    page.select_option("#monitor-gebied", index=1)
    page.wait_for_selector("#monitor-grafiek svg.trend", timeout=15_000)
    seen["trend"] = page.inner_text("#monitor-grafiek")
    seen["trendlijn"] = page.get_attribute("#monitor-grafiek polyline.waardelijn", "points")
    years = page.eval_on_selector_all("#monitor-budgetjaar option", "os => os.map(o => o.value)")
    for year in years:
        page.select_option("#monitor-budgetjaar", year)
        page.locator(f"#monitor-budget-tabel table[data-jaar='{year}']").wait_for(timeout=15_000)
        seen[f"budget {year}"] = page.inner_text("#monitor-budget-tabel")
    return seen
