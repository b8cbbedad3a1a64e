"""Boundary import: CBS (current and upper-case) and PDOK layouts in GeoPackage, Shapefile and GeoJSON; broken
files give their documented message and leave the database as it was; a re-import is idempotent; a newer
edition updates by code and says what changed."""

from __future__ import annotations

import math

import psycopg
import pytest

from spatial_service.cli import main
from spatial_service.importers.boundaries import BoundaryOptions, import_boundaries
from spatial_service.importers.sources import FileProblem
from spatial_service.importers.staging import ImportRefused
from tests.io.conftest import fingerprint, refused_unchanged, rows
from tests.io.files import (
    Area,
    bowtie,
    municipality,
    with_rings,
    write_boundaries,
    write_cbs_geopackage,
)
from tests.table_state import assert_refusal_names

QUIET = BoundaryOptions(progress=False)


def opts(**kw) -> BoundaryOptions:
    return BoundaryOptions(progress=False, **kw)


def geography(dsn: str) -> dict[str, list[tuple]]:
    return {
        "gemeente": rows(dsn, "SELECT code, naam, round(ST_Area(geom)) FROM buurt.gemeente ORDER BY code"),
        "wijk": rows(dsn, "SELECT code, naam, gemeentecode, round(ST_Area(geom)) FROM buurt.wijk ORDER BY code"),
        "buurt": rows(dsn, "SELECT code, naam, wijkcode, gemeentecode, water, round(ST_Area(geom)) "
                           "FROM buurt.buurt ORDER BY code"),
    }


@pytest.mark.parametrize(("name", "layout", "epsg", "to_wgs84"), [
    ("wijkenbuurten_2023.gpkg", "cbs", 28992, False),
    ("buurt_2019.shp", "cbs_hoofdletters", 28992, False),
    ("buurten.geojson", "cbs", 4326, True),
    ("gebiedsindelingen.geojson", "pdok", 4326, True),
    ("gebiedsindelingen.gpkg", "pdok", 28992, False),
])
def test_each_layout_and_format_imports_buurten_with_derived_wijken_and_gemeente(
        model_db, tmp_path, name, layout, epsg, to_wgs84):
    path = write_boundaries(tmp_path / name, municipality(), layout=layout, epsg=epsg, to_wgs84=to_wgs84)
    result = import_boundaries(model_db.editor_dsn, path, QUIET)

    assert result.read == 4
    assert result.count("nieuw") == 4 + 2 + 1 and result.count("geweigerd") == 0
    geo = geography(model_db.admin_dsn)
    assert [b[:5] for b in geo["buurt"]] == [
        ("BU04020101", "Buurt 1.1", "WK040201", "GM0402", False),
        ("BU04020102", "Buurt 1.2", "WK040201", "GM0402", False),
        ("BU04020201", "Buurt 2.1", "WK040202", "GM0402", False),
        ("BU04020202", "Buurt 2.2", "WK040202", "GM0402", False)]
    # reprojected from WGS84 the squares stay 1 km² (to within a square metre or so)
    assert all(math.isclose(b[5], 1_000_000, rel_tol=1e-4) for b in geo["buurt"])
    assert [(w[0], w[2]) for w in geo["wijk"]] == [("WK040201", "GM0402"), ("WK040202", "GM0402")]
    assert all(math.isclose(w[3], 2_000_000, rel_tol=1e-4) for w in geo["wijk"])
    assert math.isclose(geo["gemeente"][0][2], 4_000_000, rel_tol=1e-4)
    expected_name = "GM0402" if layout == "pdok" else "Hilversum"  # PDOK buurten do not carry the gemeentenaam
    assert geo["gemeente"][0][:2] == ("GM0402", expected_name)
    peiljaar = rows(model_db.admin_dsn, "SELECT DISTINCT peiljaar FROM buurt.buurt")
    assert peiljaar == [({"wijkenbuurten_2023.gpkg": 2023, "buurt_2019.shp": 2019}.get(name),)]


