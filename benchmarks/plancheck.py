"""Plan check speed: one check (buurt_app.plantoets, fetched as the CLI/HTTP fetch it: GeoJSON in WGS84 and RD)
for typical plans against the Hilversum demo, and against a synthetic city with 25x the demo's asset count
(the demo's objects copied 24 times with a deterministic shift of up to 400 m, in a scratch database).
Target: < 200 ms per check on the large city. Writes benchmarks/results/plancheck.md."""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.support: the scratch database

from benchmarks.common import postgres_version, run_line, write_results
from spatial_service.plancheck.findings import PUBLIC_QUERY, STAFF_QUERY, query_params
from tests.support import ensure_cluster, temporary_database

RUNS = 40
WARMUP = 5
COPIES = 24
RESULTS = Path(__file__).resolve().parent / "results" / "plancheck.md"


def plans(conn: psycopg.Connection) -> dict[str, str]:
    """Typical plans around the demo's first residents' green (deterministic), as EWKB hex in RD New."""
    x, y = conn.execute("SELECT ST_X(ST_PointOnSurface(geom)), ST_Y(ST_PointOnSurface(geom)) FROM buurt.beheerobject "
                        "WHERE beheerder = 'bewoners' ORDER BY id LIMIT 1").fetchone()
    wkt = {
        "herinrichting plein 120x80 m": f"POLYGON(({x - 60} {y - 40},{x + 60} {y - 40},{x + 60} {y + 40},"
                                        f"{x - 60} {y + 40},{x - 60} {y - 40}))",
        "straatas 400 m (lijn, buffer 3 m)": f"LINESTRING({x - 200} {y - 30},{x + 200} {y + 30})",
        "parkplan 300x300 m": f"POLYGON(({x - 150} {y - 150},{x + 150} {y - 150},{x + 150} {y + 150},"
                              f"{x - 150} {y + 150},{x - 150} {y - 150}))",
    }
    return {name: conn.execute("SELECT encode(ST_AsEWKB(ST_GeomFromText(%s, 28992)), 'hex')", [w]).fetchone()[0]
            for name, w in wkt.items()}


def grow(conn: psycopg.Connection) -> int:
    """24 shifted copies of every asset (triggers off: derived columns are not used by the plan check)."""
    conn.execute("SET session_replication_role = replica")
    conn.execute("SELECT setseed(0.42)")
    conn.execute(f"""
        INSERT INTO buurt.beheerobject (soort, naam, beheerder, buurtdeal_id, bron, bron_id, geom)
        SELECT o.soort, o.naam || ' #' || k, o.beheerder, o.buurtdeal_id, 'benchmark', o.id || '-' || k,
               ST_Translate(o.geom, (random() - 0.5) * 800, (random() - 0.5) * 800)
          FROM buurt.beheerobject o CROSS JOIN generate_series(1, {COPIES}) k""")
    conn.execute("SET session_replication_role = origin")
    conn.commit()
    conn.execute("ANALYZE buurt.beheerobject")
    return conn.execute("SELECT count(*) FROM buurt.beheerobject").fetchone()[0]


def time_check(dsn: str, sql: str, plan: str) -> tuple[float, float, int]:
    with psycopg.connect(dsn) as conn:
        params = query_params(plan, None, None)
        for _ in range(WARMUP):
            rows = conn.execute(sql, params).fetchall()
        samples = []
        for _ in range(RUNS):
            t = time.perf_counter()
            rows = conn.execute(sql, params).fetchall()
            samples.append((time.perf_counter() - t) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(0.95 * len(samples)) - 1], len(rows)


def main() -> None:
    lines = []
    with temporary_database(ensure_cluster()) as db:
        version = postgres_version(db.admin_dsn)
        with psycopg.connect(db.admin_dsn) as conn:
            demo_plans = plans(conn)
            demo_count = conn.execute("SELECT count(*) FROM buurt.beheerobject").fetchone()[0]
        measured = []
        for city, count in (("demo", demo_count), ("25x", None)):
            if count is None:
                with psycopg.connect(db.admin_dsn) as conn:
                    count = grow(conn)
            for name, plan in demo_plans.items():
                for role, dsn, sql in (("medewerker", db.editor_dsn, STAFF_QUERY),
                                       ("publiek", db.public_dsn, PUBLIC_QUERY)):
                    median, p95, n = time_check(dsn, sql, plan)
                    measured.append((city, count, name, role, median, p95, n))
                    print(f"{city:5} {count:6} {name:36} {role:10} mediaan {median:6.1f} ms  p95 {p95:6.1f} ms  "
                          f"{n} bevindingen")
    lines += [
        "## Plantoets (`benchmarks/plancheck.py`)", "",
        run_line(version),
        f"One plan check = `buurt_app.plantoets` (staff) or `publiek.plantoets` (HTTP), fetched with GeoJSON "
        f"output like the CLI/HTTP do; median and p95 of {RUNS} runs after {WARMUP} warm-up runs, client-side "
        "over the local socket. 25x = the demo's assets copied 24 times, shifted up to 400 m. Target: < 200 ms "
        "on the 25x city.", "",
        "| stad | objecten | plan | rol | mediaan (ms) | p95 (ms) | bevindingen |",
        "| --- | ---: | --- | --- | ---: | ---: | ---: |",
    ]
    lines += [f"| {c} | {n} | {p} | {r} | {m:.1f} | {q:.1f} | {k} |" for c, n, p, r, m, q, k in measured]
    worst = max(q for c, *_, q, _k in measured if c == "25x")
    lines += ["", f"Slowest p95 on the 25x city: {worst:.1f} ms ({'within' if worst < 200 else 'ABOVE'} the 200 ms "
              "target).", ""]
    write_results(RESULTS, "\n".join(lines), show=False)


if __name__ == "__main__":
    main()
