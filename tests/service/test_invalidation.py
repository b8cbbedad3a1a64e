"""An edit through the editor role reaches the served tiles within 2 s and drops exactly the affected tiles;
the LISTEN connection comes back by itself after it is lost."""

from __future__ import annotations

import time

import psycopg
import pytest

from tests.service.conftest import start_server
from tests.service.helpers import decode, tile_at

FAR_AWAY = (5.205, 52.262)  # Hilversumse Meent, far from the Centrum deal


@pytest.fixture
def live(fresh_db):
    running = start_server(fresh_db)
    yield running
    running.stop()


def wait_for(predicate, timeout: float = 2.0):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.05)


def deal_in_centrum(conn: psycopg.Connection) -> tuple[int, float, float]:
    return conn.execute(
        "SELECT id, ST_X(p), ST_Y(p) FROM (SELECT id, ST_Transform(geom, 4326) AS p FROM buurt.buurtdeal "
        "WHERE gepubliceerd AND GeometryType(geom) = 'POINT' AND wijkcode = 'WK040201' ORDER BY id LIMIT 1) d"
    ).fetchone()


def test_edit_invalidates_exactly_the_affected_tiles(live):
    with psycopg.connect(live.db.editor_dsn) as editor, live.client() as client:
        deal_id, lon, lat = deal_in_centrum(editor)
        editor.rollback()
        near = [f"/tiles/buurtdeals/{z}/{x}/{y}.pbf" for z, x, y in (tile_at(lon, lat, z) for z in (10, 13, 16))]
        near_composite = "/tiles/groen,buurtdeals/{}/{}/{}.pbf".format(*tile_at(lon, lat, 14))
        same_place_other_layer = "/tiles/zebrapaden/{}/{}/{}.pbf".format(*tile_at(lon, lat, 14))
        far = "/tiles/buurtdeals/{}/{}/{}.pbf".format(*tile_at(*FAR_AWAY, 14))
        paths = [*near, near_composite, same_place_other_layer, far]
        for path in paths:
            client.get(path)
        assert all(client.get(p).headers["x-cache"] == "HIT" for p in paths)
        before = client.get("/health").json()["cache"]["invalidaties"]

        editor.execute("UPDATE buurt.buurtdeal SET titel = 'Bankje Stroeslaan (gewijzigd)' WHERE id = %s",
                       (deal_id,))
        editor.commit()
        committed = time.monotonic()

        def updated() -> bool:
            r = client.get(near[1])
            titles = {f["properties"]["titel"] for f in decode(r.content)["buurtdeals"]}
            return "Bankje Stroeslaan (gewijzigd)" in titles

        assert wait_for(updated, 2.0), "edit not visible within 2 s"
        assert time.monotonic() - committed < 2.0
        assert client.get("/health").json()["cache"]["invalidaties"] > before
        for path in [near[0], near[2], near_composite]:
            assert client.get(path).headers["x-cache"] == "MISS", path
        # the same place in a layer the edit does not touch, and the same layer far away: still cached
        assert client.get(same_place_other_layer).headers["x-cache"] == "HIT"
        assert client.get(far).headers["x-cache"] == "HIT"

        # moving the deal drops the tiles at the old and the new place
        old_tile = tile_at(lon, lat, 16)
        client.get("/tiles/buurtdeals/{}/{}/{}.pbf".format(*old_tile))
        editor.execute("UPDATE buurt.buurtdeal SET geom = ST_Translate(geom, 400, 0) WHERE id = %s", (deal_id,))
        new_lon = editor.execute("SELECT ST_X(ST_Transform(geom, 4326)) FROM buurt.buurtdeal WHERE id = %s",
                                 (deal_id,)).fetchone()[0]
        new_tile = tile_at(new_lon, lat, 16)
        assert new_tile != old_tile
        client.get("/tiles/buurtdeals/{}/{}/{}.pbf".format(*new_tile))
        editor.commit()

        def moved() -> bool:
            old_ids = {f["id"] for f in decode(client.get("/tiles/buurtdeals/{}/{}/{}.pbf".format(*old_tile)).content)
                       .get("buurtdeals", [])}
            new_ids = {f["id"] for f in decode(client.get("/tiles/buurtdeals/{}/{}/{}.pbf".format(*new_tile)).content)
                       .get("buurtdeals", [])}
            return deal_id not in old_ids and deal_id in new_ids

        assert wait_for(moved, 2.0)