def test_cbs_geopackage_with_three_layers_uses_the_files_own_wijken_and_gemeente(model_db, tmp_path):
    path = write_cbs_geopackage(tmp_path / "wijkenbuurten_2024.gpkg", municipality(),
                                wijknamen={"WK040201": "Centrum", "WK040202": "Oost"})
    result = import_boundaries(model_db.editor_dsn, path, QUIET)
    assert result.read == 4 + 2 + 1
    assert {(o.niveau, o.actie) for o in result.outcomes if o.niveau} == {
        ("buurt", "nieuw"), ("wijk", "nieuw"), ("gemeente", "nieuw")}
    assert not any("afgeleid" in (o.melding or "") for o in result.outcomes)
    assert rows(model_db.admin_dsn, "SELECT code, naam FROM buurt.wijk ORDER BY code") == [
        ("WK040201", "Centrum"), ("WK040202", "Oost")]
    labels = [result.label(i) for i in range(1, 8)]
    assert sorted(labels) == ["buurten rij 1", "buurten rij 2", "buurten rij 3", "buurten rij 4",
                              "gemeenten rij 1", "wijken rij 1", "wijken rij 2"]


def test_gemeente_filter_imports_only_that_municipality(model_db, tmp_path):
    areas = municipality("GM0402") + municipality("GM0307")
    path = write_boundaries(tmp_path / "nederland.gpkg", areas)
    result = import_boundaries(model_db.editor_dsn, path, opts(gemeenten=("gm0307",)))
    assert result.read == 8
    assert rows(model_db.admin_dsn, "SELECT code, naam FROM buurt.gemeente") == [("GM0307", "Amersfoort")]
    assert rows(model_db.admin_dsn, "SELECT count(*) FROM buurt.buurt WHERE gemeentecode = 'GM0307'") == [(4,)]

    with pytest.raises(ImportRefused, match="geen gebieden van gemeente GM9999"):
        import_boundaries(model_db.editor_dsn, path, opts(gemeenten=("GM9999",)))


def test_reimport_is_idempotent(model_db, tmp_path):
    path = write_boundaries(tmp_path / "buurten.gpkg", municipality())
    import_boundaries(model_db.editor_dsn, path, QUIET)
    before = fingerprint(model_db.admin_dsn)
    again = import_boundaries(model_db.editor_dsn, path, QUIET)
    assert {o.actie for o in again.outcomes} == {"ongewijzigd"}
    assert again.count("ongewijzigd") == 7
    assert fingerprint(model_db.admin_dsn) == before  # not even an audit row


def test_newer_edition_updates_by_code_and_reports_what_changed(model_db, tmp_path):
    import_boundaries(model_db.editor_dsn, write_boundaries(tmp_path / "buurten_2022.gpkg", municipality()), QUIET)
    newer = municipality()
    newer[0] = Area("buurt", "BU04020101", "Oude Haven", newer[0].rings)       # renamed
    x, y = newer[3].rings[0][0]
    newer[3] = with_rings(newer[3], ((x, y), (x + 1000, y), (x + 1000, y + 1500), (x, y + 1500), (x, y)))  # grown
    newer.append(Area("buurt", "BU04020203", "Nieuwbouw", ((( x + 1000, y), (x + 2000, y), (x + 2000, y + 1000),
                                                            (x + 1000, y + 1000), (x + 1000, y)),)))
    result = import_boundaries(model_db.editor_dsn, write_boundaries(tmp_path / "buurten_2023.gpkg", newer), QUIET)

    by_code = {o.code: o for o in result.outcomes if o.code}
    assert by_code["BU04020101"].actie == "gewijzigd"
    assert by_code["BU04020101"].melding == 'naam gewijzigd (was "Buurt 1.1")'
    assert by_code["BU04020202"].actie == "gewijzigd" and by_code["BU04020202"].melding == "geometrie gewijzigd"
    assert by_code["BU04020203"].actie == "nieuw"
    assert by_code["BU04020102"].actie == "ongewijzigd"
    assert by_code["WK040202"].actie == "gewijzigd" and "geometrie gewijzigd" in by_code["WK040202"].melding
    assert by_code["WK040201"].actie == "ongewijzigd"
    assert by_code["GM0402"].actie == "gewijzigd"
    assert rows(model_db.admin_dsn, "SELECT naam, peiljaar FROM buurt.buurt WHERE code = 'BU04020101'") == [
        ("Oude Haven", 2023)]
    assert rows(model_db.admin_dsn, "SELECT round(ST_Area(geom)) FROM buurt.wijk WHERE code = 'WK040202'") == [
        (3_500_000,)]
    assert result.recalculated is not None


