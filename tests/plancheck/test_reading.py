"""Reading plan files: formats, coordinate systems and bad files get a Dutch PlanError, never a traceback."""

from __future__ import annotations

import pytest
from pyproj import Transformer

from spatial_service.plancheck import reading
from spatial_service.plancheck.errors import PlanError
from tests.plancheck import plans


@pytest.fixture(scope="module")
def read_plan(demo_db):
    """read_plan with the RD New area from the database (buurt_app.rd_gebied()), as the CLI calls it."""
    import psycopg

    with psycopg.connect(demo_db.admin_dsn) as conn:
        area = reading.rd_area(conn)
    return lambda path, **kw: reading.read_plan(path, rd_area=area, **kw)


def test_dxf_polyline_read_text_skipped(tmp_path, read_plan):
    plan = read_plan(plans.plan_dxf(tmp_path / "plan.dxf"))
    assert plan.features == 1 and plan.source_crs == "EPSG:28992"
    assert plan.geometry.geoms[0].area == 20000
    assert any("1 TEXT" in n for n in plan.notes) and any("aangenomen is RD New" in n for n in plan.notes)


def test_dxf_with_only_text(tmp_path, read_plan):
    with pytest.raises(PlanError, match=r"tekst.dxf bevat geen geometrie .*alleen niet-geometrische .*1 MTEXT, 1 TEXT"):
        read_plan(plans.text_only_dxf(tmp_path / "tekst.dxf"))


def test_dxf_not_in_rd_needs_crs(tmp_path, read_plan):
    import ezdxf

    doc = ezdxf.new()
    doc.modelspace().add_lwpolyline([(5.1, 52.2), (5.2, 52.2), (5.2, 52.3)], close=True)
    doc.saveas(tmp_path / "graden.dxf")
    with pytest.raises(PlanError, match=r"liggen niet in RD New .*--crs"):
        read_plan(tmp_path / "graden.dxf")
    assert read_plan(tmp_path / "graden.dxf", crs="EPSG:4326").source_crs == "EPSG:4326"


def test_geojson_in_wgs84_is_reprojected(tmp_path, read_plan):
    to_wgs = Transformer.from_crs(28992, 4326, always_xy=True)
    ring = [[list(to_wgs.transform(x, y)) for x, y in plans.rd_ring(400, 400, 600, 500)[0]]]
    plan = read_plan(plans.plan_geojson(tmp_path / "plan.geojson", ring))
    assert plan.source_crs == "EPSG:4326"
    assert plan.geometry.geoms[0].area == pytest.approx(20000, rel=1e-6)


def test_geopackage_with_and_without_crs(tmp_path, read_plan):
    ring = plans.rd_ring(400, 400, 600, 500)
    assert read_plan(plans.plan_gpkg(tmp_path / "rd.gpkg", ring, "EPSG:28992")).geometry.geoms[0].area == 20000
    with pytest.raises(PlanError, match=r"geen coördinatenstelsel .*--crs EPSG:28992"):
        read_plan(plans.plan_gpkg(tmp_path / "zonder.gpkg", ring, None))
    assert read_plan(tmp_path / "zonder.gpkg", crs="EPSG:28992").features == 1


@pytest.mark.parametrize(("name", "content", "message"), [
    ("leeg.geojson", "", r"^Planbestand leeg.geojson is leeg \(0 bytes\)"),
    ("leeg2.geojson", '{"type": "FeatureCollection", "features": []}', "bevat geen geometrie"),
    ("kapot.dxf", "dit is geen dxf", "geen leesbaar DXF-bestand"),
    ("kapot.geojson", "{niet json", "kan niet worden gelezen"),
    ("plan.docx", "x", "onbekend formaat '.docx'"),
])
def test_bad_files(tmp_path, read_plan, name, content, message):
    (tmp_path / name).write_text(content)
    with pytest.raises(PlanError, match=message):
        read_plan(tmp_path / name)


def test_missing_file_and_bad_crs(tmp_path, read_plan):
    with pytest.raises(PlanError, match="bestaat niet"):
        read_plan(tmp_path / "weg.dxf")
    with pytest.raises(PlanError, match="onbekend coördinatenstelsel 'EPSG:999999'"):
        read_plan(plans.plan_dxf(tmp_path / "p.dxf"), crs="EPSG:999999")
