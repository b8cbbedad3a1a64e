"""OGC API speed (/ogc, tipg on the publiek views): a whole gemeente's buurtdeals in one request, and paging through
100,000 objects at 1,000 per page, on a scratch copy of the Hilversum demo with 100,000 extra speelplekken (points
from ST_GeneratePoints, deterministic). The service runs as `buurtkaart serve` does (uvicorn, one process); the
client is httpx, one request at a time, following the `next` links as QGIS and OWSLib do. The same pages are also
requested by offset, last page first, so no page can seek from the one before: that is tipg's own OFFSET path.
Targets: deals < 100 ms; a steady time per page (no OFFSET cliff). Writes benchmarks/results/ogc.md."""

from __future__ import annotations

import os
import platform
import socket
import statistics
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import httpx
import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.common import start_server, write_results  # noqa: E402
from tests.support import ensure_cluster, new_database  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "ogc.md"
EXTRA_OBJECTS = 100_000
PAGE = 1000
DEAL_REPEATS = 200
UVICORN = ["--host", "127.0.0.1", "--loop", "uvloop", "--http", "httptools", "--log-level", "warning",
           "--no-access-log"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def add_objects(dsn: str, n: int) -> float:
    start = time.perf_counter()
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(
            "INSERT INTO buurt.beheerobject (soort, naam, bron, bron_id, geom) "
            "SELECT 'speelplek', 'Speelplek bench ' || n, 'bench', n::text, p.geom "
            "  FROM (SELECT row_number() OVER () AS n, d.geom FROM (SELECT (ST_Dump(ST_GeneratePoints(g.geom, %s, 42)))"
            ".geom FROM buurt.gemeente g WHERE g.code = 'GM0402') d) p", (n,))
        conn.execute("ANALYZE")
    return time.perf_counter() - start


def start_service(dbname: str, port: int) -> subprocess.Popen:
    return start_server([str(ROOT / ".venv" / "bin" / "python"), "-m", "uvicorn", "spatial_service.web.asgi:app",
                         "--port", str(port), *UVICORN], {**os.environ, "BUURTKAART_DBNAME": dbname},
                        f"http://127.0.0.1:{port}/ogc/collections")


def timed(client: httpx.Client, url: str, params: dict | None = None) -> tuple[float, dict]:
    start = time.perf_counter()
    r = client.get(url, params=params)
    took = time.perf_counter() - start
    r.raise_for_status()
    return took * 1000, r.json()


def pct(values: list[float], q: float) -> float:
    xs = sorted(values)
    return xs[min(len(xs) - 1, int(q * len(xs)))]


def deals(client: httpx.Client) -> list[str]:
    lines = []
    # buurtdeals mix points and areas: two collections (spatial_service/ogc_split.py), each measured
    for collection in ("buurtdeals_punten", "buurtdeals_vlakken"):
        for label, params in (("CRS84 (standaard)", {}), ("RD New (`crs=EPSG:28992`)", {"crs": "EPSG:28992"})):
            times = []
            matched = 0
            for _ in range(DEAL_REPEATS):
                ms, body = timed(client, f"/ogc/collections/{collection}/items", {"limit": 1000, **params})
                matched = body["numberReturned"]
                assert matched == body["numberMatched"]
                times.append(ms)
            lines.append(f"| alle `{collection}` van de gemeente, {label} | {matched} | "
                         f"{statistics.median(times):.1f} | {pct(times, 0.95):.1f} | {max(times):.1f} |")
    return lines


def walk(client: httpx.Client) -> tuple[list[float], int]:
    times, seen = [], 0
    ms, body = timed(client, "/ogc/collections/speelplekken_punten/items", {"limit": PAGE})
    while True:
        times.append(ms)
        seen += body["numberReturned"]
        nxt = [link["href"] for link in body["links"] if link["rel"] == "next"]
        if not nxt:
            return times, seen
        ms, body = timed(client, nxt[0])


def by_offset(client: httpx.Client, total: int) -> dict[int, float]:
    # a bbox around everything makes a filter no walk has seen, and last-page-first means no page was reached
    # by the one before it: every request is tipg's LIMIT/OFFSET
    out = {}
    for offset in sorted(range(0, total, PAGE), reverse=True):
        ms, _ = timed(client, "/ogc/collections/speelplekken_punten/items",
                      {"limit": PAGE, "offset": offset, "bbox": "4.9,52.0,5.5,52.5"})
        out[offset] = ms
    return out


def summary(name: str, times: list[float]) -> str:
    first, last = statistics.median(times[:10]), statistics.median(times[-10:])
    return (f"| {name} | {len(times)} | {statistics.median(times):.1f} | {pct(times, 0.95):.1f} | {max(times):.1f} | "
            f"{first:.1f} | {last:.1f} | {last / first:.2f} |")


def main() -> None:
    settings = ensure_cluster()
    db = new_database(settings)
    try:
        insert_s = add_objects(db.admin_dsn, EXTRA_OBJECTS)
        port = free_port()
        proc = start_service(db.name, port)
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
                timed(client, "/ogc/collections/buurtdeals_punten/items", {"limit": 10})  # warm the pool
                deal_lines = deals(client)
                walk_times, seen = walk(client)
                walk_again, _ = walk(client)
                offsets = by_offset(client, seen)
        finally:
            proc.terminate()
            proc.wait(10)
    finally:
        db.drop()
    offset_times = [offsets[o] for o in sorted(offsets)]
    with psycopg.connect(settings.admin()) as conn:
        pg = conn.execute("SELECT version()").fetchone()[0].split(" on ")[0]
    now = datetime.now().strftime("%Y-%m-%d %H:%M")
    load = " / ".join(f"{v:.1f}" for v in os.getloadavg())
    text = f"""## OGC API (`benchmarks/ogc_bench.py`)

Run {now} on {platform.machine()} ({os.cpu_count()} cores), {platform.platform()}, {pg}, PostGIS 3.3, tipg 1.6.1.
The service as `buurtkaart serve` runs it (one uvicorn process); one client (httpx), one request at a time,
wall-clock per request including JSON transfer. Database: the Hilversum demo plus {EXTRA_OBJECTS:,} speelplekken
(points, inserted in {insert_s:.0f} s), ANALYZEd. Load average at the end: {load} (the machine is shared: compare
runs only at a similar load). Every page counts `numberMatched` afresh (it must be right on every page).

| request | objects | p50 ms | p95 ms | max ms |
| --- | ---: | ---: | ---: | ---: |
{chr(10).join(deal_lines)}

Paging through `speelplekken_punten` ({seen:,} objects) at `limit={PAGE}`: by the `next` links (keyset after the
first page, see `spatial_service/web/ogc/collections.py`), and the same pages by `offset` with nothing to seek
from (tipg's LIMIT/OFFSET). "first"/"last" are the medians of the first and last ten pages; a steady time per page
has a last/first ratio near 1. Each request of a part also filters on `GeometryType(geom)` (ogc_split).

| paging | pages | p50 ms | p95 ms | max ms | first ms | last ms | last/first |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
{summary("`next` links (keyset)", walk_times)}
{summary("`next` links, second walk", walk_again)}
{summary("`offset` only (LIMIT/OFFSET)", offset_times)}
"""
    write_results(RESULTS, text)


if __name__ == "__main__":
    main()
