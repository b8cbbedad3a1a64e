"""The Processing algorithm buurtkaart:peilingen_importeren on a Locali-style CSV, in real QGIS 3.22: the same
polls as `buurtkaart import peilingen` (the same SQL parses and checks every cell), refusals named per row,
nothing written on a refusal or a cancel."""

from __future__ import annotations

from qgis.core import QgsProcessingException

from spatial_service.importers.polls import import_polls
from tests.io.conftest import refused_unchanged, rows
from tests.io.test_polls import write_csv
from tests.io.test_qgis_import import saved_connection
from tests.io.test_qgis_objects import Recorder

ALGORITHM = "buurtkaart:peilingen_importeren"
POLLS_SQL = ("SELECT initiatief_id, datum::text, voor, tegen, neutraal, respondenten, bron, bron_ref "
             "FROM buurt.peiling WHERE bron = 'locali' ORDER BY initiatief_id, datum")


def locali_csv(path, dsn, bad: bool = False):
    (id1, _), (_, titel2) = rows(dsn, "SELECT id, titel FROM buurt.initiatief WHERE titel IN (SELECT titel FROM "
                                        "buurt.initiatief GROUP BY 1 HAVING count(*) = 1) ORDER BY id LIMIT 2")
    lines = ["Initiatief;Datum;Voor;Tegen;Neutraal;Respondenten;Referentie",
             f"INI-{id1};1-3-2024;30;10;5;50;L-1", f"{titel2};2024-03-02;8;12;;20;L-2"]
    if bad:
        lines.append("Bestaat niet;31-2-2024;x;1;;3;L-3")
    return write_csv(path, lines)


def test_processing_gives_the_same_polls_as_the_cli(provider, two_databases, tmp_path):
    import processing

    cli_db, qgis_db = two_databases
    path = locali_csv(tmp_path / "locali.csv", cli_db.admin_dsn)
    cli = import_polls(cli_db.editor_dsn, path, "locali", progress=False)
    feedback = Recorder()
    result = processing.run(ALGORITHM, {"VERBINDING": saved_connection(qgis_db.editor_dsn), "INVOER": str(path),
                                        "BRON": "locali"}, feedback=feedback)
    assert result["NIEUW"] == cli.count("nieuw") == 2 and result["GELEZEN"] == 2
    assert rows(qgis_db.admin_dsn, POLLS_SQL) == rows(cli_db.admin_dsn, POLLS_SQL)
    assert feedback.progress[-1] == 100
    again = processing.run(ALGORITHM, {"VERBINDING": saved_connection(qgis_db.editor_dsn), "INVOER": str(path),
                                       "BRON": "locali"})
    assert again["ONGEWIJZIGD"] == 2


def test_bad_rows_are_refused_by_row_and_nothing_is_written(provider, two_databases, tmp_path):
    import processing

    db = two_databases[0]
    path = locali_csv(tmp_path / "fout.csv", db.admin_dsn, bad=True)
    params = {"VERBINDING": saved_connection(db.editor_dsn), "INVOER": str(path), "BRON": "locali"}
    with refused_unchanged(db.admin_dsn, QgsProcessingException, match='initiatief "Bestaat niet" bestaat niet'):
        processing.run(ALGORITHM, params)
    with refused_unchanged(db.admin_dsn, QgsProcessingException, match="Afgebroken"):
        processing.run(ALGORITHM, params, feedback=Recorder(cancel_after=1))
    result = processing.run(ALGORITHM, {**params, "ONBRUIKBARE_OVERSLAAN": True})
    assert (result["NIEUW"], result["GEWEIGERD"]) == (2, 1)
