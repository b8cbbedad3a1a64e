"""Every rule the database enforces, both ways: accepted and refused with the Dutch message."""

from __future__ import annotations

import psycopg
import pytest

from tests.db.helpers import buurt_centre, insert_deal, refusal, refused, square


def _point(conn, code: str) -> str:
    x, y = buurt_centre(conn, code)
    return f"POINT({x} {y})"


# --- derivation -----------------------------------------------------------------------------------------

def test_point_gets_buurt_wijk_and_gemeente(editor_conn):
    deal = insert_deal(editor_conn, _point(editor_conn, "BU04020102"))
    row = editor_conn.execute("SELECT buurtcode, wijkcode, gemeentecode FROM buurt.buurtdeal WHERE id = %s",
                              (deal,)).fetchone()
    assert row == ("BU04020102", "WK040201", "GM0402")


def test_area_over_two_buurten_takes_the_largest_overlap(editor_conn):
    # two neighbouring buurten and a point on their shared border
    a, b, x, y = editor_conn.execute("""
        SELECT a.code, b.code, ST_X(p), ST_Y(p) FROM buurt.buurt a JOIN buurt.buurt b
            ON a.code < b.code AND ST_Length(ST_Intersection(a.geom, b.geom)) > 300,
        LATERAL (SELECT ST_LineInterpolatePoint(ST_LineMerge(ST_Intersection(a.geom, b.geom)), 0.5) p) s
         WHERE a.wijkcode = 'WK040202' AND GeometryType(ST_LineMerge(ST_Intersection(a.geom, b.geom))) = 'LINESTRING'
         ORDER BY 1, 2 LIMIT 1""").fetchone()
    deal = insert_deal(editor_conn, square(x, y, 40))
    shares = dict(editor_conn.execute(
        "SELECT b.code, ST_Area(ST_Intersection(b.geom, d.geom)) FROM buurt.buurt b, buurt.buurtdeal d "
        "WHERE d.id = %s AND b.code IN (%s, %s)", (deal, a, b)).fetchall())
    assert shares[a] > 0 and shares[b] > 0, "the test area must span both buurten"
    expected = max(shares, key=shares.get)
    got = editor_conn.execute("SELECT buurtcode FROM buurt.buurtdeal WHERE id = %s", (deal,)).fetchone()[0]
    assert got == expected


def test_derived_columns_are_read_only(editor_conn):
    deal = insert_deal(editor_conn, _point(editor_conn, "BU04020102"))
    editor_conn.execute("UPDATE buurt.buurtdeal SET buurtcode = 'BU04020401', aangemaakt_door = 'iemand' "
                        "WHERE id = %s", (deal,))
    row = editor_conn.execute("SELECT buurtcode, aangemaakt_door FROM buurt.buurtdeal WHERE id = %s",
                              (deal,)).fetchone()
    assert row == ("BU04020102", "buurtkaart_gis")


def test_moving_a_deal_derives_again(editor_conn):
    deal = insert_deal(editor_conn, _point(editor_conn, "BU04020102"))
    editor_conn.execute("UPDATE buurt.buurtdeal SET geom = ST_GeomFromText(%s, 28992) WHERE id = %s",
                        (_point(editor_conn, "BU04020503"), deal))
    row = editor_conn.execute("SELECT buurtcode, wijkcode FROM buurt.buurtdeal WHERE id = %s", (deal,)).fetchone()
    assert row == ("BU04020503", "WK040205")


def test_created_and_modified_by_and_at(editor_conn):
    deal = insert_deal(editor_conn, _point(editor_conn, "BU04020102"))
    row = editor_conn.execute("SELECT aangemaakt_door, aangemaakt_op IS NOT NULL, gewijzigd_door, gewijzigd_op "
                              "FROM buurt.buurtdeal WHERE id = %s", (deal,)).fetchone()
    assert row[0] == "buurtkaart_gis" and row[1] and row[2] == "buurtkaart_gis" and row[3] is not None


def test_polygon_becomes_multipolygon(editor_conn):
    x, y = buurt_centre(editor_conn, "BU04020102")
    deal = insert_deal(editor_conn, f"POLYGON(({x} {y},{x + 20} {y},{x + 20} {y + 20},{x} {y}))")
    assert editor_conn.execute("SELECT GeometryType(geom) FROM buurt.buurtdeal WHERE id = %s",
                               (deal,)).fetchone()[0] == "MULTIPOLYGON"


# --- refusals -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("wkt, message", [
    ("POINT(100000 400000)", "ligt (deels) buiten de gemeente"),
    ("LINESTRING(140000 471000, 140100 471100)", "moet een punt of vlak zijn, geen lijn"),
    ("MULTIPOLYGON(((140000 471000,140100 471100,140100 471000,140000 471100,140000 471000)))",
     "ongeldige geometrie: Self-intersection"),
    ("POINT EMPTY", "zonder geometrie"),
])
def test_bad_geometry_is_refused(editor_conn, wkt, message):
    with pytest.raises(psycopg.errors.CheckViolation) as exc:
        insert_deal(editor_conn, wkt)
    assert message in refusal(exc.value)


