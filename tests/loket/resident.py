"""What a resident does on the submit form in real Chromium, two ways: keyboard only (Tab, typing, the arrow keys
on the map's location marker, Enter, Space) and with a mouse (clicks on the fields, a point or an area clicked on
the map). Every element the keyboard lands on must show its focus."""

from __future__ import annotations

import json
from dataclasses import dataclass

import psycopg
from playwright.sync_api import Page


@dataclass(frozen=True)
class Submission:
    titel: str
    omschrijving: str
    thema_naam: str  # the option's text, as a person picks it
    buurt_naam: str  # the start of the buurt's option text
    naam: str
    email: str
    toestemming: bool = True


def focused(page: Page) -> dict:
    return page.evaluate("""() => { const el = document.activeElement; const s = getComputedStyle(el);
        return {id: el.id, tag: el.tagName, type: el.type || '', text: (el.innerText || el.value || '').slice(0, 60),
                outline: s.outlineStyle, width: parseFloat(s.outlineWidth)}; }""")


def tab_to(page: Page, element_id: str, limit: int = 80) -> None:
    """Tab (forward) until the element with this id has the focus; every stop shows a visible outline."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        f = focused(page)
        if f["tag"] != "BODY":
            assert f["outline"] != "none" and f["width"] >= 2, f
        if f["id"] == element_id:
            return
    raise AssertionError(f"met Tab niet bij #{element_id} gekomen")


def wait_ready(page: Page) -> None:
    page.wait_for_function("() => window.loketKlaar === true", timeout=30_000)
    assert page.evaluate("window.loketFout || null") is None
    page.evaluate("new Promise(r => { const m = window.loketMap; m.once('idle', r); m.triggerRepaint(); })")


def choose_by_keys(page: Page, element_id: str, text: str) -> None:
    """Pick an option of a closed <select> by typing the start of its text, as a keyboard user does."""
    tab_to(page, element_id)
    page.keyboard.type(text, delay=30)
    chosen = page.evaluate(f"document.getElementById('{element_id}').selectedOptions[0].text")
    assert chosen.startswith(text), (chosen, text)


def fill_by_keyboard(page: Page, s: Submission, marker_steps: int = 3) -> dict:
    """The whole form keyboard only: the buurt from the list, then the marker moved with the arrow keys and a point
    put there with Enter. The drawn point (GeoJSON) is returned."""
    wait_ready(page)
    page.evaluate("document.activeElement && document.activeElement.blur()")
    tab_to(page, "titel")
    page.keyboard.type(s.titel)
    tab_to(page, "omschrijving")
    page.keyboard.type(s.omschrijving)
    choose_by_keys(page, "thema", s.thema_naam)
    choose_by_keys(page, "buurtcode", s.buurt_naam)
    page.evaluate("new Promise(r => { const m = window.loketMap; m.once('idle', r); m.triggerRepaint(); })")
    tab_to(page, "markering")
    for _ in range(marker_steps):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('teken-status').textContent.startsWith('Punt gezet')")
    tab_to(page, "naam")
    page.keyboard.type(s.naam)
    tab_to(page, "email")
    page.keyboard.type(s.email)
    if s.toestemming:
        tab_to(page, "toestemming")
        page.keyboard.press("Space")
    return json.loads(page.input_value("#geojson"))


def submit_by_keyboard(page: Page) -> None:
    """Tab on from the last field to the submit button, then Enter."""
    for _ in range(10):
        page.keyboard.press("Tab")
        if focused(page)["text"] == "Initiatief indienen":
            break
    else:
        raise AssertionError("met Tab de knop 'Initiatief indienen' niet bereikt")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def draw_area_by_mouse(page: Page, offsets: list[tuple[int, int]]) -> None:
    """'Een gebied', a click per vertex around the map's middle, then 'Gebied afmaken'."""
    page.check("input[name=vorm][value=gebied]")
    canvas = page.locator("#tekenkaart canvas")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    for dx, dy in offsets:
        canvas.click(position={"x": box["width"] / 2 + dx, "y": box["height"] / 2 + dy})
    page.click("#gebied-af")
    page.wait_for_function("() => document.getElementById('teken-status').textContent.startsWith('Gebied af')")


def fill_by_mouse(page: Page, s: Submission, area: bool = True) -> dict:
    """The whole form with the mouse: an area drawn by clicks (or a point clicked), the rest clicked and typed."""
    wait_ready(page)
    page.click("#titel")
    page.keyboard.type(s.titel)
    page.click("#omschrijving")
    page.keyboard.type(s.omschrijving)
    page.select_option("#thema", label=page.evaluate(
        "(t) => [...document.getElementById('thema').options].find(o => o.text.startsWith(t)).text", s.thema_naam))
    # the buurt first: the map then shows it close enough to draw in
    page.select_option("#buurtcode", label=page.evaluate(
        "(t) => [...document.getElementById('buurtcode').options].find(o => o.text.startsWith(t)).text", s.buurt_naam))
    page.evaluate("new Promise(r => { const m = window.loketMap; m.once('idle', r); m.triggerRepaint(); })")
    if area:
        draw_area_by_mouse(page, [(-30, -30), (30, -30), (30, 30), (-30, 30)])
    else:
        canvas = page.locator("#tekenkaart canvas")
        canvas.scroll_into_view_if_needed()
        box = canvas.bounding_box()
        # beside the middle: the location marker stands there
        canvas.click(position={"x": box["width"] / 2 + 40, "y": box["height"] / 2 + 25})
    page.click("#naam")
    page.keyboard.type(s.naam)
    page.click("#email")
    page.keyboard.type(s.email)
    if s.toestemming:
        page.click("#toestemming")
    return json.loads(page.input_value("#geojson"))


def submit_by_mouse(page: Page) -> None:
    with page.expect_navigation():
        page.click("button[type=submit]")


def add_deal(db, title: str) -> None:
    """GIS staff make a deal from the initiative and publish it (a draft deal is not told), with a commitment of each
    side (the residents' one done)."""
    with psycopg.connect(db.editor_dsn) as conn:
        deal = conn.execute("INSERT INTO buurt.buurtdeal (titel, jaar, thema, initiatief_id, geom, gepubliceerd) "
                            "SELECT 'Deal ' || titel, 2026, thema, id, geom, true FROM buurt.initiatief "
                            "WHERE titel = %s RETURNING id",
                            (title,)).fetchone()[0]
        conn.execute("INSERT INTO buurt.afspraak (buurtdeal_id, partij, omschrijving, gereed) VALUES "
                     "(%s, 'bewoners', 'Draagvlak in de straat peilen', true), "
                     "(%s, 'gemeente', 'De bank plaatsen', false)", (deal, deal))
