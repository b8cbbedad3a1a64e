"""PMTiles export of the whole generated country (`buurtkaart export-tiles --minzoom 5 --maxzoom 14` on the
national data of `buurtkaart demo --nederland`): time, size and peak memory of the exporting process, and the same
for z5-z12 (a quarter of the tiles) to show memory stays flat as the tile count grows. Writes
benchmarks/results/export_nederland.md."""

from __future__ import annotations

import dataclasses
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.common import section, table, write_results  # noqa: E402
from spatial_service.db import cluster  # noqa: E402
from spatial_service.settings import get_settings  # noqa: E402

DBNAME = "buurtkaart_nederland"
RESULTS = ROOT / "benchmarks" / "results" / "export_nederland.md"


def export(out: Path, maxzoom: int) -> tuple[float, float, str]:
    code = ("import resource, sys\n"
            "from spatial_service.cli import main\n"
            f"rc = main(['export-tiles', '--out', {str(out)!r}, '--minzoom', '5', '--maxzoom', '{maxzoom}'])\n"
            "print('MAXRSS', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
            "sys.exit(rc)\n")
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "BUURTKAART_DBNAME": DBNAME})
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"export mislukt: {proc.stdout}\n{proc.stderr[-3000:]}")
    lines = proc.stdout.strip().splitlines()
    return elapsed, int(lines[-1].split()[1]) / 1024, lines[0]


def main() -> None:
    settings = dataclasses.replace(get_settings(), dbname=DBNAME)
    cluster.start(settings)
    if not cluster.psql(settings, f"SELECT 1 FROM pg_database WHERE datname = '{DBNAME}'"):
        raise SystemExit("laad eerst de landelijke gegevens: buurtkaart demo --nederland")
    rows = []
    with tempfile.TemporaryDirectory(prefix="bk_export_nl_") as tmp:
        for maxzoom in (12, 14):
            out = Path(tmp) / f"nederland_z5_{maxzoom}.pmtiles"
            secs, mb, summary = export(out, maxzoom)
            rows.append((f"z5-z{maxzoom}", secs, mb, out.stat().st_size / 1e6, summary))
            print(rows[-1], flush=True)
    write_results(RESULTS, section(
        "## PMTiles export of the country (`benchmarks/export_nederland.py`)",
        f"Run {datetime.now():%Y-%m-%d %H:%M} on {platform.machine()} ({os.cpu_count()} cores): "
        "`buurtkaart export-tiles` over the national data (342 gemeenten, 1,000,000 objects, 50,000 initiatives "
        "and deals), every public layer in each tile, as the public role; wall-clock and peak memory (ru_maxrss) "
        "of the exporting process.",
        table(["zooms", "seconds", "peak MB", "file MB", "summary"], "lrrrl",
              [(z, f"{s:.0f}", f"{m:.0f}", f"{f:.1f}", summary) for z, s, m, f, summary in rows])))


if __name__ == "__main__":
    main()
