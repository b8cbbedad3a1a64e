"""The resident's pages in real Chromium at 1280 and 360 px: axe-core finds no WCAG 2.1 AA violation on any of
them (the form, the form after a refusal, the confirmation pages, the follow page, support, privacy, 404 and 429),
no page has a script error or asks another host, and a refusal brings the form back with every input kept, the
drawn point or area included (keyboard only and with the mouse)."""

from __future__ import annotations

import itertools
import json

import pytest

from tests.db.loket_helpers import admin_execute, last_token
from tests.loket.resident import (
    Submission,
    add_deal,
    fill_by_keyboard,
    fill_by_mouse,
    submit_by_keyboard,
    submit_by_mouse,
    wait_ready,
)
from tests.viewer.browser import axe_violations

WIDTHS = [1280, 360]
_addresses = (f"203.0.113.{n}" for n in itertools.count(1))


def resident(n: int = 0, **changes) -> Submission:
    values = {"titel": f"Moestuin aan de Vaartweg {n}", "omschrijving": "Samen groente kweken.",
              "thema_naam": "Openbare ruimte", "buurt_naam": "Centrum", "naam": "Chris Bakker",
              "email": f"chris{n}@voorbeeld.nl"}
    values.update(changes)
    return Submission(**values)


@pytest.fixture
def page(browser, request):
    """A page of its own client address (X-Forwarded-For, trusted from loopback as behind nginx), so the
    per-address limit of one test never holds back another; no script errors, no other host asked."""
    width = request.node.callspec.params.get("width", 1280)
    p = browser.new_page(viewport={"width": width, "height": 860})
    p.set_extra_http_headers({"X-Forwarded-For": next(_addresses)})
    errors, requests = [], []
    p.on("pageerror", lambda e: errors.append(str(e)))
    p.on("request", lambda r: requests.append(r.url))
    yield p
    p.close()
    origin = "http://127.0.0.1:"
    assert not errors, errors
    assert not [u for u in requests if not u.startswith((origin, "data:", "blob:"))]


def clean(p, what: str) -> None:
    assert axe_violations(p) == [], what


@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_nothing_on_any_resident_page(page, site, site_db, width):
    p = page
    p.goto(f"{site.url}/indienen")
    wait_ready(p)
    clean(p, "formulier")
    fill_by_keyboard(p, resident(width, toestemming=False))
    submit_by_keyboard(p)
    wait_ready(p)
    assert p.locator("#fouten").is_visible()
    assert p.evaluate("document.activeElement.id") == "fouten"  # the summary is read first
    clean(p, "formulier na weigering")
    p.check("#toestemming")
    submit_by_mouse(p)
    assert "Kijk in uw mail" in p.inner_text("h1")
    clean(p, "kijk in uw mail")
    token = last_token(site_db, "indienen_bevestigen", f"chris{width}@voorbeeld.nl")
    p.goto(f"{site.url}/bevestig/{token}")
    clean(p, "bevestigen")
    with p.expect_navigation():
        p.click("button[type=submit]")
    clean(p, "bevestigd")
    add_deal(site_db, resident(width).titel)  # the follow page with a deal and both sides' commitments
    with p.expect_navigation():
        p.click("a.volglink")
    assert "Gemeente doet" in p.inner_text("main")
    assert "Initiatief binnen" in p.inner_text("main")
    clean(p, "volgen")
    p.goto(f"{site.url}/privacy")
    clean(p, "privacy")
    ident = admin_execute(site_db, "SELECT min(id) FROM publiek.initiatief")[0][0]
    p.goto(f"{site.url}/steun/{ident}")
    clean(p, "steunen")
    p.fill("#email", "geen adres")
    submit_by_mouse(p)
    assert p.locator("#email[aria-invalid=true]").count() == 1
    clean(p, "steunen na weigering")
    p.goto(f"{site.url}/steun/bevestig/{'z' * 43}")
    clean(p, "steun bevestigen")
    with p.expect_navigation():
        p.click("button[type=submit]")
    assert "Link onbekend" in p.inner_text("h1")
    clean(p, "404")
    admin_execute(site_db, "UPDATE buurt_sys.instelling SET waarde = '0' WHERE sleutel = 'loket_indienen_per_uur'")
    try:
        p.goto(f"{site.url}/indienen")
        fill_by_mouse(p, resident(width + 1), area=False)
        submit_by_mouse(p)
    finally:
        admin_execute(site_db, "UPDATE buurt_sys.instelling SET waarde = '5' WHERE sleutel = 'loket_indienen_per_uur'")
    # the form again, the refusal in its summary and everything typed still there
    assert "te veel verzoeken" in p.inner_text("#fouten").lower()
    assert p.input_value("#titel") == resident(width + 1).titel and p.is_checked("#toestemming")
    clean(p, "429")


@pytest.mark.parametrize("width", WIDTHS)
def test_refusal_keeps_every_input_and_the_keyboard_point(page, site, width):
    p = page
    p.goto(f"{site.url}/indienen")
    s = resident(10 + width, toestemming=False)
    drawn = fill_by_keyboard(p, s)
    assert drawn["type"] == "Point"
    assert p.input_value("#buurtcode") == "BU04020101"  # the list follows the marker's buurt
    submit_by_keyboard(p)
    wait_ready(p)
    assert "Zonder uw toestemming" in p.inner_text("#fouten")
    assert "Zonder uw toestemming" in p.inner_text("main")
    assert (p.input_value("#titel"), p.input_value("#omschrijving"), p.input_value("#naam"), p.input_value("#email")) \
        == (s.titel, s.omschrijving, s.naam, s.email)
    assert p.evaluate("document.getElementById('thema').selectedOptions[0].text") == s.thema_naam
    assert p.input_value("#buurtcode") == "BU04020101"
    assert json.loads(p.input_value("#geojson")) == drawn
    assert p.evaluate("[window.loketTekening.mode, window.loketTekening.count]") == ["punt", 1]


@pytest.mark.parametrize("width", WIDTHS)
def test_refusal_keeps_the_area_drawn_with_the_mouse(page, site, width):
    p = page
    p.goto(f"{site.url}/indienen")
    s = resident(20 + width, toestemming=False)
    drawn = fill_by_mouse(p, s)
    assert drawn["type"] == "Polygon" and len(drawn["coordinates"][0]) == 5
    submit_by_mouse(p)
    wait_ready(p)
    assert p.locator("#fouten").is_visible()
    assert p.input_value("#titel") == s.titel and p.input_value("#email") == s.email
    assert json.loads(p.input_value("#geojson")) == drawn
    assert p.evaluate("[window.loketTekening.mode, window.loketTekening.count, window.loketTekening.finished]") \
        == ["gebied", 4, True]
    assert p.is_checked("input[name=vorm][value=gebied]")
    # the kept drawing is in view and can be changed: undo reopens the area, the form then has no geometry
    p.click("#punt-terug")
    assert p.input_value("#geojson") == ""
    p.click("#gebied-af")
    assert json.loads(p.input_value("#geojson")) == drawn
