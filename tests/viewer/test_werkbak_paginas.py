"""The werkbak's pages in real Chromium on a real service with two gemeenten (issue 22): a wijkteam member of GM0402
(a real login role made as `buurtkaart werkbak gebruiker toevoegen` makes it) takes a new initiative from
"Initiatief binnen" through every step to "Evaluatie", closing a deal with commitments of both sides on the way;
every step is in the audit trail under that person's role; a step the workflow forbids and a deal closed without a
resident commitment are refused in Dutch with what was typed kept; keyboard only and axe-core at 1280 and 360 px;
after logout the back button shows nothing."""

from __future__ import annotations

import re

import psycopg
import pytest

from tests.conftest import WERKBAK_WIJK as WIJK
from tests.viewer.browser import axe_violations
from tests.viewer.test_werkbak_inloggen import focused, new_page, tab_to

WIDTHS = (1280, 360)


def new_initiative(db, titel: str) -> int:
    """A resident's initiative, as it comes in (first status), inside the member's wijk."""
    with psycopg.connect(db.admin_dsn) as conn:
        return conn.execute(
            "INSERT INTO buurt.initiatief (titel, thema, indiener_naam, indiener_email, geom) "
            "SELECT %s, 'ontmoeten', 'B. Bewoner', 'bewoner@example.org', ST_PointOnSurface(b.geom) "
            "FROM buurt.buurt b WHERE b.wijkcode = %s ORDER BY b.code LIMIT 1 RETURNING id", (titel, WIJK)
        ).fetchone()[0]


def log_in(page, url: str, user) -> None:
    page.goto(f"{url}/werkbak/inloggen")
    page.fill("#naam", user.naam)
    page.fill("#wachtwoord", user.wachtwoord)
    page.click("main button[type=submit]")
    page.wait_for_url("**/werkbak/")


def step(page, naar: str, note: str = "") -> None:
    if note:
        page.fill("#stap-verslag", note)
    page.click(f"button[name=status]:has-text('{naar}')")
    page.wait_for_load_state()


def refusals_only(errors: list[str]) -> list[str]:
    """The failed loads apart from the werkbak's own answers that are meant to fail: a refused form (400, the page
    with the message) and the item that is not there (404)."""
    return [e for e in errors if not re.match(r"(400|404) http://[^/]+/werkbak/", e)]


def kenmerk(page, naam: str) -> str:
    return page.inner_text(f"dl.kenmerken dt:text-is('{naam}') + dd")


