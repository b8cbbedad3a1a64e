"""`buurtkaart serve --workers 2 --ogc-workers 1` as real processes on a real database (issue 19, item 2).

A tile worker killed with SIGKILL and with SIGSEGV during a load run: the service answers again within 2 s, the
only requests that fail are ones the killed worker had in flight, the supervisor starts a replacement at once,
and an edit committed afterwards reaches the tiles of every worker (each has its own cache and LISTEN) within
1 s. A crash of the OGC process leaves the tiles alone, and /ogc comes back by itself.
"""

from __future__ import annotations

import http.client
import signal
import time

import httpx
import psycopg
import pytest

from tests.service.helpers import CENTRUM, decode, tile_at
from tests.service.processes import (
    Load,
    Service,
    children,
    get,
    kill_during_load,
    socket_inodes,
    wait_until_serving,
)

# a spread of tiles (cached ones and new ones) so the load is a mix of fast and database-bound requests
LOAD_PATHS = [f"/tiles/buurtdeals,initiatieven,groen/{z}/{x}/{y}.pbf"
              for z in (12, 13, 14, 15) for dx in range(-2, 3) for dy in range(-2, 3)
              for x, y in [(tile_at(*CENTRUM, z)[1] + dx, tile_at(*CENTRUM, z)[2] + dy)]] + ["/health"]


def test_every_worker_has_its_own_listen_connection(two_workers, module_db):
    """Two tile workers, one OGC worker, each a child of the supervisor; each tile worker LISTENs itself."""
    tiles, ogc = two_workers.workers(), two_workers.workers(two_workers.ogc_port)
    assert len(tiles) == 2 and len(ogc) == 1 and not tiles & ogc
    assert tiles | ogc <= children(two_workers.process.pid)
    with psycopg.connect(module_db.admin_dsn) as admin:
        listening = admin.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND query ILIKE 'LISTEN buurtkaart_tegels%%'",
            (module_db.name,)).fetchone()[0]
    assert listening == 2  # one per tile worker; the OGC process has no tile cache to keep
    # each tile worker answers /health with its own LISTEN up
    for pid in tiles:
        conn = wait_until_serving(two_workers, pid)
        conn.close()


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGSEGV], ids=["SIGKILL", "SIGSEGV"])
def test_a_killed_worker_costs_only_its_requests_in_flight(two_workers, module_db, signum):
    before = two_workers.workers()
    victim = min(before)
    with Load(two_workers.port, LOAD_PATHS, threads=6) as load:
        deadline = time.monotonic() + 20
        while load.count() < 200:  # the load is under way (and has warmed part of the caches)
            assert time.monotonic() < deadline, "de belasting kwam niet op gang"
            time.sleep(0.05)
        assert not load.failures(), load.failures()[:5]
        killed, in_flight = kill_during_load(two_workers, victim, signum)

        # the service answers again within 2 s (the other worker, or the replacement)
        answered = None
        while time.monotonic() - killed < 5:
            try:
                if httpx.get(f"{two_workers.url}/health", timeout=2).status_code == 200:
                    answered = time.monotonic() - killed
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.02)
        assert answered is not None and answered < 2.0, f"answered after {answered}"

        # the supervisor starts the replacement at once; it serves once its start-up is through
        replacement: set[int] = set()
        while not replacement and time.monotonic() - killed < 2:
            replacement = two_workers.workers() - before  # a new child holding the tile socket
            time.sleep(0.02)
        assert replacement, "geen vervangend proces binnen 2 s"
        time.sleep(1.0)  # the load goes on against the surviving worker
    after = two_workers.workers()
    assert victim not in after

    failures = load.failures()
    # every failure was a request on a connection the killed worker held, at most one per connection
    assert {f.client_port for f in failures} <= in_flight, (failures, in_flight)
    assert len(failures) <= len(in_flight)
    assert all(f.started < killed for f in failures)
    # and the load went on: requests started after the kill were answered
    assert sum(o.ok and o.started > killed for o in load.outcomes) > 20
    print(f"\n{signal.Signals(signum).name}: {len(failures)} mislukt van {len(load.outcomes)}, "
          f"{len(in_flight)} verbindingen bij het gedode proces, antwoord na {answered * 1000:.0f} ms")

    # an edit made afterwards reaches every worker (the replacement included) within 1 s
    new = wait_until_serving(two_workers, next(iter(replacement)))
    new.close()
    assert len(two_workers.workers()) == 2
    edit_reaches_every_worker(two_workers, module_db, title=f"Bankje na {signal.Signals(signum).name}")


