"""The Processing algorithm buurtkaart:buurtcyclus_rapport in real QGIS 3.22 (headless): the print layout with its
atlas, the same content as `buurtkaart rapport` on the command line, Dutch refusals of bad parameters."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from qgis.core import QgsProcessingException

from spatial_service.cli import main
from tests.qgis_registry import saved_connection
from tests.reports import pdf

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def connection_name(demo_db):
    with saved_connection(f"Buurtcyclus test {os.getpid()}", demo_db.editor_dsn) as name:
        yield name


def test_qgis_and_cli_reports_carry_the_same_content(buurtkaart_provider, connection_name, demo_db, tmp_path):
    import processing

    result = processing.run("buurtkaart:buurtcyclus_rapport", {
        "VERBINDING": connection_name, "SOORT": 0, "GEMEENTE": "GM0402", "JAAR": 2018,
        "OUTPUT_PDF": str(tmp_path / "qgis.pdf"), "OUTPUT_HTML": str(tmp_path / "qgis.html")})
    assert (result["BUDGET"], result["BESTEED"]) == (500_000, 463_499)
    assert main(["rapport", "jaar", "--gemeente", "GM0402", "--jaar", "2018", "--pdf", str(tmp_path / "cli.pdf"),
                 "--html", str(tmp_path / "cli.html"), "--dsn", demo_db.editor_dsn]) == 0
    pages = pdf.pages(tmp_path / "qgis.pdf")
    assert pages == pdf.pages(tmp_path / "cli.pdf") and result["HOOFDSTUKKEN"] == 11  # 2 overview + 9 wijken
    for page in range(1, pages + 1):
        assert pdf.text(tmp_path / "qgis.pdf", page) == pdf.text(tmp_path / "cli.pdf", page), f"page {page}"
    qgis_html = (tmp_path / "qgis.html").read_text(encoding="utf-8").replace("qgis-kaarten/", "")
    cli_html = (tmp_path / "cli.html").read_text(encoding="utf-8").replace("cli-kaarten/", "")
    assert qgis_html == cli_html


def test_wijk_report_in_qgis(buurtkaart_provider, connection_name, tmp_path):
    import processing

    result = processing.run("buurtkaart:buurtcyclus_rapport", {
        "VERBINDING": connection_name, "SOORT": 1, "WIJK": "WK040206", "JAAR": 2018,
        "OUTPUT_PDF": str(tmp_path / "oost.pdf")})
    assert result["HOOFDSTUKKEN"] == 2
    assert "Wijkanalyse Oost (WK040206) — 2018" in pdf.text(tmp_path / "oost.pdf", 1)


@pytest.mark.parametrize("params, message", [
    ({"SOORT": 0, "GEMEENTE": "GM9999"}, "Parameter GEMEENTE: gemeente 'GM9999' is onbekend"),
    ({"SOORT": 0, "GEMEENTE": "GM0402", "JAAR": 2024}, "Parameter JAAR: voor Hilversum (GM0402) is geen budget"),
    ({"SOORT": 1, "WIJK": "WK040299"}, "Parameter WIJK: wijk 'WK040299' is onbekend"),
    ({"SOORT": 1}, "Vul een wijkcode in (parameter WIJK)"),
])
def test_bad_parameters_are_refused_in_dutch(buurtkaart_provider, connection_name, tmp_path, params, message):
    import processing

    with pytest.raises(QgsProcessingException, match=message.replace("(", r"\(").replace(")", r"\)")):
        processing.run("buurtkaart:buurtcyclus_rapport", {"VERBINDING": connection_name, "JAAR": 2018, **params,
                                                          "OUTPUT_PDF": str(tmp_path / "x.pdf")})
    assert not (tmp_path / "x.pdf").exists()


def test_plugin_zip_ships_the_report_package_and_layout_template():
    from spatial_service.plugin_tools import build

    names = set(build.plugin_files())
    assert {"buurtkaart/reports/figures.py", "buurtkaart/reports/html_report.py", "buurtkaart/reports/layout.py",
            "buurtkaart/reports/buurtcyclus.qpt"} <= names
    template = (REPO / "spatial_service" / "reports" / "buurtcyclus.qpt").read_text(encoding="utf-8")
    for item in ("titel", "kaart", "tekst", "voet"):
        assert f'id="{item}"' in template


def test_overview_map_has_wijk_names_and_a_scale_bar(qgis_app):
    """The shipped template carries a scale bar on the map (the overview and wijk pages), and the wijk layer of the
    map is labelled with the wijk names."""
    from qgis.core import QgsLayoutItemScaleBar, QgsProject

    from spatial_service.reports import layout
    from spatial_service.reports.figures import Report

    printed = layout.load_layout(QgsProject())
    bars = [i for i in printed.items() if isinstance(i, QgsLayoutItemScaleBar)]
    assert len(bars) == 1 and bars[0].linkedMap() is printed.itemById("kaart")
    report = Report("jaar", "GM0402", "Hilversum", 2018, "")
    wijken = layout.map_layers(report, {})[-1]
    assert wijken.labelsEnabled() and wijken.labeling().settings().fieldName == "naam"
