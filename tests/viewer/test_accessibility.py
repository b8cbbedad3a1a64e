"""WCAG 2.1 AA of the virtuele stad, live and static, in real Chromium: axe-core, a keyboard-only walk, the map
by keys, reflow on a phone (320 px). The list (text alternative) follows the filters and the map extent."""

from __future__ import annotations

import pytest

from spatial_service.commands import docs
from tests.viewer.browser import axe_violations, open_viewer, rendered_ids, wait_idle


@pytest.fixture(params=["live", "statisch"])
def viewer_url(request) -> str:
    host = request.getfixturevalue("live" if request.param == "live" else "static_host")
    return host.url + "/"


@pytest.mark.parametrize("width", [1280, 320])
def test_axe_reports_no_violations(browser, viewer_url, width):
    v = open_viewer(browser, viewer_url, width=width, height=800)
    try:
        assert axe_violations(v.page) == []
        # with a deal's details open (the step line, the commitments) and, on a phone, the drawer open
        key = v.page.evaluate("window.buurtkaart.data.items.find(i => i.soort === 'buurtdeal').soort + ':' + "
                              "window.buurtkaart.data.items.find(i => i.soort === 'buurtdeal').id")
        v.page.evaluate("(key) => window.buurtkaart.openDetails(key)", key)
        v.page.locator("#details .stappen").wait_for()
        assert axe_violations(v.page) == []
        assert not v.errors and not v.foreign(), (v.errors, v.foreign())
    finally:
        v.page.close()


def focused(page) -> dict:
    return page.evaluate("""() => { const el = document.activeElement; const s = getComputedStyle(el);
        return {id: el.id, cls: String(el.className), tag: el.tagName, key: el.dataset ? el.dataset.item || '' : '',
                text: (el.innerText || el.value || '').slice(0, 60), outline: s.outlineStyle,
                width: parseFloat(s.outlineWidth)}; }""")


def test_keyboard_only_walk_reaches_everything_and_opens_a_deal(browser, live):
    v = open_viewer(browser, live.url + "/")
    page = v.page
    try:
        seen: list[dict] = []
        for _ in range(80):
            page.keyboard.press("Tab")
            f = focused(page)
            seen.append(f)
            # focus is always visible: a real outline on every element the keyboard lands on
            assert f["outline"] != "none" and f["width"] >= 2, f
            if f["key"].startswith("buurtdeal:"):
                break
        ids = [f["id"] for f in seen]
        assert "filter-thema" in ids and "filter-jaar" in ids
        assert ids.index("filter-thema") < len(ids) - 1
        deal = seen[-1]
        assert deal["key"].startswith("buurtdeal:"), "met Tab geen buurtdeal in de lijst bereikt"
        page.keyboard.press("Enter")
        page.locator("#details .details-buurtdeal").wait_for(timeout=5_000)
        assert focused(page)["id"] == "details-titel"  # focus moves to what opened
        assert deal["text"].split("\n")[0] in page.inner_text("#details-titel")
        page.keyboard.press("Escape")
        assert page.locator("#details").is_hidden()
        assert focused(page)["key"] == deal["key"]  # and back to where the user was

        # the legend, the base map choice and the map are further down the same Tab order
        for _ in range(200):
            page.keyboard.press("Tab")
            f = focused(page)
            if "maplibregl-canvas" in f["cls"]:
                break
            seen.append(f)
        ids = [f["id"] for f in seen]
        assert "legenda-sectie" in ids
        assert "maplibregl-canvas" in focused(page)["cls"], "met Tab de kaart niet bereikt"
        before = page.evaluate("[window.buurtkaartMap.getZoom(), window.buurtkaartMap.getCenter().toArray()]")
        page.keyboard.press("Equal")  # '=' / '+' zooms in
        page.wait_for_function("(z) => window.buurtkaartMap.getZoom() > z + 0.5 && !window.buurtkaartMap.isMoving()",
                               arg=before[0], timeout=5_000)
        for _ in range(4):
            page.keyboard.press("ArrowRight")
        page.wait_for_function("(x) => window.buurtkaartMap.getCenter().lng > x && !window.buurtkaartMap.isMoving()",
                               arg=before[1][0], timeout=5_000)
        wait_idle(page)
        assert not v.errors, v.errors
    finally:
        page.close()


def listed(page) -> list[str]:
    return page.evaluate("[...document.querySelectorAll('#lijst .item')].map(b => b.dataset.item)")


