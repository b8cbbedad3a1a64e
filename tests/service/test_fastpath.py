"""The cache fast path (spatial_service/web/fastpath.py): a cached tile answered before the router is the same
answer as the route gives; a malformed request never comes from the cache; an invalidated tile is not served."""

from __future__ import annotations

import time

import httpx
import psycopg
import pytest
from starlette.responses import Response

from spatial_service.web.cache import CachedTile, make_etag
from spatial_service.web.http import MVT_TYPE, TILE_CACHE_CONTROL, TileResponse
from tests.service.conftest import start_server
from tests.service.helpers import CENTRUM, decode, tile_at

VOLATILE = {"date"}


def fast_hits(client: httpx.Client) -> int:
    return client.get("/health").json()["snelpad"]


def headers_of(r: httpx.Response) -> list[tuple[bytes, bytes]]:
    return [(k.lower(), v) for k, v in r.headers.raw if k.lower().decode() not in VOLATILE]


def test_tile_response_has_the_headers_starlette_gave_the_route_before():
    body = b"\x1a\x05tegel"
    tile = CachedTile(body, make_etag(body))
    for from_cache in (True, False):
        headers = {"ETag": tile.etag, "Cache-Control": TILE_CACHE_CONTROL,
                   "X-Cache": "HIT" if from_cache else "MISS", "Access-Control-Allow-Origin": "*"}
        ok = TileResponse(tile, from_cache, None)
        assert (ok.status_code, ok.body) == (200, body)
        assert ok.raw_headers == Response(body, media_type=MVT_TYPE, headers=headers).raw_headers
        not_modified = TileResponse(tile, from_cache, tile.etag)
        assert (not_modified.status_code, not_modified.body) == (304, b"")
        assert not_modified.raw_headers == Response(status_code=304, headers=headers).raw_headers


def test_cached_tile_from_the_fast_path_equals_the_route_answer(client):
    path = "/tiles/groen,buurtdeals/{}/{}/{}.pbf?jaar=2017,2018".format(*tile_at(*CENTRUM, 14))
    before = fast_hits(client)
    miss = client.get(path)  # the route renders and caches it
    assert miss.status_code == 200 and miss.headers["x-cache"] == "MISS" and decode(miss.content)
    hit = client.get(path)
    assert fast_hits(client) == before + 1
    assert hit.status_code == 200 and hit.content == miss.content
    assert headers_of(hit) == [(k, b"HIT" if k == b"x-cache" else v) for k, v in headers_of(miss)]
    # HEAD always goes through the route: the route's answer for the same cached tile is the same
    head = client.head(path)
    assert fast_hits(client) == before + 1
    assert headers_of(head) == headers_of(hit)

    etag = hit.headers["etag"]
    fast_304 = client.get(path, headers={"If-None-Match": etag})
    route_304 = client.head(path, headers={"If-None-Match": etag})
    assert fast_hits(client) == before + 2
    assert fast_304.status_code == route_304.status_code == 304 and fast_304.content == b""
    assert headers_of(fast_304) == headers_of(route_304)
    assert "content-type" not in fast_304.headers
    # another ETag: the whole tile again
    assert client.get(path, headers={"If-None-Match": '"anders"'}).content == miss.content


@pytest.mark.parametrize(("suffix", "status", "message"), [
    ("?foo=1", 400, "Onbekende of niet toepasbare parameter 'foo'"),
    ("?jaar=1999", 400, "verwacht een jaartal van 2000 tot en met 2100"),
    ("?jaar=2017&jaar=2018", 400, "staat er meer dan eens"),
    ("?thema=bestaatniet", 400, "Onbekende waarde 'bestaatniet' voor parameter 'thema'"),
])
def test_a_malformed_request_for_a_cached_tile_gets_the_route_error(client, suffix, status, message):
    path = "/tiles/buurtdeals/{}/{}/{}.pbf".format(*tile_at(*CENTRUM, 13))
    client.get(path)
    assert client.get(path).headers["x-cache"] == "HIT"
    before = fast_hits(client)
    r = client.get(path + suffix)
    assert r.status_code == status and message in r.json()["fout"], r.text
    assert fast_hits(client) == before


