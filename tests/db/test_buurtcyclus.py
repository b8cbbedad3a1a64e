"""The buurtcyclus rules, both ways with their Dutch message, the status history and the report figures of the
demo against independent SQL counts and DOMAIN.md."""

from __future__ import annotations

from datetime import date

import psycopg
import pytest

from tests.db.helpers import buurt_centre, insert_deal, refused


def _priority(conn: psycopg.Connection, wijk: str, van: int = 2018, tot: int = 2021) -> int:
    return conn.execute("INSERT INTO buurt.wijkagenda (wijkcode, thema, prioriteit, jaar_van, jaar_tot) "
                        "VALUES (%s, 'ontmoeten', 'Testprioriteit', %s, %s) RETURNING id",
                        (wijk, van, tot)).fetchone()[0]


def _point(conn: psycopg.Connection, buurt: str) -> str:
    x, y = buurt_centre(conn, buurt)
    return f"POINT({x} {y})"


# --- priority of the own wijk ------------------------------------------------------------------------------------

def test_deal_may_serve_a_priority_of_its_own_wijk(editor_conn):
    prio = _priority(editor_conn, "WK040201")
    deal = insert_deal(editor_conn, _point(editor_conn, "BU04020102"))
    editor_conn.execute("UPDATE buurt.buurtdeal SET wijkagenda_id = %s WHERE id = %s", (prio, deal))
    assert editor_conn.execute("SELECT wijkagenda_id FROM buurt.buurtdeal WHERE id = %s", (deal,)).fetchone()[0] == prio


def test_deal_serving_a_priority_of_another_wijk_is_refused(editor_conn):
    prio = _priority(editor_conn, "WK040202")
    deal = insert_deal(editor_conn, _point(editor_conn, "BU04020102"), titel="Bankje")
    text = refused(editor_conn, "UPDATE buurt.buurtdeal SET wijkagenda_id = %s WHERE id = %s", (prio, deal))
    assert 'Buurtdeal "Bankje" ligt in wijk Centrum, maar prioriteit "Testprioriteit" hoort bij de wijkagenda ' \
           'van Noordwest' in text
    assert "spontaan initiatief" in text


def test_initiative_with_a_priority_of_another_wijk_is_refused_at_insert(editor_conn):
    prio = _priority(editor_conn, "WK040205")
    text = refused(editor_conn, "INSERT INTO buurt.initiatief (titel, thema, geom, wijkagenda_id) "
                                "VALUES ('Moestuin', 'ontmoeten', ST_GeomFromText(%s, 28992), %s)",
                   (_point(editor_conn, "BU04020102"), prio))
    assert 'Initiatief "Moestuin" ligt in wijk Centrum, maar prioriteit "Testprioriteit" hoort bij de wijkagenda ' \
           'van Zuidoost' in text


def test_moving_a_deal_out_of_the_wijk_of_its_priority_is_refused(editor_conn):
    prio = _priority(editor_conn, "WK040201")
    deal = insert_deal(editor_conn, _point(editor_conn, "BU04020102"), titel="Bankje")
    editor_conn.execute("UPDATE buurt.buurtdeal SET wijkagenda_id = %s WHERE id = %s", (prio, deal))
    assert "ligt in wijk Zuidoost, maar prioriteit" in refused(
        editor_conn, "UPDATE buurt.buurtdeal SET geom = ST_GeomFromText(%s, 28992) WHERE id = %s",
        (_point(editor_conn, "BU04020503"), deal))


def test_priority_cannot_move_to_another_wijk_while_served(editor_conn):
    prio = _priority(editor_conn, "WK040201")
    deal = insert_deal(editor_conn, _point(editor_conn, "BU04020102"))
    editor_conn.execute("UPDATE buurt.buurtdeal SET wijkagenda_id = %s WHERE id = %s", (prio, deal))
    assert 'Prioriteit "Testprioriteit" kan niet naar een andere wijk' in refused(
        editor_conn, "UPDATE buurt.wijkagenda SET wijkcode = 'WK040202' WHERE id = %s", (prio,))


