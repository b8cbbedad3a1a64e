"""The QGIS Processing algorithm buurtkaart:plantoets in real QGIS 3.22 (headless): a DXF plan end to end, the
same findings as the CLI, a styled findings layer and an HTML report with a rendered map."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from qgis.core import (
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorLayer,
)

from spatial_service.cli import main
from tests.plancheck import plans
from tests.qgis_registry import saved_connection

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def connection_name(world_db):
    with saved_connection(f"Plantoets test {os.getpid()}", world_db.editor_dsn) as name:
        yield name


def run(params: dict) -> tuple[dict, QgsProcessingContext]:
    import processing

    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    result = processing.run("buurtkaart:plantoets", params, context=context, feedback=QgsProcessingFeedback())
    return result, context


def layer(value: object, context: QgsProcessingContext) -> QgsVectorLayer:
    if isinstance(value, QgsVectorLayer):
        return value
    found = context.getMapLayer(value)
    assert isinstance(found, QgsVectorLayer), value
    return found


def test_dxf_plan_same_findings_as_cli(buurtkaart_provider, connection_name, world_db, tmp_path, capsys):
    dxf = plans.plan_dxf(tmp_path / "herinrichting.dxf")
    report = tmp_path / "rapport.html"
    result, context = run({"VERBINDING": connection_name, "PLAN": str(dxf), "OUTPUT": "memory:",
                           "OUTPUT_VLAKKEN": "memory:", "OUTPUT_HTML": str(report)})
    findings = layer(result["OUTPUT"], context)
    got = [dict(zip(findings.fields().names(), [None if v is None or str(v) == "NULL" else v
                                                for v in f.attributes()], strict=True))
           for f in findings.getFeatures()]
    assert main(["plancheck", str(dxf), "--json", "--dsn", world_db.editor_dsn]) == 0
    expected = [f["properties"] for f in json.loads(capsys.readouterr().out)["features"]]
    assert got == expected
    assert (result["ERNSTIG"], result["WAARSCHUWING"]) == (4, 5)

    areas = layer(result["OUTPUT_VLAKKEN"], context)
    by_id = {(f["categorie"], f["object_id"] or None): f for f in areas.getFeatures()}
    assert by_id[("beheerobject", "9201")].geometry().area() == pytest.approx(5000)
    assert by_id[("plan", None)].geometry().area() == pytest.approx(20000)

    page = report.read_text(encoding="utf-8")
    assert "data:image/png;base64," in page and "Plantsoen Midden" in page and "1 DXF-tekst(en) overgeslagen" in page


def test_selected_features_in_wgs84_and_styling(buurtkaart_provider, connection_name, world_db, tmp_path):
    from pyproj import Transformer
    from qgis.core import QgsProcessingFeatureSourceDefinition, QgsProcessingOutputLayerDefinition

    to_wgs = Transformer.from_crs(28992, 4326, always_xy=True)
    plan = tmp_path / "plannen.geojson"
    features = []
    for name, (x1, y1, x2, y2) in (("gekozen", (400, 400, 600, 500)), ("niet", (100, 100, 200, 200))):
        ring = [[list(to_wgs.transform(x, y)) for x, y in plans.rd_ring(x1, y1, x2, y2)[0]]]
        features.append({"type": "Feature", "properties": {"naam": name},
                         "geometry": {"type": "Polygon", "coordinates": ring}})
    plan.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    source = QgsVectorLayer(str(plan), "plan", "ogr")
    assert source.isValid()
    QgsProject.instance().addMapLayer(source)
    try:
        source.selectByExpression("\"naam\" = 'gekozen'")
        output = QgsProcessingOutputLayerDefinition("memory:")
        output.destinationProject = QgsProject.instance()
        result, context = run({"VERBINDING": connection_name,
                               "PLAN": QgsProcessingFeatureSourceDefinition(source.id(), True),
                               "OUTPUT": output, "OUTPUT_VLAKKEN": "memory:",
                               "OUTPUT_HTML": str(tmp_path / "r.html")})
        findings = layer(result["OUTPUT"], context)
        plan_row = next(f for f in findings.getFeatures() if f["categorie"] == "plan")
        assert plan_row["oppervlakte_m2"] == pytest.approx(20000, abs=1)  # only the selected feature
        # Processing's post-processor styled the loaded layer by severity with the colours of buurt_vl.ernst
        styled = layer(result["OUTPUT"], context)
        assert context.willLoadLayerOnCompletion(styled.id())
        details = context.layerToLoadOnCompletionDetails(styled.id())
        details.postProcessor().postProcessLayer(styled, context, QgsProcessingFeedback())
        renderer = styled.renderer()
        assert renderer.type() == "categorizedSymbol"
        colours = {c.value(): c.symbol().color().name() for c in renderer.categories()}
        assert colours == {"ernstig": "#d7191c", "waarschuwing": "#fdae61", "info": "#2c7bb6"}
    finally:
        QgsProject.instance().removeMapLayer(source.id())


def test_refusals_are_dutch_processing_errors(buurtkaart_provider, connection_name, tmp_path):
    with pytest.raises(QgsProcessingException, match="Plantoets geweigerd: Het plan is leeg"):
        run({"VERBINDING": connection_name, "PLAN": str(plans.text_only_dxf(tmp_path / "tekst.dxf")),
             "OUTPUT": "memory:", "OUTPUT_VLAKKEN": "memory:", "OUTPUT_HTML": str(tmp_path / "r.html")})
    far = tmp_path / "ver.geojson"
    far.write_text(json.dumps({"type": "Polygon", "coordinates": [[[4.0, 51.0], [4.001, 51.0], [4.001, 51.001],
                                                                    [4.0, 51.0]]]}))
    with pytest.raises(QgsProcessingException, match="Het plan ligt buiten de gemeente"):
        run({"VERBINDING": connection_name, "PLAN": str(far), "OUTPUT": "memory:", "OUTPUT_VLAKKEN": "memory:",
             "OUTPUT_HTML": str(tmp_path / "r2.html")})


def _without_map_and_moment(page: str) -> str:
    """The report minus what each client draws itself (its map) and the moment it was made."""
    page = re.sub(r"<svg xmlns=.*?</svg>|<img alt=[^>]*>", "MAP", page, flags=re.S)
    page = re.sub(r'<p class="meta">.*?</p>', "META", page)
    return re.sub(r"<ul>.*?</ul>", "NOTES", page)  # how each reader skipped DXF texts is its own


def test_qgis_and_cli_write_one_and_the_same_report(buurtkaart_provider, connection_name, world_db, tmp_path):
    dxf = plans.plan_dxf(tmp_path / "herinrichting.dxf")
    run({"VERBINDING": connection_name, "PLAN": str(dxf), "OUTPUT": "memory:", "OUTPUT_VLAKKEN": "memory:",
         "OUTPUT_HTML": str(tmp_path / "qgis.html")})
    assert main(["plancheck", str(dxf), "--out", str(tmp_path / "cli.html"), "--dsn", world_db.editor_dsn]) == 0
    qgis_page = (tmp_path / "qgis.html").read_text(encoding="utf-8")
    cli_page = (tmp_path / "cli.html").read_text(encoding="utf-8")
    assert "data:image/png;base64," in qgis_page and "<svg xmlns=" in cli_page  # each its own map
    assert _without_map_and_moment(qgis_page) == _without_map_and_moment(cli_page)
    assert 'class="badge ernstig">Ernstig: 4<' in qgis_page and "Plantoets herinrichting.dxf" in qgis_page
    assert "5 000 m²" in qgis_page  # numbers formatted alike, whether QGIS read them as float or the CLI as int
