"""The tile benchmark (benchmarks/tiles_bench.py: Buurtkaart vs tipg vs raw SQL, side by side in one run) on the
national dataset (spatial_service/demo/nederland.py: 342 gemeenten, 1,000,000 objects, 50,000 initiatives and
deals) instead of the Hilversum demo, at z10-z14 over a region of four gemeenten, where the tile query costs
enough to matter. Writes benchmarks/results/tiles_nederland.md."""

from __future__ import annotations

import sys
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import tiles_bench  # noqa: E402
from spatial_service.demo import nederland  # noqa: E402

REGION = ("GM0001", "GM0002", "GM0003", "GM0004")


def load_national(admin_dsn: str) -> None:
    nederland.load(admin_dsn, progress=True)


def region_bounds(conn: psycopg.Connection) -> tuple[float, float, float, float]:
    return tuple(conn.execute(
        "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Transform(ST_SetSRID("
        "ST_Extent(geom)::geometry, 28992), 4326)::box2d AS e FROM publiek.gemeente WHERE code = ANY(%s)) x",
        (list(REGION),)).fetchone())


def configure() -> None:
    tiles_bench.DBNAME = "buurtkaart_bench_nl"
    tiles_bench.RESULTS = ROOT / "benchmarks" / "results" / "tiles_nederland.md"
    tiles_bench.ZOOMS = (10, 14)
    tiles_bench.TITLE = "## Tiles on national data (`bash scripts/benchmark.sh tiles`, benchmarks/tiles_nederland.py)"
    tiles_bench.DATA = ("national data (`buurtkaart demo --nederland`: 342 gemeenten, "
                        f"{nederland.NATIONAL['objecten']:,} objects, {nederland.NATIONAL['programma']:,} initiatives "
                        "and deals) on a private cluster")
    tiles_bench.AREA = f"four gemeenten ({', '.join(REGION)}, ~62 x 15 km)"
    tiles_bench.COLD_TARGET = ">= 5x"
    tiles_bench.SQL_THROUGHPUT_TARGET = ">= 0.85x"
    # issue 4's 30x is for the demo data (tiles_bench.py); here the misses of the mix dominate its time
    tiles_bench.MIX_TARGET = "(for reference)"
    tiles_bench.LOAD_VARIANTS = ["", "?jaar=2024", "?jaar=2025", "?thema=verkeer", "?status=gesprek_wederkerigheid",
                                 "?gemeente=GM0002"]
    tiles_bench.load_data = load_national
    tiles_bench.tile_bounds_of = region_bounds


if __name__ == "__main__":
    import uvloop

    configure()
    try:
        uvloop.run(tiles_bench.main())
    finally:
        tiles_bench.cli("db", "stop")  # the private cluster: nothing else uses it
