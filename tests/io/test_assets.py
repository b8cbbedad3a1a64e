"""Public-space objects from OSM XML, BGT-style layers and mapped GeoJSON/CSV, on the Hilversum demo: soort
from the tags/classes, buurt derived by the database, re-import updates by (bron, bron_id), refusals by the
beheerobject triggers reported per record with nothing written."""

from __future__ import annotations

import json

import pytest

from spatial_service.cli import main
from spatial_service.commands.imports import asset_format
from spatial_service.core import asset_kinds
from spatial_service.importers import bgt, osm, table
from spatial_service.importers.assets import AssetOptions, ReadStats, import_assets
from spatial_service.importers.sources import FileProblem
from spatial_service.importers.staging import ImportRefused
from tests.io.conftest import fingerprint, refused_unchanged, rows
from tests.io.files import point, polygon, square, write_layer, write_osm

OUTSIDE = (200000.0, 400000.0)  # Limburg-ish: in the Netherlands, not in Hilversum


@pytest.fixture
def centres(fresh_db) -> list[tuple[str, float, float]]:
    """Three buurten with a point well inside each (RD New)."""
    return [(c, x, y) for c, x, y in rows(fresh_db.admin_dsn, """
        SELECT code, ST_X(p), ST_Y(p) FROM (SELECT code, ST_PointOnSurface(geom) p FROM buurt.buurt
         WHERE NOT water ORDER BY code LIMIT 3) s""")]


def osm_file(path, centres, playground_name="Speeltuin Noord"):
    (_, x1, y1), (_, x2, y2), (_, x3, y3) = centres
    park = [(20 + i, x, y, {}) for i, (x, y) in enumerate(square(x2 - 20, y2 - 20, 40)[:4])]
    line = [(30, x3 - 5, y3, {}), (31, x3 + 5, y3, {})]
    nodes = [
        (1, x1, y1, {"leisure": "playground", "name": playground_name}),
        (2, x1 + 10, y1, {"highway": "crossing", "crossing": "zebra"}),
        (3, x1 + 20, y1, {"highway": "crossing", "crossing_ref": "zebra", "crossing": "uncontrolled"}),
        (4, x1 + 30, y1, {"highway": "crossing", "crossing": "traffic_signals"}),
        (5, *OUTSIDE, {"leisure": "playground"}),
        *park, *line,
    ]
    ways = [(100, [20, 21, 22, 23, 20], {"leisure": "park", "name": "Parkje"}),
            (101, [30, 31], {"highway": "footway", "footway": "crossing", "crossing": "zebra"})]
    return write_osm(path, nodes, ways)


def run_osm(dsn, path, skip=False):
    stats = ReadStats()
    return import_assets(dsn, osm.read_osm(path, stats, osm.kinds_from_db(dsn)), stats,
                         AssetOptions("osm", skip_invalid=skip, progress=False), source=path.name)


def test_osm_tags_become_speelplek_groen_zebrapad_with_derived_buurt(fresh_db, tmp_path, centres):
    result = run_osm(fresh_db.editor_dsn, osm_file(tmp_path / "extract.osm", centres))
    assert result.read == 6 and result.ignored == 1
    assert result.count("nieuw") == 5 and result.count("buiten") == 1
    assert [o.code for o in result.outcomes if o.actie == "buiten"] == ["node/5"]
    imported = rows(fresh_db.admin_dsn, "SELECT bron_id, soort, naam, GeometryType(geom), buurtcode "
                                        "FROM buurt.beheerobject WHERE bron = 'osm' ORDER BY bron_id")
    (c1, _, _), (c2, _, _), (c3, _, _) = centres
    assert imported == [
        ("node/1", "speelplek", "Speeltuin Noord", "POINT", c1),
        ("node/2", "zebrapad", None, "POINT", c1),
        ("node/3", "zebrapad", None, "POINT", c1),
        ("way/100", "groen", "Parkje", "MULTIPOLYGON", c2),
        ("way/101", "zebrapad", None, "LINESTRING", c3),
    ]


