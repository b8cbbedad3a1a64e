"""connection.py: SQL through a saved connection, one script = one transaction, and database errors as the
Dutch message a user should see."""

from __future__ import annotations

import psycopg
import pytest


def test_run_sql_returns_rows_of_the_last_statement(bk, gis_connection):
    conn = bk.connection.connect(gis_connection)
    assert bk.connection.run_sql(conn, "SELECT 1; SELECT 2, 'twee'") == [[2, "twee"]]
    rows = bk.connection.run_sql(conn, "SELECT NULL::text, current_user")
    assert rows == [[None, "buurtkaart_gis"]]


def test_script_is_one_transaction(bk, admin_connection, demo_db):
    conn = bk.connection.connect(admin_connection)
    with pytest.raises(bk.connection.DatabaseRefused, match="bestaat_niet"):
        bk.connection.run_script(conn, [
            "UPDATE buurt_sys.instelling SET omschrijving = 'gewijzigd' WHERE sleutel = 'gemeentegrens_tolerantie_m'",
            "SELECT * FROM bestaat_niet",
        ])
    with psycopg.connect(demo_db.admin_dsn) as pg:
        assert pg.execute("SELECT omschrijving FROM buurt_sys.instelling WHERE sleutel = "
                          "'gemeentegrens_tolerantie_m'").fetchone()[0] != "gewijzigd"


def test_trigger_refusal_becomes_the_dutch_message(bk, gis_connection):
    conn = bk.connection.connect(gis_connection)
    with pytest.raises(bk.connection.DatabaseRefused) as refused:
        bk.connection.run_sql(conn, "INSERT INTO buurt.buurtdeal (titel, jaar, thema, geom) VALUES "
                                    "('Ver weg', 2024, 'verkeer', ST_GeomFromText('POINT(100000 400000)', 28992))")
    message = str(refused.value)
    assert message.startswith("Buurtdeal ligt (deels) buiten de gemeente. Het zwaartepunt ligt op x 100000")
    assert message.endswith("(Teken het binnen de gemeentegrens.)")
    assert "ERROR" not in message and "CONTEXT" not in message and "INSERT" not in message


@pytest.mark.parametrize(("raw", "expected"), [
    ("SQL error: SELECT 1 returned 0 [ERROR:  relation \"x\" does not exist\nLINE 1: SELECT * FROM x\n"
     "                      ^\n]", 'relation "x" does not exist'),
    ("PostGIS error while adding features: ERROR:  Buurtdeal ligt (deels) buiten de gemeente.\n"
     "DETAIL:  Het zwaartepunt ligt op x 1, y 2 (RD New).\nHINT:  Teken het binnen de gemeentegrens.\n"
     "CONTEXT:  PL/pgSQL function buurt_app.tg_geometrie() line 60 at RAISE\n",
     "Buurtdeal ligt (deels) buiten de gemeente. Het zwaartepunt ligt op x 1, y 2 (RD New). "
     "(Teken het binnen de gemeentegrens.)"),
    ("Verbinding geweigerd", "Verbinding geweigerd"),
])
def test_user_message(bk, raw, expected):
    assert bk.connection.user_message(raw) == expected
