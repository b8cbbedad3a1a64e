"""The wijk panel of the virtuele stad: /agenda/{wijkcode}.json over the real service (public role), and the panel
in real headless Chromium, reached with the keyboard only."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from tests.viewer.browser import viewer_in_chromium


def test_agenda_json_holds_published_priorities_and_the_deals_serving_them(client, admin_conn):
    data = client.get("/agenda/WK040206.json").json()
    assert data["wijknaam"] == "Oost"
    expected = admin_conn.execute("SELECT prioriteit FROM buurt.wijkagenda WHERE wijkcode = 'WK040206' "
                                  "AND gepubliceerd ORDER BY prioriteit").fetchall()
    assert sorted(p["prioriteit"] for p in data["prioriteiten"]) == [r[0] for r in expected]
    serving = {p["prioriteit"]: sorted(d["titel"] for d in p["buurtdeals"]) for p in data["prioriteiten"]}
    for prioriteit, titles in serving.items():
        rows = admin_conn.execute("SELECT d.titel FROM buurt.buurtdeal d JOIN buurt.wijkagenda a ON a.id = "
                                  "d.wijkagenda_id WHERE a.prioriteit = %s AND a.wijkcode = 'WK040206' AND "
                                  "d.gepubliceerd ORDER BY d.titel", (prioriteit,)).fetchall()
        assert titles == [r[0] for r in rows]
    spontaneous = admin_conn.execute("SELECT count(*) FROM buurt.buurtdeal WHERE wijkcode = 'WK040206' AND "
                                     "gepubliceerd AND wijkagenda_id IS NULL").fetchone()[0]
    assert len(data["spontaan"]) == spontaneous > 0
    slices = {j["jaar"] for p in data["prioriteiten"] for j in p["jaarschijven"]}
    assert slices == {2018, 2019, 2020, 2021}


def test_unpublished_priority_and_its_deal_stay_off_the_public_panel(client, admin_conn):
    hidden = admin_conn.execute("SELECT prioriteit, wijkcode FROM buurt.wijkagenda WHERE NOT gepubliceerd "
                                "LIMIT 1").fetchone()
    assert hidden is not None
    data = client.get(f"/agenda/{hidden[1]}.json").json()
    text = str(data)
    assert hidden[0] not in text and "Aanpak verwarde personen" not in text


@pytest.mark.parametrize("code, status", [("WK999999", 404), ("drop table", 400)])
def test_bad_wijkcode(client, code, status):
    response = client.get(f"/agenda/{code}.json")
    assert response.status_code == status and "fout" in response.json()


@pytest.fixture(scope="module")
def page(server) -> Iterator[Page]:
    with viewer_in_chromium(server.url + "/", height=900) as viewer:
        yield viewer.page


def _focus(page: Page, element_id: str) -> None:
    """Tab through the page until the element has focus (a keyboard user's way there)."""
    for _ in range(40):
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"#{element_id} is niet met Tab te bereiken")


def _choose(page: Page, element_id: str, label: str) -> None:
    """Pick an option with the arrow keys only, as a keyboard user does in a closed select."""
    _focus(page, element_id)
    for _ in range(30):
        if page.evaluate(f"document.getElementById('{element_id}').selectedOptions[0].text") == label:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"optie {label} niet gevonden in #{element_id}")


def test_wijk_panel_shows_agenda_year_and_serving_deals(page, tmp_path):
    assert page.locator("#wijkagenda").is_hidden()
    _choose(page, "filter-jaar", "2018")
    _choose(page, "filter-wijk", "Centrum")
    page.wait_for_selector("#wijkagenda .agenda-prioriteiten li")
    panel = page.inner_text("#wijkagenda")
    assert "Wijkagenda Centrum" in panel
    assert "Speelruimte voor kinderen in de Havenstraatbuurt" in panel  # what the wijk wants
    assert "In 2018" in panel and "Evaluatie: Behaald" in panel      # what was done this year
    deals = page.locator("#wijkagenda .agenda-jaar .agenda-deals").all_inner_texts()
    assert any("Speelplek Havenstraatbuurt" in d for d in deals)      # which deal serves which priority
    assert "Overlast Oude Haven" in page.inner_text("#wijkagenda .agenda-spontaan")
    page.screenshot(path=str(tmp_path / "viewer-wijkagenda.png"))  # the README's: `buurtkaart docs pictures`
    assert (tmp_path / "viewer-wijkagenda.png").stat().st_size > 20_000
    _focus(page, "filter-wijk")
    page.keyboard.press("Home")  # back to "alle wijken": the panel goes away
    page.wait_for_function("() => document.getElementById('wijkagenda').hidden === true")
