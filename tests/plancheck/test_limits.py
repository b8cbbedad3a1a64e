"""Limits on plan input (spatial_service/plancheck/limits.py, BUURTKAART_MAX_*): each one refused with a Dutch
message naming the limit and its setting, over HTTP and from files; and a fuzz run (hypothesis) of the readers
(`reading.read_plan` for GeoJSON, DXF and GeoPackage files, `geojson_input.parse_plan` and the HTTP body parser):
every input either reads or is refused with a BuurtkaartError, never another exception."""

from __future__ import annotations

import contextlib
import json
import random
import tempfile
from pathlib import Path

import ezdxf
import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spatial_service.errors import BuurtkaartError
from spatial_service.plancheck import geojson_input, reading
from spatial_service.plancheck.errors import PlanError
from spatial_service.plancheck.limits import Limits, json_depth
from spatial_service.web.plancheck import parse_json
from tests.plancheck import plans

# RD New's extent (buurt_app.rd_gebied() gives it in the database; the readers only compare against it)
RD_AREA = (-7000.0, 289000.0, 300000.0, 629000.0)
SMALL = Limits(body_bytes=10_000, file_bytes=20_000, nesting=8, features=3, vertices=20)
FUZZ = settings(max_examples=150, deadline=None, database=None, derandomize=True,
                suppress_health_check=list(HealthCheck))


def square(x: float, y: float, size: float = 10) -> list:
    return [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]]


def feature(geometry: dict) -> dict:
    return {"type": "Feature", "properties": {}, "geometry": geometry}


# --- each limit, named in the refusal ----------------------------------------------------------------------
def test_json_depth_counts_brackets_outside_strings():
    assert json_depth(b'{"a": [1, [2]]}') == 3
    assert json_depth(b'{"a": "[[[[[[[[[[ \\" [[[["}') == 1
    assert json_depth(b"") == 0 and json_depth(b"[" * 50) == 50


@pytest.mark.parametrize(("check", "setting"), [
    (lambda: parse_json(b"[" * 9 + b"]" * 9, SMALL), "BUURTKAART_MAX_NESTING"),
    (lambda: geojson_input.parse_plan({"type": "FeatureCollection", "features": [
        feature({"type": "Point", "coordinates": [5.1, 52.2]})] * 4}, SMALL), "BUURTKAART_MAX_FEATURES"),
    (lambda: geojson_input.parse_plan({"type": "MultiPoint", "coordinates": [[5.1, 52.2]] * 21}, SMALL),
     "BUURTKAART_MAX_VERTICES"),
    (lambda: geojson_input.parse_plan({"type": "GeometryCollection", "geometries": [
        {"type": "Point", "coordinates": [5.1, 52.2]}] * 4}, SMALL), "BUURTKAART_MAX_FEATURES"),
])
def test_each_limit_on_a_geojson_plan_is_named(check, setting):
    with pytest.raises(PlanError, match=setting) as refused:
        check()
    assert "te " in str(refused.value)  # "te diep genest", "te veel objecten", "te veel punten"


def test_within_the_limits_a_plan_reads():
    geom, srid = geojson_input.parse_plan({"type": "FeatureCollection", "features": [
        feature({"type": "Polygon", "coordinates": square(5.1, 52.2, 0.001)})] * 3}, SMALL)
    assert srid == 4326 and len(geom.geoms) == 3


def test_file_limits(tmp_path):
    ring = plans.rd_ring(0, 0, 100, 100)
    many = tmp_path / "veel.geojson"
    many.write_text(json.dumps({"type": "FeatureCollection", "crs": {"type": "name", "properties": {
        "name": "EPSG:28992"}}, "features": [feature({"type": "Polygon", "coordinates": ring})] * 4}))
    with pytest.raises(PlanError, match=r"te veel objecten.*BUURTKAART_MAX_FEATURES"):
        reading.read_plan(many, rd_area=RD_AREA, limits=SMALL)
    big = tmp_path / "groot.geojson"
    big.write_text(json.dumps({"type": "FeatureCollection", "features": []}) + " " * 30_000)
    with pytest.raises(PlanError, match=r"te groot.*BUURTKAART_MAX_FILE_MB"):
        reading.read_plan(big, rd_area=RD_AREA, limits=SMALL)
    dense = tmp_path / "dicht.dxf"
    doc = ezdxf.new()
    doc.modelspace().add_lwpolyline([(140000 + i, 460000 + (i % 2)) for i in range(30)])
    doc.saveas(dense)
    with pytest.raises(PlanError, match=r"te veel punten.*BUURTKAART_MAX_VERTICES"):
        reading.read_plan(dense, rd_area=RD_AREA, limits=Limits(10**7, 10**7, 8, 10, 20))