def test_unpublishing_removes_the_deal(live):
    with psycopg.connect(live.db.editor_dsn) as editor, live.client() as client:
        deal_id, lon, lat = deal_in_centrum(editor)
        path = "/tiles/buurtdeals/{}/{}/{}.pbf".format(*tile_at(lon, lat, 15))
        assert deal_id in {f["id"] for f in decode(client.get(path).content)["buurtdeals"]}
        editor.execute("UPDATE buurt.buurtdeal SET gepubliceerd = false WHERE id = %s", (deal_id,))
        editor.commit()
        assert wait_for(lambda: deal_id not in {f["id"] for f in
                                                decode(client.get(path).content).get("buurtdeals", [])})


def test_listener_reconnects_after_losing_its_connection(live):
    with psycopg.connect(live.db.admin_dsn, autocommit=True) as admin, live.client() as client:
        killed = admin.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() "
            "AND query LIKE 'LISTEN%%' AND pid <> pg_backend_pid()").fetchone()[0]
        assert killed == 1
        assert wait_for(lambda: client.get("/health").json()["herverbonden"] == 1, 5.0)
        deal_id, lon, lat = deal_in_centrum(admin)
        path = "/tiles/buurtdeals/{}/{}/{}.pbf".format(*tile_at(lon, lat, 13))
        client.get(path)
        assert client.get(path).headers["x-cache"] == "HIT"
    with psycopg.connect(live.db.editor_dsn) as editor:
        editor.execute("UPDATE buurt.buurtdeal SET titel = 'Na herverbinden' WHERE id = %s", (deal_id,))
    with live.client() as client:
        assert wait_for(lambda: "Na herverbinden" in {
            f["properties"]["titel"] for f in decode(client.get(path).content)["buurtdeals"]})



def test_a_foreign_notification_never_stops_the_listener(live):
    """Any role may NOTIFY the channel: a malformed payload empties the cache, the listener keeps working."""
    with psycopg.connect(live.db.editor_dsn) as editor, live.client() as client:
        deal_id, lon, lat = deal_in_centrum(editor)
        editor.rollback()
        tile = "/tiles/buurtdeals/{}/{}/{}.pbf".format(*tile_at(lon, lat, 14))
        client.get(tile)
        assert client.get(tile).headers["x-cache"] == "HIT"
        with psycopg.connect(live.db.public_dsn, autocommit=True) as public:
            for payload in ('{"items":[{"bron":"publiek.wijk"}]}', '{"items":[1]}', "geen json",
                            '{"items":[{"bron":"publiek.buurtdeal","bbox":["a",1,2,3]}]}'):
                public.execute("SELECT pg_notify('buurtkaart_tegels', %s)", (payload,))
        assert wait_for(lambda: client.get("/health").json()["cache"]["tegels"] == 0)
        health = client.get("/health").json()
        assert health["luistert"] and health["status"] == "ok"

        client.get(tile)
        editor.execute("UPDATE buurt.buurtdeal SET titel = 'Na de valse meldingen' WHERE id = %s", (deal_id,))
        editor.commit()
        assert wait_for(lambda: client.get(tile).headers["x-cache"] == "MISS")
        assert any(f["properties"]["titel"] == "Na de valse meldingen"
                   for f in decode(client.get(tile).content)["buurtdeals"])


def test_renaming_a_theme_reaches_the_cached_tiles(live):
    """thema_naam travels in the tiles: a change in the value list drops the tiles that carry it."""
    with psycopg.connect(live.db.admin_dsn) as admin, live.client() as client:
        deal_id, lon, lat = deal_in_centrum(admin)
        thema = admin.execute("SELECT thema FROM buurt.buurtdeal WHERE id = %s", (deal_id,)).fetchone()[0]
        admin.rollback()
        tile = "/tiles/buurtdeals/{}/{}/{}.pbf".format(*tile_at(lon, lat, 14))
        client.get(tile)
        assert client.get(tile).headers["x-cache"] == "HIT"
        admin.execute("UPDATE buurt_vl.thema SET naam = 'Nieuwe themanaam' WHERE code = %s", (thema,))
        admin.commit()
        assert wait_for(lambda: client.get(tile).headers["x-cache"] == "MISS")
        names = {f["properties"]["thema_naam"] for f in decode(client.get(tile).content)["buurtdeals"]
                 if f["properties"]["thema"] == thema}
        assert names == {"Nieuwe themanaam"}