def test_an_initiative_through_every_step_to_evaluatie(browser, werkbak_site, wijkteamlid, two_gemeenten_db):
    db = two_gemeenten_db
    ini = new_initiative(db, "Bankje bij de speeltuin (werkbaktest)")
    context, page, errors = new_page(browser, 1280)
    try:
        log_in(page, werkbak_site.url, wijkteamlid)
        # the inbox shows the new initiative of the member's wijk, and nothing of GM0307
        inbox = page.inner_text("main")
        assert "Bankje bij de speeltuin (werkbaktest)" in page.inner_text("#kop-nieuw + p + .tabel-rol")
        assert "Bankje Lieve Vrouwetoren" not in inbox
        page.click("text=Bankje bij de speeltuin (werkbaktest)")
        page.wait_for_url(f"**/werkbak/initiatief/{ini}")
        assert kenmerk(page, "Stap") == "Initiatief binnen"
        assert "bewoner@example.org" in kenmerk(page, "Indiener (niet openbaar)")
        page.wait_for_function("() => window.werkbakKaartKlaar === true", timeout=30_000)
        assert page.get_attribute("#kaart", "data-fout") is None  # the item's geometry came, as the member
        # drawn on the public tiles' style: the item's point on top of the virtuele stad's layers
        drawn = page.evaluate("() => { const m = window.werkbakKaart; return [!!m.getLayer('werkbak-item-punt'), "
                              "m.getStyle().layers.length > 5, m.getSource('werkbak-item').serialize().data.id]; }")
        assert drawn == [True, True, ini]

        step(page, "Check intern (wijkteam)", "Wijkteam bekijkt de plek met de ontwerper.")
        assert "de nieuwe stap is gezet" in page.inner_text("[role=status]")
        assert kenmerk(page, "Stap") == "Check intern (wijkteam)"
        assert "Wijkteam bekijkt de plek met de ontwerper." in page.inner_text("#kop-verslagen + ul")
        step(page, "Gesprek wederkerigheid")

        # the deal: first closed without a resident commitment -> refused in Dutch, everything typed kept
        page.click("text=Buurtdeal maken van dit initiatief")
        page.wait_for_url(f"**/werkbak/initiatief/{ini}/buurtdeal")
        page.fill("#deal-titel", "Buurtdeal bankje speeltuin")
        page.fill("#deal-jaar", "2026")
        page.fill("#deal-budget", "1.250,50")
        page.fill("#omschrijving-1", "")
        page.fill("#omschrijving-3", "Levert en plaatst de bank")
        page.check("#deal-sluiten")
        page.click("main button:has-text('Buurtdeal maken')")
        page.wait_for_load_state()
        refusal = page.inner_text("[role=alert]")
        assert "zonder wederkerigheid" in refusal and "Bewoners" in refusal, refusal
        assert (page.input_value("#deal-titel"), page.input_value("#deal-budget"), page.input_value("#omschrijving-3"),
                page.is_checked("#deal-sluiten")) == ("Buurtdeal bankje speeltuin", "1.250,50",
                                                      "Levert en plaatst de bank", True)
        assert axe_violations(page) == []
        with psycopg.connect(db.admin_dsn) as conn:
            assert conn.execute("SELECT count(*) FROM buurt.buurtdeal WHERE initiatief_id = %s", (ini,)).fetchone() \
                == (0,)
        page.fill("#omschrijving-1", "Onderhouden de bank en houden de plek schoon")
        page.fill("#uiterlijk-1", "2026-11-30")
        page.click("main button:has-text('Buurtdeal maken')")
        page.wait_for_url(re.compile(r"/werkbak/buurtdeal/\d+\?gedaan=buurtdeal$"))
        deal = int(page.url.split("/buurtdeal/")[1].split("?")[0])
        assert kenmerk(page, "Stap") == "Buurtdeal gesloten"
        assert kenmerk(page, "Budget gemeente") == "€ 1.250,50"
        assert "Onderhouden de bank" in page.inner_text("#kop-afspraken ~ .tabel-rol")

        # a stale page: another tab moves the deal on; the correction offered here is then a forbidden jump
        other = context.new_page()
        other.goto(f"{werkbak_site.url}/werkbak/buurtdeal/{deal}")
        step(other, "Uitvoering")
        assert kenmerk(other, "Stap") == "Uitvoering"
        other.close()
        step(page, "Gesprek wederkerigheid", "Toch nog een keer praten?")
        refusal = page.inner_text("[role=alert]")
        assert "slaat een stap in het proces over" in refusal and "Vanuit \"Uitvoering\"" in refusal, refusal
        assert page.input_value("#stap-verslag") == "Toch nog een keer praten?"
        assert kenmerk(page, "Stap") == "Uitvoering"
        assert axe_violations(page) == []  # the refused step's page, with its message

        # mark the residents' commitment done, then evaluate
        page.click("button:has-text('Gereed melden'):has(span:has-text('Bewoners'))")
        page.wait_for_load_state()
        assert "de afspraak staat op gereed" in page.inner_text("[role=status]")
        step(page, "Evaluatie", "Bank staat er, bewoners tevreden.")
        assert kenmerk(page, "Stap") == "Evaluatie"
        history = page.inner_text("section:has(#kop-geschiedenis)")
        assert wijkteamlid.naam in history and "status: Uitvoering → Evaluatie" in history
        assert refusals_only(errors) == [], errors
    finally:
        context.close()

    # every step in the audit trail and the status history under the member's own role (not the pool's)
    with psycopg.connect(db.admin_dsn) as conn:
        steps = conn.execute(
            "SELECT w.tabel, w.oud ->> 'status', w.nieuw ->> 'status', w.door FROM buurt_sys.wijziging w "
            "WHERE ((w.tabel = 'buurt.initiatief' AND w.rij_id = %s) "
            "OR (w.tabel = 'buurt.buurtdeal' AND w.rij_id = %s)) AND w.actie = 'U' "
            "AND w.oud ->> 'status' IS DISTINCT FROM w.nieuw ->> 'status' ORDER BY w.id",
            (str(ini), str(deal))).fetchall()
        history = conn.execute("SELECT status, door FROM buurt.statusverloop WHERE buurtdeal_id = %s ORDER BY op, id",
                               (deal,)).fetchall()
        notes = conn.execute("SELECT status, aangemaakt_door FROM buurt.gespreksverslag WHERE initiatief_id = %s "
                             "OR buurtdeal_id = %s ORDER BY id", (ini, deal)).fetchall()
        done = conn.execute("SELECT partij, gereed, uiterlijk::text, gewijzigd_door FROM buurt.afspraak "
                            "WHERE buurtdeal_id = %s ORDER BY id", (deal,)).fetchall()
    assert steps == [("buurt.initiatief", "initiatief_binnen", "check_intern", wijkteamlid.naam),
                     ("buurt.initiatief", "check_intern", "gesprek_wederkerigheid", wijkteamlid.naam),
                     ("buurt.buurtdeal", "gesprek_wederkerigheid", "buurtdeal_gesloten", wijkteamlid.naam),
                     ("buurt.buurtdeal", "buurtdeal_gesloten", "uitvoering", wijkteamlid.naam),
                     ("buurt.buurtdeal", "uitvoering", "evaluatie", wijkteamlid.naam)]
    assert history == [(s, wijkteamlid.naam) for s in ("gesprek_wederkerigheid", "buurtdeal_gesloten", "uitvoering",
                                                  "evaluatie")]
    # each note in the step it was written in (the refused one is not there)
    assert notes == [("initiatief_binnen", wijkteamlid.naam), ("uitvoering", wijkteamlid.naam)]
    assert done == [("bewoners", True, "2026-11-30", wijkteamlid.naam), ("gemeente", False, None, wijkteamlid.naam)]


