"""Row-level security per gemeente: an editor of GM0402 reads, inserts, updates and deletes only GM0402 rows
(through SQL and through an import), gets a Dutch refusal for GM0307, and the public views still show every
gemeente's published rows. Real PostGIS with two gemeenten (tests/gemeenten.py)."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from spatial_service.cli import main
from tests import support
from tests.gemeenten import AMERSFOORT_POINT, EDITOR_0307, add_amersfoort, limit_editors
from tests.io.files import write_osm

# every buurt table and how it names its gemeente; the install must cover all of them
COVERED = {"gemeente": "code", "gebied": "gemeentecode", "wijk": "gemeentecode", "buurt": "gemeentecode",
           "initiatief": "gemeentecode", "buurtdeal": "gemeentecode", "beheerobject": "gemeentecode",
           "budget": "gemeentecode", "afspraak": "buurtdeal_id", "peiling": "initiatief_id",
           "buurtcijfer": "buurtcode", "wijkagenda": "wijkcode", "jaarschijf": "wijkagenda_id",
           "statusverloop": "buurtdeal_id", "jaarverslag": "gemeentecode", "wijkcijfer": "wijkcode",
           "gemeentecijfer": "gemeentecode", "prioriteitswijk": "wijkcode", "budgetverdeling": "gemeentecode"}


@pytest.fixture(scope="module")
def two_gemeenten(pg_settings) -> Iterator[tuple[support.TestDatabase, dict[str, int], str, str]]:
    db = support.new_database(pg_settings, with_demo=True)
    ids = add_amersfoort(db.admin_dsn)
    dsn_0402, dsn_0307 = limit_editors(db)
    yield db, ids, dsn_0402, dsn_0307
    db.drop()


def gemeenten_seen(dsn: str, table: str) -> dict[str, int]:
    """Which gemeenten's rows this login sees in the table (gemeente derived as the policy does)."""
    expr = {"code": "code", "gemeentecode": "gemeentecode", "buurtcode": "'GM' || substr(buurtcode, 3, 4)",
            "wijkcode": "'GM' || substr(wijkcode, 3, 4)",
            "buurtdeal_id": "(SELECT gemeentecode FROM buurt.buurtdeal d WHERE d.id = buurtdeal_id)",
            "initiatief_id": "(SELECT gemeentecode FROM buurt.initiatief i WHERE i.id = initiatief_id)",
            "wijkagenda_id": "(SELECT 'GM' || substr(w.wijkcode, 3, 4) FROM buurt.wijkagenda w "
                             "WHERE w.id = wijkagenda_id)"}[COVERED[table]]
    if table == "statusverloop":  # about a deal or an initiative
        expr = ("coalesce((SELECT gemeentecode FROM buurt.buurtdeal d WHERE d.id = buurtdeal_id), "
                "(SELECT gemeentecode FROM buurt.initiatief i WHERE i.id = initiatief_id))")
    with psycopg.connect(dsn) as conn:
        return dict(conn.execute(f"SELECT coalesce({expr}, '-'), count(*) FROM buurt.{table} GROUP BY 1").fetchall())


def test_every_buurt_table_with_a_gemeente_is_covered(two_gemeenten):
    db, *_ = two_gemeenten
    with psycopg.connect(db.admin_dsn) as conn:
        linked = dict(conn.execute("SELECT tabel, kolom FROM buurt_app.gemeente_koppeling").fetchall())
        rls = {r[0] for r in conn.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'buurt' AND c.relkind = 'r' AND c.relrowsecurity "
            "AND EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid)")}
    assert {t: linked[t] for t in COVERED} == COVERED
    assert set(linked) <= rls


GEOGRAPHY = {"gemeente", "wijk", "buurt", "gebied"}


@pytest.mark.parametrize("table", sorted(set(COVERED) - GEOGRAPHY))
def test_each_editor_reads_only_its_own_gemeente(two_gemeenten, table):
    db, _, dsn_0402, dsn_0307 = two_gemeenten
    everything = gemeenten_seen(db.admin_dsn, table)
    assert set(everything) >= {"GM0402", "GM0307"}, f"test data lacks a gemeente in {table}: {everything}"
    assert gemeenten_seen(dsn_0402, table) == {"GM0402": everything["GM0402"]}
    assert gemeenten_seen(dsn_0307, table) == {"GM0307": everything["GM0307"]}


