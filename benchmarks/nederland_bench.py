"""National-scale measurements on `buurtkaart demo --nederland` (database buurtkaart_nederland in the local
cluster, loaded when missing), with many gemeenten in one database the way a national service runs it: the '*'
rows for the group roles removed, one login per gemeente.

- QGIS: loading one gemeente's layer set (row-level security + the loader's gemeente filter) and rendering it,
  as an editor limited to that gemeente; target < 2 s.
- Plan check: buurt_app.plantoets as that editor and as the admin, three plans; target p95 < 200 ms.
- Row-level security cost on writes: the same INSERT of objects as the admin with and without the refusal
  trigger (rolled back), and as the limited editor.
Writes benchmarks/results/nederland.md.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import platform
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402

from benchmarks.common import section, table, write_results  # noqa: E402
from spatial_service.db import cluster, install  # noqa: E402
from spatial_service.demo import nederland  # noqa: E402
from spatial_service.settings import get_settings  # noqa: E402

DBNAME = "buurtkaart_nederland"
GEMEENTE = "GM0150"
EDITOR = "bk_bench_gm0150"
RUNS = 7
PLAN_RUNS = 40
RESULTS = ROOT / "benchmarks" / "results" / "nederland.md"


def prepare() -> tuple[str, str]:
    settings = dataclasses.replace(get_settings(), dbname=DBNAME)
    cluster.start(settings)
    cluster.ensure_database(settings)
    install.upgrade(settings.admin())
    admin = settings.admin()
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT count(*) FROM buurt.gemeente").fetchone()[0]:
            print("landelijke gegevens laden ...", flush=True)
            nederland.load(admin, progress=True)
        conn.execute(f"DO $$BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{EDITOR}') THEN "
                     f"CREATE ROLE {EDITOR} LOGIN IN ROLE buurtkaart_editor; END IF; END$$")
        conn.execute("DELETE FROM buurt_sys.gemeente_toegang WHERE rol IN ('buurtkaart_editor', 'buurtkaart_lezer')")
        conn.execute("INSERT INTO buurt_sys.gemeente_toegang VALUES (%s, %s), ('buurtkaart_gis', '*') "
                     "ON CONFLICT DO NOTHING", (EDITOR, GEMEENTE))
    return admin, settings.local_dsn(EDITOR, DBNAME)


def qgis_load(editor_dsn: str) -> tuple[list[float], list[float], int]:
    from benchmarks.qgis_timing import load_and_render, start_qgis  # QGIS only for this part

    app = start_qgis()  # noqa: F841  (QGIS lives as long as the application object)
    measured = load_and_render(editor_dsn, RUNS, (1200, 1500))
    return measured.loads, measured.renders, measured.features


def plan_checks(dsn: str) -> list[tuple[str, float, float, int]]:
    with psycopg.connect(dsn) as conn:
        x, y = conn.execute("SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p FROM buurt.gemeente "
                            "WHERE code = %s) s", (GEMEENTE,)).fetchone()
        plans = {
            "plein 120x80 m": f"POLYGON(({x} {y},{x + 120} {y},{x + 120} {y + 80},{x} {y + 80},{x} {y}))",
            "straatas 400 m (lijn)": f"LINESTRING({x} {y},{x + 400} {y + 30})",
            "park 300x300 m": f"POLYGON(({x} {y},{x + 300} {y},{x + 300} {y + 300},{x} {y + 300},{x} {y}))",
        }
        out = []
        for name, wkt in plans.items():
            times = []
            n = 0
            for i in range(PLAN_RUNS + 5):
                t = time.perf_counter()
                n = conn.execute("SELECT count(*) FROM buurt_app.plantoets(ST_GeomFromText(%s, 28992))",
                                 (wkt,)).fetchone()[0]
                if i >= 5:
                    times.append(time.perf_counter() - t)
            times.sort()
            out.append((name, statistics.median(times) * 1000, times[int(0.95 * len(times)) - 1] * 1000, n))
            conn.rollback()
    return out


INSERT = """
INSERT INTO buurt.beheerobject (soort, naam, geom)
SELECT 'speelplek', 'RLS-meting ' || i,
       ST_SetSRID(ST_MakePoint(b.x0 + (i %% 50) * 7, b.y0 + (i / 50 %% 50) * 7), 28992)
  FROM generate_series(1, %s) i,
       (SELECT ST_X(p) - 175 x0, ST_Y(p) - 175 y0 FROM (SELECT ST_PointOnSurface(geom) p FROM buurt.buurt
         WHERE gemeentecode = %s ORDER BY code LIMIT 1) s) b