def test_a_dxf_block_that_inserts_itself_is_refused(tmp_path):
    doc = ezdxf.new()
    block = doc.blocks.new("LUS")
    block.add_line((0, 0), (1, 1))
    block.add_blockref("LUS", (1, 1))  # the block contains itself
    doc.modelspace().add_blockref("LUS", (140000, 460000))
    path = tmp_path / "lus.dxf"
    doc.saveas(path)
    with pytest.raises(BuurtkaartError, match=r"BUURTKAART_MAX_NESTING|geen leesbaar DXF"):
        reading.read_plan(path, rd_area=RD_AREA)


def test_http_limits_are_settings_and_answer_a_dutch_400(world_db, monkeypatch):
    from tests.plancheck.serving import minimal_app, serve

    monkeypatch.setenv("BUURTKAART_MAX_FEATURES", "2")
    monkeypatch.setenv("BUURTKAART_MAX_NESTING", "6")
    body = {"type": "FeatureCollection", "features": [feature({"type": "Point", "coordinates": [5.17, 52.22]})] * 3}
    with serve(minimal_app(world_db.public_dsn)) as url:
        r = httpx.post(f"{url}/plancheck", content=json.dumps(body), timeout=30)
        assert r.status_code == 400 and "3; de grens is 2, instelling BUURTKAART_MAX_FEATURES" in r.json()["fout"]
        r = httpx.post(f"{url}/plancheck", content=b'{"a": ' * 7 + b"1" + b"}" * 7, timeout=30)
        assert r.status_code == 400 and "7 niveaus; de grens is 6" in r.json()["fout"]


# --- fuzz: read or refuse, nothing else -------------------------------------------------------------------
numbers = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**20, 10**20))
json_values = st.recursive(st.none() | st.booleans() | numbers | st.text(max_size=20),
                           lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner,
                                                                                        max_size=5),
                           max_leaves=40)
positions = st.lists(numbers, min_size=0, max_size=4)
coordinates = st.recursive(positions, lambda inner: st.lists(inner, max_size=5), max_leaves=30)
geometries = st.fixed_dictionaries({"type": st.sampled_from([*sorted(geojson_input.GEOMETRY_TYPES), "Punt", 5]),
                                    "coordinates": coordinates},
                                   optional={"crs": json_values, "geometries": st.lists(json_values, max_size=3)})
plans_ = st.one_of(geometries, st.builds(feature, geometries),
                   st.builds(lambda fs: {"type": "FeatureCollection", "features": fs},
                             st.lists(st.one_of(st.builds(feature, geometries), json_values), max_size=5)),
                   json_values)


def read_or_refuse(call) -> None:
    """Reads, or refuses with a BuurtkaartError (the Dutch message); any other exception fails the test."""
    with contextlib.suppress(BuurtkaartError):
        call()


@FUZZ
@given(plans_)
def test_fuzz_geojson_plans_read_or_are_refused(plan):
    read_or_refuse(lambda: geojson_input.parse_plan(plan, SMALL))


@FUZZ
@given(st.one_of(st.binary(max_size=300), plans_.map(lambda p: json.dumps(p, allow_nan=True).encode())))
def test_fuzz_http_bodies_read_or_are_refused(body):
    read_or_refuse(lambda: geojson_input.parse_plan(parse_json(body, SMALL), SMALL))


def mutate(data: bytes, seed: int, edits: int) -> bytes:
    """`data` with a few bytes changed, removed or doubled (a file broken the way real files break)."""
    rnd = random.Random(seed)
    out = bytearray(data)
    for _ in range(edits):
        if not out:
            break
        i = rnd.randrange(len(out))
        choice = rnd.random()
        if choice < 0.4:
            out[i] = rnd.randrange(256)
        elif choice < 0.7:
            del out[i:i + rnd.randrange(1, 64)]
        else:
            out[i:i] = out[i:i + rnd.randrange(1, 64)]
    return bytes(out)


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("voorbeelden")
    ring = plans.rd_ring(0, 0, 100, 100)
    return {".dxf": plans.plan_dxf(folder / "plan.dxf").read_bytes(),
            ".geojson": plans.plan_geojson(folder / "plan.geojson", ring, "EPSG:28992").read_bytes(),
            ".gpkg": plans.plan_gpkg(folder / "plan.gpkg", ring, "EPSG:28992").read_bytes()}


@pytest.mark.parametrize("suffix", [".dxf", ".geojson", ".gpkg"])
def test_fuzz_plan_files_read_or_are_refused(samples, suffix):
    original = samples[suffix]
    limits = Limits.of()

    @settings(max_examples=60, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(seed=st.integers(0, 2**32), edits=st.integers(1, 40))
    def run(seed: int, edits: int) -> None:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"plan{suffix}"
            path.write_bytes(mutate(original, seed, edits))
            read_or_refuse(lambda: reading.read_plan(path, rd_area=RD_AREA, limits=limits))

    run()
    # the unbroken sample reads: the fuzz run starts from a file the reader takes
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"plan{suffix}"
        path.write_bytes(original)
        assert reading.read_plan(path, rd_area=RD_AREA).features >= 1
