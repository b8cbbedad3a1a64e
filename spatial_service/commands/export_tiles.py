"""buurtkaart export-tiles: the public tiles over the extent of the gemeenten (or one: --gemeente) to PMTiles
and/or MBTiles."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from spatial_service.catalogue import load as load_catalogue
from spatial_service.cli_options import add_source_options
from spatial_service.settings import get_settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export-tiles", help="exporteer de publieke tegels naar PMTiles/MBTiles (statische hosting)")
    p.add_argument("--out", type=Path, help="PMTiles-bestand, bv. virtuele_stad.pmtiles")
    p.add_argument("--mbtiles", type=Path, help="MBTiles-bestand (ook of in plaats van --out)")
    p.add_argument("--minzoom", type=int, default=9, help="laagste zoom (standaard 9)")
    p.add_argument("--maxzoom", type=int, default=16, help="hoogste zoom (standaard 16)")
    add_source_options(p,
                       gemeente_help="alleen deze gemeente (CBS-code, bv. GM0402): haar extent en haar "
                                     "objecten, als /g/CODE/ live; standaard alle gemeenten",
                       dsn_help="verbinding met de publieke rol (standaard BUURTKAART_PUBLIC_DSN of de lokale "
                                "cluster als buurtkaart_tiles)")
    p.set_defaults(func=_export)


def _export(args: argparse.Namespace) -> int:
    from spatial_service.tiles.export import export

    settings = get_settings()
    started = time.monotonic()
    shown = {"pct": -1}

    def progress(done: int, total: int, zoom: int) -> None:
        pct = done * 100 // total
        if pct != shown["pct"] or done == total:
            shown["pct"] = pct
            print(f"\rtegels {done}/{total} ({pct}%), zoom {zoom}", end="", file=sys.stderr, flush=True)

    result = export(args.dsn or settings.public(), load_catalogue(), args.out, args.mbtiles,
                    args.minzoom, args.maxzoom, progress, gemeente=args.gemeente)
    print(file=sys.stderr)
    targets = " en ".join(str(p) for p in (args.out, args.mbtiles) if p)
    print(f"{result.tiles} tegels ({result.empty} lege overgeslagen), {result.bytes / 1e6:.1f} MB naar {targets} "
          f"in {time.monotonic() - started:.1f} s")
    return 0