def test_unserved_priority_may_move_to_another_wijk(editor_conn):
    prio = _priority(editor_conn, "WK040201")
    editor_conn.execute("UPDATE buurt.wijkagenda SET wijkcode = 'WK040202' WHERE id = %s", (prio,))
    assert editor_conn.execute("SELECT wijkcode FROM buurt.wijkagenda WHERE id = %s",
                               (prio,)).fetchone()[0] == "WK040202"


# --- jaarschijven ----------------------------------------------------------------------------------------------------

def test_jaarschijf_inside_the_period_is_accepted(editor_conn):
    prio = _priority(editor_conn, "WK040201")
    editor_conn.execute("INSERT INTO buurt.jaarschijf (wijkagenda_id, jaar, doel) VALUES (%s, 2021, 'Doel')", (prio,))
    assert editor_conn.execute("SELECT count(*) FROM buurt.jaarschijf WHERE wijkagenda_id = %s",
                               (prio,)).fetchone()[0] == 1


@pytest.mark.parametrize("jaar", [2017, 2022])
def test_jaarschijf_outside_the_period_is_refused_at_commit(editor_conn, jaar):
    """Deferred: the rule holds for the priority and its jaarschijven as they stand when the work is saved."""
    prio = _priority(editor_conn, "WK040201")
    editor_conn.execute("INSERT INTO buurt.jaarschijf (wijkagenda_id, jaar, doel) VALUES (%s, %s, 'Doel')",
                        (prio, jaar))
    assert (f'Jaarschijf {jaar} valt buiten de looptijd van prioriteit "Testprioriteit" (2018 tot en met 2021)'
            in refused(editor_conn, "SET CONSTRAINTS ALL IMMEDIATE"))


def test_shortening_a_period_past_its_jaarschijven_is_refused_at_commit(editor_conn):
    prio = _priority(editor_conn, "WK040201")
    editor_conn.execute("INSERT INTO buurt.jaarschijf (wijkagenda_id, jaar, doel) VALUES (%s, 2021, 'Doel')", (prio,))
    editor_conn.execute("UPDATE buurt.wijkagenda SET jaar_tot = 2020 WHERE id = %s", (prio,))
    # whichever rule fires first (the jaarschijf was written first), the message names the year and the new period
    message = refused(editor_conn, "SET CONSTRAINTS ALL IMMEDIATE")
    assert "2021" in message and "tot en met 2020" in message, message


def test_new_years_jaarschijf_before_the_period_is_extended_in_one_transaction(editor_conn):
    """The order QGIS writes a form: the child row first, then the parent's change. Valid once both are in."""
    prio = _priority(editor_conn, "WK040201")
    editor_conn.execute("INSERT INTO buurt.jaarschijf (wijkagenda_id, jaar, doel) VALUES (%s, 2022, 'Doel')", (prio,))
    editor_conn.execute("UPDATE buurt.wijkagenda SET jaar_tot = 2022 WHERE id = %s", (prio,))
    editor_conn.execute("SET CONSTRAINTS ALL IMMEDIATE")
    assert editor_conn.execute("SELECT jaar FROM buurt.jaarschijf WHERE wijkagenda_id = %s",
                               (prio,)).fetchall() == [(2022,)]


def test_one_jaarschijf_per_priority_and_year(editor_conn):
    prio = _priority(editor_conn, "WK040201")
    editor_conn.execute("INSERT INTO buurt.jaarschijf (wijkagenda_id, jaar, doel) VALUES (%s, 2019, 'Doel')", (prio,))
    with pytest.raises(psycopg.errors.UniqueViolation):
        editor_conn.execute("INSERT INTO buurt.jaarschijf (wijkagenda_id, jaar, doel) VALUES (%s, 2019, 'Nog een')",
                            (prio,))


# --- status history ------------------------------------------------------------------------------------------------

def test_every_status_change_is_kept_with_its_moment(editor_conn):
    deal = insert_deal(editor_conn, _point(editor_conn, "BU04020102"))
    editor_conn.execute("UPDATE buurt.buurtdeal SET titel = 'Andere titel' WHERE id = %s", (deal,))
    editor_conn.execute("UPDATE buurt.buurtdeal SET status = 'afgewezen' WHERE id = %s", (deal,))
    rows = editor_conn.execute("SELECT status_van, status, door, op IS NOT NULL FROM buurt.statusverloop "
                               "WHERE buurtdeal_id = %s ORDER BY id", (deal,)).fetchall()
    assert rows == [(None, "gesprek_wederkerigheid", "buurtkaart_gis", True),
                    ("gesprek_wederkerigheid", "afgewezen", "buurtkaart_gis", True)]


