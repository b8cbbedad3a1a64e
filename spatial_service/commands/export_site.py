"""buurtkaart export-site DIR: the virtuele stad as a static site (viewer + PMTiles + JSON, no service needed)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from spatial_service.catalogue import load as load_catalogue
from spatial_service.cli_options import add_source_options
from spatial_service.settings import get_settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export-site", help="de virtuele stad als statische site (voor elke webserver met HTTP Range)")
    p.add_argument("map", type=Path, metavar="DIR", help="map voor de site (nieuw, leeg of een eerdere export)")
    p.add_argument("--minzoom", type=int, default=9, help="laagste zoom van de tegels (standaard 9)")
    p.add_argument("--maxzoom", type=int, default=16, help="hoogste zoom van de tegels (standaard 16; de kaart "
                                                          "zoomt daarna verder in op dezelfde tegels)")
    add_source_options(p,
                       gemeente_help="de site van één gemeente (CBS-code, bv. GM0402), als /g/CODE/ live; "
                                     "standaard alle gemeenten samen",
                       dsn_help="verbinding met de publieke rol (standaard BUURTKAART_PUBLIC_DSN of de lokale "
                                "cluster als buurtkaart_tiles); alleen schema publiek wordt gelezen")
    p.set_defaults(func=_export)


def _export(args: argparse.Namespace) -> int:
    from spatial_service.exporters.site import export_site

    settings = get_settings()
    shown = {"pct": -1}

    def progress(done: int, total: int, zoom: int) -> None:
        pct = done * 100 // total
        if pct != shown["pct"] or done == total:
            shown["pct"] = pct
            end = "\n" if done == total else ""
            print(f"\rtegels {done}/{total} ({pct}%), zoom {zoom}", end=end, file=sys.stderr, flush=True)

    result = export_site(args.dsn or settings.public(), args.map, load_catalogue(), settings, args.minzoom,
                         args.maxzoom, progress, say=lambda text: print(text, file=sys.stderr, flush=True),
                         gemeente=args.gemeente)
    print(result.summary())
    return 0
