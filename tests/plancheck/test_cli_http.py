"""The CLI (`buurtkaart plancheck`) and HTTP (POST /plancheck) entry points: the same findings as the SQL
function, a report with a map, anonymous callers see public information only, bad input gets a Dutch answer."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys

import httpx
import psycopg
import pytest

from spatial_service.cli import main
from spatial_service.plancheck.findings import PROPERTY_COLUMNS
from spatial_service.web.app import create_app
from tests.plancheck import plans
from tests.plancheck.serving import minimal_app, post_plan, serve
from tests.plancheck.world import PLAN, X0, Y0


def sql_findings(dsn: str, function: str = "buurt_app.plantoets") -> list[dict]:
    with psycopg.connect(dsn) as conn:
        cur = conn.execute(f"SELECT {', '.join(PROPERTY_COLUMNS)} FROM {function}(%s::geometry)", [PLAN])
        return [dict(zip(PROPERTY_COLUMNS, (float(v) if hasattr(v, "as_tuple") else v for v in r), strict=True))
                for r in cur.fetchall()]


def cli_json(capsys, *args: str) -> dict:
    assert main(["plancheck", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def props(collection: dict) -> list[dict]:
    return [f["properties"] for f in collection["features"]]


def test_cli_dxf_end_to_end_matches_sql(world_db, tmp_path, capsys):
    dxf = plans.plan_dxf(tmp_path / "herinrichting.dxf")
    out = tmp_path / "rapport.html"
    collection = cli_json(capsys, str(dxf), "--out", str(out), "--dsn", world_db.editor_dsn)
    assert props(collection) == sql_findings(world_db.editor_dsn)
    assert collection["crs_bron"] == "EPSG:28992" and any("1 TEXT" in m for m in collection["meldingen"])
    page = out.read_text(encoding="utf-8")
    assert "<svg" in page and "Plantsoen Midden" in page and "Groenimpuls Proef" in page
    assert 'class="badge ernstig">Ernstig: 4<' in page
    # every finding with a geometry is drawn, with its message as tooltip
    drawn = sum(1 for f in collection["features"] if f["geometry"] and f["properties"]["categorie"]
                not in ("wijk", "buurt"))
    assert page.count("<title>") - 1 >= drawn


def test_cli_text_output_and_public_flag(world_db, tmp_path, capsys):
    dxf = plans.plan_dxf(tmp_path / "p.dxf")
    assert main(["plancheck", str(dxf), "--dsn", world_db.editor_dsn]) == 0
    out = capsys.readouterr().out
    assert "speelplek verdwijnt" in out and "4 ernstig" in out
    public = cli_json(capsys, str(dxf), "--publiek", "--dsn", world_db.editor_dsn)
    assert props(public) == sql_findings(world_db.public_dsn, "publiek.plantoets")


@pytest.mark.parametrize(("extra", "message"), [
    (["--crs", "EPSG:4326"], "kunnen niet van EPSG:4326 naar RD New worden omgezet"),
    (["--lijnbuffer", "-2"], "--lijnbuffer: moet 0 of groter zijn"),
    (["--zoekafstand", "9999"], "Zoekafstand 9999,0 m valt buiten het toegestane bereik"),
])
def test_cli_bad_input_is_a_dutch_message(world_db, tmp_path, capsys, extra, message):
    dxf = plans.plan_dxf(tmp_path / "p.dxf")
    assert main(["plancheck", str(dxf), "--dsn", world_db.editor_dsn, *extra]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_cli_dxf_outside_the_databases_rd_area_is_refused(world_db, tmp_path, capsys):
    """The RD New area comes from buurt_app.rd_gebied() through the GIS staff's own connection."""
    import ezdxf

    doc = ezdxf.new()
    doc.modelspace().add_lwpolyline([(5.1, 52.2), (5.2, 52.2), (5.2, 52.3)], close=True)
    doc.saveas(tmp_path / "graden.dxf")
    assert main(["plancheck", str(tmp_path / "graden.dxf"), "--dsn", world_db.editor_dsn]) == 2
    err = capsys.readouterr().err
    assert "liggen niet in RD New" in err and "--crs" in err and "Traceback" not in err


