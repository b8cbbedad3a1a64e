"""The Processing algorithm buurtkaart:objecten_importeren (a layer with a field mapping), run with processing.run
in real QGIS 3.22 against test databases: the same objects and refusals as `buurtkaart import objecten` with a
mapping (same SQL merge), progress reported, and a cancel or a refusal leaves the database as it was."""

from __future__ import annotations

import pytest
from qgis.core import QgsProcessingException, QgsProcessingFeedback

from spatial_service.importers import table
from spatial_service.importers.assets import AssetOptions, ReadStats, import_assets
from tests.io.conftest import refused_unchanged, rows
from tests.io.files import point, polygon, write_layer
from tests.io.test_qgis_import import saved_connection

ALGORITHM = "buurtkaart:objecten_importeren"
OBJECTS_SQL = ("SELECT bron, bron_id, soort, naam, buurtcode, GeometryType(geom), "
               "round(ST_X(ST_PointOnSurface(geom))), round(ST_Y(ST_PointOnSurface(geom))) "
               "FROM buurt.beheerobject WHERE bron = 'objecten' ORDER BY bron_id")


def objects_file(path, dsn, groen_as_point=False):
    (x1, y1), (x2, y2) = [(x, y) for x, y in rows(dsn, """
        SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p FROM buurt.buurt WHERE NOT water
         ORDER BY code LIMIT 2) s""")]
    return write_layer(path, "objecten", "Unknown", {"objectid": "int", "categorie": "str", "naam": "str"}, [
        ({"objectid": 1, "categorie": "speelplek", "naam": "Trapveld"}, point(x1, y1)),
        ({"objectid": 2, "categorie": "groen", "naam": "Plantsoen"},
         point(x2, y2) if groen_as_point else polygon(x2, y2)),
        ({"objectid": 3, "categorie": "zebrapad", "naam": None}, point(x1 + 5, y1)),
        ({"objectid": 4, "categorie": "speelplek", "naam": "Ver weg"}, point(200000.0, 400000.0)),
    ], epsg=28992)


class Recorder(QgsProcessingFeedback):
    def __init__(self, cancel_after: int | None = None) -> None:
        super().__init__()
        self.progress: list[float] = []
        self.cancel_after = cancel_after
        self.progressChanged.connect(self._step)

    def _step(self, value: float) -> None:
        self.progress.append(value)
        if self.cancel_after is not None and len(self.progress) >= self.cancel_after:
            self.cancel()


def parameters(dsn: str, path, **extra) -> dict:
    return {"VERBINDING": saved_connection(dsn), "INVOER": f"{path}|layername=objecten", "VELD_ID": "objectid",
            "VELD_SOORT": "categorie", "VELD_NAAM": "naam", "BRON": "objecten", **extra}


def test_processing_gives_the_same_objects_as_the_cli(provider, two_databases, tmp_path):
    import processing

    cli_db, qgis_db = two_databases
    path = objects_file(tmp_path / "objecten.gpkg", cli_db.admin_dsn)
    stats = ReadStats()
    mapping = table.FieldMapping.parse(["id=objectid", "soort=categorie", "naam=naam"], None)
    cli = import_assets(cli_db.editor_dsn, table.read_table(path, mapping, stats), stats,
                        AssetOptions("objecten", progress=False), source=path.name)
    feedback = Recorder()
    result = processing.run(ALGORITHM, parameters(qgis_db.editor_dsn, path), feedback=feedback)
    assert (result["NIEUW"], result["BUITEN"], result["GELEZEN"]) == (cli.count("nieuw"), cli.count("buiten"), 4)
    assert result["NIEUW"] == 3 and result["BUITEN"] == 1
    assert rows(qgis_db.admin_dsn, OBJECTS_SQL) == rows(cli_db.admin_dsn, OBJECTS_SQL)
    assert all(r[4] for r in rows(qgis_db.admin_dsn, OBJECTS_SQL))  # buurt derived by the database
    assert feedback.progress and feedback.progress[-1] == 100 and feedback.progress == sorted(feedback.progress)
    again = processing.run(ALGORITHM, parameters(qgis_db.editor_dsn, path))
    assert again["ONGEWIJZIGD"] == 3 and again["NIEUW"] == 0


def test_refusal_names_the_record_and_changes_nothing_unless_skipped(provider, two_databases, tmp_path):
    import processing

    db = two_databases[0]
    path = objects_file(tmp_path / "fout.gpkg", db.admin_dsn, groen_as_point=True)
    with refused_unchanged(db.admin_dsn, QgsProcessingException, match="Groen moet een vlak zijn, geen punt"):
        processing.run(ALGORITHM, parameters(db.editor_dsn, path))
    report = tmp_path / "verslag.csv"
    result = processing.run(ALGORITHM, parameters(db.editor_dsn, path, ONBRUIKBARE_OVERSLAAN=True,
                                                  VERSLAG=str(report)))
    assert (result["NIEUW"], result["GEWEIGERD"]) == (2, 1)
    assert "geweigerd;2;2;Groen moet een vlak zijn, geen punt." in report.read_text(encoding="utf-8")


def test_cancel_leaves_the_database_as_it_was(provider, two_databases, tmp_path):
    import processing

    db = two_databases[0]
    path = objects_file(tmp_path / "objecten.gpkg", db.admin_dsn)
    with refused_unchanged(db.admin_dsn, QgsProcessingException, match="Afgebroken: er is niets gewijzigd"):
        processing.run(ALGORITHM, parameters(db.editor_dsn, path), feedback=Recorder(cancel_after=2))


def test_a_missing_field_or_soort_is_named(provider, two_databases, tmp_path):
    import processing

    db = two_databases[0]
    path = objects_file(tmp_path / "objecten.gpkg", db.admin_dsn)
    with pytest.raises(QgsProcessingException, match="Kies een soort"):
        processing.run(ALGORITHM, parameters(db.editor_dsn, path, VELD_SOORT=None))


def test_more_objects_than_one_insert_holds_all_arrive(provider, two_databases, tmp_path):
    """BATCH (500) tuples per INSERT of the staging script: 1,203 objects go as three INSERTs, none lost or doubled."""
    import processing

    db = two_databases[0]
    (x, y), = rows(db.admin_dsn, "SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p FROM buurt.buurt "
                                 "WHERE NOT water ORDER BY code LIMIT 1) s")
    path = write_layer(tmp_path / "veel.gpkg", "objecten", "Unknown",
                       {"objectid": "int", "categorie": "str", "naam": "str"},
                       [({"objectid": n, "categorie": "speelplek", "naam": f"Plek {n}"}, point(x + n / 1000, y))
                        for n in range(1, 1204)], epsg=28992)
    result = processing.run(ALGORITHM, parameters(db.editor_dsn, path))
    assert (result["GELEZEN"], result["NIEUW"]) == (1203, 1203)
    assert rows(db.admin_dsn, "SELECT count(*), count(DISTINCT bron_id), min(bron_id::int), max(bron_id::int) "
                              "FROM buurt.beheerobject WHERE bron = 'objecten'") == [(1203, 1203, 1, 1203)]
