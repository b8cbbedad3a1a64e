"""The national generator on a small slice: deterministic (same seed, same fingerprint), CBS-style codes, buurten
that tile their wijk and gemeente exactly, derived codes the database's own rule agrees with, and low-zoom tiles
(z5-z11, all layers) within the 500 KB cap, served over real HTTP."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

import psycopg
import pytest

from spatial_service.cli import main
from spatial_service.demo import nederland
from tests import support
from tests.service.conftest import start_server
from tests.service.helpers import ALL_LAYERS, decode, tile_at

SLICE = {"gemeenten": 4, "objecten": 4_000, "programma": 3_000}
TILE_CAP = 500 * 1024


@pytest.fixture(scope="module")
def national_slice(pg_settings) -> Iterator[support.TestDatabase]:
    db = support.new_database(pg_settings, with_demo=False)
    nederland.load(db.admin_dsn, **SLICE)
    yield db
    db.drop()


def test_same_seed_same_data_other_seed_other_data():
    assert nederland.stream_fingerprint() == nederland.stream_fingerprint()
    assert nederland.stream_fingerprint(seed=7) != nederland.stream_fingerprint()


def test_national_sizes_match_the_country():
    country = nederland.geography()
    assert len(country.gemeenten) == 342
    assert 3_000 <= len(country.wijken) <= 3_600
    assert 13_000 <= len(country.buurten) <= 15_000


def test_loading_twice_gives_the_same_fingerprint(pg_settings, national_slice):
    other = support.new_database(pg_settings, with_demo=False)
    try:
        nederland.load(other.admin_dsn, **SLICE)
        assert nederland.fingerprint(other.admin_dsn) == nederland.fingerprint(national_slice.admin_dsn)
    finally:
        other.drop()


def test_codes_nesting_and_derivation(national_slice):
    with psycopg.connect(national_slice.admin_dsn) as conn:
        counts = conn.execute("SELECT (SELECT count(*) FROM buurt.gemeente), (SELECT count(*) FROM buurt.beheerobject),"
                              " (SELECT count(*) FROM buurt.initiatief) + (SELECT count(*) FROM buurt.buurtdeal)"
                              ).fetchone()
        assert counts == (SLICE["gemeenten"], SLICE["objecten"], SLICE["programma"])
        codes = [r[0] for r in conn.execute("SELECT code FROM buurt.buurt")]
        assert all(re.fullmatch(r"BU[0-9]{8}", c) for c in codes) and len(codes) > 40
        assert conn.execute("SELECT count(*) FROM buurt.buurt WHERE NOT ST_IsValid(geom)").fetchone()[0] == 0
        # buurten tile their gemeente: inside it, and their areas add up to it (no gaps, no overlaps)
        rows = conn.execute("""
            SELECT g.code, ST_Area(g.geom), sum(ST_Area(b.geom)), bool_and(ST_CoveredBy(b.geom, w.geom)),
                   bool_and(ST_CoveredBy(w.geom, g.geom))
              FROM buurt.gemeente g JOIN buurt.buurt b ON b.gemeentecode = g.code
              JOIN buurt.wijk w ON w.code = b.wijkcode
             GROUP BY g.code, g.geom""").fetchall()
        for code, area, buurt_area, in_wijk, wijk_in_gemeente in rows:
            assert math.isclose(area, buurt_area, rel_tol=1e-9), code
            assert in_wijk and wijk_in_gemeente, code
        # the generator sets the derived codes itself: the database's rule must agree on every object
        disagree = conn.execute("SELECT count(*) FROM buurt.beheerobject "
                                "WHERE buurtcode IS DISTINCT FROM buurt_app.buurt_van(geom)").fetchone()[0]
        assert disagree == 0


def test_low_zoom_tiles_stay_within_the_cap(national_slice):
    with psycopg.connect(national_slice.admin_dsn) as conn:
        west, south, east, north = conn.execute(
            "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Transform(ST_SetSRID("
            "ST_Extent(geom)::geometry, 28992), 4326)::box2d e FROM buurt.gemeente) x").fetchone()
        published = conn.execute("SELECT code, (SELECT count(*) FROM publiek.buurtdeal d WHERE d.gemeentecode = code) "
                                 "FROM buurt.gemeente").fetchall()
    running = start_server(national_slice)
    try:
        with running.client() as client:
            seen_gemeenten: dict[str, int] = {}
            layers_seen: set[str] = set()
            for z in range(5, 12):
                (_, x0, y0), (_, x1, y1) = tile_at(west, north, z), tile_at(east, south, z)
                for x in range(x0, x1 + 1):
                    for y in range(y0, y1 + 1):
                        r = client.get(f"/tiles/{ALL_LAYERS}/{z}/{x}/{y}.pbf")
                        assert r.status_code == 200, r.text
                        assert len(r.content) <= TILE_CAP, (z, x, y, len(r.content))
                        tile = decode(r.content)
                        layers_seen |= set(tile)
                        if z <= 8:
                            assert set(tile) <= {"gemeenten"}, (z, set(tile))
                            for f in tile.get("gemeenten", []):
                                seen_gemeenten[f["properties"]["code"]] = f["properties"]["aantal_buurtdeals"]
    finally:
        running.stop()
    assert seen_gemeenten == dict(published)
    assert {"gemeenten", "wijken", "buurten", "buurtdeals", "initiatieven"} <= layers_seen


def test_cli_refuses_a_bad_slice_in_dutch(capsys):
    assert main(["demo", "--nederland", "--gemeenten", "400"]) == 2
    err = capsys.readouterr().err
    assert "--gemeenten 400: kies 1 tot en met 342." in err and "Traceback" not in err