def test_editors_cannot_write_the_status_history(editor_conn):
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        editor_conn.execute("INSERT INTO buurt.statusverloop (initiatief_id, status) "
                            "SELECT min(id), 'evaluatie' FROM buurt.initiatief")


def test_stuck_follows_the_setting(admin_conn):
    stuck_90 = admin_conn.execute("SELECT count(*) FROM buurt_app.vastgelopen('2018-12-31')").fetchone()[0]
    admin_conn.execute("UPDATE buurt_sys.instelling SET waarde = '30' WHERE sleutel = 'vastgelopen_na_dagen'")
    stuck_30 = admin_conn.execute("SELECT count(*) FROM buurt_app.vastgelopen('2018-12-31')").fetchone()[0]
    # independent: open items whose last change is older than 30 days at the peilmoment
    expected = admin_conn.execute("""
        WITH laatste AS (SELECT coalesce(initiatief_id, 0) i, coalesce(buurtdeal_id, 0) d, max(op) op
                           FROM buurt.statusverloop WHERE op <= '2018-12-31 23:59' GROUP BY 1, 2)
        SELECT count(*) FROM laatste l
          LEFT JOIN buurt.initiatief i ON i.id = l.i LEFT JOIN buurt.buurtdeal d ON d.id = l.d
         WHERE l.op < timestamptz '2018-12-31' - interval '30 days'
           AND coalesce(i.status, d.status) NOT IN ('evaluatie', 'afgewezen', 'ingetrokken')
           AND (l.i = 0 OR NOT EXISTS (SELECT 1 FROM buurt.buurtdeal x WHERE x.initiatief_id = l.i))""").fetchone()[0]
    assert stuck_30 == expected and stuck_30 > stuck_90 > 0


# --- the demo's 2018 jaarrapportage against DOMAIN.md and independent counts ----------------------------------------

def test_demo_2018_headline_figures(admin_conn):
    k = admin_conn.execute("SELECT budget, besteed, buurtdeals, groene_deals, initiatieven, agenda, spontaan "
                           "FROM buurt_app.jaar_kerncijfers('GM0402', 2018)").fetchone()
    assert admin_conn.execute("SELECT count(*) FROM buurt.buurtdeal").fetchone()[0] == 46
    assert (k[0], k[1]) == (500_000, 463_499)
    closed = admin_conn.execute("SELECT count(*) FILTER (WHERE NOT groene_deal), count(*) FILTER (WHERE groene_deal) "
                                "FROM buurt.buurtdeal WHERE jaar = 2018 AND status IN "
                                "('buurtdeal_gesloten', 'uitvoering', 'evaluatie')").fetchone()
    assert (k[2], k[3]) == closed
    assert k[5] + k[6] == k[4] and k[5] > k[6] > 0, "most initiatives serve a priority, some are spontaneous"


def test_demo_2018_most_deals_serve_a_priority_of_their_wijk(admin_conn):
    served, spontaneous, wrong = admin_conn.execute(
        "SELECT count(*) FILTER (WHERE d.wijkagenda_id IS NOT NULL), count(*) FILTER (WHERE d.wijkagenda_id IS NULL), "
        "count(*) FILTER (WHERE a.wijkcode <> d.wijkcode) FROM buurt.buurtdeal d "
        "LEFT JOIN buurt.wijkagenda a ON a.id = d.wijkagenda_id WHERE d.jaar = 2018").fetchone()
    assert served > spontaneous > 0 and wrong == 0


def test_demo_history_gives_real_durations(admin_conn):
    rows = admin_conn.execute("SELECT status, stappen, gemiddeld_dagen FROM buurt_app.jaar_stappen('GM0402', 2018) "
                              "WHERE stappen > 0").fetchall()
    assert {r[0] for r in rows} >= {"initiatief_binnen", "check_intern", "gesprek_wederkerigheid"}
    assert all(r[2] > 1 for r in rows)
    first, last = admin_conn.execute("SELECT min(op)::date, max(op)::date FROM buurt.statusverloop").fetchone()
    assert first.year == 2016 and last.year == 2018  # 2017 deals were submitted in 2016


