"""The werkbak's pages over real HTTP on a real service with two gemeenten (issue 22), as a real GM0402 login role:
GM0307's items are invisible and unreachable by URL (the same 404 as an id that does not exist, for every page and
every form), a forged form without the CSRF token is refused, the lists per wijk and year carry the jaarrapportage's
figures, and publishing shows exactly the publiek view's columns first (never the submitter)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser

import httpx
import psycopg
import pytest

from spatial_service.reports.figures import WIJK_FIGURES, year_report
from spatial_service.web.werkbak import lijsten
from spatial_service.web.werkbak.publiceren import LABELS
from tests.conftest import WERKBAK_WIJK as WIJK
from tests.werkbak_gebruikers import login, session_csrf

MISSING = 2_147_480_000


@pytest.fixture(scope="module")
def client(werkbak_site, wijkteamlid) -> Iterator[tuple[httpx.Client, str]]:
    session = login(werkbak_site.url, wijkteamlid)
    with httpx.Client(base_url=werkbak_site.url, cookies={"bk_werkbak": session}, timeout=30) as c:
        yield c, session_csrf(werkbak_site.url, session)


def admin_rows(db, sql: str, params=()) -> list[tuple]:
    with psycopg.connect(db.admin_dsn) as conn:
        return conn.execute(sql, params).fetchall()


def hidden_items(db) -> dict[str, int]:
    (ini, deal, afspraak), = admin_rows(db, "SELECT (SELECT min(id) FROM buurt.initiatief WHERE gemeentecode = "
                                            "'GM0307'), (SELECT min(id) FROM buurt.buurtdeal WHERE gemeentecode = "
                                            "'GM0307'), (SELECT min(a.id) FROM buurt.afspraak a JOIN buurt.buurtdeal d "
                                            "ON d.id = a.buurtdeal_id WHERE d.gemeentecode = 'GM0307')")
    return {"initiatief": ini, "buurtdeal": deal, "afspraak": afspraak}


def gm0307_state(db) -> list[tuple]:
    return admin_rows(db, "SELECT to_jsonb(x)::text FROM (SELECT id, status, gepubliceerd, wijkagenda_id, "
                          "gewijzigd_op FROM buurt.initiatief WHERE gemeentecode = 'GM0307' UNION ALL SELECT id, "
                          "status, gepubliceerd, wijkagenda_id, gewijzigd_op FROM buurt.buurtdeal WHERE gemeentecode "
                          "= 'GM0307') x UNION ALL SELECT to_jsonb(a)::text FROM buurt.afspraak a JOIN buurt.buurtdeal "
                          "d ON d.id = a.buurtdeal_id AND d.gemeentecode = 'GM0307' UNION ALL SELECT count(*)::text "
                          "FROM buurt.gespreksverslag ORDER BY 1")


def test_another_gemeentes_items_are_invisible_and_unreachable(client, two_gemeenten_db):
    c, csrf = client
    db = two_gemeenten_db
    hidden = hidden_items(db)
    assert all(hidden.values())
    before = gm0307_state(db)
    titles = [r[0] for r in admin_rows(db, "SELECT titel FROM buurt.initiatief WHERE gemeentecode = 'GM0307' UNION "
                                           "SELECT titel FROM buurt.buurtdeal WHERE gemeentecode = 'GM0307'")]
    inbox = c.get("/werkbak/")
    assert inbox.status_code == 200 and "Inbox" in inbox.text
    assert not [t for t in titles if t in inbox.text]

    def answers(soort: str, item_id: int) -> list[tuple[int, str]]:
        base = f"/werkbak/{soort}/{item_id}"
        got = [c.get(base), c.get(f"{base}/geometrie.json"), c.get(f"{base}/publiceren"),
               c.post(f"{base}/stap", data={"csrf": csrf, "status": "check_intern", "verslag": "x"}),
               c.post(f"{base}/verslag", data={"csrf": csrf, "tekst": "Een verslag"}),
               c.post(f"{base}/prioriteit", data={"csrf": csrf, "wijkagenda_id": ""}),
               c.post(f"{base}/publiceren", data={"csrf": csrf, "gepubliceerd": "nee"})]
        if soort == "initiatief":
            got += [c.get(f"{base}/buurtdeal"),
                    c.post(f"{base}/buurtdeal", data={"csrf": csrf, "titel": "Deal", "jaar": "2024",
                                                      "omschrijving_1": "Bewoners doen", "partij_1": "bewoners"})]
        else:
            got += [c.post(f"{base}/afspraak", data={"csrf": csrf, "partij": "gemeente", "omschrijving": "Doet"}),
                    c.post(f"{base}/afspraak/{hidden['afspraak']}/gereed", data={"csrf": csrf})]
        # the same answer for a hidden id and a missing one: the status and the body with the id taken out, only where
        # it stands alone (the CSRF token and the login name are random and may hold the same digits)
        alone = re.compile(rf"(?<![A-Za-z0-9_-]){item_id}(?![A-Za-z0-9_-])")
        return [(r.status_code, alone.sub("N", r.text)) for r in got]

    for soort in ("initiatief", "buurtdeal"):
        seen = answers(soort, hidden[soort])
        assert {status for status, _ in seen} == {404}, seen
        assert seen == answers(soort, MISSING)
        assert "hoort niet bij uw gemeente" in seen[0][1] and "Amersfoort" not in seen[0][1]
    assert gm0307_state(db) == before  # nothing was written
    # the lists of a GM0307 wijk: refused like an unknown wijk, no figures
    lists = c.get("/werkbak/lijsten", params={"wijk": "WK030701", "jaar": "2024"})
    assert lists.status_code == 400 and "niet een van uw wijken" in lists.text and "Stadskern" not in lists.text


def test_a_forged_form_without_the_csrf_token_is_refused(client, werkbak_site, two_gemeenten_db):
    c, csrf = client
    db = two_gemeenten_db
    (ini,), = admin_rows(db, "SELECT min(id) FROM buurt.initiatief WHERE wijkcode = %s AND status = "
                             "'initiatief_binnen'", (WIJK,))
    path = f"/werkbak/initiatief/{ini}/stap"
    for data in ({"status": "check_intern"}, {"status": "check_intern", "csrf": "vervalst"},
                 {"status": "check_intern", "csrf": csrf[:-2]}):
        refused = c.post(path, data=data)
        assert refused.status_code == 403, data
        assert "beveiligingsveld ontbreekt of klopt niet" in refused.text
    # a cross-site form without cookies at all is not even logged in
    assert httpx.post(f"{werkbak_site.url}{path}", data={"status": "check_intern"}, timeout=30).status_code == 303
    assert admin_rows(db, "SELECT status FROM buurt.initiatief WHERE id = %s", (ini,)) == [("initiatief_binnen",)]
    # the same form with the token goes through (so the refusals above were the token's)
    assert c.post(path, data={"status": "check_intern", "csrf": csrf}).status_code == 303
    assert admin_rows(db, "SELECT status FROM buurt.initiatief WHERE id = %s", (ini,)) == [("check_intern",)]


class Tables(HTMLParser):
    """The text of every table cell by the table's caption."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._caption: str | None = None
        self._in: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        if tag in ("caption", "td"):
            self._in, self._text = tag, ""
        elif tag == "tr" and self._caption is not None:
            self.tables[self._caption].append([])

    def handle_endtag(self, tag):
        if tag == "caption":
            self._caption = self._text.strip()
            self.tables[self._caption] = []
        elif tag == "td":
            self.tables[self._caption][-1].append(self._text.strip())
        elif tag == "table":
            self.tables[self._caption] = [r for r in self.tables[self._caption] if r]
            self._caption = None
        if tag in ("caption", "td"):
            self._in = None

    def handle_data(self, data):
        if self._in:
            self._text += data


