"""Import speed and memory: a generated boundary file the size of the Netherlands (342 gemeenten, 2,394 wijken,
14,364 buurten of ~100 vertices each, CBS layout, GeoPackage) and 100,000 public-space objects (GeoPackage,
mapped import: 60,000 points, 40,000 small areas) into a scratch database, each through the real CLI in a child
process whose peak memory (ru_maxrss) is reported. Half-size files show whether memory stays flat as the file
grows (streamed). Targets: < 60 s each, < 1 GB. Writes benchmarks/results/import.md."""

from __future__ import annotations

import math
import platform
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import fiona
import psycopg
from fiona.crs import CRS

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.support: the scratch database

from benchmarks.common import section, table, write_results  # noqa: E402
from tests.support import ensure_cluster, new_database  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "import.md"
GEMEENTEN_X, GEMEENTEN_Y = 19, 18         # 342 gemeenten
WIJKEN, BUURTEN_PER_WIJK = 7, 6           # per gemeente: 7 wijken (columns) of 6 buurten -> 42 buurten
CELL = 1000.0                             # a buurt is a 1 km cell with wavy edges
POINTS_PER_EDGE = 25                      # 100 vertices per buurt
X0, Y0 = 30000.0, 330000.0


def wave(x: float, y: float, horizontal: bool) -> tuple[float, float]:
    """Deterministic wiggle that depends only on the point on the shared edge, so neighbours match exactly."""
    if horizontal:
        return x, y + 15.0 * math.sin(x / 37.0) * math.sin(math.pi * ((x - X0) % CELL) / CELL)
    return x + 15.0 * math.sin(y / 41.0) * math.sin(math.pi * ((y - Y0) % CELL) / CELL), y


def cell_ring(x: float, y: float) -> list[tuple[float, float]]:
    n = POINTS_PER_EDGE
    ring = [wave(x + CELL * i / n, y, True) for i in range(n)]
    ring += [wave(x + CELL, y + CELL * i / n, False) for i in range(n)]
    ring += [wave(x + CELL - CELL * i / n, y + CELL, True) for i in range(n)]
    ring += [wave(x, y + CELL - CELL * i / n, False) for i in range(n)]
    return [*ring, ring[0]]


def write_netherlands(path: Path, fraction: float = 1.0) -> int:
    schema = {"geometry": "Polygon", "properties": {"buurtcode": "str", "buurtnaam": "str", "wijkcode": "str",
                                                    "gemeentecode": "str", "gemeentenaam": "str", "water": "str"}}
    count = 0
    total = int(GEMEENTEN_X * GEMEENTEN_Y * fraction)
    with fiona.open(str(path), "w", driver="GPKG", layer="buurten", schema=schema, crs=CRS.from_epsg(28992)) as sink:
        batch = []
        for g in range(total):
            gx, gy = g % GEMEENTEN_X, g // GEMEENTEN_X
            gm = f"{g + 1:04d}"
            for w in range(WIJKEN):
                for b in range(BUURTEN_PER_WIJK):
                    x = X0 + (gx * WIJKEN + w) * CELL
                    y = Y0 + (gy * BUURTEN_PER_WIJK + b) * CELL
                    code = f"BU{gm}{w + 1:02d}{b + 1:02d}"
                    batch.append(fiona.Feature(
                        geometry=fiona.Geometry(type="Polygon", coordinates=[cell_ring(x, y)]),
                        properties=fiona.Properties(buurtcode=code, buurtnaam=f"Buurt {code[2:]}",
                                                    wijkcode=f"WK{gm}{w + 1:02d}", gemeentecode=f"GM{gm}",
                                                    gemeentenaam=f"Gemeente {gm}", water="NEE")))
                    count += 1
            if len(batch) >= 2000:
                sink.writerecords(batch)
                batch.clear()
        sink.writerecords(batch)
    return count


def write_assets(path: Path, n: int, fraction: float = 1.0) -> int:
    """n objects spread over the generated country (its southern fraction): 60 % points (speelplek/zebrapad),
    40 % 30x30 m groen."""
    width = GEMEENTEN_X * WIJKEN * CELL
    height = int(GEMEENTEN_Y * fraction) * BUURTEN_PER_WIJK * CELL
    schema = {"geometry": "Unknown", "properties": {"objectid": "int", "soort": "str", "naam": "str"}}
    with fiona.open(str(path), "w", driver="GPKG", layer="objecten", schema=schema, crs=CRS.from_epsg(28992)) as sink:
        batch = []
        for i in range(n):
            # a low-discrepancy spread (golden ratio), away from cell edges
            x = X0 + 50 + ((i * 0.6180339887) % 1.0) * (width - 100)
            y = Y0 + 50 + ((i * 0.7548776662) % 1.0) * (height - 100)
            if i % 5 < 3:
                geom = fiona.Geometry(type="Point", coordinates=(x, y))
                soort = "speelplek" if i % 5 else "zebrapad"
            else:
                geom = fiona.Geometry(type="Polygon", coordinates=[[(x, y), (x + 30, y), (x + 30, y + 30),
                                                                     (x, y + 30), (x, y)]])
                soort = "groen"
            batch.append(fiona.Feature(geometry=geom, properties=fiona.Properties(objectid=i, soort=soort,
                                                                                  naam=f"Object {i}")))
            if len(batch) >= 5000:
                sink.writerecords(batch)
                batch.clear()
        sink.writerecords(batch)
    return n


