"""The buurtmonitor and buurtbudget algorithms in real QGIS: a graduated layer classed and coloured as the
virtuele stad (classes from SQL), areas without a value hatched; the allocation stored and summed to the cent."""

from __future__ import annotations

import json
from decimal import Decimal

import psycopg
import pytest
from qgis.core import (
    QgsGraduatedSymbolRenderer,
    QgsLinePatternFillSymbolLayer,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProject,
)


def test_indicator_layer_is_graduated_like_the_web_map(provider, gis_connection, demo_db):
    import processing

    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    result = processing.run("buurtkaart:buurtmonitor_kaart", {
        "VERBINDING": gis_connection, "INDICATOR": "sociale_cohesie", "JAAR": 2017, "NIVEAU": 0,
        "GEMEENTE": "GM0402"}, context=context, feedback=QgsProcessingFeedback())
    layers = [i if not isinstance(i, str) else context.getMapLayer(i) for i in result["OUTPUT"]]
    layer, empty = layers
    try:
        assert layer.isValid() and empty.isValid()
        with psycopg.connect(demo_db.public_dsn) as conn:
            web = conn.execute("SELECT publiek.cijferkaart('sociale_cohesie', 2017, 'buurt', 'GM0402')").fetchone()[0]
        web = web if isinstance(web, dict) else json.loads(web)
        renderer = layer.renderer()
        assert isinstance(renderer, QgsGraduatedSymbolRenderer) and renderer.classAttribute() == "klasse"
        ranges = renderer.ranges()
        assert [r.symbol().color().name() for r in ranges] == web["indicator"]["kleuren"]
        g = web["grenzen"]
        assert [r.label() for r in ranges] == [
            f"{g[k]:.1f} – {g[k + 1]:.1f} score 0-10".replace(".", ",") for k in range(5)]
        got = {f["code"]: f["klasse"] for f in layer.getFeatures()}
        assert got == {c: v["klasse"] for c, v in web["waarden"].items()}
        assert empty.featureCount() == len(web["zonder_waarde"])
        assert any(isinstance(s, QgsLinePatternFillSymbolLayer) for s in empty.renderer().symbol().symbolLayers())
    finally:
        layer = empty = None
        layers = None


def test_unknown_indicator_is_refused_in_dutch(provider, gis_connection):
    import processing

    with pytest.raises(QgsProcessingException, match="Indicator 'geluk' bestaat niet"):
        processing.run("buurtkaart:buurtmonitor_kaart", {"VERBINDING": gis_connection, "INDICATOR": "geluk",
                                                         "JAAR": 2017, "NIVEAU": 0, "GEMEENTE": "GM0402"})


def test_budget_allocation_from_qgis(provider, fresh_connection, fresh_db):
    import processing

    result = processing.run("buurtkaart:budget_verdelen", {"VERBINDING": fresh_connection, "GEMEENTE": "GM0402",
                                                          "JAAR": 2018, "OUTPUT": "memory:"})
    rows = {f["wijkcode"]: f["bedrag"] for f in result["OUTPUT"].getFeatures()}
    with psycopg.connect(fresh_db.admin_dsn) as conn:
        stored = dict(conn.execute("SELECT wijkcode, bedrag FROM buurt.budgetverdeling WHERE gemeentecode = 'GM0402' "
                                   "AND jaar = 2018").fetchall())
        budget = conn.execute("SELECT bedrag FROM buurt.budget WHERE gemeentecode = 'GM0402' AND jaar = 2018"
                              ).fetchone()[0]
    assert {k: Decimal(str(v)).quantize(Decimal("0.01")) for k, v in rows.items()} == stored
    assert sum(stored.values()) == budget and Decimal(str(result["TOTAAL"])).quantize(Decimal("0.01")) == budget
    with pytest.raises(QgsProcessingException, match="geen buurtbudget voor 2031"):
        processing.run("buurtkaart:budget_verdelen", {"VERBINDING": fresh_connection, "GEMEENTE": "GM0402",
                                                     "JAAR": 2031, "OUTPUT": "memory:"})


def test_jaarrapportage_shows_the_allocation_per_wijk(provider, gis_connection, demo_db, tmp_path):
    import processing

    html_path = tmp_path / "rapport.html"
    processing.run("buurtkaart:rapportage", {"VERBINDING": gis_connection, "JAAR": 2018, "OUTPUT": "memory:",
                                             "OUTPUT_HTML": str(html_path)})
    text = html_path.read_text(encoding="utf-8")
    assert "Buurtbudget per wijk 2018" in text
    with psycopg.connect(demo_db.admin_dsn) as conn:
        stored = conn.execute("SELECT w.naam, v.bedrag, v.prioriteit FROM buurt.budgetverdeling v JOIN buurt.wijk w "
                              "ON w.code = v.wijkcode WHERE v.jaar = 2018 AND v.gemeentecode = 'GM0402'").fetchall()
    assert len(stored) == 9
    for naam, bedrag, prioriteit in stored:
        amount = "EUR " + f"{float(bedrag):,.0f}".replace(",", ".")
        assert f"<td>{naam}{' *' if prioriteit else ''}</td><td class='n'>{amount}</td>" in text
