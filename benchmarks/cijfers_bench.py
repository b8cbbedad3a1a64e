"""Buurtmonitor speed: `buurtkaart import cijfers` of a national CBS file (~17,000 areas x 30 indicators, the
StatLine layout) into a scratch database with a national geography (342 gemeenten, their wijken and buurten as
simple squares), and the choropleth data for one indicator/year (GET /cijfers.json on the real service, public
role) for a typical and for the largest gemeente. Targets: import < 60 s; choropleth < 50 ms.
Writes benchmarks/results/cijfers.md."""

from __future__ import annotations

import os
import platform
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import httpx
import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.support: the scratch database

from benchmarks.common import write_results
from spatial_service.importers.cijfers import FigureOptions, import_figures
from tests.service.conftest import start_server
from tests.support import ensure_cluster, new_database

GEMEENTEN = 342
BIG_BUURTEN = 480          # Amsterdam-sized gemeente
INDICATORS = 30
RUNS = 50
WARMUP = 5
RESULTS = Path(__file__).resolve().parent / "results" / "cijfers.md"


def geography(conn: psycopg.Connection, rng: random.Random) -> tuple[list[str], dict[str, int]]:
    """Gemeenten GM1000.. on a grid of 5 km squares, each with 3-15 wijken and 2-8 buurten per wijk (one big
    gemeente with BIG_BUURTEN buurten); triggers off (set-up, not measured)."""
    conn.execute("SET session_replication_role = replica")
    codes: list[str] = []
    sizes: dict[str, int] = {}
    gm_rows, wk_rows, bu_rows = [], [], []
    for g in range(GEMEENTEN):
        gm = f"GM{1000 + g}"
        x0, y0 = 20000 + (g % 19) * 12000, 310000 + (g // 19) * 12000
        gm_rows.append((gm, f"Gemeente {g}", f"MULTIPOLYGON((({x0} {y0},{x0 + 10000} {y0},{x0 + 10000} {y0 + 10000},"
                                             f"{x0} {y0 + 10000},{x0} {y0})))"))
        n_wijken = 16 if g == 0 else rng.randint(3, 15)
        per_wijk = [BIG_BUURTEN // 16] * 16 if g == 0 else [rng.randint(2, 8) for _ in range(n_wijken)]
        sizes[gm] = sum(per_wijk)
        codes.append(gm)
        for w, n in enumerate(per_wijk):
            wk = f"WK{1000 + g}{w:02d}"
            codes.append(wk)
            wx, wy = x0 + (w % 4) * 2500, y0 + (w // 4) * 2500
            wk_rows.append((wk, f"Wijk {w:02d}", gm, f"MULTIPOLYGON((({wx} {wy},{wx + 2500} {wy},{wx + 2500} "
                                                      f"{wy + 2500},{wx} {wy + 2500},{wx} {wy})))"))
            side = 2500 / 6
            for b in range(n):
                bu = f"BU{1000 + g}{w:02d}{b:02d}"
                codes.append(bu)
                bx, by = wx + (b % 6) * side, wy + (b // 6) * side
                bu_rows.append((bu, f"Buurt {w:02d}{b:02d}", wk, gm,
                                f"MULTIPOLYGON((({bx} {by},{bx + side} {by},{bx + side} {by + side},{bx} {by + side},"
                                f"{bx} {by})))"))
    with conn.cursor() as cur:
        cur.executemany("INSERT INTO buurt.gemeente (code, naam, geom) VALUES (%s, %s, ST_GeomFromText(%s, 28992))",
                        gm_rows)
        cur.executemany("INSERT INTO buurt.wijk (code, naam, gemeentecode, geom) "
                        "VALUES (%s, %s, %s, ST_GeomFromText(%s, 28992))", wk_rows)
        cur.executemany("INSERT INTO buurt.buurt (code, naam, wijkcode, gemeentecode, geom) "
                        "VALUES (%s, %s, %s, %s, ST_GeomFromText(%s, 28992))", bu_rows)
        # 30 indicators: the value list's own plus numbered extra ones, each mapped to a CBS column name
        have = cur.execute("SELECT count(*) FROM buurt_vl.indicator").fetchone()[0]
        cur.executemany("INSERT INTO buurt_vl.indicator (code, naam, eenheid, volgorde, cbs_kolommen) "
                        "VALUES (%s, %s, 'aantal', %s, %s)",
                        [(f"extra_{chr(97 + k)}", f"Extra indicator {k}", 100 + k, [f"ExtraIndicator{k:02d}"])
                         for k in range(INDICATORS - have)])
    conn.execute("SET session_replication_role = origin")
    conn.commit()
    conn.execute("ANALYZE")
    return codes, sizes


def statline_file(path: Path, conn: psycopg.Connection, codes: list[str],
                  rng: random.Random) -> tuple[int, list[str]]:
    """The three survey indicators have no CBS column: they go in by --kolom, as a user would map them."""
    columns = [r[0] for r in conn.execute(
        "SELECT cbs_kolommen[1] FROM buurt_vl.indicator WHERE cardinality(cbs_kolommen) > 0 ORDER BY volgorde")]
    columns += [c for c in ("Rapportcijfer", "Cohesie", "Betrokkenheid") if len(columns) < INDICATORS]
    mapping = [f"{c}={i}" for c, i in zip(("Rapportcijfer", "Cohesie", "Betrokkenheid"),
                                          ("rapportcijfer_woonomgeving", "sociale_cohesie", "betrokkenheid_buurt"),
                                          strict=True)]
    header = ["ID", "WijkenEnBuurten", "Gemeentenaam_1", "SoortRegio_2", "Codering_3"] + [
        f"{c}_{k + 5}" if not c.startswith(("Rapportcijfer", "Cohesie", "Betrokkenheid")) else c
        for k, c in enumerate(columns)]
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(",".join(f'"{h}"' for h in header) + "\n")
        for n, code in enumerate(["NL01", *codes]):
            cells = [str(n), f"{code:<10}", "Gemeente", "Buurt", f"{code:<10}"]
            for _ in columns:
                r = rng.random()
                cells.append("." if r < 0.04 else "x" if r < 0.06 else f"{rng.uniform(0, 1000):.1f}")
            fh.write(",".join(f'"{c}"' for c in cells) + "\n")
    return len(columns), mapping


def timed_import(dsn: str, path: Path, mapping: list[str]) -> tuple[float, object]:
    start = time.perf_counter()
    result = import_figures(dsn, path, FigureOptions(year=2019, columns=tuple(mapping), progress=False))
    return time.perf_counter() - start, result


def choropleth(url: str, gemeente: str) -> tuple[float, float, int]:
    times = []
    with httpx.Client(base_url=url, timeout=30) as client:
        for i in range(WARMUP + RUNS):
            start = time.perf_counter()
            r = client.get("/cijfers.json", params={"indicator": "inwoners", "jaar": 2019, "niveau": "buurt",
                                                    "gemeente": gemeente, "n": i})
            elapsed = (time.perf_counter() - start) * 1000
            r.raise_for_status()
            if i >= WARMUP:
                times.append(elapsed)
        n = len(r.json()["waarden"])
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))], n


def choropleth_sql(dsn: str, gemeente: str) -> tuple[float, float]:
    """The same document straight from the database (public role): what the SQL costs without HTTP."""
    times = []
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("SET plan_cache_mode = force_generic_plan")  # as the service's pool
        for i in range(WARMUP + RUNS):
            start = time.perf_counter()
            conn.execute("SELECT publiek.cijferkaart('inwoners', 2019, 'buurt', %s)::text", (gemeente,)).fetchone()
            if i >= WARMUP:
                times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def main() -> None:
    settings = ensure_cluster()
    db = new_database(settings, with_demo=False)
    rng = random.Random(11)
    try:
        with psycopg.connect(db.admin_dsn) as conn:
            codes, sizes = geography(conn, rng)
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / "kerncijfers_wijken_en_buurten_2019.csv"
                n_cols, mapping = statline_file(path, conn, codes, rng)
                size_mb = path.stat().st_size / 1e6
                first, r1 = timed_import(db.editor_dsn, path, mapping)
                again, r2 = timed_import(db.editor_dsn, path, mapping)
        # what autovacuum does within a minute of a large import: fresh statistics for the planner
        with psycopg.connect(db.admin_dsn, autocommit=True) as conn:
            conn.execute("ANALYZE buurt.buurtcijfer, buurt.wijkcijfer, buurt.gemeentecijfer")
        typical = sorted(sizes, key=lambda g: abs(sizes[g] - 40))[0]
        server = start_server(db)
        try:
            big = choropleth(server.url, "GM1000")
            mid = choropleth(server.url, typical)
        finally:
            server.stop()
        big_sql = choropleth_sql(db.public_dsn, "GM1000")
        mid_sql = choropleth_sql(db.public_dsn, typical)
        load = os.getloadavg()[0]
        with psycopg.connect(db.admin_dsn) as conn:
            version = conn.execute("SELECT split_part(version(), ' ', 2), postgis_lib_version()").fetchone()
    finally:
        if os.environ.get("BENCH_KEEP"):
            print(f"database bewaard: {db.name}")
        else:
            db.drop()
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    lines = [
        "## Buurtmonitor (`benchmarks/cijfers_bench.py`)",
        "",
        f"Run {datetime.now():%Y-%m-%d %H:%M} on {cpu} ({len(Path('/proc/cpuinfo').read_text().split('processor')) - 1}"
        f" cores visible), {platform.platform()}, PostgreSQL {version[0]}, PostGIS {version[1]}.",
        f"National geography: {GEMEENTEN} gemeenten, {len(codes)} areas in all (gemeenten, wijken, buurten); a CBS "
        f"StatLine CSV ({size_mb:.0f} MB) with {n_cols} indicator columns for every area plus the national row, 4 % "
        "'.' and 2 % 'x'. Import = `import_figures` as the CLI runs it (read, COPY, merge, audit, one transaction), "
        "wall time. Choropleth (after ANALYZE, as autovacuum does shortly after an import) = GET /cijfers.json on the "
        "real service (public role), median and p95 of "
        f"{RUNS} requests after {WARMUP} warm-up ones, client-side over loopback.",
        "",
        "| meting | resultaat | doel |",
        "| --- | ---: | ---: |",
        f"| import, eerste keer ({r1.read} cijfers: nieuw {r1.count('nieuw')}, leeg {r1.count('leeg')}) | "
        f"{first:.1f} s | < 60 s |",
        f"| import, opnieuw (ongewijzigd {r2.count('ongewijzigd')}) | {again:.1f} s | < 60 s |",
        f"| choropleet grootste gemeente ({big[2]} buurten) | mediaan {big[0]:.1f} ms, p95 {big[1]:.1f} ms | < 50 ms |",
        f"| choropleet gewone gemeente ({mid[2]} buurten) | mediaan {mid[0]:.1f} ms, p95 {mid[1]:.1f} ms | < 50 ms |",
        f"| idem, alleen SQL (publiek.cijferkaart), grootste gemeente | mediaan {big_sql[0]:.1f} ms, "
        f"p95 {big_sql[1]:.1f} ms | |",
        f"| idem, alleen SQL, gewone gemeente | mediaan {mid_sql[0]:.1f} ms, p95 {mid_sql[1]:.1f} ms | |",
        "",
        f"Load average of the machine at the end of the run: {load:.1f} on 2 cores (shared with other work).",
        "",
    ]
    write_results(RESULTS, "\n".join(lines))
    print(f"-> {RESULTS}")


if __name__ == "__main__":
    main()