def edit_reaches_every_worker(two_workers: Service, module_db, title: str) -> None:
    with psycopg.connect(module_db.editor_dsn) as editor:
        deal_id, lon, lat = editor.execute(
            "SELECT id, ST_X(p), ST_Y(p) FROM (SELECT id, ST_Transform(geom, 4326) AS p FROM buurt.buurtdeal "
            "WHERE gepubliceerd AND GeometryType(geom) = 'POINT' AND wijkcode = 'WK040201' ORDER BY id LIMIT 1) d"
        ).fetchone()
        editor.rollback()
        path = "/tiles/buurtdeals/{}/{}/{}.pbf".format(*tile_at(lon, lat, 14))
        conns = {pid: wait_until_serving(two_workers, pid) for pid in two_workers.workers()}
        try:
            for pid in list(conns):  # cached in every worker first, so only an invalidation can change it
                try:
                    get(conns[pid], path)
                except (http.client.RemoteDisconnected, ConnectionError):
                    # a kept-alive test connection the worker closed while the machine was busy (seen once in a
                    # loaded CI run): a new one to the same worker; the timed part below starts after the commit
                    conns[pid].close()
                    conns[pid] = wait_until_serving(two_workers, pid)
                    get(conns[pid], path)
                conn = conns[pid]
                status, headers, body = get(conn, path)
                assert status == 200 and headers["x-cache"] == "HIT"
                assert title not in {f["properties"]["titel"] for f in decode(body)["buurtdeals"]}
            editor.execute("UPDATE buurt.buurtdeal SET titel = %s WHERE id = %s", (title, deal_id))
            editor.commit()
            committed = time.monotonic()
            pending = dict(conns)
            while pending and time.monotonic() - committed < 1.0:
                for pid, conn in list(pending.items()):
                    _, _, body = get(conn, path)
                    if title in {f["properties"]["titel"] for f in decode(body)["buurtdeals"]}:
                        del pending[pid]
                time.sleep(0.02)
            assert not pending, f"processen {sorted(pending)} tonen de wijziging niet binnen 1 s"
        finally:
            for conn in conns.values():
                conn.close()


def test_a_crash_of_the_ogc_api_leaves_the_tiles_running(two_workers):
    ogc_before = two_workers.workers(two_workers.ogc_port)
    victim = next(iter(ogc_before))
    assert httpx.get(f"{two_workers.url}/ogc/collections", timeout=10).status_code == 200
    with Load(two_workers.port, LOAD_PATHS[:-1], threads=4) as load:
        deadline = time.monotonic() + 20
        while load.count() < 100:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        kill_during_load(two_workers, victim, signal.SIGSEGV, port=two_workers.ogc_port)
        time.sleep(1.5)
    assert not load.failures(), load.failures()[:5]  # not one tile request failed
    assert len(load.outcomes) > 200
    assert victim not in two_workers.workers(two_workers.ogc_port)
    # /ogc through the service port comes back by itself (queued on the socket while the replacement starts)
    deadline = time.monotonic() + 60
    while True:
        r = httpx.get(f"{two_workers.url}/ogc/collections", timeout=60)
        if r.status_code == 200:
            break
        assert r.status_code == 502 and "OGC API is even niet bereikbaar" in r.json()["description"], r.text
        assert time.monotonic() < deadline
        time.sleep(0.2)
    links = r.json()["links"]
    assert links[0]["href"].startswith(two_workers.url + "/ogc/")  # tipg saw the client's Host
    assert len(two_workers.workers(two_workers.ogc_port)) == 1
    assert not socket_inodes(victim)
