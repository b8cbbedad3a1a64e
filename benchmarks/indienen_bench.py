"""POST /indienen speed: a resident's submission on the real service (uvicorn on loopback, the loket pool, the
database's loket.indienen with its dry run of every rule of buurt.initiatief, the pending row and the queued
confirmation mail), measured client-side over loopback. Three kinds: a point drawn on the map, an area drawn on
the map, and a form the database refuses (no consent: the page comes back with the input kept). Each request
from its own client address (X-Forwarded-For, trusted from loopback as behind nginx), so the per-address limit
measures nothing here. Target: p95 < 100 ms."""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

import httpx
import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # benchmarks.common, tests.support

from benchmarks.common import postgres_version, run_line, section, table, write_results
from tests.service.conftest import start_server
from tests.support import ensure_cluster, new_database

RESULTS = Path(__file__).resolve().parent / "results" / "indienen.md"
WARMUP = 10
RUNS = 200
TARGET_MS = 100


def places(dsn: str) -> tuple[str, str]:
    """A point and a small square (about 60 m) inside Centrum, Hilversum, as the map would send them."""
    with psycopg.connect(dsn) as conn:
        lon, lat = conn.execute("SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_Transform(ST_PointOnSurface(geom), 4326) AS p "
                                "FROM buurt.buurt WHERE code = 'BU04020101') x").fetchone()
    d = 0.0004
    ring = [[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]
    return (json.dumps({"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]}),
            json.dumps({"type": "Polygon", "coordinates": [[[round(x, 6), round(y, 6)] for x, y in ring]]}))


def measure(url: str, form: dict[str, str], expect: int, offset: int) -> tuple[float, float, float]:
    times = []
    with httpx.Client(base_url=url, timeout=30) as client:
        for i in range(WARMUP + RUNS):
            n = offset + i
            headers = {"X-Forwarded-For": f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"}
            start = time.perf_counter()
            r = client.post("/indienen", data={**form, "titel": f"{form['titel']} {i}"}, headers=headers)
            elapsed = (time.perf_counter() - start) * 1000
            assert r.status_code == expect, (r.status_code, r.text[:500])
            if i >= WARMUP:
                times.append(elapsed)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))], times[-1]


def main() -> None:
    settings = ensure_cluster()
    db = new_database(settings, with_demo=True)
    try:
        point, area = places(db.admin_dsn)
        form = {"titel": "Bankje", "omschrijving": "Een bank om uit te rusten.", "thema": "ontmoeten",
                "geojson": point, "buurtcode": "BU04020101", "naam": "Anna de Vries", "email": "anna@voorbeeld.nl",
                "toestemming": "ja", "website": ""}
        server = start_server(db, basemap="geen")
        try:
            rows = [("punt getekend", *measure(server.url, form, 200, 0)),
                    ("gebied getekend", *measure(server.url, {**form, "geojson": area}, 200, 1000)),
                    ("geweigerd (geen toestemming), formulier terug", *measure(
                        server.url, {**form, "toestemming": ""}, 400, 2000))]
        finally:
            server.stop()
        with psycopg.connect(db.admin_dsn) as conn:
            pending = conn.execute("SELECT count(*) FROM buurt_loket.aanmelding").fetchone()[0]
        version = postgres_version(db.admin_dsn)
        load = os.getloadavg()[0]
    finally:
        db.drop()
    assert pending == 2 * (WARMUP + RUNS), pending
    text = section(
        "## Initiatief indienen (`benchmarks/indienen_bench.py`)",
        run_line(version) + f" Load average at the end: {load:.1f} (the machine is shared with other work).",
        f"POST /indienen on the real service (demo database), {RUNS} requests per kind after {WARMUP} warm-up ones, "
        "one after another, each from its own client address; client-side wall time over loopback. A stored "
        "submission = the form read (bounded), `loket.indienen` (a dry run of every rule of buurt.initiatief, the "
        f"pending row, the queued confirmation mail) and the page; {pending} submissions stored in all.",
        table(["soort", "mediaan (ms)", "p95 (ms)", "max (ms)", "doel p95"], "lrrrr",
              [(name, f"{med:.1f}", f"{p95:.1f}", f"{top:.1f}", f"< {TARGET_MS} ms") for name, med, p95, top in rows]))
    write_results(RESULTS, text)


if __name__ == "__main__":
    main()