def test_buurt_missing_from_newer_edition_is_reported_and_only_deleted_when_asked(model_db, tmp_path):
    import_boundaries(model_db.editor_dsn, write_boundaries(tmp_path / "a.gpkg", municipality()), QUIET)
    fewer = municipality()[:3]
    result = import_boundaries(model_db.editor_dsn, write_boundaries(tmp_path / "b.gpkg", fewer), QUIET)
    vanished = [o for o in result.outcomes if o.actie == "vervallen"]
    assert [(o.niveau, o.code) for o in vanished] == [("buurt", "BU04020202")]
    assert "blijft staan" in vanished[0].melding
    assert rows(model_db.admin_dsn, "SELECT count(*) FROM buurt.buurt") == [(4,)]

    result = import_boundaries(model_db.editor_dsn, tmp_path / "b.gpkg", opts(delete_vanished=True))
    assert [(o.actie, o.code) for o in result.outcomes if o.actie == "verwijderd"] == [("verwijderd", "BU04020202")]
    assert rows(model_db.admin_dsn, "SELECT count(*) FROM buurt.buurt") == [(3,)]
    assert rows(model_db.admin_dsn, "SELECT round(ST_Area(geom)) FROM buurt.wijk WHERE code = 'WK040202'") == [
        (1_000_000,)]


def test_invalid_ring_is_repaired_and_reported(model_db, tmp_path):
    areas = municipality()
    x, y = areas[1].rings[0][0]
    areas[1] = with_rings(areas[1], bowtie(x, y))
    result = import_boundaries(model_db.editor_dsn, write_boundaries(tmp_path / "b.gpkg", areas), QUIET)
    repaired = [o for o in result.outcomes if o.actie == "hersteld"]
    assert [(o.code, o.bronrij) for o in repaired] == [("BU04020102", 2)]
    assert "Self-intersection" in repaired[0].melding
    assert rows(model_db.admin_dsn, "SELECT ST_IsValid(geom), GeometryType(geom), round(ST_Area(geom)) "
                                    "FROM buurt.buurt WHERE code = 'BU04020102'") == [(True, "MULTIPOLYGON", 500_000)]


def test_degenerate_ring_refuses_the_import_by_default_naming_the_code(model_db, tmp_path):
    areas = municipality()
    hole = ((138100.0, 468100.0), (138200.0, 468200.0), (138100.0, 468100.0))
    areas[0] = with_rings(areas[0], areas[0].rings[0], hole)
    path = write_boundaries(tmp_path / "b.gpkg", areas)
    with refused_unchanged(model_db.admin_dsn) as err:
        import_boundaries(model_db.editor_dsn, path, QUIET)
    assert_refusal_names(str(err.value), "b.gpkg: Import geweigerd: 1 van de 4 gebieden zijn onbruikbaar",
                         "rij 1 (BU04020101): gedegenereerde ring: ring 2 van deel 1 heeft 3 punten",
                         "Er is niets gewijzigd")

    result = import_boundaries(model_db.editor_dsn, path, opts(repair_degenerate=True))
    repaired = [o for o in result.outcomes if o.actie == "hersteld"]
    assert [o.code for o in repaired] == ["BU04020101"] and "ring verwijderd" in repaired[0].melding
    assert rows(model_db.admin_dsn, "SELECT ST_NumInteriorRings(ST_GeometryN(geom, 1)), round(ST_Area(geom)) "
                                    "FROM buurt.buurt WHERE code = 'BU04020101'") == [(0, 1_000_000)]