def test_the_lists_carry_the_figures_of_the_jaarrapportage(client, two_gemeenten_db):
    c, _ = client
    page = c.get("/werkbak/lijsten", params={"wijk": WIJK, "jaar": "2018"})
    assert page.status_code == 200
    parser = Tables()
    parser.feed(page.text)

    def query(sql, params):
        with psycopg.connect(two_gemeenten_db.admin_dsn) as conn:
            return conn.execute(sql, params).fetchall()

    # the jaarrapportage of the gemeente as the CLI and QGIS make it (as the admin, not through the werkbak)
    section = next(w for w in year_report(query, "GM0402", 2018).wijken if w.code == WIJK)
    compared = 0
    for name in WIJK_FIGURES:
        expected = [[re.sub(r"<[^>]+>", "", lijsten._cel(k, v, row)) for k, v in row.items()]
                    for row in getattr(section, name)]
        shown = parser.tables.get(lijsten.TITELS[name], [])
        assert shown == expected, name
        compared += len(expected)
    # real rows to compare: deals per theme, reciprocity per party, the plan and the monitoring of the year
    assert compared >= 12 and all(parser.tables.get(lijsten.TITELS[n]) for n in ("deals", "wederkerigheid", "plan"))
    deals = parser.tables[lijsten.TITELS["deals"]]
    assert sum(int(r[1]) for r in deals) == sum(r["buurtdeals"] for r in section.deals) > 0