def test_reciprocity_counts_commitments_of_closed_deals(admin_conn):
    got = {r[0]: (r[1], r[2]) for r in admin_conn.execute(
        "SELECT partij, afspraken, gereed FROM buurt_app.jaar_wederkerigheid('GM0402', 2018)")}
    expected = {r[0]: (r[1], r[2]) for r in admin_conn.execute(
        "SELECT a.partij, count(*), count(*) FILTER (WHERE a.gereed) FROM buurt.afspraak a "
        "JOIN buurt.buurtdeal d ON d.id = a.buurtdeal_id WHERE d.jaar = 2018 GROUP BY a.partij")}
    assert got == expected


def test_buurtactiviteitenplan_is_composed_from_deals_and_planned_initiatives(editor_conn):
    before = editor_conn.execute("SELECT count(*), coalesce(sum(gepland_budget), 0) "
                                 "FROM buurt_app.buurtactiviteitenplan WHERE wijkcode = 'WK040201' AND jaar = 2020"
                                 ).fetchone()
    editor_conn.execute("INSERT INTO buurt.initiatief (titel, thema, geom, planjaar, begroting) "
                        "VALUES ('Plan 2020', 'ontmoeten', ST_GeomFromText(%s, 28992), 2020, 1500)",
                        (_point(editor_conn, "BU04020102"),))
    after = editor_conn.execute("SELECT count(*), sum(gepland_budget) FROM buurt_app.buurtactiviteitenplan "
                                "WHERE wijkcode = 'WK040201' AND jaar = 2020").fetchone()
    assert after == (before[0] + 1, before[1] + 1500)


def test_publiek_shows_published_priorities_only(admin_conn):
    public = {r[0] for r in admin_conn.execute("SELECT id FROM publiek.wijkagenda")}
    published = {r[0] for r in admin_conn.execute("SELECT id FROM buurt.wijkagenda WHERE gepubliceerd")}
    hidden = admin_conn.execute("SELECT count(*) FROM buurt.wijkagenda WHERE NOT gepubliceerd").fetchone()[0]
    assert public == published and hidden > 0
    leaked = admin_conn.execute("SELECT count(*) FROM publiek.jaarschijf j JOIN buurt.wijkagenda a "
                                "ON a.id = j.wijkagenda_id WHERE NOT a.gepubliceerd").fetchone()[0]
    assert leaked == 0


def test_wijk_monitoring_shows_when_each_step_was_reached_and_what_is_stuck(admin_conn):
    rows = {r[0]: r[1:] for r in admin_conn.execute(
        "SELECT titel, stappen, sinds, dagen, vastgelopen FROM buurt_app.wijk_monitoring('WK040201', 2018) "
        "WHERE soort = 'buurtdeal'")}
    deals = admin_conn.execute("SELECT id, titel, initiatief_id FROM buurt.buurtdeal WHERE wijkcode = 'WK040201' "
                               "AND jaar = 2018").fetchall()
    assert set(rows) == {d[1] for d in deals}
    setting = int(admin_conn.execute("SELECT waarde FROM buurt_sys.instelling WHERE sleutel = 'vastgelopen_na_dagen'"
                                     ).fetchone()[0])
    for deal_id, titel, initiatief_id in deals:
        last, final = admin_conn.execute(
            "SELECT max(sv.op)::date, s.eindstatus FROM buurt.statusverloop sv, buurt.buurtdeal d "
            "JOIN buurt_vl.status s ON s.code = d.status WHERE sv.buurtdeal_id = d.id AND d.id = %s "
            "GROUP BY s.eindstatus", (deal_id,)).fetchone()
        stappen, sinds, dagen, vastgelopen = rows[titel]
        assert sinds == last and dagen == (date(2018, 12, 31) - last).days
        assert vastgelopen == (not final and (date(2018, 12, 31) - last).days > setting)
        first = admin_conn.execute("SELECT min(op)::date FROM buurt.statusverloop WHERE initiatief_id = %s",
                                   (initiatief_id,)).fetchone()[0]
        assert stappen.startswith(f"Initiatief binnen {first:%d-%m-%Y}")  # the initiative's steps come first
    assert any(r[3] for r in rows.values()) and not all(r[3] for r in rows.values())
