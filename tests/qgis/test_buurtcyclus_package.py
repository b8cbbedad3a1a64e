"""The report algorithm from the built plugin zip (installed into a fresh profile): the copy of the report package
and the layout template inside the zip work without the source tree."""

from __future__ import annotations

import subprocess

import pytest

from tests.qgis_registry import registered_provider


@pytest.fixture(scope="module")
def provider(bk, qgis_processing):
    with registered_provider(bk.processing.provider, replace=True) as instance:
        yield instance


def test_packaged_plugin_makes_the_wijk_report(bk, provider, gis_connection, tmp_path):
    import processing

    package = bk.resources.reports()
    assert package.__name__ == "buurtkaart.reports"  # the copy in the zip, not the source tree
    result = processing.run("buurtkaart:buurtcyclus_rapport", {
        "VERBINDING": gis_connection, "SOORT": 1, "WIJK": "WK040203", "JAAR": 2018,
        "OUTPUT_PDF": str(tmp_path / "zuidwest.pdf"), "OUTPUT_HTML": str(tmp_path / "zuidwest.html")})
    assert result["HOOFDSTUKKEN"] == 2
    text = subprocess.run(["pdftotext", str(tmp_path / "zuidwest.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Wijkanalyse Zuidwest (WK040203) — 2018" in text and "Jongerencentrum De Keet" in text
    assert (tmp_path / "zuidwest-kaarten" / "WK040203.png").stat().st_size > 2000