def test_publishing_shows_the_public_columns_first_and_never_the_submitter(client, two_gemeenten_db):
    c, csrf = client
    db = two_gemeenten_db
    (ini,), = admin_rows(db, "INSERT INTO buurt.initiatief (titel, thema, indiener_naam, indiener_email, geom) "
                             "SELECT 'Publicatieproef', 'verkeer', 'C. Indiener', 'c.indiener@example.org', "
                             "ST_PointOnSurface(geom) FROM buurt.buurt WHERE wijkcode = %s ORDER BY code LIMIT 1 "
                             "RETURNING id", (WIJK,))
    columns = [r[0] for r in admin_rows(db, "SELECT column_name FROM information_schema.columns WHERE table_schema "
                                            "= 'publiek' AND table_name = 'initiatief' AND column_name <> 'geom' "
                                            "ORDER BY ordinal_position")]
    preview = c.get(f"/werkbak/initiatief/{ini}/publiceren")
    assert preview.status_code == 200
    parser = Tables()
    parser.feed(preview.text)
    shown = {row[0] for row in next(iter(parser.tables.values()))}
    assert shown == {LABELS.get(col, col) for col in columns}  # exactly the view's columns, none left out
    assert "c.indiener@example.org" not in preview.text and "C. Indiener" not in preview.text
    assert "het e-mailadres" in preview.text  # what stays private is said
    assert admin_rows(db, "SELECT count(*) FROM publiek.initiatief WHERE id = %s", (ini,)) == [(0,)]  # preview only
    assert c.post(f"/werkbak/initiatief/{ini}/publiceren", data={"csrf": csrf, "gepubliceerd": "ja"}
                  ).status_code == 303
    assert admin_rows(db, "SELECT titel FROM publiek.initiatief WHERE id = %s", (ini,)) == [("Publicatieproef",)]
    again = c.get(f"/werkbak/initiatief/{ini}/publiceren")
    assert "Intrekken van de openbare kaart" in again.text
    assert c.post(f"/werkbak/initiatief/{ini}/publiceren", data={"csrf": csrf, "gepubliceerd": "nee"}
                  ).status_code == 303
    assert admin_rows(db, "SELECT count(*) FROM publiek.initiatief WHERE id = %s", (ini,)) == [(0,)]