def test_buurt_that_is_only_a_degenerate_ring_is_refused_even_when_repairing(model_db, tmp_path):
    areas = municipality()
    areas[2] = with_rings(areas[2], ((140000.0, 468000.0), (140500.0, 468500.0), (140000.0, 468000.0)))
    path = write_boundaries(tmp_path / "b.gpkg", areas)
    with pytest.raises(ImportRefused, match=r"BU04020201\): gedegenereerde ring.*na herstel blijft er geen vlak over"):
        import_boundaries(model_db.editor_dsn, path, opts(repair_degenerate=True))


def test_missing_code_field_lists_the_fields_found(model_db, tmp_path):
    path = write_boundaries(tmp_path / "b.gpkg", municipality(), drop_field="buurtcode")
    # without buurtcode the layer looks like wijken (it has wijkcode): every wijkcode occurs twice
    with pytest.raises(ImportRefused, match="code WK040201 komt 2 keer voor"):
        import_boundaries(model_db.editor_dsn, path, QUIET)
    path = write_boundaries(tmp_path / "c.gpkg", municipality(), layout="pdok", drop_field="statcode")
    with refused_unchanged(model_db.admin_dsn) as err:
        import_boundaries(model_db.editor_dsn, path, QUIET)
    assert "c.gpkg: Het bestand heeft geen codeveld" in str(err.value)
    assert "Gevonden velden: jrstatcode, rubriek, statnaam" in str(err.value)


def test_wrong_crs_declaration_is_refused_with_a_clear_message(model_db, tmp_path):
    # RD coordinates declared as WGS84: latitude 468000 does not exist
    path = write_boundaries(tmp_path / "b.gpkg", municipality(), epsg=4326)
    before = fingerprint(model_db.admin_dsn)
    with pytest.raises(ImportRefused, match=r"coördinaten passen niet bij het coördinatenstelsel .*EPSG:4326"):
        import_boundaries(model_db.editor_dsn, path, QUIET)
    # WGS84 degrees declared as RD New: they land near the RD origin's south-west, outside the Netherlands
    path = write_boundaries(tmp_path / "c.gpkg", municipality(), epsg=28992, to_wgs84=True)
    with pytest.raises(ImportRefused, match=r"Geen enkel gebied ligt in Nederland.*EPSG:28992"):
        import_boundaries(model_db.editor_dsn, path, QUIET)
    assert fingerprint(model_db.admin_dsn) == before
    # the same file with the right CRS given on the command line imports
    result = import_boundaries(model_db.editor_dsn, path, opts(crs="EPSG:4326"))
    assert result.count("nieuw") == 7


def test_missing_crs_declaration_asks_for_crs(model_db, tmp_path):
    path = write_boundaries(tmp_path / "buurt.shp", municipality(), layout="cbs_hoofdletters", epsg=None)
    assert not path.with_suffix(".prj").exists()
    with pytest.raises(FileProblem, match=r"buurt.shp, laag buurt: het bestand declareert geen coördinatenstelsel "
                                          r"\(ontbreekt het .prj-bestand\?\). Geef het op met --crs"):
        import_boundaries(model_db.editor_dsn, path, QUIET)
    assert import_boundaries(model_db.editor_dsn, path, opts(crs="28992")).count("nieuw") == 7


def test_empty_files_are_refused(model_db, tmp_path):
    empty = write_boundaries(tmp_path / "leeg.geojson", [], epsg=4326)
    with pytest.raises(ImportRefused, match=r"leeg.geojson: Het bestand bevat geen gebieden \(0 objecten\)"):
        import_boundaries(model_db.editor_dsn, empty, QUIET)
    zero = tmp_path / "nul.gpkg"
    zero.write_bytes(b"")
    with pytest.raises(FileProblem, match=r"nul.gpkg is leeg \(0 bytes\)"):
        import_boundaries(model_db.editor_dsn, zero, QUIET)
    with pytest.raises(FileProblem, match="bestaat niet"):
        import_boundaries(model_db.editor_dsn, tmp_path / "weg.gpkg", QUIET)