"""


def write_cost(admin: str, editor: str, rows: int = 5_000) -> dict[str, float]:
    def timed(dsn: str, disable: bool) -> float:
        with psycopg.connect(dsn) as conn:
            if disable:
                conn.execute("ALTER TABLE buurt.beheerobject DISABLE TRIGGER x_gemeente_toegang")
            t = time.perf_counter()
            conn.execute(INSERT, (rows, GEMEENTE))
            took = time.perf_counter() - t
            conn.rollback()
        return took

    results: dict[str, list[float]] = {"beheerder, zonder weigertrigger": [], "beheerder, met weigertrigger": [],
                                       f"medewerker {GEMEENTE} (RLS + trigger)": []}
    for _ in range(3):
        results["beheerder, zonder weigertrigger"].append(timed(admin, True))
        results["beheerder, met weigertrigger"].append(timed(admin, False))
        results[f"medewerker {GEMEENTE} (RLS + trigger)"].append(timed(editor, False))
    return {k: statistics.median(v) for k, v in results.items()}


def main() -> None:
    started = dt.datetime.now()
    admin, editor = prepare()
    with psycopg.connect(admin) as conn:
        sizes = conn.execute("SELECT (SELECT count(*) FROM buurt.gemeente), (SELECT count(*) FROM buurt.buurt), "
                             "(SELECT count(*) FROM buurt.beheerobject), (SELECT count(*) FROM buurt.initiatief) + "
                             "(SELECT count(*) FROM buurt.buurtdeal), (SELECT count(*) FROM buurt.beheerobject "
                             "WHERE gemeentecode = %s)", (GEMEENTE,)).fetchone()
    print("plantoets ...", flush=True)
    plans = [("medewerker", *p) for p in plan_checks(editor)] + [("beheerder", *p) for p in plan_checks(admin)]
    print("schrijfkosten RLS ...", flush=True)
    cost = write_cost(admin, editor)
    print("QGIS ...", flush=True)
    loads, renders, features = qgis_load(editor)
    write_results(RESULTS, section(
        "## National data (`benchmarks/nederland_bench.py`)",
        f"Run {started:%Y-%m-%d %H:%M} on {platform.node()} ({os.cpu_count()} cores), database {DBNAME}: "
        f"{sizes[0]} gemeenten, {sizes[1]} buurten, {sizes[2]:,} objects, {sizes[3]:,} initiatives and deals "
        f"(`buurtkaart demo --nederland`), many gemeenten in one database: editor `{EDITOR}` sees only "
        f"{GEMEENTE} ({sizes[4]:,} objects) through row-level security.",
        table(["measure", "first", "median", "max", "target"], "lrrrl", [
            (f"QGIS: load the layer set of one gemeente ({features:,} features), s", f"{loads[0]:.3f}",
             f"{statistics.median(loads):.3f}", f"{max(loads):.3f}", "< 2 s"),
            ("QGIS: render that gemeente 1200x1500 px, s", f"{renders[0]:.3f}", f"{statistics.median(renders):.3f}",
             f"{max(renders):.3f}", "< 1 s")]),
        table(["plan check", "role", "median ms", "p95 ms", "findings", "target"], "llrrrl",
              [(name, role, f"{med:.1f}", f"{p95:.1f}", n, "p95 < 200 ms") for role, name, med, p95, n in plans]),
        table(["INSERT of 5,000 objects (one statement, rolled back)", "seconds (median of 3)"], "lr",
              [(k, f"{v:.2f}") for k, v in cost.items()])))


if __name__ == "__main__":
    main()