def test_osm_reimport_is_idempotent_and_updates_by_osm_id(fresh_db, tmp_path, centres):
    path = osm_file(tmp_path / "extract.osm", centres)
    run_osm(fresh_db.editor_dsn, path)
    before = fingerprint(fresh_db.admin_dsn)
    again = run_osm(fresh_db.editor_dsn, path)
    assert again.count("ongewijzigd") == 5 and again.count("nieuw") == 0
    assert fingerprint(fresh_db.admin_dsn) == before
    renamed = run_osm(fresh_db.editor_dsn, osm_file(tmp_path / "extract2.osm", centres, "Speeltuin Zuid"))
    assert [(o.actie, o.code) for o in renamed.outcomes if o.actie == "gewijzigd"] == [("gewijzigd", "node/1")]
    assert rows(fresh_db.admin_dsn, "SELECT count(*), min(naam) FROM buurt.beheerobject WHERE bron = 'osm' "
                                    "AND soort = 'speelplek'") == [(1, "Speeltuin Zuid")]


def test_osm_pbf_reads_the_same_as_xml(fresh_db, tmp_path, centres):
    import osmium

    xml = osm_file(tmp_path / "extract.osm", centres)
    pbf = tmp_path / "extract.osm.pbf"
    with osmium.SimpleWriter(str(pbf)) as writer:
        for obj in osmium.FileProcessor(str(xml)):
            writer.add(obj)
    assert main(["import", "assets", str(pbf), "--dsn", fresh_db.editor_dsn, "--stil"]) == 0
    imported = rows(fresh_db.admin_dsn, "SELECT bron_id, soort FROM buurt.beheerobject WHERE bron = 'osm' ORDER BY 1")
    assert imported == [("node/1", "speelplek"), ("node/2", "zebrapad"), ("node/3", "zebrapad"),
                        ("way/100", "groen"), ("way/101", "zebrapad")]
    assert run_osm(fresh_db.editor_dsn, xml).count("ongewijzigd") == 5  # same ids, same source: no duplicates


def bgt_file(path, centres):
    """Three BGT layers: 3 objects of our kinds, 3 that are not (another class value, history)."""
    (_, x1, y1), (_, x2, y2), _ = centres
    write_layer(path, "bgt_begroeidterreindeel", "Polygon",
                {"lokaalID": "str", "bgt-fysiekVoorkomen": "str", "eindRegistratie": "str"},
                [({"lokaalID": "G0402.1", "bgt-fysiekVoorkomen": "groenvoorziening", "eindRegistratie": None},
                  polygon(x1, y1)),
                 ({"lokaalID": "G0402.2", "bgt-fysiekVoorkomen": "erf", "eindRegistratie": None}, polygon(x1, y1)),
                 ({"lokaalID": "G0402.3", "bgt-fysiekVoorkomen": "groenvoorziening",
                   "eindRegistratie": "2020-01-01"}, polygon(x2, y2))])
    write_layer(path, "bgt_straatmeubilair", "Point", {"lokaalID": "str", "plus-type": "str"},
                [({"lokaalID": "G0402.10", "plus-type": "speelvoorziening"}, point(x2, y2)),
                 ({"lokaalID": "G0402.11", "plus-type": "bank"}, point(x2, y2))])
    write_layer(path, "bgt_functioneelgebied", "Polygon", {"lokaalID": "str", "bgt-type": "str"},
                [({"lokaalID": "G0402.20", "bgt-type": "speeltuin"}, polygon(x2, y2, 30))])
    return path