@pytest.mark.parametrize("table", sorted(GEOGRAPHY))
def test_boundaries_are_read_by_all_but_written_only_in_the_own_gemeente(two_gemeenten, table):
    """Borders are public (publiek.wijk) and every editor needs the neighbours' to derive buurt and gemeente."""
    db, _, dsn_0402, _ = two_gemeenten
    everything = gemeenten_seen(db.admin_dsn, table)
    assert set(everything) >= {"GM0402", "GM0307"}, f"test data lacks a gemeente in {table}: {everything}"
    assert gemeenten_seen(dsn_0402, table) == everything
    key = COVERED[table]
    with psycopg.connect(dsn_0402) as conn:
        assert conn.execute(f"UPDATE buurt.{table} SET naam = naam || '!' WHERE {key} = 'GM0307' "
                            "OR code IN ('WK030701', 'BU03070101', 'amf_centrum')").rowcount == 0
        assert conn.execute(f"UPDATE buurt.{table} SET naam = naam WHERE {key} = 'GM0402'").rowcount > 0
        conn.rollback()


def test_private_fields_of_another_gemeente_stay_hidden_but_published_rows_are_public(two_gemeenten):
    db, ids, dsn_0402, _ = two_gemeenten
    with psycopg.connect(dsn_0402) as conn:
        assert conn.execute("SELECT indiener_naam FROM buurt.initiatief WHERE id = %s",
                            (ids["initiatief"],)).fetchall() == []
        # the public view runs with the owner's rights: the published row without personal data
        public = conn.execute("SELECT titel, gemeentecode FROM publiek.initiatief WHERE id = %s",
                              (ids["initiatief"],)).fetchall()
        assert public == [("Bankje Lieve Vrouwetoren", "GM0307")]
        # the report view reads as the caller, not as the owner
        assert conn.execute("SELECT DISTINCT gemeentecode FROM buurt_app.rapport_item").fetchall() == [("GM0402",)]
    with psycopg.connect(db.public_dsn) as conn:
        seen = {r[0] for r in conn.execute("SELECT DISTINCT gemeentecode FROM publiek.buurtdeal")}
    assert seen == {"GM0402", "GM0307"}


def test_insert_into_another_gemeente_is_refused_in_dutch(two_gemeenten):
    _, ids, dsn_0402, _ = two_gemeenten
    with psycopg.connect(dsn_0402) as conn:
        with pytest.raises(psycopg.errors.CheckViolation) as err:
            conn.execute("INSERT INTO buurt.buurtdeal (titel, jaar, thema, geom) VALUES ('Indringer', 2024, "
                         "'ontmoeten', ST_GeomFromText(%s, 28992))", (AMERSFOORT_POINT,))
        assert err.value.diag.message_primary.startswith("Geen toegang tot gemeente GM0307 (Amersfoort)")
        assert "GM0402" in err.value.diag.message_detail
        conn.rollback()
        # a commitment on a deal of the other gemeente: the parent decides (and is not named: issue 19)
        with pytest.raises(psycopg.errors.CheckViolation,
                           match=r"Geen toegang: deze afspraak hoort bij een buurtdeal buiten uw gemeente\(n\)"):
            conn.execute("INSERT INTO buurt.afspraak (buurtdeal_id, partij, omschrijving) "
                         "VALUES (%s, 'gemeente', 'Betalen')", (ids["buurtdeal"],))
        conn.rollback()
        with pytest.raises(psycopg.errors.CheckViolation, match="Geen toegang tot gemeente GM0307"):
            conn.execute("INSERT INTO buurt.budget (gemeentecode, jaar, bedrag) VALUES ('GM0307', 2030, 1)")