def run_cli(args: list[str]) -> tuple[float, float, str]:
    """(seconds, peak MB of the importing process, its summary)."""
    code = ("import resource, sys\n"
            "from spatial_service.cli import main\n"
            f"rc = main({args!r})\n"
            "print('MAXRSS', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
            "sys.exit(rc)\n")
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"import mislukt: {proc.stdout}\n{proc.stderr}")
    lines = proc.stdout.strip().splitlines()
    rss_kb = int(lines[-1].split()[1])
    return elapsed, rss_kb / 1024, lines[0]


def server_mb(dsn: str) -> float:
    with psycopg.connect(dsn) as conn:
        return conn.execute("SELECT pg_database_size(current_database()) / 1048576.0").fetchone()[0]


def import_table(measured: list[tuple[str, int, float, float, str]]) -> list[str]:
    """One row per `buurtkaart import` run: (name, records, seconds, peak MB, the CLI's summary line)."""
    return table(["import", "records", "seconds", "peak MB (client)", "summary"], "lrrrl",
                 [(name, n, f"{secs:.1f}", f"{mb:.0f}", summary.split(": ", 1)[-1])
                  for name, n, secs, mb, summary in measured])


def main() -> None:
    settings = ensure_cluster()
    out: list[tuple[str, int, float, float, str]] = []
    with tempfile.TemporaryDirectory(prefix="bk_import_bench_") as tmp:
        tmpdir = Path(tmp)
        for fraction in (0.5, 1.0):
            db = new_database(settings, with_demo=False)
            try:
                grenzen = tmpdir / f"wijkenbuurten_{int(fraction * 100)}.gpkg"
                n = write_netherlands(grenzen, fraction)
                common = ["--dsn", db.editor_dsn, "--stil"]
                secs, mb, summary = run_cli(["import", "grenzen", str(grenzen), *common])
                out.append((f"grenzen, {int(fraction * 100)} % van Nederland (nieuw)", n, secs, mb, summary))
                secs, mb, summary = run_cli(["import", "grenzen", str(grenzen), *common])
                out.append((f"grenzen, {int(fraction * 100)} % (herimport, ongewijzigd)", n, secs, mb, summary))
                assets_n = int(100_000 * fraction)
                objecten = tmpdir / f"objecten_{assets_n}.gpkg"
                write_assets(objecten, assets_n, fraction)
                mapping = ["--veld", "id=objectid", "--veld", "soort=soort", "--veld", "naam=naam"]
                secs, mb, summary = run_cli(["import", "objecten", str(objecten), *mapping, *common])
                out.append((f"objecten {assets_n} (nieuw)", assets_n, secs, mb, summary))
                secs, mb, summary = run_cli(["import", "objecten", str(objecten), *mapping, *common])
                out.append((f"objecten {assets_n} (herimport, ongewijzigd)", assets_n, secs, mb, summary))
                print(f"database {server_mb(db.admin_dsn):.0f} MB na import ({fraction:.0%})")
            finally:
                db.drop()
    with psycopg.connect(settings.admin("postgres")) as conn:
        pg_version = conn.execute("SHOW server_version").fetchone()[0]
    write_results(RESULTS, section(
        "## Import (`benchmarks/import_bench.py`)",
        [f"Run {datetime.now():%Y-%m-%d %H:%M} on {platform.processor() or platform.machine()} "
         f"({subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} cores), "
         f"{platform.platform()}, PostgreSQL {pg_version}, PostGIS 3.3.",
         "Each line is one `buurtkaart import ...` in a child process, wall-clock from start to commit (file "
         "read, COPY to the staging table, SQL merge, triggers, audit), and the peak memory (ru_maxrss) of that "
         "process. Generated files: buurten of ~100 vertices in the CBS layout (GeoPackage, RD New), wijken and "
         "gemeenten derived by the merge; objects 60 % points and 40 % 30x30 m areas, mapped import. "
         "Targets: < 60 s and < 1 GB, memory flat as the file doubles."],
        import_table(out)))


if __name__ == "__main__":
    main()