def test_bgt_classes_map_to_soorten(fresh_db, tmp_path, centres):
    path = bgt_file(tmp_path / "bgt.gpkg", centres)
    stats = ReadStats()
    kinds = bgt.kinds_from_db(fresh_db.editor_dsn)  # the rules of buurt_vl.objectsoort.bgt_regels
    assert asset_format(path, kinds) == "bgt"  # what `buurtkaart import objecten bgt.gpkg` takes it for
    result = import_assets(fresh_db.editor_dsn, bgt.read_bgt(path, stats, kinds), stats,
                           AssetOptions("bgt", progress=False), source=path.name)
    assert result.count("nieuw") == 3 and result.ignored == 3
    assert rows(fresh_db.admin_dsn, "SELECT bron_id, soort, GeometryType(geom) FROM buurt.beheerobject "
                                    "WHERE bron = 'bgt' ORDER BY bron_id") == [
        ("G0402.1", "groen", "MULTIPOLYGON"), ("G0402.10", "speelplek", "POINT"),
        ("G0402.20", "speelplek", "MULTIPOLYGON")]
    # the whole object as the rules made it (the same before and after the rules moved from code into
    # buurt_vl.objectsoort.bgt_regels): which class and attribute value matched, and nothing from history
    (_, x1, y1), (_, x2, y2), _ = centres
    shapes = {"G0402.1": polygon(x1, y1), "G0402.10": point(x2, y2), "G0402.20": polygon(x2, y2, 30)}
    assert rows(fresh_db.admin_dsn, "SELECT bron_id, soort, naam, omschrijving FROM buurt.beheerobject "
                                    "WHERE bron = 'bgt' ORDER BY bron_id") == [
        ("G0402.1", "groen", None, "BGT begroeidterreindeel fysiekvoorkomen=groenvoorziening"),
        ("G0402.10", "speelplek", None, "BGT straatmeubilair type=speelvoorziening"),
        ("G0402.20", "speelplek", None, "BGT functioneelgebied type=speeltuin")]
    for bron_id, shape in shapes.items():
        assert rows(fresh_db.admin_dsn, "SELECT ST_Equals(geom, ST_SetSRID(ST_GeomFromGeoJSON(%s), 28992)) "
                    "FROM buurt.beheerobject WHERE bron = 'bgt' AND bron_id = %s",
                    (json.dumps(shape), bron_id)) == [(True,)], bron_id


def test_file_detection_knows_the_bgt_classes_of_the_value_list(tmp_path):
    """A class no rule names today (Paal) is a BGT layer as soon as a kind's bgt_regels names it."""
    path = write_layer(tmp_path / "palen.gpkg", "imgeo_paal", "Point", {"lokaalID": "str", "plus-type": "str"},
                       [({"lokaalID": "P1", "plus-type": "afsluitpaal"}, point(140000.0, 470000.0))])
    assert asset_format(path, asset_kinds.bgt_kinds([("speelplek", ["Straatmeubilair.type=speelvoorziening"])])) \
        == "tabel"
    assert asset_format(path, asset_kinds.bgt_kinds([("paal", ["Paal.type=afsluitpaal"])])) == "bgt"


def mapped_geojson(path, centres, groen_as_point=False):
    (_, x1, y1), (_, x2, y2), _ = centres
    return write_layer(path, None, "Unknown", {"objectid": "int", "categorie": "str", "naam": "str"}, [
        ({"objectid": 1, "categorie": "speelplek", "naam": "Trapveld"}, point(x1, y1)),
        ({"objectid": 2, "categorie": "groen", "naam": "Plantsoen"},
         point(x2, y2) if groen_as_point else polygon(x2, y2)),
        ({"objectid": 3, "categorie": "zebrapad", "naam": None}, point(x1 + 5, y1)),
    ], epsg=28992, driver="GeoJSON")


def run_table(dsn, path, mapping, skip=False, crs=None):
    stats = ReadStats()
    return import_assets(dsn, table.read_table(path, mapping, stats, crs=crs), stats,
                         AssetOptions(path.stem, skip_invalid=skip, progress=False), source=path.name)


def test_mapped_geojson_with_soort_field(fresh_db, tmp_path, centres):
    mapping = table.FieldMapping.parse(["id=objectid", "soort=categorie", "naam=naam"], None)
    result = run_table(fresh_db.editor_dsn, mapped_geojson(tmp_path / "objecten.geojson", centres), mapping)
    assert result.count("nieuw") == 3
    assert rows(fresh_db.admin_dsn, "SELECT bron_id, soort, naam FROM buurt.beheerobject WHERE bron = 'objecten' "
                                    "ORDER BY bron_id") == [("1", "speelplek", "Trapveld"), ("2", "groen", "Plantsoen"),
                                                            ("3", "zebrapad", None)]