def test_duplicate_codes_refuse_or_skip_with_a_report(model_db, tmp_path):
    areas = municipality()
    areas.append(Area("buurt", "BU04020102", "Dubbel", areas[1].rings))
    path = write_boundaries(tmp_path / "dubbel.gpkg", areas)
    with refused_unchanged(model_db.admin_dsn, match=r"code BU04020102 komt 2 keer voor in het bestand \(rijen 2, 5\)"):
        import_boundaries(model_db.editor_dsn, path, QUIET)

    result = import_boundaries(model_db.editor_dsn, path, opts(skip_invalid=True))
    assert result.count("geweigerd") == 2
    assert rows(model_db.admin_dsn, "SELECT code FROM buurt.buurt ORDER BY code") == [
        ("BU04020101",), ("BU04020201",), ("BU04020202",)]
    report = result.write_report(tmp_path / "verslag.csv").read_text(encoding="utf-8").splitlines()
    assert report[0] == "actie;niveau;code;rij;melding"
    assert report[1:] == [
        "geweigerd;buurt;BU04020102;2;code BU04020102 komt 2 keer voor in het bestand (rijen 2, 5)",
        "geweigerd;buurt;BU04020102;5;code BU04020102 komt 2 keer voor in het bestand (rijen 2, 5)"]


def test_bad_codes_and_missing_geometry_are_refused_per_record(model_db, tmp_path):
    areas = municipality()
    areas[0] = Area("buurt", "BU0402", "Kort", areas[0].rings)
    path = write_boundaries(tmp_path / "b.gpkg", areas)
    with pytest.raises(ImportRefused, match=r'rij 1 \(BU0402\): buurtcode "BU0402" is geen buurtcode'):
        import_boundaries(model_db.editor_dsn, path, QUIET)