@pytest.mark.parametrize(("path", "status", "message"), [
    ("/tiles/onbekend/13/4211/2696.pbf", 404, "Onbekende laag 'onbekend'"),
    ("/tiles/buurtdeals,buurtdeals/13/4211/2696.pbf", 400, "Laag dubbel gevraagd"),
    ("/tiles/buurtdeals/13/99999/2696.pbf", 400, "bestaat niet"),
    ("/tiles/buurtdeals/23/1/1.pbf", 400, "Zoom 23 buiten bereik"),
    ("/tiles/buurtdeals/13/-1/2696.pbf", 400, "Ongeldige kolom (x)"),
    ("/tiles/buurtdeals/13/4211.pbf", 400, "Ongeldig tegelpad"),
])
def test_invalid_tile_paths_keep_their_messages(client, path, status, message):
    before = fast_hits(client)
    r = client.get(path)
    assert r.status_code == status and message in r.json()["fout"], r.text
    assert fast_hits(client) == before


def test_an_invalidated_tile_is_not_served_from_the_fast_path(fresh_db):
    running = start_server(fresh_db)
    try:
        with psycopg.connect(running.db.editor_dsn) as editor, running.client() as client:
            deal_id, lon, lat = editor.execute(
                "SELECT id, ST_X(p), ST_Y(p) FROM (SELECT id, ST_Transform(geom, 4326) AS p FROM buurt.buurtdeal "
                "WHERE gepubliceerd AND GeometryType(geom) = 'POINT' ORDER BY id LIMIT 1) d").fetchone()
            path = "/tiles/buurtdeals/{}/{}/{}.pbf".format(*tile_at(lon, lat, 15))
            old = client.get(path)
            hit = client.get(path)
            assert hit.headers["x-cache"] == "HIT" and fast_hits(client) == 1
            editor.execute("UPDATE buurt.buurtdeal SET titel = 'Via het snelpad' WHERE id = %s", (deal_id,))
            editor.commit()
            deadline = time.monotonic() + 2
            while client.get("/health").json()["cache"]["invalidaties"] == 0 and time.monotonic() < deadline:
                time.sleep(0.02)
            fresh = client.get(path)
            assert fresh.headers["x-cache"] == "MISS" and fast_hits(client) == 1
            assert fresh.headers["etag"] != old.headers["etag"]
            assert "Via het snelpad" in {f["properties"]["titel"] for f in decode(fresh.content)["buurtdeals"]}
            assert client.get(path).headers["x-cache"] == "HIT" and fast_hits(client) == 2
    finally:
        running.stop()


def test_a_gemeentes_tile_comes_from_the_fast_path_too(client):
    """/g/GM0402/tiles/... is the national tile with ?gemeente=GM0402: one cache entry, answered before the router."""
    z, x, y = tile_at(*CENTRUM, 15)
    path = f"/g/GM0402/tiles/wijken,buurtdeals/{z}/{x}/{y}.pbf"
    before = fast_hits(client)
    first = client.get(path)
    assert first.status_code == 200 and first.headers["x-cache"] == "MISS", first.text
    again = client.get(path)
    assert again.headers["x-cache"] == "HIT" and again.content == first.content
    same = client.get(f"/tiles/wijken,buurtdeals/{z}/{x}/{y}.pbf?gemeente=GM0402")
    assert same.headers["x-cache"] == "HIT" and same.content == first.content
    assert fast_hits(client) == before + 2
    # what is wrong with the path still gets the route's Dutch answer
    assert client.get(f"/g/GM9999/tiles/wijken/{z}/{x}/{y}.pbf").status_code == 404
    assert client.get(path + "?gemeente=GM0307").status_code == 400
    assert fast_hits(client) == before + 2
