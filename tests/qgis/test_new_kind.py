"""A new kind of public-space object is data, not code: one row in buurt_vl.objectsoort ("bank", a bench) and
two catalogue entries make it appear in QGIS (style and form), the OSM import (amenity=bench), the BGT import
(Straatmeubilair.type=bank, by the CLI and by the QGIS algorithm), the tiles, the viewer style and its legend data,
and the open-data export. No Python changes for it."""

from __future__ import annotations

import dataclasses
import json

import httpx
import mapbox_vector_tile
import psycopg
from qgis.core import QgsVectorLayer

from spatial_service import catalogue as service_catalogue
from spatial_service.cli import main
from spatial_service.exporters.open_data import export_open_data
from spatial_service.web.app import create_app
from tests.io.files import point, rd_to_lonlat, write_layer, write_osm
from tests.plancheck.serving import serve
from tests.qgis.conftest import REPO
from tests.qgis_registry import saved_connection
from tests.service.helpers import tile_at

BANK_ROW = ("INSERT INTO buurt_vl.objectsoort (code, naam, meervoud, geometrietypes, kleur, volgorde, symbool, "
            "osm_tags, bgt_regels) VALUES ('bank', 'Bank', 'Banken', ARRAY['POINT'], '#8c510a', 4, 'square', "
            "'{amenity=bench}', '{Straatmeubilair.type=bank}')")
CATALOGUE_ENTRIES = """
[[qgis]]
id = "bank"
titel = "Banken"
tabel = "buurt.beheerobject"
geometrie = "Point"
soort = "bank"
sleutel = "id"
snappen = true

[[publiek]]
id = "banken"
titel = "Banken"
bron = "publiek.beheerobject"
soort = "bank"
sleutel = "id"
velden = ["id", "soort", "naam", "beheerder", "beheerder_naam", "buurtdeal_id", "buurtcode"]
minzoom = 12
maxzoom = 16
"""


def viewer_legend_and_features(url: str, lon: float, lat: float, layer: str) -> tuple[str, list[dict]]:
    """The legend text and the drawn features of one layer, in headless Chromium, zoomed in on lon/lat."""
    from tests.viewer.browser import chromium

    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1000, "height": 700})
        page.goto(url + "/")
        page.wait_for_function("() => window.buurtkaartReady === true", timeout=30_000)
        page.evaluate(f"window.buurtkaartMap.jumpTo({{center: [{lon}, {lat}], zoom: 16}})")
        page.wait_for_function("() => window.buurtkaartMap.loaded() && window.buurtkaartMap.areTilesLoaded()",
                               timeout=30_000)
        drawn = page.evaluate("""(layer) => window.buurtkaartMap.queryRenderedFeatures()
                                   .filter(f => f.sourceLayer === layer).map(f => f.properties)""", layer)
        return page.inner_text("#legenda"), drawn