def test_cli_summary_exit_codes_and_report_file(model_db, tmp_path, capsys):
    areas = municipality()
    areas.append(Area("buurt", "BU04020102", "Dubbel", areas[1].rings))
    path = write_boundaries(tmp_path / "dubbel.gpkg", areas)
    assert main(["import", "grenzen", str(path), "--dsn", model_db.editor_dsn, "--stil"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("buurtkaart: dubbel.gpkg: Import geweigerd: 2 van de 5 gebieden zijn onbruikbaar")

    assert main(["import", "boundaries", str(path), "--dsn", model_db.editor_dsn, "--skip-invalid",
                 "--gemeente", "GM0402"]) == 0
    captured = capsys.readouterr()
    assert "dubbel.gpkg: gelezen 5; nieuw 6, gewijzigd 0, geweigerd 2" in captured.out
    assert "verslag: " + str(tmp_path / "dubbel.gpkg.verslag.csv") in captured.out
    assert "grenzen dubbel.gpkg [" in captured.err  # the progress bar
    assert (tmp_path / "dubbel.gpkg.verslag.csv").read_text(encoding="utf-8").count("geweigerd;buurt") == 2


def test_editor_can_import_and_recalculation_moves_demo_initiatives(fresh_db, tmp_path):
    """On the demo: give buurt A the shape of buurt B and vice versa; initiatives follow their new buurt."""
    swap = rows(fresh_db.admin_dsn, """
        SELECT b.code, b.naam, ST_AsGeoJSON(b.geom) FROM buurt.buurt b
         WHERE b.code IN (SELECT buurtcode FROM buurt.initiatief WHERE buurtcode IS NOT NULL
                          GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 2) ORDER BY b.code""")
    assert len(swap) == 2
    (a, a_naam, a_geom), (b, b_naam, b_geom) = swap
    before = {c: rows(fresh_db.admin_dsn, "SELECT id FROM buurt.initiatief WHERE buurtcode = %s ORDER BY id", (c,))
              for c in (a, b)}
    import json

    import fiona
    from fiona.crs import CRS
    path = tmp_path / "geruild.geojson"
    schema = {"geometry": "MultiPolygon", "properties": {"buurtcode": "str", "buurtnaam": "str"}}
    with fiona.open(str(path), "w", driver="GeoJSON", schema=schema, crs=CRS.from_epsg(28992)) as sink:
        for code, naam, geom in ((a, a_naam, b_geom), (b, b_naam, a_geom)):
            sink.write(fiona.Feature(geometry=fiona.Geometry.from_dict(json.loads(geom)),
                                     properties=fiona.Properties(buurtcode=code, buurtnaam=naam)))
    result = import_boundaries(fresh_db.editor_dsn, path, opts(crs="EPSG:28992"))
    changed = {o.code: o.actie for o in result.outcomes if o.niveau == "buurt" and o.actie != "vervallen"}
    assert changed == {a: "gewijzigd", b: "gewijzigd"}
    # the demo buurten not in this file stay, and are reported
    n_buurten = rows(fresh_db.admin_dsn, "SELECT count(*) FROM buurt.buurt")[0][0]
    assert sum(1 for o in result.outcomes if o.actie == "vervallen" and o.niveau == "buurt") == n_buurten - 2
    assert result.recalculated and not result.recalculated.startswith("0 ")
    after = {c: rows(fresh_db.admin_dsn, "SELECT id FROM buurt.initiatief WHERE buurtcode = %s ORDER BY id", (c,))
             for c in (a, b)}
    assert after[a] == before[b] and after[b] == before[a]


def _shrunk_edition() -> list[Area]:
    """The newer edition: buurt 2.2 (x 141000..142000) loses its eastern half."""
    newer = municipality()
    x, y = newer[3].rings[0][0]
    newer[3] = with_rings(newer[3], ((x, y), (x + 500, y), (x + 500, y + 1000), (x, y + 1000), (x, y)))
    return newer


def _objects_near_the_edge(dsn: str) -> dict[str, int]:
    """Two initiatives (one inside buurt 1.1, one in the part of buurt 2.2 that will go) and a deal there."""
    with psycopg.connect(dsn) as conn:
        ids = {}
        for key, table, title, geom in (
                ("binnen", "initiatief", "Bankje Buurt 1.1", "POINT(138500 468500)"),
                ("weg", "initiatief", "Moestuin Oostrand", "POINT(141800 468500)"),
                ("deal", "buurtdeal", "Speelplek Oostrand",
                 "MULTIPOLYGON(((141400 468400, 141600 468400, 141600 468600, 141400 468600, 141400 468400)))")):
            extra = ", jaar" if table == "buurtdeal" else ""
            value = ", 2024" if table == "buurtdeal" else ""
            ids[key] = conn.execute(
                f"INSERT INTO buurt.{table} (titel, thema, geom{extra}) "
                f"VALUES (%s, 'ontmoeten', ST_GeomFromText(%s, 28992){value}) RETURNING id", (title, geom)
            ).fetchone()[0]
    return ids


def test_new_boundaries_that_leave_objects_outside_name_each_and_can_be_imported_anyway(model_db, tmp_path):
    import_boundaries(model_db.editor_dsn, write_boundaries(tmp_path / "buurten_2022.gpkg", municipality()), QUIET)
    ids = _objects_near_the_edge(model_db.editor_dsn)
    newer = write_boundaries(tmp_path / "buurten_2023.gpkg", _shrunk_edition())

    with refused_unchanged(model_db.admin_dsn) as refused:  # nothing written
        import_boundaries(model_db.editor_dsn, newer, QUIET)
    message = str(refused.value)
    assert "2 initiatieven/buurtdeals (deels) buiten de gemeente" in message
    assert f'initiatief {ids["weg"]} "Moestuin Oostrand"' in message
    assert f'buurtdeal {ids["deal"]} "Speelplek Oostrand"' in message
    assert "Bankje" not in message and "--buiten-gemeente-toestaan" in message

    result = import_boundaries(model_db.editor_dsn, newer, opts(allow_outside=True))
    outside = {(o.niveau, o.code): o.melding for o in result.outcomes if o.actie == "buiten"}
    assert set(outside) == {("initiatief", str(ids["weg"])), ("buurtdeal", str(ids["deal"]))}
    assert "Moestuin Oostrand" in outside[("initiatief", str(ids["weg"]))]
    assert "met de nieuwe grenzen" in outside[("initiatief", str(ids["weg"]))]
    assert result.count("buiten") == 2
    assert rows(model_db.admin_dsn, "SELECT round(ST_Area(geom)) FROM buurt.buurt WHERE code = 'BU04020202'") == [
        (500_000,)]
    flagged = rows(model_db.admin_dsn, "SELECT 'initiatief', id, buiten_gemeente, gemeentecode FROM buurt.initiatief "
                                       "UNION ALL SELECT 'buurtdeal', id, buiten_gemeente, gemeentecode "
                                       "FROM buurt.buurtdeal ORDER BY 1, 2")
    assert {(k, i): (f, g) for k, i, f, g in flagged} == {
        ("initiatief", ids["binnen"]): (False, "GM0402"), ("initiatief", ids["weg"]): (True, None),
        ("buurtdeal", ids["deal"]): (True, "GM0402")}  # the deal sticks out: it keeps its buurt and gemeente

    # the flag is derived: an editor cannot clear it, an edit of another field keeps it, a move inside clears it
    with psycopg.connect(model_db.editor_dsn) as conn:
        conn.execute("UPDATE buurt.initiatief SET buiten_gemeente = false, omschrijving = 'x' WHERE id = %s",
                     (ids["weg"],))
        assert conn.execute("SELECT buiten_gemeente FROM buurt.initiatief WHERE id = %s",
                            (ids["weg"],)).fetchone() == (True,)
        with pytest.raises(psycopg.errors.CheckViolation, match="buiten de gemeente"), conn.transaction():
            conn.execute("UPDATE buurt.initiatief SET geom = ST_GeomFromText('POINT(141900 468500)', 28992) "
                         "WHERE id = %s", (ids["weg"],))

    # a later edition that changes something else: the ones flagged before are reported as still outside and no
    # longer refuse the import (they were accepted once)
    renamed = _shrunk_edition()
    renamed[0] = Area("buurt", "BU04020101", "Oude Haven", renamed[0].rings)
    again = import_boundaries(model_db.editor_dsn, write_boundaries(tmp_path / "b2024.gpkg", renamed), QUIET)
    still = sorted(o.melding for o in again.outcomes if o.actie == "buiten")
    assert len(still) == 2 and all("ligt nog steeds (deels) buiten de gemeente" in m for m in still)

    # the old edition back: everything inside again, the flags cleared
    import_boundaries(model_db.editor_dsn, tmp_path / "buurten_2022.gpkg", QUIET)
    assert rows(model_db.admin_dsn, "SELECT bool_or(buiten_gemeente) FROM buurt.initiatief") == [(False,)]
    assert rows(model_db.admin_dsn, "SELECT bool_or(buiten_gemeente) FROM buurt.buurtdeal") == [(False,)]


def test_cli_allow_outside_option_and_report(model_db, tmp_path, capsys):
    import_boundaries(model_db.editor_dsn, write_boundaries(tmp_path / "buurten_2022.gpkg", municipality()), QUIET)
    ids = _objects_near_the_edge(model_db.editor_dsn)
    newer = write_boundaries(tmp_path / "buurten_2023.gpkg", _shrunk_edition())
    assert main(["import", "grenzen", str(newer), "--dsn", model_db.editor_dsn, "--stil"]) == 2
    err = capsys.readouterr().err
    assert f'initiatief {ids["weg"]} "Moestuin Oostrand"' in err and "Traceback" not in err
    assert main(["import", "boundaries", str(newer), "--dsn", model_db.editor_dsn, "--stil",
                 "--allow-outside"]) == 0
    out = capsys.readouterr().out
    assert "buiten 2" in out and "verslag: " in out
    report = (tmp_path / "buurten_2023.gpkg.verslag.csv").read_text(encoding="utf-8")
    assert f"buiten;initiatief;{ids['weg']};;" in report and f"buiten;buurtdeal;{ids['deal']};;" in report
    assert main(["import", "grenzen", str(newer), "--dsn", model_db.editor_dsn, "--stil",
                 "--buiten-gemeente-toestaan"]) == 0
