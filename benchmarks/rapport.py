"""Report speed: `buurtkaart rapport jaar --gemeente GM0402 --jaar 2018 --pdf ... --html ...` end to end as a person
runs it (a new process: Python, QGIS start-up, the SQL figures, the print layout with its atlas, PDF and HTML),
for the Hilversum demo and for a gemeente with 25x the deals and initiatives (the demo's copied 24 times with
their commitments and status histories, shifted up to 200 m, in a scratch database).
Targets: < 10 s for the demo, < 60 s for 25x. Writes benchmarks/results/rapport.md."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # tests.support: the scratch database

from benchmarks.common import postgres_version, run_line, write_results  # noqa: E402
from tests.support import ensure_cluster, temporary_database  # noqa: E402

RUNS = 3
COPIES = 24
OFFSET = 100_000
RESULTS = Path(__file__).resolve().parent / "results" / "rapport.md"


def grow(conn: psycopg.Connection) -> tuple[int, int]:
    """24 copies of every initiative, deal, commitment and status step (triggers off: the copies keep the derived
    columns of their original, which is what the report reads)."""
    conn.execute("SET session_replication_role = replica")
    conn.execute("SELECT setseed(0.42)")
    cols_i = ("titel, omschrijving, thema, status, ingediend_op, gepubliceerd, buurtcode, wijkcode, gemeentecode, "
              "wijkagenda_id, planjaar, begroting")
    conn.execute(f"""
        INSERT INTO buurt.initiatief (id, {cols_i}, geom)
        SELECT i.id + k * {OFFSET}, {cols_i.replace('titel,', "i.titel || ' #' || k,", 1)},
               ST_Translate(i.geom, (random() - 0.5) * 400, (random() - 0.5) * 400)
          FROM buurt.initiatief i CROSS JOIN generate_series(1, {COPIES}) k""")
    cols_d = ("omschrijving, jaar, thema, status, budget_gemeente, gepubliceerd, buurtcode, wijkcode, gemeentecode, "
              "wijkagenda_id, groene_deal")
    conn.execute(f"""
        INSERT INTO buurt.buurtdeal (id, titel, initiatief_id, {cols_d}, geom)
        SELECT d.id + k * {OFFSET}, d.titel || ' #' || k, d.initiatief_id + k * {OFFSET}, {cols_d},
               ST_Translate(d.geom, (random() - 0.5) * 400, (random() - 0.5) * 400)
          FROM buurt.buurtdeal d CROSS JOIN generate_series(1, {COPIES}) k""")
    conn.execute(f"""
        INSERT INTO buurt.afspraak (buurtdeal_id, partij, omschrijving, gereed)
        SELECT a.buurtdeal_id + k * {OFFSET}, a.partij, a.omschrijving, a.gereed
          FROM buurt.afspraak a CROSS JOIN generate_series(1, {COPIES}) k""")
    conn.execute(f"""
        INSERT INTO buurt.statusverloop (initiatief_id, buurtdeal_id, status_van, status, op, door)
        SELECT s.initiatief_id + k * {OFFSET}, s.buurtdeal_id + k * {OFFSET}, s.status_van, s.status, s.op, s.door
          FROM buurt.statusverloop s CROSS JOIN generate_series(1, {COPIES}) k""")
    conn.execute("SET session_replication_role = origin")
    conn.commit()
    for table in ("initiatief", "buurtdeal", "afspraak", "statusverloop"):
        conn.execute(f"ANALYZE buurt.{table}")
    return (conn.execute("SELECT count(*) FROM buurt.buurtdeal").fetchone()[0],
            conn.execute("SELECT count(*) FROM buurt.initiatief").fetchone()[0])


def time_report(dsn: str, out: Path) -> tuple[float, list[float], int]:
    samples = []
    for n in range(RUNS):
        pdf = out / f"jaar-{n}.pdf"
        t = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "spatial_service.cli", "rapport", "jaar", "--gemeente", "GM0402",
                                 "--jaar", "2018", "--pdf", str(pdf), "--html", str(out / f"jaar-{n}.html"),
                                 "--dsn", dsn], capture_output=True, text=True, cwd=REPO, timeout=600)
        samples.append(time.perf_counter() - t)
        if result.returncode != 0:
            raise SystemExit(result.stderr)
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    n_pages = int(next(line.split()[-1] for line in pages.splitlines() if line.startswith("Pages:")))
    return statistics.median(samples), samples, n_pages


def main() -> None:
    measured = []
    with temporary_database(ensure_cluster()) as db:
        version = postgres_version(db.admin_dsn)
        with psycopg.connect(db.admin_dsn) as conn:
            counts = (conn.execute("SELECT count(*) FROM buurt.buurtdeal").fetchone()[0],
                      conn.execute("SELECT count(*) FROM buurt.initiatief").fetchone()[0])
        with tempfile.TemporaryDirectory() as tmp:
            for city in ("demo", "25x"):
                if city == "25x":
                    with psycopg.connect(db.admin_dsn) as conn:
                        counts = grow(conn)
                load = os.getloadavg()[0]
                median, samples, pages = time_report(db.editor_dsn, Path(tmp))
                measured.append((city, *counts, pages, median, samples, load))
                print(f"{city:5} {counts[0]:6} deals {counts[1]:6} initiatieven  {pages} pagina's  "
                      f"mediaan {median:.2f} s  ({', '.join(f'{s:.2f}' for s in samples)})")
    target = {"demo": 10, "25x": 60}
    lines = [
        "## Jaarrapportage PDF (`benchmarks/rapport.py`)", "",
        run_line(version),
        "One run = `buurtkaart rapport jaar --gemeente GM0402 --jaar 2018 --pdf --html` as a new process (Python and "
        "QGIS start-up, SQL figures, print layout with atlas, PDF and HTML with map images); median of "
        f"{RUNS} runs, wall clock. 25x = the demo's deals and initiatives (with commitments and status histories) "
        "copied 24 times. Targets: < 10 s (demo), < 60 s (25x).", "",
        "The machine is shared: the load average at the start of each measurement is given (2 cores; above 2 the "
        "runs wait for CPU).", "",
        "| gemeente | buurtdeals | initiatieven | pagina's | mediaan (s) | runs (s) | load | doel |",
        "| --- | ---: | ---: | ---: | ---: | --- | ---: | --- |",
    ]
    for city, deals, inits, pages, median, samples, load in measured:
        verdict = "gehaald" if median < target[city] else "NIET gehaald"
        lines.append(f"| {city} | {deals} | {inits} | {pages} | {median:.2f} | "
                     f"{', '.join(f'{s:.2f}' for s in samples)} | {load:.1f} | < {target[city]} s: {verdict} |")
    lines.append("")
    write_results(RESULTS, "\n".join(lines), show=False)


if __name__ == "__main__":
    main()