def test_area_partly_outside_the_gemeente_is_refused(editor_conn):
    xmin, y = editor_conn.execute("SELECT ST_XMin(geom), ST_Y(ST_Centroid(geom)) FROM buurt.gemeente").fetchone()
    # straddles the western edge by far more than the tolerance
    wkt = square(xmin, y, 150)
    with pytest.raises(psycopg.errors.CheckViolation) as exc:
        insert_deal(editor_conn, wkt)
    assert "Buurtdeal ligt (deels) buiten de gemeente" in refusal(exc.value)


def test_wrong_crs_is_refused_with_a_clear_message(admin_conn):
    with pytest.raises(psycopg.Error) as exc:
        admin_conn.execute("INSERT INTO buurt.buurtdeal (titel, jaar, thema, geom) "
                           "VALUES ('x', 2019, 'ontmoeten', ST_GeomFromText('POINT(5.17 52.22)', 4326))")
    assert "4326" in str(exc.value) and "28992" in str(exc.value)


def test_objectsoort_decides_the_geometry_type(editor_conn):
    x, y = buurt_centre(editor_conn, "BU04020102")
    assert "Groen moet een vlak zijn, geen punt" in refused(
        editor_conn, "INSERT INTO buurt.beheerobject (soort, naam, geom) VALUES ('groen', 'x', "
                     "ST_GeomFromText(%s, 28992))", (f"POINT({x} {y})",))


def test_a_new_kind_of_object_is_one_row_in_the_value_list(admin_conn):
    admin_conn.execute("INSERT INTO buurt_vl.objectsoort (code, naam, meervoud, geometrietypes, kleur, volgorde) "
                       "VALUES ('bank', 'Bank', 'Banken', ARRAY['POINT'], '#8c510a', 10)")
    x, y = buurt_centre(admin_conn, "BU04020702")
    row = admin_conn.execute("INSERT INTO buurt.beheerobject (soort, naam, geom) VALUES ('bank', 'Bank Stroeslaan', "
                             "ST_GeomFromText(%s, 28992)) RETURNING buurtcode", (f"POINT({x} {y})",)).fetchone()
    assert row == ("BU04020702",)
    assert admin_conn.execute("SELECT count(*) FROM publiek.beheerobject WHERE soort = 'bank'").fetchone()[0] == 1


# --- workflow -------------------------------------------------------------------------------------------

def _initiative(conn, status: str = "initiatief_binnen") -> int:
    return conn.execute("INSERT INTO buurt.initiatief (titel, thema, status, geom) VALUES ('Test', 'ontmoeten', %s, "
                        "ST_GeomFromText(%s, 28992)) RETURNING id", (status, _point(conn, "BU04020301"))).fetchone()[0]


def test_status_one_step_on_is_accepted(editor_conn):
    i = _initiative(editor_conn)
    for status in ("check_intern", "gesprek_wederkerigheid", "check_intern", "afgewezen"):
        editor_conn.execute("UPDATE buurt.initiatief SET status = %s WHERE id = %s", (status, i))
    assert editor_conn.execute("SELECT status FROM buurt.initiatief WHERE id = %s", (i,)).fetchone()[0] == "afgewezen"


def test_status_jump_is_refused_and_names_the_allowed_steps(editor_conn):
    i = _initiative(editor_conn)
    text = refused(editor_conn, "UPDATE buurt.initiatief SET status = 'uitvoering' WHERE id = %s", (i,))
    assert 'van "Initiatief binnen" naar "Uitvoering" slaat een stap in het proces over' in text
    assert '"Check intern (wijkteam)"' in text


def test_deal_cannot_carry_an_initiative_status(editor_conn):
    with pytest.raises(psycopg.errors.CheckViolation) as exc:
        insert_deal(editor_conn, _point(editor_conn, "BU04020102"), status="initiatief_binnen")
    assert 'Een buurtdeal kan niet de status "Initiatief binnen" hebben' in refusal(exc.value)


# --- wederkerigheid (checked at commit) -----------------------------------------------------------------

def _commit_expecting(conn) -> str | None:
    try:
        conn.commit()
    except psycopg.errors.CheckViolation as exc:
        return refusal(exc)
    return None


def test_closing_a_deal_without_commitments_is_refused(fresh_db):
    with psycopg.connect(fresh_db.editor_dsn) as conn:
        deal = insert_deal(conn, _point(conn, "BU04020102"))
        conn.execute("INSERT INTO buurt.afspraak (buurtdeal_id, partij, omschrijving) "
                     "VALUES (%s, 'gemeente', 'Plaatst een bank')", (deal,))
        conn.execute("UPDATE buurt.buurtdeal SET status = 'buurtdeal_gesloten' WHERE id = %s", (deal,))
        message = _commit_expecting(conn)
    assert message is not None
    assert 'kan niet de status "Buurtdeal gesloten" hebben zonder wederkerigheid' in message
    assert "geen afspraak voor Bewoners" in message
    with psycopg.connect(fresh_db.admin_dsn) as conn:
        assert conn.execute("SELECT count(*) FROM buurt.buurtdeal WHERE titel = 'Testdeal'").fetchone()[0] == 0


