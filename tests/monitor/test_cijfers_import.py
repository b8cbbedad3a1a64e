"""buurtkaart import cijfers: both CBS layouts and the long CSV, secrecy marks as NULL (never 0) counted in the
summary, idempotent re-import, and bad input refused naming row and field with the database unchanged."""

from __future__ import annotations

from decimal import Decimal

import pytest

from spatial_service.cli import main
from spatial_service.importers.cijfers import FigureOptions, import_figures
from tests.monitor.conftest import fingerprint, refused_unchanged, rows
from tests.monitor.files import kwb_csv, kwb_xlsx, long_csv, statline_csv
from tests.table_state import assert_refusal_names

QUIET = FigureOptions(progress=False)


def figures(dsn: str, codes: tuple[str, ...], year: int) -> dict[tuple[str, str], object]:
    got = rows(dsn, "SELECT gebiedcode, indicator, waarde FROM buurt_app.cijfer WHERE gebiedcode = ANY(%s) "
                    "AND jaar = %s", (list(codes), year))
    return {(c, i): (float(w) if w is not None else None) for c, i, w in got}


def test_statline_csv_with_padded_codes_numbered_columns_and_secret_values(fresh_db, tmp_path):
    path = statline_csv(tmp_path / "Kerncijfers_wijken_en_buurten_2019.csv", [
        {"code": "NL01", "gemeente": "Nederland", "inwoners": "17282163", "huishoudens": "7935751"},
        {"code": "GM0402", "inwoners": "90261", "huishoudens": "42460", "dichtheid": "2009"},
        {"code": "WK040201", "inwoners": "12775", "huishoudens": "x", "dichtheid": "."},
        {"code": "BU04020101", "inwoners": "3035", "huishoudens": "", "dichtheid": "-"},
        {"code": "GM0363", "gemeente": "Amsterdam", "inwoners": "862965"}])
    result = import_figures(fresh_db.editor_dsn, path, QUIET)
    got = figures(fresh_db.admin_dsn, ("GM0402", "WK040201", "BU04020101"), 2019)
    assert got[("GM0402", "inwoners")] == 90261 and got[("GM0402", "bevolkingsdichtheid")] == 2009
    assert got[("WK040201", "inwoners")] == 12775
    # CBS "x" and "." and empty: stored as NULL, never 0; "-" is CBS's nihil: 0
    assert got[("WK040201", "huishoudens")] is None and got[("WK040201", "bevolkingsdichtheid")] is None
    assert got[("BU04020101", "huishoudens")] is None and got[("BU04020101", "bevolkingsdichtheid")] == 0
    assert result.count("leeg") == 3
    assert result.count("nieuw") == 6
    # the national total and Amsterdam are not in this database: skipped, counted, nothing refused
    assert result.count("buiten") == 6 and result.count("geweigerd") == 0
    assert "leeg 3" in result.summary() and "buiten 6" in result.summary()
    assert rows(fresh_db.admin_dsn, "SELECT count(*) FROM buurt_app.cijfer WHERE gebiedcode = 'GM0363'") == [(0,)]

    before = fingerprint(fresh_db.admin_dsn)
    again = import_figures(fresh_db.editor_dsn, path, QUIET)
    assert again.count("nieuw") == 0 and again.count("gewijzigd") == 0 and again.count("ongewijzigd") == 6
    assert fingerprint(fresh_db.admin_dsn) == before


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_kwb_spreadsheet_layout_year_from_the_file_name(fresh_db, tmp_path, kind):
    data = [{"code": "GM0402", "naam": "Hilversum", "inwoners": 90261, "woz": 312.5},
            {"code": "WK040202", "naam": "Wijk 02 Noordwest", "inwoners": 17120, "woz": "."},
            {"code": "BU04020201 ", "naam": "Boomberg", "inwoners": 2100, "huishoudens": 1000, "woz": 498.25}]
    path = (kwb_xlsx if kind == "xlsx" else kwb_csv)(tmp_path / f"kwb-2018.{kind}", data)
    result = import_figures(fresh_db.editor_dsn, path, QUIET)
    got = figures(fresh_db.admin_dsn, ("GM0402", "WK040202", "BU04020201"), 2018)
    assert got[("GM0402", "woz_waarde")] == 312.5 and got[("BU04020201", "woz_waarde")] == 498.25
    assert got[("BU04020201", "inwoners")] == 2100 and got[("BU04020201", "huishoudens")] == 1000
    assert got[("WK040202", "woz_waarde")] is None
    # 3 areas x 4 mapped columns (a_inw, a_hh, bev_dich, g_woz); "." in 2 + 3 + 1 of them. The demo has 2018
    # inhabitants for buurt, wijk and gemeente already: those change, the other figures are new
    assert result.read == 12 and result.count("leeg") == 6 and result.count("geweigerd") == 0
    assert result.count("gewijzigd") == 3 and result.count("nieuw") == 3
    assert rows(fresh_db.admin_dsn, "SELECT bron FROM buurt.buurtcijfer WHERE buurtcode = 'BU04020201' "
                                    "AND indicator = 'inwoners' AND jaar = 2018") == [
        (f"CBS Kerncijfers wijken en buurten (kwb-2018.{kind})",)]