def test_a_bank_is_one_value_list_row_and_catalogue_entries(bk, provider, fresh_db, tmp_path, capsys):
    from buurtkaart import loader, renderers
    from buurtkaart.connection import connection_info

    from spatial_service.plugin_tools import form_builder

    layers = tmp_path / "layers"
    layers.mkdir()
    (layers / "catalogue.toml").write_text(
        (REPO / "layers" / "catalogue.toml").read_text(encoding="utf-8") + CATALOGUE_ENTRIES, encoding="utf-8")
    with psycopg.connect(fresh_db.admin_dsn) as conn:
        conn.execute(BANK_ROW)
        x, y = conn.execute("SELECT ST_X(c), ST_Y(c) FROM (SELECT ST_PointOnSurface(geom) c FROM buurt.buurt "
                            "WHERE code = 'BU04020101') b").fetchone()

    # the OSM import: amenity=bench becomes a bank, by the tag in the value list
    osm = write_osm(tmp_path / "banken.osm", [(1, x, y, {"amenity": "bench", "name": "Bank Stroeslaan"}),
                                              (2, x + 5, y, {"amenity": "bicycle_parking"})], [])
    assert main(["import", "objecten", str(osm), "--dsn", fresh_db.editor_dsn, "--stil"]) == 0
    assert "nieuw 1" in capsys.readouterr().out
    with psycopg.connect(fresh_db.admin_dsn) as conn:
        assert conn.execute("SELECT soort, naam, GeometryType(geom), buurtcode FROM buurt.beheerobject "
                            "WHERE bron = 'osm'").fetchall() == [("bank", "Bank Stroeslaan", "POINT", "BU04020101")]
        conn.execute("UPDATE buurt.beheerobject SET beheerder = 'gemeente' WHERE bron = 'osm'")

    # tiles, viewer style and the legend's data (the viewer builds its legend from the style's value lists)
    cat = service_catalogue.parse(layers / "catalogue.toml")
    settings = dataclasses.replace(fresh_db.settings, dbname=fresh_db.name)
    lon, lat = rd_to_lonlat(x, y)
    with serve(create_app(settings, catalogue=cat)) as url:
        style = httpx.get(f"{url}/style.json", timeout=30).json()
        z, tx, ty = tile_at(lon, lat, 15)
        tile = httpx.get(f"{url}/tiles/banken/{z}/{tx}/{ty}.pbf", timeout=30)
        legend, drawn = viewer_legend_and_features(url, lon, lat, "banken")
    assert "Banken" in legend  # the viewer's legend, in a real browser
    assert [p["naam"] for p in drawn] == ["Bank Stroeslaan"]
    bank_style = next(layer for layer in style["layers"] if layer.get("source-layer") == "banken")
    assert bank_style["type"] == "circle" and bank_style["paint"]["circle-color"] == "#8c510a"
    assert {"code": "bank", "meervoud": "Banken", "kleur": "#8c510a"}.items() <= next(
        o for o in style["metadata"]["buurtkaart:waardelijsten"]["objectsoorten"] if o["code"] == "bank").items()
    assert tile.status_code == 200
    features = mapbox_vector_tile.decode(tile.content)["banken"]["features"]
    assert [f["properties"]["naam"] for f in features] == ["Bank Stroeslaan"]

    # open data
    export = export_open_data(fresh_db.editor_dsn, tmp_path / "open", formats=("geojson",), cat=cat)
    assert export.counts["banken"] == 1
    geojson = json.loads((tmp_path / "open" / "banken.geojson").read_text(encoding="utf-8"))
    assert geojson["features"][0]["properties"]["naam"] == "Bank Stroeslaan"

    # QGIS: the layer from the catalogue entry, its renderer from the value-list row, its form's default soort
    entry = bk.catalogue.load(layers).by_id("bank")
    layer = QgsVectorLayer(loader.layer_uri(connection_info(fresh_db.editor_dsn), entry), entry.titel, "postgres")
    try:
        assert layer.isValid() and layer.featureCount() == 1
        with psycopg.connect(fresh_db.admin_dsn) as conn:
            kind = dict(zip(renderers.KIND_COLUMNS,
                            conn.execute(renderers.KIND_QUERY.replace("ORDER BY", "WHERE code = 'bank' ORDER BY"))
                            .fetchone(), strict=True))
        layer.setRenderer(renderers.kind_renderer(layer, kind))
        symbol = layer.renderer().symbol()
        assert symbol.color().name() == "#8c510a" and symbol.symbolLayer(0).shape() == symbol.symbolLayer(0).Square
        form_builder.configure_fields(layer, entry.id, "beheerobject", entry.soort)
        soort = layer.fields().indexOf("soort")
        assert layer.defaultValueDefinition(soort).expression() == "'bank'"
        assert layer.editorWidgetSetup(soort).type() == "ValueRelation"
    finally:
        layer = None

    # the BGT import: a Straatmeubilair of type bank is a bank by the row's bgt_regels, a speelvoorziening in the
    # same layer stays a speelplek, an afvalbak is none of our kinds; the CLI finds the BGT layer by the same data
    gpkg = write_layer(tmp_path / "meubilair.gpkg", "bgt_straatmeubilair", "Point",
                       {"lokaalID": "str", "plus-type": "str"},
                       [({"lokaalID": "G1", "plus-type": "bank"}, point(x + 10, y)),
                        ({"lokaalID": "G2", "plus-type": "speelvoorziening"}, point(x + 15, y)),
                        ({"lokaalID": "G3", "plus-type": "afvalbak"}, point(x + 20, y))])
    assert main(["import", "objecten", str(gpkg), "--dsn", fresh_db.editor_dsn, "--stil"]) == 0
    assert "nieuw 2" in capsys.readouterr().out
    bgt_sql = ("SELECT bron_id, soort, omschrijving, ST_AsText(geom) FROM buurt.beheerobject WHERE bron = %s "
               "ORDER BY bron_id")
    with psycopg.connect(fresh_db.admin_dsn) as conn:
        by_cli = conn.execute(bgt_sql, ("bgt",)).fetchall()
    assert [r[:3] for r in by_cli] == [("G1", "bank", "BGT straatmeubilair type=bank"),
                                       ("G2", "speelplek", "BGT straatmeubilair type=speelvoorziening")]
    import processing

    with saved_connection(f"Buurtkaart bank {fresh_db.name}", fresh_db.editor_dsn) as name:
        result = processing.run("buurtkaart:bgt_objecten_importeren",
                                {"VERBINDING": name, "BESTAND": str(gpkg), "BRON": "bgt_qgis"})
    assert (result["NIEUW"], result["GENEGEERD"]) == (2, 1)
    with psycopg.connect(fresh_db.admin_dsn) as conn:
        assert conn.execute(bgt_sql, ("bgt_qgis",)).fetchall() == by_cli