def test_closing_a_deal_with_both_sides_is_accepted(fresh_db):
    with psycopg.connect(fresh_db.editor_dsn) as conn:
        deal = insert_deal(conn, _point(conn, "BU04020102"), status="buurtdeal_gesloten")
        conn.execute("INSERT INTO buurt.afspraak (buurtdeal_id, partij, omschrijving) VALUES "
                     "(%s, 'gemeente', 'Financiert de bank'), (%s, 'bewoners', 'Onderhoud')", (deal, deal))
        assert _commit_expecting(conn) is None
    with psycopg.connect(fresh_db.admin_dsn) as conn:
        assert conn.execute("SELECT status FROM buurt.buurtdeal WHERE id = %s", (deal,)).fetchone()[0] == \
            "buurtdeal_gesloten"


def test_removing_the_last_residents_commitment_of_a_closed_deal_is_refused(fresh_db):
    with psycopg.connect(fresh_db.editor_dsn) as conn:
        deal = conn.execute("SELECT id FROM buurt.buurtdeal WHERE titel = 'Speelplek Calvijnhof'").fetchone()[0]
        conn.execute("DELETE FROM buurt.afspraak WHERE buurtdeal_id = %s AND partij = 'bewoners'", (deal,))
        message = _commit_expecting(conn)
    assert message is not None and "geen afspraak voor Bewoners" in message


# --- audit ----------------------------------------------------------------------------------------------

def test_every_change_leaves_an_audit_row(editor_conn):
    deal = insert_deal(editor_conn, _point(editor_conn, "BU04020102"))
    editor_conn.execute("UPDATE buurt.buurtdeal SET titel = 'Nieuwe titel' WHERE id = %s", (deal,))
    editor_conn.execute("DELETE FROM buurt.buurtdeal WHERE id = %s", (deal,))
    rows = editor_conn.execute(
        "SELECT actie, door, oud ->> 'titel', nieuw ->> 'titel' FROM buurt_sys.wijziging "
        "WHERE tabel = 'buurt.buurtdeal' AND rij_id = %s ORDER BY id", (str(deal),)).fetchall()
    assert rows == [("I", "buurtkaart_gis", None, "Testdeal"),
                    ("U", "buurtkaart_gis", "Testdeal", "Nieuwe titel"),
                    ("D", "buurtkaart_gis", "Nieuwe titel", None)]


def test_editors_cannot_write_the_audit_log_themselves(editor_conn):
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        editor_conn.execute("INSERT INTO buurt_sys.wijziging (tabel, rij_id, actie) VALUES ('x', '1', 'I')")


def test_herbereken_gebieden_follows_new_boundaries(admin_conn):
    deal = insert_deal(admin_conn, _point(admin_conn, "BU04020102"))
    admin_conn.execute("UPDATE buurt.buurt SET geom = (SELECT geom FROM buurt.buurt WHERE code = 'BU04020102') "
                       "WHERE code = 'BU04020101'")
    admin_conn.execute("UPDATE buurt.buurt SET geom = ST_Multi(ST_Buffer(ST_PointOnSurface(geom), 1)) "
                       "WHERE code = 'BU04020102'")
    n = admin_conn.execute("SELECT buurt_app.herbereken_gebieden()").fetchone()[0]
    assert n > 100
    assert admin_conn.execute("SELECT buurtcode FROM buurt.buurtdeal WHERE id = %s", (deal,)).fetchone()[0] == \
        "BU04020101"


def test_audit_log_keeps_no_personal_data(editor_conn):
    i = _initiative(editor_conn)
    editor_conn.execute("UPDATE buurt.initiatief SET indiener_email = 'iemand@example.nl', indiener_naam = 'Iemand' "
                        "WHERE id = %s", (i,))
    rows = editor_conn.execute("SELECT coalesce(oud::text, '') || coalesce(nieuw::text, '') FROM buurt_sys.wijziging "
                               "WHERE tabel = 'buurt.initiatief' AND rij_id = %s", (str(i),)).fetchall()
    assert len(rows) == 2
    assert not any("indiener" in r[0] or "iemand@example.nl" in r[0] for r in rows)


def test_audit_pairs_rows_by_their_whole_key(admin_conn):
    admin_conn.execute("INSERT INTO buurt.gemeente (code, naam, geom) SELECT 'GM0307', 'Amersfoort', "
                       "ST_Multi(ST_Translate(ST_GeometryN(geom, 1), 20000, -10000)) FROM buurt.gemeente")
    admin_conn.execute("INSERT INTO buurt.budget (gemeentecode, jaar, bedrag) VALUES ('GM0307', 2018, 750000)")
    admin_conn.execute("UPDATE buurt.budget SET bedrag = bedrag + 1 WHERE jaar = 2018")
    rows = admin_conn.execute(
        "SELECT rij_id, (oud ->> 'bedrag')::numeric, (nieuw ->> 'bedrag')::numeric FROM buurt_sys.wijziging "
        "WHERE tabel = 'buurt.budget' AND actie = 'U' ORDER BY rij_id").fetchall()
    assert rows == [("GM0307/2018", 750000, 750001), ("GM0402/2018", 500000, 500001)]
