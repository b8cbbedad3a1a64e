"""Real OGC clients read /ogc: QGIS 3.22's "WFS / OGC API - Features" provider (OAPIF) and OWSLib."""

from __future__ import annotations

import json

import pytest
from owslib.ogcapi.features import Features
from qgis.core import (
    QgsRectangle,
    QgsVectorLayer,
    QgsWkbTypes,
)

from spatial_service.commands import docs
from tests.ogc.helpers import published
from tests.service.test_private import private_values

# what QGIS calls the type each collection declares (PostGIS GeometryType -> QgsWkbTypes.displayString)
QGIS_TYPES = {"POINT": "Point", "MULTIPOLYGON": "MultiPolygon", "LINESTRING": "LineString"}


def test_qgis_oapif_loads_every_collection(qgis_app, server, admin_conn, collections):
    strings, hidden_initiatives, hidden_deals = private_values(admin_conn)
    for c in collections.values():
        layer = c.layer
        uri = f"url='{server.url}/ogc' typename='{c.id}' pageSize='100'"
        vl = QgsVectorLayer(uri, c.titel, "OAPIF")
        try:
            assert vl.isValid(), (c.id, vl.error().summary())
            expected = published(admin_conn, c)
            if not expected:  # zebrapaden_lijnen in the demo: QGIS 3.22 takes the type from the features
                assert c.split and vl.featureCount() == 0 and not list(vl.getFeatures()), c.id
                continue
            # one geometry type per collection, as the QGIS plugin's own layers (Point / MultiPolygon)
            assert QgsWkbTypes.displayString(vl.wkbType()) == QGIS_TYPES[c.geometry_type], (c.id, vl.wkbType())
            fields = [f.name() for f in vl.fields()]
            # QGIS adds the feature id as a field when the GeoJSON id is not a property
            assert set(layer.velden) <= set(fields) <= {*layer.velden, "id"}, (c.id, fields)
            assert not [f for f in fields if f.startswith("indiener")]
            features = list(vl.getFeatures())
            assert len(features) == len(expected), c.id
            # QGIS takes the layer's feature count from numberMatched
            assert vl.featureCount() == len(features), (c.id, vl.featureCount())
            assert all(f.hasGeometry() and not f.geometry().isEmpty() for f in features)
            values = {str(v) for f in features for v in f.attributes()}
            assert not strings & values
            key = fields.index(layer.sleutel)
            ids = {f.attributes()[key] for f in features}
            assert len(ids) == len(features)
            assert ids == set(expected), c.id
            if layer.id == "initiatieven":
                assert not ids & hidden_initiatives
            if layer.id == "buurtdeals":
                assert not ids & hidden_deals
            # the extent QGIS gets from the collection metadata is Hilversum's
            extent = vl.extent()
            assert extent.intersects(QgsRectangle(5.1, 52.18, 5.22, 52.28)), (c.id, extent.toString())
        finally:
            vl = None


def test_owslib_reads_every_collection(server, admin_conn, collections):
    api = Features(f"{server.url}/ogc")
    assert [c["id"] for c in api.collections()["collections"]] == list(collections)
    for c in collections.values():
        seen, offset = [], 0
        while True:
            page = api.collection_items(c.id, limit=500, offset=offset)
            seen += [f["id"] for f in page["features"]]
            offset += page["numberReturned"]
            if not page["numberReturned"] or offset >= page["numberMatched"]:
                break
        assert seen == published(admin_conn, c) and page["numberMatched"] == len(seen), c.id
        assert {f["geometry"]["type"].upper() for f in page["features"]} <= {c.geometry_type}, c.id
        assert set(api.collection_queryables(c.id)["properties"]) == {*c.layer.velden, "geom"}, c.id


def test_owslib_paging_and_bbox(server, admin_conn):
    api = Features(f"{server.url}/ogc")
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core" in api.conformance()["conformsTo"]
    seen: list[int] = []
    offset = 0
    matched: set[int] = set()
    while True:
        page = api.collection_items("groen", limit=128, offset=offset)
        seen += [f["id"] for f in page["features"]]
        offset += page["numberReturned"]
        matched.add(page["numberMatched"])
        if offset >= page["numberMatched"]:
            break
    assert matched == {len(seen)}
    assert seen == [r[0] for r in admin_conn.execute(
        "SELECT id FROM publiek.beheerobject WHERE soort = 'groen' ORDER BY id")]
    box = [5.15, 52.20, 5.20, 52.24]
    got = api.collection_items("initiatieven_punten", bbox=box, limit=1000)
    expected = {r[0] for r in admin_conn.execute(
        "SELECT id FROM publiek.initiatief WHERE ST_Intersects(geom, ST_Transform(ST_MakeEnvelope(%s, %s, %s, %s,"
        " 4326), 28992)) AND GeometryType(geom) = 'POINT'", box)}
    assert expected and {f["id"] for f in got["features"]} == expected
    assert got["numberMatched"] == len(expected)
    queryables = api.collection_queryables("buurtdeals_punten")
    assert "budget_gemeente" in queryables["properties"]
    # OWSLib passes any keyword as a query parameter: an unknown one is refused (Part 1), not ignored
    with pytest.raises(RuntimeError) as refused:  # OWSLib raises the answer's text for any non-200
        api.collection_items("buurtdeals_punten", kleur="rood")
    body = json.loads(str(refused.value))
    assert body["code"] == "UnknownParameter" and "Onbekende parameter 'kleur'" in body["description"]


def test_qgis_draws_the_ogc_layers(qgis_app, server, tmp_path):
    """The map a GIS colleague elsewhere gets from /ogc in QGIS, drawn by the function that makes the README
    picture (`buurtkaart docs pictures`), here into a temporary folder."""
    image = docs.ogc_map(server.url, tmp_path / "qgis-ogc.png")
    assert (tmp_path / "qgis-ogc.png").stat().st_size > 10_000
    greens = sum(1 for x in range(0, 900, 6) for y in range(0, 1000, 6)
                 if image.pixelColor(x, y).name() == "#74c476")
    blues = sum(1 for x in range(0, 900, 2) for y in range(0, 1000, 2)
                if image.pixelColor(x, y).name() == "#2171b5")
    assert greens > 50 and blues > 10, (greens, blues)