def test_a_refused_note_keeps_the_text_and_a_priority_of_another_wijk_is_refused(client, two_gemeenten_db):
    c, csrf = client
    db = two_gemeenten_db
    (ini,), = admin_rows(db, "SELECT min(id) FROM buurt.initiatief WHERE wijkcode = %s", (WIJK,))
    (other,), = admin_rows(db, "SELECT min(id) FROM buurt.wijkagenda WHERE wijkcode LIKE 'WK0402%%' "
                               "AND wijkcode <> %s", (WIJK,))
    empty = c.post(f"/werkbak/initiatief/{ini}/verslag",
                   data={"csrf": csrf, "tekst": "   ", "gesprek_op": "1999-01-01"})
    assert empty.status_code == 400
    assert "leeg" in empty.text or "2000-2100" in empty.text
    assert 'value="1999-01-01"' in empty.text
    wrong = c.post(f"/werkbak/initiatief/{ini}/prioriteit", data={"csrf": csrf, "wijkagenda_id": str(other)})
    assert wrong.status_code == 400 and "hoort bij de wijkagenda van" in wrong.text
    assert f'<option value="{other}"' not in wrong.text  # the page offers the own wijk's priorities only
    (own,), = admin_rows(db, "SELECT min(id) FROM buurt.wijkagenda WHERE wijkcode = %s", (WIJK,))
    linked = c.post(f"/werkbak/initiatief/{ini}/prioriteit", data={"csrf": csrf, "wijkagenda_id": str(own)})
    assert linked.status_code == 303
    assert admin_rows(db, "SELECT wijkagenda_id FROM buurt.initiatief WHERE id = %s", (ini,)) == [(own,)]


def test_the_inbox_shows_what_needs_the_member_in_its_own_wijken(client, two_gemeenten_db):
    """Each reason of the inbox made true for a fresh item of the member's wijk, and for one of another wijk of the
    same gemeente (not the member's werkgebied) and one of GM0307: only the member's show, under their reason."""
    c, _ = client
    db = two_gemeenten_db
    point = ("(SELECT ST_PointOnSurface(geom) FROM buurt.buurt WHERE wijkcode = %s ORDER BY code LIMIT 1)")
    made = {}
    with psycopg.connect(db.admin_dsn) as conn:
        for wijk in (WIJK, "WK040205", "WK030701"):
            ini = conn.execute(f"INSERT INTO buurt.initiatief (titel, thema, geom) VALUES (%s, 'verkeer', {point}) "
                               "RETURNING id", (f"Stilstaand {wijk}", wijk)).fetchone()[0]
            conn.execute("UPDATE buurt.initiatief SET status = 'check_intern' WHERE id = %s", (ini,))
            # the step was set 120 days ago (the history is the trigger's; only an admin may correct it)
            conn.execute("UPDATE buurt.statusverloop SET op = now() - interval '120 days' WHERE initiatief_id = %s",
                         (ini,))
            deal = conn.execute(f"INSERT INTO buurt.buurtdeal (titel, jaar, thema, geom) VALUES (%s, 2025, 'verkeer', "
                                f"{point}) RETURNING id", (f"Deal 2025 {wijk}", wijk)).fetchone()[0]
            conn.execute("INSERT INTO buurt.afspraak (buurtdeal_id, partij, omschrijving, uiterlijk, gereed) VALUES "
                         "(%s, 'bewoners', %s, current_date - 10, false), (%s, 'gemeente', 'Op tijd', "
                         "current_date + 30, false), (%s, 'gemeente', 'Al gedaan', current_date - 40, true)",
                         (deal, f"Te laat {wijk}", deal, deal))
            conn.execute("UPDATE buurt.buurtdeal SET status = 'buurtdeal_gesloten' WHERE id = %s", (deal,))
            made[wijk] = (ini, deal)
    parser = Tables()
    page = c.get("/werkbak/")
    parser.feed(page.text)
    rows = {caption: {r[0] for r in body} for caption, body in parser.tables.items()}
    assert f"Stilstaand {WIJK}" in rows["Staat lang stil"]
    assert f"Deal 2025 {WIJK}" in rows["Nog niet geëvalueerd"]  # 2025 is over and the deal was not evaluated
    late = [r for r in parser.tables["Afspraak over de datum"] if r[0] == f"Deal 2025 {WIJK}"]
    assert [r[-1] for r in late] == [f"Bewoners: Te laat {WIJK}"]  # not the one on time, not the one done
    for other in ("WK040205", "WK030701"):
        assert f"Stilstaand {other}" not in page.text and f"Deal 2025 {other}" not in page.text
    assert f'href="/werkbak/initiatief/{made[WIJK][0]}"' in page.text
