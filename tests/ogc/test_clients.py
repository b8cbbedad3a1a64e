"""Real OGC clients read /ogc: QGIS 3.22's "WFS / OGC API - Features" provider (OAPIF) and OWSLib."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from owslib.ogcapi.features import Features
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFillSymbol,
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsMarkerSymbol,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor

from spatial_service.catalogue import load
from tests.service.test_private import private_values

CATALOGUE = load()


def count(admin_conn, layer) -> int:
    return admin_conn.execute(f"SELECT count(*) FROM {layer.bron} WHERE {layer.filter or 'TRUE'}").fetchone()[0]


def test_qgis_oapif_loads_every_collection(qgis_app, server, admin_conn):
    strings, hidden_initiatives, hidden_deals = private_values(admin_conn)
    for layer in CATALOGUE.public:
        uri = f"url='{server.url}/ogc' typename='{layer.id}' pageSize='100'"
        vl = QgsVectorLayer(uri, layer.titel, "OAPIF")
        try:
            assert vl.isValid(), (layer.id, vl.error().summary())
            fields = [f.name() for f in vl.fields()]
            # QGIS adds the feature id as a field when the GeoJSON id is not a property
            assert set(layer.velden) <= set(fields) <= {*layer.velden, "id"}, (layer.id, fields)
            assert not [f for f in fields if f.startswith("indiener")]
            features = list(vl.getFeatures())
            assert len(features) == count(admin_conn, layer), layer.id
            # QGIS takes the layer's feature count from numberMatched
            assert vl.featureCount() == len(features), (layer.id, vl.featureCount())
            assert all(f.hasGeometry() and not f.geometry().isEmpty() for f in features)
            values = {str(v) for f in features for v in f.attributes()}
            assert not strings & values
            key = fields.index(layer.sleutel)
            ids = {f.attributes()[key] for f in features}
            assert len(ids) == len(features)
            if layer.id == "initiatieven":
                assert not ids & hidden_initiatives
            if layer.id == "buurtdeals":
                assert not ids & hidden_deals
            # the extent QGIS gets from the collection metadata is Hilversum's
            extent = vl.extent()
            assert extent.intersects(QgsRectangle(5.1, 52.18, 5.22, 52.28)), (layer.id, extent.toString())
        finally:
            vl = None


def test_owslib_paging_and_bbox(server, admin_conn):
    api = Features(f"{server.url}/ogc")
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core" in api.conformance()["conformsTo"]
    assert [c["id"] for c in api.collections()["collections"]] == [layer.id for layer in CATALOGUE.public]
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
    got = api.collection_items("initiatieven", bbox=box, limit=1000)
    expected = {r[0] for r in admin_conn.execute(
        "SELECT id FROM publiek.initiatief WHERE ST_Intersects(geom, ST_Transform(ST_MakeEnvelope(%s, %s, %s, %s,"
        " 4326), 28992))", box)}
    assert expected and {f["id"] for f in got["features"]} == expected
    assert got["numberMatched"] == len(expected)
    queryables = api.collection_queryables("buurtdeals")
    assert "budget_gemeente" in queryables["properties"]
    # OWSLib passes any keyword as a query parameter: an unknown one is refused (Part 1), not ignored
    with pytest.raises(RuntimeError) as refused:  # OWSLib raises the answer's text for any non-200
        api.collection_items("buurtdeals", kleur="rood")
    body = json.loads(str(refused.value))
    assert body["code"] == "UnknownParameter" and "Onbekende parameter 'kleur'" in body["description"]


DOCS_IMAGE = Path(__file__).resolve().parents[2] / "docs" / "img" / "qgis-ogc.png"
STYLE = {  # what a colleague in another department would set by hand: nothing from our QML styles
    "buurten": ("fill", {"color": "255,255,255,0", "outline_color": "#9e9e9e", "outline_width": "0.2"}),
    "groen": ("fill", {"color": "#74c476", "outline_style": "no"}),
    "wijken": ("fill", {"color": "255,255,255,0", "outline_color": "#333333", "outline_width": "0.6"}),
    "speelplekken": ("marker", {"color": "#fd8d3c", "size": "1.6", "outline_style": "no", "name": "triangle"}),
    "buurtdeals": ("marker", {"color": "#2171b5", "size": "2.6", "outline_color": "#ffffff", "name": "square"}),
}


def test_qgis_draws_the_ogc_layers(qgis_app, server, tmp_path):
    """The map a GIS colleague elsewhere gets from /ogc in QGIS; BUURTKAART_DOCS_IMG=1 also writes the README
    picture (docs/img/qgis-ogc.png)."""
    layers = []
    try:
        for layer_id, (kind, props) in STYLE.items():
            vl = QgsVectorLayer(f"url='{server.url}/ogc' typename='{layer_id}'", layer_id, "OAPIF")
            assert vl.isValid(), layer_id
            symbol = QgsFillSymbol.createSimple(props) if kind == "fill" else QgsMarkerSymbol.createSimple(props)
            if kind == "fill" and vl.geometryType() != 2:  # points and areas in one collection: draw both as given
                symbol = QgsMarkerSymbol.createSimple({"color": props["color"], "size": "1.4"})
            vl.renderer().setSymbol(symbol)
            layers.append(vl)
        settings = QgsMapSettings()
        settings.setLayers(list(reversed(layers)))
        settings.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:28992"))
        settings.setOutputSize(QSize(900, 1000))
        settings.setBackgroundColor(QColor("#ffffff"))
        extent = QgsRectangle(135600, 465000, 143600, 477300)
        settings.setExtent(extent)
        job = QgsMapRendererParallelJob(settings)
        job.start()
        job.waitForFinished()
        image = job.renderedImage()
        out = tmp_path / "qgis-ogc.png"
        assert image.save(str(out))
        greens = sum(1 for x in range(0, 900, 6) for y in range(0, 1000, 6)
                     if image.pixelColor(x, y).name() == "#74c476")
        blues = sum(1 for x in range(0, 900, 2) for y in range(0, 1000, 2)
                    if image.pixelColor(x, y).name() == "#2171b5")
        assert greens > 50 and blues > 10, (greens, blues)
        if os.environ.get("BUURTKAART_DOCS_IMG") == "1":
            shutil.copy(out, DOCS_IMAGE)
    finally:
        layers = []