def test_moving_an_own_row_into_another_gemeente_is_refused(two_gemeenten):
    _, _, dsn_0402, _ = two_gemeenten
    with psycopg.connect(dsn_0402) as conn:
        deal = conn.execute("SELECT id FROM buurt.buurtdeal WHERE gemeentecode = 'GM0402' "
                            "AND GeometryType(geom) = 'POINT' ORDER BY id LIMIT 1").fetchone()[0]
        with pytest.raises(psycopg.errors.CheckViolation, match="Geen toegang tot gemeente GM0307"):
            conn.execute("UPDATE buurt.buurtdeal SET geom = ST_GeomFromText(%s, 28992) WHERE id = %s",
                         (AMERSFOORT_POINT, deal))


def test_update_and_delete_of_another_gemeente_touch_nothing(two_gemeenten):
    db, ids, dsn_0402, _ = two_gemeenten
    with psycopg.connect(dsn_0402) as conn:
        for table, key in ids.items():
            column = "titel" if table in ("initiatief", "buurtdeal") else (
                "omschrijving" if table == "afspraak" else "naam")
            assert conn.execute(f"UPDATE buurt.{table} SET {column} = 'Gekaapt' WHERE id = %s",
                                (key,)).rowcount == 0
            assert conn.execute(f"DELETE FROM buurt.{table} WHERE id = %s", (key,)).rowcount == 0
        assert conn.execute("DELETE FROM buurt.gemeente WHERE code = 'GM0307'").rowcount == 0
        conn.commit()
    with psycopg.connect(db.admin_dsn) as conn:
        assert conn.execute("SELECT titel FROM buurt.buurtdeal WHERE id = %s",
                            (ids["buurtdeal"],)).fetchone() == ("Deal Stadskern",)
        assert conn.execute("SELECT count(*) FROM buurt.beheerobject WHERE id = %s",
                            (ids["beheerobject"],)).fetchone() == (1,)


def test_own_gemeente_still_edits(two_gemeenten):
    _, ids, _, dsn_0307 = two_gemeenten
    with psycopg.connect(dsn_0307) as conn:
        assert conn.execute("UPDATE buurt.buurtdeal SET omschrijving = 'Met de buurt' WHERE id = %s",
                            (ids["buurtdeal"],)).rowcount == 1
        new = conn.execute("INSERT INTO buurt.initiatief (titel, thema, geom) VALUES ('Tweede bankje', "
                           "'ontmoeten', ST_GeomFromText('POINT (155500 463500)', 28992)) "
                           "RETURNING gemeentecode, aangemaakt_door").fetchone()
        assert new == ("GM0307", EDITOR_0307)
        conn.rollback()


def test_import_into_another_gemeente_is_refused_and_writes_nothing(two_gemeenten, tmp_path, capsys):
    db, _, dsn_0402, _ = two_gemeenten
    path = write_osm(tmp_path / "amersfoort.osm",
                     [(1, 155200.0, 463200.0, {"leisure": "playground", "name": "Speeltuin Toren"})], [])
    with psycopg.connect(db.admin_dsn) as conn:
        before = conn.execute("SELECT count(*) FROM buurt.beheerobject").fetchone()[0]
    code = main(["import", "objecten", str(path), "--dsn", dsn_0402, "--stil"])
    out = capsys.readouterr()
    assert code == 2
    assert "Geen toegang tot gemeente GM0307 (Amersfoort)" in out.err + out.out
    assert "Traceback" not in out.err
    with psycopg.connect(db.admin_dsn) as conn:
        assert conn.execute("SELECT count(*) FROM buurt.beheerobject").fetchone()[0] == before


def test_default_install_keeps_one_gemeente_open_to_gis_staff(editor_conn, admin_conn):
    """Without mapping anything, the local GIS login sees every row (one gemeente per machine, as before)."""
    assert set(admin_conn.execute("SELECT rol FROM buurt_sys.gemeente_toegang WHERE gemeentecode = '*'")
               .fetchall()) == {("buurtkaart_editor",), ("buurtkaart_lezer",)}
    total = admin_conn.execute("SELECT count(*) FROM buurt.beheerobject").fetchone()[0]
    assert total > 0
    assert editor_conn.execute("SELECT count(*) FROM buurt.beheerobject").fetchone()[0] == total
