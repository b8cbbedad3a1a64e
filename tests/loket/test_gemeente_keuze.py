"""/indienen at the root of a site of many gemeenten (BUURTKAART_LOKET_KIES_GEMEENTE_VANAF, here 2 so that the two
gemeenten of `two_gemeenten_db` are "many"): first the gemeente, then that gemeente's own form with only its
buurten; an unknown choice is refused at the field; under /g/<code>/ and below the threshold the form comes at once.
Over real HTTP and in real Chromium, keyboard only, with axe-core."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import psycopg
import pytest

from tests.service.conftest import RunningServer, serving
from tests.viewer.browser import axe_violations
from tests.viewer.test_werkbak_inloggen import focused, new_page, tab_to


@pytest.fixture(scope="module")
def many(two_gemeenten_db) -> Iterator[RunningServer]:
    with serving(two_gemeenten_db, basemap="geen", loket_kies_gemeente_vanaf=2) as running:
        yield running


def buurten_of(db, gemeente: str) -> set[str]:
    with psycopg.connect(db.public_dsn) as conn:
        return {r[0] for r in conn.execute("SELECT code FROM publiek.buurt WHERE NOT water AND gemeentecode = %s",
                                           (gemeente,))}


def get(site: RunningServer, path: str, **kw) -> httpx.Response:
    return httpx.get(f"{site.url}{path}", timeout=30, **kw)


def test_the_root_asks_the_gemeente_first_and_sends_on_to_its_own_form(many, two_gemeenten_db):
    with psycopg.connect(two_gemeenten_db.public_dsn) as conn:
        served = conn.execute("SELECT code, naam FROM publiek.gemeente ORDER BY naam").fetchall()
    assert len(served) == 2
    chooser = get(many, "/indienen")
    assert chooser.status_code == 200 and chooser.headers["cache-control"] == "no-store"
    assert [tuple(o) for o in re.findall(r'<option value="(GM\d{4})">([^<]+)</option>', chooser.text)] == served
    assert 'id="buurtcode"' not in chooser.text and 'name="naam"' not in chooser.text  # not yet the form

    amersfoort, hilversum = buurten_of(two_gemeenten_db, "GM0307"), buurten_of(two_gemeenten_db, "GM0402")
    assert amersfoort and hilversum
    sent = get(many, "/indienen", params={"gemeente": "GM0307"})
    assert sent.status_code == 303 and sent.headers["location"] == "/g/GM0307/indienen"
    form = get(many, sent.headers["location"])
    assert form.status_code == 200 and 'id="indienformulier"' in form.text
    offered = set(re.findall(r'<option value="(BU\d{8})"', form.text))
    assert offered == amersfoort and not offered & hilversum

    # under /g/<code>/ the form comes at once, whatever the query says
    own = get(many, "/g/GM0402/indienen", params={"gemeente": "GM0307"})
    assert own.status_code == 200 and set(re.findall(r'<option value="(BU\d{8})"', own.text)) == hilversum


@pytest.mark.parametrize("choice", ["", "GM9999", "<script>alert(1)</script>", "GM0307' OR '1'='1"])
def test_an_unknown_choice_is_refused_at_the_field(many, choice):
    r = get(many, "/indienen", params={"gemeente": choice})
    assert r.status_code == 400 and 'role="alert"' in r.text
    message = re.search(r'<p class="veldfout" id="gemeente-fout">(.*?)</p>', r.text, re.S)
    assert message and "Kies uw gemeente uit de lijst" in message.group(1)
    assert 'aria-invalid="true"' in r.text and "<script>alert" not in r.text


def test_below_the_threshold_the_root_form_lists_every_gemeentes_buurten(two_gemeenten_db):
    with serving(two_gemeenten_db, basemap="geen") as default:  # the default threshold: 10 gemeenten
        form = get(default, "/indienen")
    assert form.status_code == 200 and 'id="indienformulier"' in form.text
    assert set(re.findall(r'<option value="(BU\d{8})"', form.text)) == (
        buurten_of(two_gemeenten_db, "GM0307") | buurten_of(two_gemeenten_db, "GM0402"))


@pytest.mark.parametrize("width", [1280, 360])
def test_choosing_with_the_keyboard_only(browser, many, width):
    context, page, errors = new_page(browser, width)
    try:
        page.goto(f"{many.url}/indienen")
        assert axe_violations(page, min_passes=8) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        # Verder without a choice: refused at the field, the summary links to it
        tab_to(page, {"id": "gemeente"}, limit=15)
        tab_to(page, {"tag": "BUTTON", "text": "Verder"}, limit=3)
        page.keyboard.press("Enter")
        page.wait_for_load_state()
        assert "Kies uw gemeente uit de lijst" in page.inner_text("#fouten")
        assert axe_violations(page, min_passes=8) == []
        # the list by typing the name's first letters, then Verder: the gemeente's own form
        tab_to(page, {"id": "gemeente"}, limit=15)
        page.keyboard.type("Amersf")
        assert page.input_value("#gemeente") == "GM0307"
        tab_to(page, {"tag": "BUTTON", "text": "Verder"}, limit=3)
        page.keyboard.press("Enter")
        page.wait_for_url("**/g/GM0307/indienen")
        assert page.locator("#indienformulier").count() == 1 and focused(page)["tag"] == "BODY"
        assert [e for e in errors if not e.startswith("400 ")] == [], errors
    finally:
        context.close()