@pytest.mark.parametrize("width", WIDTHS)
def test_keyboard_only_and_accessible_on_every_page(browser, werkbak_site, wijkteamlid, two_gemeenten_db, width):
    ini = new_initiative(two_gemeenten_db, f"Toetsenbord {width}")
    with psycopg.connect(two_gemeenten_db.admin_dsn) as conn:
        deal = conn.execute("SELECT min(id) FROM buurt.buurtdeal WHERE wijkcode = %s", (WIJK,)).fetchone()[0]
    context, page, errors = new_page(browser, width)
    try:
        log_in(page, werkbak_site.url, wijkteamlid)
        pages = ["/werkbak/", f"/werkbak/initiatief/{ini}", f"/werkbak/buurtdeal/{deal}",
                 f"/werkbak/initiatief/{ini}/buurtdeal", f"/werkbak/initiatief/{ini}/publiceren",
                 f"/werkbak/buurtdeal/{deal}/publiceren",
                 f"/werkbak/lijsten?wijk={WIJK}&jaar=2018", "/werkbak/initiatief/2147483000"]
        for path in pages:
            page.goto(f"{werkbak_site.url}{path}")
            page.wait_for_function("() => !document.getElementById('kaart') || window.werkbakKaartKlaar === true",
                                   timeout=30_000)
            assert axe_violations(page, min_passes=8) == [], path
            overflow = page.evaluate("document.documentElement.scrollWidth")
            assert overflow <= width, (path, overflow)
        # keyboard only: from the top of the inbox to the initiative, its first step, with a note typed
        page.goto(f"{werkbak_site.url}/werkbak/")
        tab_to(page, {"tag": "A", "text": f"Toetsenbord {width}"}, limit=80)
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/werkbak/initiatief/{ini}")
        tab_to(page, {"id": "stap-verslag"}, limit=30)
        page.keyboard.type("Met het toetsenbord")
        tab_to(page, {"tag": "BUTTON", "text": "Volgende stap: Check intern (wijkteam)"}, limit=5)
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/werkbak/initiatief/{ini}?gedaan=stap")
        assert kenmerk(page, "Stap") == "Check intern (wijkteam)"
        assert focused(page)["tag"] == "BODY"  # a new page: the skip link is next again
        page.keyboard.press("Tab")
        assert focused(page)["text"] == "Naar de inhoud"
        assert refusals_only(errors) == [], errors
    finally:
        context.close()


def test_after_logout_the_back_button_shows_nothing(browser, werkbak_site, wijkteamlid, two_gemeenten_db):
    ini = new_initiative(two_gemeenten_db, "Geheim na uitloggen")
    context, page, _ = new_page(browser, 1280)
    try:
        log_in(page, werkbak_site.url, wijkteamlid)
        page.goto(f"{werkbak_site.url}/werkbak/initiatief/{ini}")
        assert "bewoner@example.org" in page.content()
        page.click("header button:has-text('Uitloggen')")
        page.wait_for_url("**/werkbak/inloggen?uit=1")
        page.go_back()
        page.wait_for_load_state()
        assert "/werkbak/inloggen" in page.url
        assert "Geheim na uitloggen" not in page.content() and "bewoner@example.org" not in page.content()
    finally:
        context.close()
