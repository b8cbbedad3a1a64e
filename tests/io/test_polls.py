"""Buurtpeilingen (Locali-style CSV) into buurt.peiling: upsert by (initiatief, datum, bron), rows refused with
the field named, the public view shows the support."""

from __future__ import annotations

import pytest

from spatial_service.importers.polls import import_polls
from spatial_service.importers.sources import FileProblem
from tests.io.conftest import fingerprint, refused_unchanged, rows
from tests.table_state import assert_refusal_names


@pytest.fixture
def initiatives(fresh_db) -> list[tuple[int, str]]:
    return rows(fresh_db.admin_dsn, "SELECT id, titel FROM buurt.initiatief WHERE titel IN "
                                    "(SELECT titel FROM buurt.initiatief GROUP BY 1 HAVING count(*) = 1) "
                                    "ORDER BY id LIMIT 2")


def write_csv(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_polls_import_by_id_or_title_and_reimport_is_idempotent(fresh_db, tmp_path, initiatives):
    (id1, _), (id2, titel2) = initiatives
    path = write_csv(tmp_path / "locali.csv", [
        "Initiatief;Datum;Voor;Tegen;Neutraal;Respondenten;Referentie",
        f"INI-{id1};1-3-2024;30;10;5;50;L-1",
        f"{titel2};2024-03-02;8;12;;20;L-2"])
    result = import_polls(fresh_db.editor_dsn, path, "locali", progress=False)
    assert result.read == 2 and result.count("nieuw") == 2
    assert rows(fresh_db.admin_dsn, "SELECT initiatief_id, datum::text, voor, tegen, neutraal, respondenten, bron_ref "
                                    "FROM buurt.peiling WHERE bron = 'locali' ORDER BY initiatief_id") == [
        (id1, "2024-03-01", 30, 10, 5, 50, "L-1"), (id2, "2024-03-02", 8, 12, 0, 20, "L-2")]
    before = fingerprint(fresh_db.admin_dsn)
    again = import_polls(fresh_db.editor_dsn, path, "locali", progress=False)
    assert again.count("ongewijzigd") == 2 and fingerprint(fresh_db.admin_dsn) == before

    write_csv(path, ["initiatief,datum,voor,tegen,neutraal,respondenten", f"{id1},2024-03-01,31,10,5,50"])
    changed = import_polls(fresh_db.editor_dsn, path, "locali", progress=False)
    assert changed.count("gewijzigd") == 1
    assert rows(fresh_db.admin_dsn, "SELECT count(*) FROM buurt.peiling WHERE bron = 'locali'") == [(2,)]


def test_bad_rows_are_refused_naming_row_and_field(fresh_db, tmp_path, initiatives):
    (id1, _), (id2, _) = initiatives
    path = write_csv(tmp_path / "fout.csv", [
        "initiatief;datum;voor;tegen;neutraal;respondenten",
        f"{id1};2024-04-01;30;10;5;20",          # more votes than respondents: the table's CHECK refuses
        "999999;2024-04-01;1;1;0;2",              # no such initiative
        f"{id2};april;1;1;0;2",                   # not a date
        f"{id2};2024-04-01;veel;1;0;2",           # not a count
        f"{id2};2024-04-02;3;1;0;4"])             # fine
    with refused_unchanged(fresh_db.admin_dsn) as err:
        import_polls(fresh_db.editor_dsn, path, "locali", progress=False)
    assert_refusal_names(str(err.value), "fout.csv: Import geweigerd: 4 peiling(en) onbruikbaar",
                         'rij 2: Meer stemmen (30 voor, 10 tegen, 5 neutraal) dan respondenten (20)',
                         'rij 3: initiatief "999999" bestaat niet',
                         'rij 4: veld datum "april" is geen datum',
                         'rij 5: veld voor "veel" is geen aantal')

    result = import_polls(fresh_db.editor_dsn, path, "locali", skip_invalid=True, progress=False)
    assert result.count("nieuw") == 1 and result.count("geweigerd") == 4
    report = result.write_report(tmp_path / "verslag.csv").read_text(encoding="utf-8").splitlines()
    assert len(report) == 5 and report[2].startswith("geweigerd;peiling;999999;3;")


def test_public_view_shows_support_of_the_latest_poll(fresh_db, tmp_path):
    ident = rows(fresh_db.admin_dsn, "SELECT id FROM publiek.initiatief ORDER BY id LIMIT 1")[0][0]
    path = write_csv(tmp_path / "p.csv", ["initiatief,datum,voor,tegen,neutraal,respondenten",
                                          f"{ident},2030-01-01,75,20,5,120"])
    import_polls(fresh_db.editor_dsn, path, "locali", progress=False)
    assert rows(fresh_db.admin_dsn, "SELECT steun_pct, respondenten FROM publiek.initiatief WHERE id = %s",
                (ident,)) == [(75, 120)]


def test_missing_column_and_empty_file(fresh_db, tmp_path):
    path = write_csv(tmp_path / "p.csv", ["initiatief,datum,voor,respondenten", "1,2024-01-01,3,4"])
    with pytest.raises(FileProblem, match=r"p.csv: kolom tegen ontbreekt \(gevonden: initiatief, datum, voor"):
        import_polls(fresh_db.editor_dsn, path, "locali", progress=False)
    empty = tmp_path / "leeg.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(FileProblem, match="is leeg"):
        import_polls(fresh_db.editor_dsn, empty, "locali", progress=False)



def test_polls_written_by_excel_in_windows_1252_are_read(fresh_db, tmp_path):
    path = tmp_path / "locali-excel.csv"
    # the title only matches when "é" is decoded right
    path.write_bytes("initiatief;datum;voor;tegen;neutraal;respondenten\n"
                     "Mantelzorgcafé;1-3-2019;40;5;5;50\n".encode("cp1252"))
    result = import_polls(fresh_db.editor_dsn, path, "excel", progress=False)
    assert result.count("nieuw") == 1
    assert rows(fresh_db.admin_dsn, "SELECT i.titel FROM buurt.peiling p JOIN buurt.initiatief i "
                                    "ON i.id = p.initiatief_id WHERE p.bron = 'excel'") == [("Mantelzorgcafé",)]


def test_a_csv_with_a_nul_byte_is_a_dutch_message(fresh_db, tmp_path):
    path = tmp_path / "kapot.csv"
    path.write_bytes(b"initiatief;datum;voor;tegen;respondenten\n1;1-3-2019;4\x000;1;5\n")
    with refused_unchanged(fresh_db.admin_dsn, FileProblem, match=r"kapot\.csv, regel 2: geen leesbare CSV"):
        import_polls(fresh_db.editor_dsn, path, "x", progress=False)
