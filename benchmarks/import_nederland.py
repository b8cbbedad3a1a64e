"""Import of 1,000,000 objects through the real path (`buurtkaart import objecten`: file read, COPY to staging,
SQL merge, derivation triggers, statement-level audit and tile notification), as GIS staff, into a database with
the boundaries of the whole generated country. Target < 5 min. Writes benchmarks/results/import_nederland.md.
Files and helpers from benchmarks/import_bench.py."""

from __future__ import annotations

import platform
import sys
import tempfile
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.common import section, write_results  # noqa: E402
from benchmarks.import_bench import import_table, run_cli, server_mb, write_assets, write_netherlands  # noqa: E402
from tests.support import ensure_cluster, new_database  # noqa: E402

OBJECTS = 1_000_000
RESULTS = ROOT / "benchmarks" / "results" / "import_nederland.md"


def main() -> None:
    settings = ensure_cluster()
    rows = []
    with tempfile.TemporaryDirectory(prefix="bk_import_nl_") as tmp:
        tmpdir = Path(tmp)
        db = new_database(settings, with_demo=False)
        try:
            grenzen = tmpdir / "wijkenbuurten.gpkg"
            n = write_netherlands(grenzen, 1.0)
            common = ["--dsn", db.editor_dsn, "--stil"]
            secs, mb, summary = run_cli(["import", "grenzen", str(grenzen), *common])
            rows.append(("grenzen, heel Nederland", n, secs, mb, summary))
            print(rows[-1], flush=True)
            objecten = tmpdir / "objecten.gpkg"
            write_assets(objecten, OBJECTS, 1.0)
            mapping = ["--veld", "id=objectid", "--veld", "soort=soort", "--veld", "naam=naam"]
            secs, mb, summary = run_cli(["import", "objecten", str(objecten), *mapping, *common])
            rows.append((f"objecten {OBJECTS:,} (nieuw)", OBJECTS, secs, mb, summary))
            print(rows[-1], flush=True)
            size = server_mb(db.admin_dsn)
        finally:
            db.drop()
    write_results(RESULTS, section(
        "## Import of 1,000,000 objects (`benchmarks/import_nederland.py`)",
        f"Run {datetime.now():%Y-%m-%d %H:%M} on {platform.machine()}, files as in benchmarks/import_bench.py "
        f"(objects spread over the whole generated country, 60 % points, 40 % 30x30 m areas), imported as GIS "
        f"staff through `buurtkaart import objecten` with row-level security on; database {size:.0f} MB after. "
        "Target: < 5 min.",
        import_table(rows)))


if __name__ == "__main__":
    main()