def test_long_csv_with_targets_and_a_target_only_year(fresh_db, tmp_path):
    path = long_csv(tmp_path / "stadspeiling.csv", [
        "GM0402;sociale_cohesie;2015;6,4;",
        "GM0402;sociale_cohesie;2020;.;6,6",
        "WK040201 ;rapportcijfer_woonomgeving;2015;7.1;7.5",
        "BU04020101;betrokkenheid_buurt;2017;35;"])
    result = import_figures(fresh_db.editor_dsn, path, QUIET)
    assert result.count("nieuw") == 2 and result.count("leeg") == 1 and result.count("gewijzigd") == 1
    assert rows(fresh_db.admin_dsn, "SELECT jaar, waarde, streefwaarde FROM buurt.gemeentecijfer WHERE "
                                    "gemeentecode = 'GM0402' AND indicator = 'sociale_cohesie' "
                                    "AND jaar IN (2015, 2020) "
                                    "ORDER BY jaar") == [(2015, Decimal("6.4"), None), (2020, None, Decimal("6.6"))]
    # the buurt had a target from the demo; an empty streefwaarde keeps it
    assert rows(fresh_db.admin_dsn, "SELECT waarde, streefwaarde FROM buurt.buurtcijfer WHERE buurtcode = "
                                    "'BU04020101' AND indicator = 'betrokkenheid_buurt' AND jaar = 2017") == [
        (Decimal("35"), Decimal("37"))]
    # the gemeente's target applies to a wijk that has none of its own
    assert rows(fresh_db.admin_dsn, "SELECT buurt_app.streefwaarde('WK040203', 'sociale_cohesie', 2020)") == [
        (Decimal("6.6"),)]


def test_bad_input_is_refused_naming_row_and_field_and_nothing_changes(fresh_db, tmp_path):
    path = long_csv(tmp_path / "fout.csv", [
        "BU04029999;sociale_cohesie;2017;6;",     # row 2: unknown buurt
        "GM0402;geluk;2017;8;",                   # row 3: unknown indicator
        "GM0402;inwoners;1850;1;",                # row 4: year out of range
        "GM0402;inwoners;2016;veel;",             # row 5: not a number, not a secrecy mark
        "GM0402;inwoners;2017;1;",                # rows 6 and 7: duplicates
        "GM0402;inwoners;2017;2;",
        "GM0402;inwoners;2015;90000;"])           # fine, but nothing may be written
    with refused_unchanged(fresh_db.admin_dsn) as err:
        import_figures(fresh_db.editor_dsn, path, QUIET)
    assert_refusal_names(str(err.value), "fout.csv: Import geweigerd: 6 cijfer(s) onbruikbaar",
                         "rij 2: veld gebiedcode: buurt BU04029999 bestaat niet",
                         'rij 3: veld indicator: "geluk" bestaat niet',
                         "rij 4: veld jaar: 1850 ligt buiten 2000–",
                         'rij 5: veld waarde: "veel" is geen getal',
                         "rij 6: dubbel: GM0402, indicator inwoners, jaar 2017 staat ook in rij 7")


def test_cli_exit_code_2_with_a_dutch_message_and_skip_with_report(fresh_db, tmp_path, capsys):
    path = statline_csv(tmp_path / "kwb_2019.csv", [{"code": "BU04020101", "inwoners": "3000"},
                                                    {"code": "BU04020199", "inwoners": "12"}])
    before = fingerprint(fresh_db.admin_dsn)
    assert main(["import", "cijfers", str(path), "--dsn", fresh_db.editor_dsn, "--stil"]) == 2
    err = capsys.readouterr().err
    assert "rij 3: veld gebiedcode: buurt BU04020199 bestaat niet in de database" in err
    assert "Traceback" not in err and fingerprint(fresh_db.admin_dsn) == before

    assert main(["import", "cijfers", str(path), "--dsn", fresh_db.editor_dsn, "--stil",
                 "--sla-onbruikbare-over"]) == 0
    out = capsys.readouterr().out
    assert "nieuw 1" in out and "geweigerd 3" in out  # three mapped columns of the unknown buurt
    report = (tmp_path / "kwb_2019.csv.verslag.csv").read_text(encoding="utf-8")
    assert "BU04020199" in report and "bestaat niet" in report

    nojaar = statline_csv(tmp_path / "kerncijfers.csv", [{"code": "BU04020101", "inwoners": "3000"}])
    assert main(["import", "cijfers", str(nojaar), "--dsn", fresh_db.editor_dsn, "--stil"]) == 2
    assert "--jaar" in capsys.readouterr().err
    assert main(["import", "cijfers", str(nojaar), "--dsn", fresh_db.editor_dsn, "--stil", "--jaar", "2020"]) == 0
    assert rows(fresh_db.admin_dsn, "SELECT waarde FROM buurt.buurtcijfer WHERE buurtcode = 'BU04020101' "
                                    "AND indicator = 'inwoners' AND jaar = 2020") == [(3000,)]


def test_two_columns_for_one_indicator_are_refused(fresh_db, tmp_path):
    path = statline_csv(tmp_path / "kwb_2019.csv", [{"code": "BU04020101", "inwoners": "3000"}])
    with refused_unchanged(fresh_db.admin_dsn) as err:
        import_figures(fresh_db.editor_dsn, path, FigureOptions(columns=("Mannen_6=inwoners",), progress=False))
    assert ("dubbel: BU04020101, indicator inwoners, jaar 2019 staat ook in dezelfde rij (twee kolommen voor "
            "deze indicator)") in str(err.value)
