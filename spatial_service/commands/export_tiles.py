"""buurtkaart export-tiles: the public tiles over the extent of the gemeenten (or one: --gemeente) to PMTiles
and/or MBTiles."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from spatial_service.catalogue import load as load_catalogue
from spatial_service.cli_options import add_source_options, add_zoom_options, stderr_progress
from spatial_service.settings import get_settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export-tiles", help="exporteer de publieke tegels naar PMTiles/MBTiles (statische hosting)")
    p.add_argument("--out", type=Path, help="PMTiles-bestand, bv. virtuele_stad.pmtiles")
    p.add_argument("--mbtiles", type=Path, help="MBTiles-bestand (ook of in plaats van --out)")
    add_zoom_options(p)
    add_source_options(p, "de tegels")
    p.set_defaults(func=_export)


def _export(args: argparse.Namespace) -> int:
    from spatial_service.tiles.export import export

    settings = get_settings()
    started = time.monotonic()
    result = export(args.dsn or settings.public(), load_catalogue(), args.out, args.mbtiles,
                    args.minzoom, args.maxzoom, stderr_progress(), gemeente=args.gemeente)
    targets = " en ".join(str(p) for p in (args.out, args.mbtiles) if p)
    print(f"{result.tiles} tegels ({result.empty} lege overgeslagen), {result.bytes / 1e6:.1f} MB naar {targets} "
          f"in {time.monotonic() - started:.1f} s")
    return 0
