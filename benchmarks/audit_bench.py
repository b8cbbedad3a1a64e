"""Audit-log cost per statement (issue 19: every log row now names its gemeente, for row-level security on
buurt_sys.wijziging). One INSERT, UPDATE and DELETE of N public-space objects (one statement each, as an import
writes them) as GIS staff in a scratch copy of the demo, with the statement-level audit triggers
(a) off, (b) as on this branch (gemeente per row), (c) as `buurt_app.tg_audit` was before (taken from git,
`--voor REF`, default main: no gemeente column). The audit's cost is (b) - (a) and (c) - (a).
Writes benchmarks/results/audit.md."""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import psycopg

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # tests.support: the scratch database

from benchmarks.common import postgres_version, run_line, table, write_results  # noqa: E402
from tests.support import ensure_cluster, temporary_database  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "audit.md"
STATEMENTS = {
    "INSERT": "INSERT INTO buurt.beheerobject (soort, naam, geom) "
              "SELECT 'speelplek', 'Bank ' || p.n, p.geom FROM public.bench_punten p",
    "UPDATE": "UPDATE buurt.beheerobject SET naam = naam || '!' WHERE naam LIKE 'Bank %'",
    "DELETE": "DELETE FROM buurt.beheerobject WHERE naam LIKE 'Bank %'",
}


def old_audit_function(ref: str) -> str | None:
    """buurt_app.tg_audit as it was at `ref`, renamed buurt_app.tg_audit_voor; None when git cannot give it."""
    try:
        text = subprocess.run(["git", "show", f"{ref}:layers/app/020_triggers.sql"], cwd=REPO, check=True,
                              capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    match = re.search(r"CREATE FUNCTION buurt_app\.tg_audit\(\).*?\n\$\$;", text, re.S)
    return match.group(0).replace("buurt_app.tg_audit()", "buurt_app.tg_audit_voor()", 1) if match else None


def set_audit(admin: psycopg.Connection, variant: str) -> None:
    """The three audit triggers of buurt.beheerobject: off, this branch's function or the earlier one."""
    for event in ("i", "u", "d"):
        admin.execute(f"DROP TRIGGER IF EXISTS z_audit_{event} ON buurt.beheerobject")
    if variant != "uit":
        function = "buurt_app.tg_audit('id')" if variant == "nu" else "buurt_app.tg_audit_voor('id')"
        admin.execute("SELECT buurt_app.maak_statementtriggers('beheerobject', 'z_audit', %s)", (function,))
    admin.commit()


def run(editor_dsn: str) -> dict[str, float]:
    """One INSERT, UPDATE and DELETE of all bench points, each timed and committed."""
    seconds = {}
    with psycopg.connect(editor_dsn) as conn:
        for name, sql in STATEMENTS.items():
            t = time.perf_counter()
            conn.execute(sql)
            conn.commit()
            seconds[name] = time.perf_counter() - t
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--objecten", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--voor", default="main", help="git ref of the earlier tg_audit (default main)")
    args = parser.parse_args()
    old = old_audit_function(args.voor)
    variants = ["uit", "nu"] + (["voor"] if old else [])
    samples: dict[str, dict[str, list[float]]] = {v: {s: [] for s in STATEMENTS} for v in variants}
    with temporary_database(ensure_cluster()) as db:
        version = postgres_version(db.admin_dsn)
        with psycopg.connect(db.admin_dsn) as admin:
            if old:
                admin.execute(old)
            admin.execute("CREATE TABLE public.bench_punten AS SELECT row_number() OVER () AS n, d.geom "
                          "FROM buurt.gemeente g, LATERAL ST_Dump(ST_GeneratePoints(g.geom, %s, 7)) d "
                          "WHERE g.code = 'GM0402'", (args.objecten,))
            admin.execute("GRANT SELECT ON public.bench_punten TO buurtkaart_editor")
            admin.commit()
            load = os.getloadavg()[0]
            for _ in range(args.runs):
                for variant in variants:  # interleaved, so a change in the machine's load hits all alike
                    set_audit(admin, variant)
                    for statement, s in run(db.editor_dsn).items():
                        samples[variant][statement].append(s)
            load_end = os.getloadavg()[0]
            log_rows = admin.execute("SELECT count(*) FROM buurt_sys.wijziging WHERE tabel = 'buurt.beheerobject'"
                                     ).fetchone()[0]
    median = {v: {s: statistics.median(x) for s, x in st.items()} for v, st in samples.items()}
    rows = []
    for statement in STATEMENTS:
        off = median["uit"][statement]
        now = median["nu"][statement] - off
        row = [statement, f"{off:.2f}", f"{median['nu'][statement]:.2f}", f"{now:.2f}",
               f"{now / args.objecten * 1e6:.1f}"]
        if old:
            before = median["voor"][statement] - off
            row += [f"{median['voor'][statement]:.2f}", f"{before:.2f}", f"{before / args.objecten * 1e6:.1f}"]
        rows.append(row)
        print(" ".join(row))
    header = ["statement", "audit off (s)", "with gemeente (s)", "audit cost (s)", "per row (µs)"]
    if old:
        header += [f"as {args.voor} (s)", f"audit cost {args.voor} (s)", f"per row {args.voor} (µs)"]
    lines = [
        "## Audit log per statement (`benchmarks/audit_bench.py`)", "",
        run_line(version),
        f"One statement each over {args.objecten:,} objects (points in GM0402) as GIS staff, in a copy of the demo; "
        f"median of {args.runs} interleaved runs, wall clock, commit included. 'with gemeente': this branch's "
        "`buurt_app.tg_audit` (each log row names its gemeente, for row-level security on buurt_sys.wijziging); "
        f"'as {args.voor}': the function as it was there (no gemeente). {log_rows:,} log rows written in all. "
        f"The machine is shared with other engineers' work: load average {load:.1f} at the start and "
        f"{load_end:.1f} at the end (2 cores), so the absolute times are inflated; the variants are interleaved "
        "so that the load hits them alike.", "",
        *table(header, "l" + "r" * (len(header) - 1), rows), "",
    ]
    write_results(RESULTS, "\n".join(lines), show=False)


if __name__ == "__main__":
    main()