def test_cli_process_text_only_dxf(world_db, tmp_path):
    dxf = plans.text_only_dxf(tmp_path / "tekst.dxf")
    done = subprocess.run([sys.executable, "-m", "spatial_service.cli", "plancheck", str(dxf), "--dsn",
                           world_db.editor_dsn], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "tekst.dxf bevat geen geometrie" in done.stderr and "Traceback" not in done.stderr


def geojson_rd() -> dict:
    return {"type": "Feature", "properties": {}, "crs": {"type": "name", "properties": {"name": "EPSG:28992"}},
            "geometry": {"type": "Polygon", "coordinates": plans.rd_ring(400, 400, 600, 500)}}


@pytest.fixture(scope="module")
def minimal_url(world_db):
    with serve(minimal_app(world_db.public_dsn)) as url:
        yield url


def test_http_public_findings_equal_sql_and_cli(world_db, minimal_url, tmp_path, capsys):
    r = post_plan(minimal_url, geojson_rd())
    assert r.status_code == 200, r.text
    body = r.json()
    assert props(body) == sql_findings(world_db.public_dsn, "publiek.plantoets")
    dxf = plans.plan_dxf(tmp_path / "p.dxf")
    assert props(body) == props(cli_json(capsys, str(dxf), "--publiek", "--dsn", world_db.editor_dsn))
    ids = {(p["categorie"], p["object_id"]) for p in props(body)}
    assert ("buurtdeal", "9001") not in ids and ("initiatief", "9302") not in ids
    assert "Geheim" not in r.text and "example.org" not in r.text
    plan = body["features"][0]
    assert plan["properties"]["categorie"] == "plan" and plan["geometry"]["type"] == "MultiPolygon"
    lon, lat = plan["geometry"]["coordinates"][0][0][0]
    assert 5.0 < lon < 5.3 and 52.1 < lat < 52.4  # served in WGS84


def test_http_wgs84_input_and_parameters(world_db, minimal_url):
    with psycopg.connect(world_db.admin_dsn) as conn:
        geometry = json.loads(conn.execute("SELECT ST_AsGeoJSON(ST_Transform(%s::geometry, 4326), 12)",
                                           [PLAN]).fetchone()[0])
    r = post_plan(minimal_url, geometry, zoekafstand="150")
    assert r.status_code == 200, r.text
    found = {p["object_id"]: p for p in props(r.json()) if p["categorie"] == "beheerobject"}
    assert found["9201"]["oppervlakte_m2"] == pytest.approx(5000, abs=1)
    assert found["9207"]["afstand_m"] == pytest.approx(100, abs=0.01)  # only found with zoekafstand 150


@pytest.mark.parametrize(("body", "params", "message"), [
    (b"", {}, "Leeg verzoek"),
    (b"{kapot", {}, "geen geldige JSON"),
    ({"type": "FeatureCollection", "features": []}, {}, "Het plan is leeg"),
    ({"type": "Polygon", "coordinates": plans.rd_ring(400, 400, 600, 500)}, {}, "geen WGS84"),
    ({"type": "Polygon", "coordinates": [[[5.0, 52.0], [5.001, 52.0], [5.001, 52.001], [5.0, 52.0]]]}, {},
     "Het plan ligt buiten de gemeente."),
    ({"type": "Punt"}, {}, "Onbekend GeoJSON-type"),
    (geojson_rd(), {"lijnbuffer": "breed"}, "Parameter lijnbuffer: 'breed' is geen getal"),
    ({**geojson_rd(), "crs": {"type": "name", "properties": {"name": "EPSG:3857"}}}, {}, "EPSG:3857"),
    ({**geojson_rd(), "crs": {"type": "name", "properties": "x"}}, {}, "EPSG:28992"),
    ({"type": "Polygon", "coordinates": [[[X0, Y0], [X0 + 1, Y0]]]}, {}, "ongeldige GeoJSON-geometrie"),
])
def test_http_bad_input(minimal_url, body, params, message):
    r = post_plan(minimal_url, body, **params)
    assert r.status_code == 400
    assert message in r.json()["fout"]


def _nested(depth: int) -> bytes:
    inner = b'{"type": "Point", "coordinates": [5.17, 52.22]}'
    return b'{"type": "GeometryCollection", "geometries": [' * depth + inner + b"]}" * depth


RD_CRS = {"type": "name", "properties": {"name": "EPSG:28992"}}


@pytest.mark.parametrize("body", [
    b"[" * 100_000 + b"]" * 100_000,  # nesting deeper than json can decode
    b'{"a": ' * 50_000 + b"1" + b"}" * 50_000,
    _nested(5_000),
    {"type": "Polygon", "coordinates": json.loads(b"[" * 400 + b"]" * 400)},  # deep coordinates
    {"type": ["Polygon"], "coordinates": []},  # unhashable type member
    {"type": {"naam": "Polygon"}},
    {"type": "Point", "coordinates": [5.1, 52.2], "crs": ["EPSG:28992"]},
    {"type": "Point", "coordinates": [1e999, 463000], "crs": RD_CRS},  # Infinity
    {"type": "Point", "coordinates": [float("nan"), 463000], "crs": RD_CRS},
    {"type": "Point", "coordinates": [1e300, 1e300], "crs": RD_CRS},
    {"type": "Point", "coordinates": [int("9" * 400), 52.2]},
    b'{"type": "Point", "coordinates": [' + b"9" * 5000 + b", 52.2]}",  # beyond int() digit limit
    b"\xff\xfe\x00",
    {"type": "FeatureCollection", "features": [{"geometry": 5}, "x", None]},
    {"type": "GeometryCollection", "geometries": 5},
    [1, 2, 3],
    "Polygon",
])
def test_http_every_malformed_body_is_the_dutch_400(minimal_url, body):
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    r = httpx.post(f"{minimal_url}/plancheck", content=content,
                   headers={"content-type": "application/geo+json"}, timeout=30)
    assert r.status_code == 400, r.text
    answer = r.json()
    assert answer["status"] == 400 and answer["fout"] and "Traceback" not in answer["fout"]


def test_http_refuses_an_oversized_body_before_reading_it(minimal_url):
    r = httpx.post(f"{minimal_url}/plancheck", content=b"{" + b" " * (6 * 1024 * 1024) + b"}",
                   headers={"content-type": "application/geo+json"}, timeout=30)
    assert r.status_code == 413 and "Het plan is te groot" in r.json()["fout"]


def test_http_check_that_runs_too_long_is_stopped(world_db, monkeypatch):
    from spatial_service.web import plancheck as route

    monkeypatch.setattr(route, "STATEMENT_TIMEOUT_MS", 1)
    with serve(minimal_app(world_db.public_dsn)) as url:
        r = post_plan(url, geojson_rd())
        assert r.status_code == 400 and "duurde langer dan" in r.json()["fout"]
        monkeypatch.setattr(route, "STATEMENT_TIMEOUT_MS", 10_000)
        assert post_plan(url, geojson_rd()).status_code == 200  # the pool connection is fine afterwards

def test_http_through_the_service_app(world_db):
    settings = dataclasses.replace(world_db.settings, dbname=world_db.name)
    with serve(create_app(settings)) as url:
        r = post_plan(url, geojson_rd())
    assert r.status_code == 200, r.text
    assert props(r.json()) == sql_findings(world_db.public_dsn, "publiek.plantoets")


def test_demo_plan_same_findings_through_cli_and_http(demo_db, tmp_path, capsys):
    """On the Hilversum demo: a plan around the first residents' green, as a GeoJSON file (CLI, public view)
    and as an HTTP body, gives the same findings; the staff view adds what is unpublished."""
    with psycopg.connect(demo_db.admin_dsn) as conn:
        x, y = conn.execute("SELECT ST_X(ST_PointOnSurface(geom)), ST_Y(ST_PointOnSurface(geom)) "
                            "FROM buurt.beheerobject WHERE beheerder = 'bewoners' ORDER BY id LIMIT 1").fetchone()
    ring = [[[x - 60, y - 40], [x + 60, y - 40], [x + 60, y + 40], [x - 60, y + 40], [x - 60, y - 40]]]
    path = plans.plan_geojson(tmp_path / "demo.geojson", ring, crs="EPSG:28992")
    public = props(cli_json(capsys, str(path), "--publiek", "--dsn", demo_db.editor_dsn))
    staff = props(cli_json(capsys, str(path), "--dsn", demo_db.editor_dsn))
    assert any(p["regel"] == "bewonersbeheer" for p in public)
    assert {p["object_id"] for p in public} <= {p["object_id"] for p in staff}
    with serve(minimal_app(demo_db.public_dsn)) as url:
        r = post_plan(url, json.loads(path.read_text()))
    assert r.status_code == 200, r.text
    assert props(r.json()) == public
