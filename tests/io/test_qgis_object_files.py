"""The Processing algorithms buurtkaart:osm_objecten_importeren and buurtkaart:bgt_objecten_importeren, run with
processing.run in real QGIS 3.22 (GDAL's OSM driver / the GeoPackage through the OGR provider) against test
databases: the same objects as `buurtkaart import objecten` on the same OSM file and BGT GeoPackage (one shared
mapping, same SQL merge), progress reported, and a cancel or a refusal leaves the database as it was."""

from __future__ import annotations

import pytest
from qgis.core import QgsProcessingException

from spatial_service.importers import bgt, osm
from spatial_service.importers.assets import AssetOptions, ReadStats, import_assets
from tests.io.conftest import refused_unchanged, rows
from tests.io.files import point, write_layer
from tests.io.test_assets import bgt_file, osm_file
from tests.io.test_qgis_import import saved_connection
from tests.io.test_qgis_objects import Recorder

OSM = "buurtkaart:osm_objecten_importeren"
BGT = "buurtkaart:bgt_objecten_importeren"
OBJECTS_SQL = ("SELECT bron, bron_id, soort, naam, omschrijving, buurtcode, GeometryType(geom), "
               "round(ST_X(ST_PointOnSurface(geom))::numeric, 1), round(ST_Y(ST_PointOnSurface(geom))::numeric, 1), "
               "round(ST_Area(geom)::numeric), round(ST_Length(geom)::numeric, 1) "
               "FROM buurt.beheerobject WHERE bron IN ('osm', 'bgt') ORDER BY bron, bron_id")


def centres(dsn: str) -> list[tuple[str, float, float]]:
    return [(c, x, y) for c, x, y in rows(dsn, """
        SELECT code, ST_X(p), ST_Y(p) FROM (SELECT code, ST_PointOnSurface(geom) p FROM buurt.buurt
         WHERE NOT water ORDER BY code LIMIT 3) s""")]


def cli(dsn: str, records, stats: ReadStats, source: str, name: str):
    return import_assets(dsn, records, stats, AssetOptions(source, progress=False), source=name)


def as_pbf(xml, pbf):
    import osmium

    with osmium.SimpleWriter(str(pbf)) as writer:
        for obj in osmium.FileProcessor(str(xml)):
            writer.add(obj)
    return pbf


@pytest.mark.parametrize("suffix", [".osm", ".osm.pbf"])
def test_osm_file_gives_the_same_objects_as_the_cli(provider, two_databases, tmp_path, suffix):
    import processing

    cli_db, qgis_db = two_databases
    path = osm_file(tmp_path / "extract.osm", centres(cli_db.admin_dsn))
    if suffix == ".osm.pbf":
        path = as_pbf(path, tmp_path / "extract.osm.pbf")
    stats = ReadStats()
    expected = cli(cli_db.editor_dsn, osm.read_osm(path, stats, osm.kinds_from_db(cli_db.editor_dsn)), stats,
                   "osm", path.name)
    feedback = Recorder()
    result = processing.run(OSM, {"VERBINDING": saved_connection(qgis_db.editor_dsn), "BESTAND": str(path)},
                            feedback=feedback)
    assert (result["NIEUW"], result["BUITEN"]) == (expected.count("nieuw"), expected.count("buiten"))
    imported = rows(qgis_db.admin_dsn, OBJECTS_SQL)
    assert imported == rows(cli_db.admin_dsn, OBJECTS_SQL)
    # playground, park, two zebra nodes, the zebra way; node 4 (traffic signals) is no zebra, node 5 outside
    assert sorted((r[1], r[2], r[6]) for r in imported) == [
        ("node/1", "speelplek", "POINT"), ("node/2", "zebrapad", "POINT"), ("node/3", "zebrapad", "POINT"),
        ("way/100", "groen", "MULTIPOLYGON"), ("way/101", "zebrapad", "LINESTRING")]
    assert result["BUITEN"] == 1 and result["GENEGEERD"] == stats.ignored == 1  # the traffic-signal crossing
    assert feedback.progress and feedback.progress[-1] == 100 and feedback.progress == sorted(feedback.progress)
    again = processing.run(OSM, {"VERBINDING": saved_connection(qgis_db.editor_dsn), "BESTAND": str(path)})
    assert again["ONGEWIJZIGD"] == 5 and again["NIEUW"] == 0


def test_bgt_geopackage_gives_the_same_objects_as_the_cli(provider, two_databases, tmp_path):
    import processing

    cli_db, qgis_db = two_databases
    path = bgt_file(tmp_path / "bgt.gpkg", centres(cli_db.admin_dsn))
    stats = ReadStats()
    kinds = bgt.kinds_from_db(cli_db.editor_dsn)
    expected = cli(cli_db.editor_dsn, bgt.read_bgt(path, stats, kinds), stats, "bgt", path.name)
    result = processing.run(BGT, {"VERBINDING": saved_connection(qgis_db.editor_dsn), "BESTAND": str(path)})
    assert (result["NIEUW"], result["GENEGEERD"]) == (expected.count("nieuw"), stats.ignored) == (3, 3)
    assert rows(qgis_db.admin_dsn, OBJECTS_SQL) == rows(cli_db.admin_dsn, OBJECTS_SQL)
    assert [r[1] for r in rows(qgis_db.admin_dsn, OBJECTS_SQL)] == ["G0402.1", "G0402.10", "G0402.20"]


def test_refusal_and_cancel_leave_the_database_as_it_was(provider, two_databases, tmp_path):
    import processing

    db = two_databases[0]
    spots = centres(db.admin_dsn)
    path = bgt_file(tmp_path / "bgt.gpkg", spots)
    (_, x, y) = spots[0]
    write_layer(path, "bgt_begroeidterreindeel_punten", "Point", {"lokaalID": "str", "fysiekVoorkomen": "str"},
                [({"lokaalID": "G0402.99", "fysiekVoorkomen": "groenvoorziening"}, point(x, y))])
    params = {"VERBINDING": saved_connection(db.editor_dsn), "BESTAND": str(path)}
    with refused_unchanged(db.admin_dsn, QgsProcessingException, match="Groen moet een vlak zijn, geen punt"):
        processing.run(BGT, params)
    osm_path = osm_file(tmp_path / "extract.osm", spots)
    with refused_unchanged(db.admin_dsn, QgsProcessingException, match="Afgebroken: er is niets gewijzigd"):
        processing.run(OSM, {**params, "BESTAND": str(osm_path)}, feedback=Recorder(cancel_after=1))
    skipped = processing.run(BGT, {**params, "ONBRUIKBARE_OVERSLAAN": True})
    assert (skipped["NIEUW"], skipped["GEWEIGERD"]) == (3, 1)


def test_a_file_without_bgt_layers_is_named(provider, two_databases, tmp_path):
    import processing

    db = two_databases[0]
    path = write_layer(tmp_path / "iets.gpkg", "wegen", "Point", {"naam": "str"},
                       [({"naam": "x"}, point(140000.0, 470000.0))], epsg=28992)
    with pytest.raises(QgsProcessingException, match=r"iets\.gpkg: geen BGT-laag gevonden"):
        processing.run(BGT, {"VERBINDING": saved_connection(db.editor_dsn), "BESTAND": str(path)})
