"""The QGIS Processing algorithm buurtkaart:grenzen_importeren, run with processing.run in real QGIS 3.22
(headless, pytest-qgis) against a test database, gives the same boundaries and report as the CLI."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from qgis.core import QgsDataSourceUri, QgsProcessingException

from spatial_service.importers.boundaries import BoundaryOptions, import_boundaries
from tests.io.conftest import refused_unchanged, rows
from tests.io.files import bowtie, municipality, with_rings, write_boundaries, write_cbs_geopackage
from tests.qgis_registry import remembered_connection
from tests.support import temporary_database

REPO = Path(__file__).resolve().parents[2]
ALGORITHM = "buurtkaart:grenzen_importeren"


def saved_connection(dsn: str) -> str:
    """A saved QGIS connection to dsn, deleted again after the test (tests/io/conftest.py)."""
    return remembered_connection(f"Buurtkaart io {os.getpid()} {QgsDataSourceUri(dsn).database()}", dsn)


def geography(dsn: str) -> list[tuple]:
    return rows(dsn, """
        SELECT 'gemeente', code, naam, NULL, md5(ST_AsEWKB(geom)::text), bron, peiljaar FROM buurt.gemeente
        UNION ALL SELECT 'wijk', code, naam, gemeentecode, md5(ST_AsEWKB(geom)::text), bron, peiljaar FROM buurt.wijk
        UNION ALL SELECT 'buurt', code, naam, wijkcode, md5(ST_AsEWKB(geom)::text), bron, peiljaar FROM buurt.buurt
        ORDER BY 1, 2""")


@pytest.fixture
def two_databases(pg_settings):
    with (temporary_database(pg_settings, with_demo=False) as cli_db,
          temporary_database(pg_settings, with_demo=False) as qgis_db):
        yield [cli_db, qgis_db]


def test_processing_gives_the_same_result_as_the_cli(provider, two_databases, tmp_path):
    import processing

    cli_db, qgis_db = two_databases
    areas = municipality("GM0402") + municipality("GM0307")
    x, y = areas[1].rings[0][0]
    areas[1] = with_rings(areas[1], bowtie(x, y))  # repaired and reported by both
    path = write_cbs_geopackage(tmp_path / "wijkenbuurten_2023.gpkg", areas)

    cli = import_boundaries(cli_db.editor_dsn, path, BoundaryOptions(gemeenten=("GM0402",), progress=False))
    result = processing.run(ALGORITHM, {
        "VERBINDING": saved_connection(qgis_db.editor_dsn), "INVOER": str(path), "GEMEENTEN": "GM0402",
        "VERSLAG": str(tmp_path / "verslag.csv")})

    assert geography(qgis_db.admin_dsn) == geography(cli_db.admin_dsn)
    assert len(geography(qgis_db.admin_dsn)) == 1 + 2 + 4
    for action in ("nieuw", "hersteld", "geweigerd"):
        assert result[action.upper()] == cli.count(action), action
    assert result["NIEUW"] == 7 and result["HERSTELD"] == 1 and result["GELEZEN"] == cli.read == 8 + 4 + 2
    assert "hersteld;buurt;BU04020102;buurten rij 2;ongeldige geometrie hersteld: Self-intersection" in \
        Path(result["VERSLAG"]).read_text(encoding="utf-8")

    again = processing.run(ALGORITHM, {"VERBINDING": saved_connection(qgis_db.editor_dsn), "INVOER": str(path),
                                       "GEMEENTEN": "GM0402"})
    assert again["ONGEWIJZIGD"] == 7 and again["NIEUW"] == again["GEWIJZIGD"] == 0


def test_processing_refusal_leaves_the_database_unchanged(provider, two_databases, tmp_path):
    import processing

    db = two_databases[0]
    areas = municipality()
    areas[0] = with_rings(areas[0], areas[0].rings[0], ((138100.0, 468100.0), (138200.0, 468200.0),
                                                        (138100.0, 468100.0)))
    path = write_boundaries(tmp_path / "kapot.gpkg", areas)
    with refused_unchanged(db.admin_dsn, QgsProcessingException, match=r"kapot.gpkg: Import geweigerd: 1 van de 4 "
                                                                       r"gebieden.*BU04020101\): gedegenereerde ring"):
        processing.run(ALGORITHM, {"VERBINDING": saved_connection(db.editor_dsn), "INVOER": str(path)})
    result = processing.run(ALGORITHM, {"VERBINDING": saved_connection(db.editor_dsn), "INVOER": str(path),
                                        "GEDEGENEREERD_HERSTELLEN": True})
    assert result["HERSTELD"] == 1 and result["NIEUW"] == 7


def test_processing_names_objects_left_outside_and_imports_them_when_allowed(provider, two_databases, tmp_path):
    import processing

    from tests.io.test_boundaries import _objects_near_the_edge, _shrunk_edition

    db = two_databases[0]
    import_boundaries(db.editor_dsn, write_boundaries(tmp_path / "buurten_2022.gpkg", municipality()),
                      BoundaryOptions(progress=False))
    ids = _objects_near_the_edge(db.editor_dsn)
    newer = write_boundaries(tmp_path / "buurten_2023.gpkg", _shrunk_edition())
    params = {"VERBINDING": saved_connection(db.editor_dsn), "INVOER": str(newer)}
    with pytest.raises(QgsProcessingException, match=rf'initiatief {ids["weg"]} "Moestuin Oostrand"'):
        processing.run(ALGORITHM, params)
    result = processing.run(ALGORITHM, {**params, "BUITEN_GEMEENTE_TOESTAAN": True,
                                        "VERSLAG": str(tmp_path / "verslag.csv")})
    assert result["BUITEN"] == 2
    report = (tmp_path / "verslag.csv").read_text(encoding="utf-8")
    assert f"buiten;buurtdeal;{ids['deal']};;" in report
    assert rows(db.admin_dsn, "SELECT count(*) FROM buurt.initiatief WHERE buiten_gemeente") == [(1,)]


def test_an_edition_year_outside_the_check_is_refused_in_dutch_by_both_clients(provider, two_databases, tmp_path):
    """The Processing parameter has no bounds of its own: the CHECK on peiljaar refuses, with its own range."""
    import processing

    db = two_databases[0]
    path = write_boundaries(tmp_path / "grenzen.gpkg", municipality())
    low, high = rows(db.admin_dsn, r"""SELECT (regexp_match(pg_get_constraintdef(oid), '>= (\d+)'))[1],
                                              (regexp_match(pg_get_constraintdef(oid), '<= (\d+)'))[1]
                                         FROM pg_constraint WHERE conname = 'gemeente_peiljaar_check'""")[0]
    expected = f"Peiljaar {int(low) - 1} van gemeente GM0402 ligt buiten de jaren van de CBS-edities ({low} tot en " \
               f"met {high})"
    with refused_unchanged(db.admin_dsn, QgsProcessingException, match=re.escape(expected)):
        processing.run(ALGORITHM, {"VERBINDING": saved_connection(db.editor_dsn), "INVOER": str(path),
                                   "PEILJAAR": int(low) - 1})
    with refused_unchanged(db.admin_dsn, match=re.escape(expected)):
        import_boundaries(db.editor_dsn, path, BoundaryOptions(year=int(low) - 1, progress=False))