def test_the_list_follows_the_filters_and_the_map_extent(browser, live):
    v = open_viewer(browser, live.url + "/")
    page = v.page
    try:
        items = {f"{i['soort']}:{i['id']}": i for i in page.evaluate("window.buurtkaart.data.items")}
        everything = listed(page)
        assert len(everything) == len(items)  # the whole gemeente is in view at the start
        page.select_option("#filter-thema", "verkeer")
        verkeer = listed(page)
        assert verkeer and len(verkeer) < len(everything)
        assert {items[k]["thema"] for k in verkeer} == {"verkeer"}
        assert set(verkeer) == {k for k, i in items.items() if i["thema"] == "verkeer"}
        assert page.inner_text("#lijst-aantal").startswith(f"{len(verkeer)} van {len(verkeer)}")
        page.select_option("#filter-thema", "")
        # a pan/zoom to Centrum: only what lies in the new extent stays in the list
        page.evaluate("window.buurtkaartMap.jumpTo({center: [5.1762, 52.2260], zoom: 15})")
        page.wait_for_function(f"() => document.querySelectorAll('#lijst .item').length < {len(everything)}")
        bounds = page.evaluate("window.buurtkaartMap.getBounds().toArray()")
        inside = listed(page)
        assert inside
        for key in inside:
            w, s, e, n = items[key]["bbox"]
            assert e >= bounds[0][0] and w <= bounds[1][0] and n >= bounds[0][1] and s <= bounds[1][1], key
        outside = set(everything) - set(inside)
        assert outside and all(items[k]["bbox"][0] > bounds[1][0] or items[k]["bbox"][2] < bounds[0][0]
                               or items[k]["bbox"][1] > bounds[1][1] or items[k]["bbox"][3] < bounds[0][1]
                               for k in outside)
        assert not v.errors, v.errors
    finally:
        page.close()


def test_phone_reflow_drawer_and_screenshots(browser, live, tmp_path):
    v = open_viewer(browser, live.url + "/#kaart=13.60/52.22600/5.17200", width=320, height=640)
    page = v.page
    try:
        # reflow: nothing wider than the screen, the map fills it, the panel waits in a closed drawer
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        box = page.locator("#kaart").bounding_box()
        assert box["width"] == 320 and box["height"] >= 600
        assert page.locator("#paneel").is_hidden()
        button = page.locator("#paneel-knop")
        assert button.get_attribute("aria-expanded") == "false"
        button.focus()
        page.keyboard.press("Enter")
        assert button.get_attribute("aria-expanded") == "true"
        page.locator("#paneel").wait_for(state="visible")
        page.wait_for_timeout(300)  # the drawer's slide
        deal = page.locator("#lijst .item[data-item^='buurtdeal:']").first
        deal.click()
        page.locator("#details .stappen").wait_for()
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        wait_idle(page)
        # the deal shows in the part of the map above the drawer
        key = page.evaluate("new URLSearchParams(location.hash.slice(1)).get('item')")  # the one opened
        assert key.startswith("buurtdeal:")
        pt = page.evaluate("""(key) => { const it = window.buurtkaart.data.byKey.get(key);
            return window.buurtkaartMap.project([it.lon, it.lat]); }""", key)
        drawer = page.locator("#paneel").bounding_box()
        map_box = page.locator("#kaart").bounding_box()
        assert map_box["y"] + map_box["height"] <= drawer["y"] and map_box["height"] > 200  # map above, not under
        assert 0 < pt["y"] < map_box["height"] and 0 < pt["x"] < 320, (pt, map_box)
        assert int(key.split(":")[1]) in rendered_ids(page, "buurtdeals")
        phone_shot = tmp_path / "viewer-telefoon.png"  # the README's picture: `buurtkaart docs pictures`
        page.screenshot(path=str(phone_shot))
        assert phone_shot.stat().st_size > 20_000
        # the map stays usable: close the drawer, the whole screen is map again
        button.click()
        page.wait_for_timeout(300)
        assert page.locator("#paneel").is_hidden()
        assert not v.errors, v.errors
    finally:
        page.close()


def test_desktop_screenshot_for_the_readme(browser, live, tmp_path):
    """The function `buurtkaart docs pictures` makes viewer.png with, into a temporary folder: a test run leaves
    docs/img alone."""
    shot = docs.viewer_desktop(browser, live.url, tmp_path / "viewer.png")
    assert shot.stat().st_size > 50_000


def test_the_phone_picture_of_the_docs_command(browser, live, tmp_path):
    shot = docs.viewer_phone(browser, live.url, tmp_path / "viewer-telefoon.png")
    assert shot.stat().st_size > 20_000