def test_trigger_refusal_is_reported_per_record_and_nothing_is_written(fresh_db, tmp_path, centres):
    path = mapped_geojson(tmp_path / "objecten.geojson", centres, groen_as_point=True)
    mapping = table.FieldMapping.parse(["id=objectid", "soort=categorie"], None)
    with refused_unchanged(fresh_db.admin_dsn) as err:
        run_table(fresh_db.editor_dsn, path, mapping)
    # the beheerobject trigger's own message (buurt_vl.objectsoort.geometrietypes), not a Python re-check
    assert "Import geweigerd: 1 van de 3 objecten zijn onbruikbaar: rij 2 (2): Groen moet een vlak zijn, geen punt." \
        in str(err.value)

    result = run_table(fresh_db.editor_dsn, path, mapping, skip=True)
    assert result.count("nieuw") == 2 and result.count("geweigerd") == 1
    report = result.write_report(tmp_path / "verslag.csv").read_text(encoding="utf-8")
    assert "geweigerd;groen;2;2;Groen moet een vlak zijn, geen punt." in report


def test_unknown_soort_and_duplicate_ids_are_refused(fresh_db, tmp_path, centres):
    (_, x1, y1), _, _ = centres
    path = write_layer(tmp_path / "x.gpkg", "objecten", "Point", {"nr": "str", "soort": "str"}, [
        ({"nr": "a", "soort": "bank"}, point(x1, y1)),
        ({"nr": "b", "soort": "speelplek"}, point(x1, y1)),
        ({"nr": "b", "soort": "speelplek"}, point(x1 + 1, y1))])
    mapping = table.FieldMapping.parse(["id=nr", "soort=soort"], None)
    with pytest.raises(ImportRefused) as err:
        run_table(fresh_db.editor_dsn, path, mapping)
    assert 'rij 1 (a): soort "bank" bestaat niet (bekend: speelplek, groen, zebrapad' in str(err.value)
    assert "rij 2 (b): bron-id b komt 2 keer voor (rijen 2, 3)" in str(err.value)


def test_csv_with_xy_via_the_cli(fresh_db, tmp_path, centres, capsys):
    (_, x1, y1), (_, x2, y2), _ = centres
    path = tmp_path / "speelplekken.csv"
    path.write_text(f"nr,omschrijving,x,y\n7,Wipkip,{x1},{y1}\n8,Schommel,{x2},{y2}\n", encoding="utf-8")
    args = ["import", "objecten", str(path), "--dsn", fresh_db.editor_dsn, "--soort", "speelplek",
            "--veld", "id=nr", "--veld", "omschrijving=omschrijving", "--veld", "x=x", "--veld", "y=y", "--stil"]
    assert main(args) == 2
    assert "declareert geen coördinatenstelsel" in capsys.readouterr().err
    assert main([*args, "--crs", "EPSG:28992"]) == 0
    assert "speelplekken.csv: gelezen 2; nieuw 2, gewijzigd 0" in capsys.readouterr().out
    assert rows(fresh_db.admin_dsn, "SELECT bron_id, omschrijving FROM buurt.beheerobject "
                                    "WHERE bron = 'speelplekken' ORDER BY 1") == [("7", "Wipkip"), ("8", "Schommel")]


def test_mapping_errors_name_the_field(tmp_path, centres):
    (_, x1, y1), _, _ = centres
    path = write_layer(tmp_path / "x.gpkg", "objecten", "Point", {"nr": "str"}, [({"nr": "a"}, point(x1, y1))])
    with pytest.raises(FileProblem, match=r"veld 'objectid' \(voor id\) bestaat niet; velden: nr"):
        list(table.read_table(path, table.FieldMapping.parse(["id=objectid"], "groen"), ReadStats()))
    with pytest.raises(FileProblem, match="--veld id=BRONVELD is verplicht"):
        table.FieldMapping.parse(["naam=nr"], "groen")
