"""buurtkaart export-site DIR: the virtuele stad as a static site (viewer + PMTiles + JSON, no service needed)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from spatial_service.catalogue import load as load_catalogue
from spatial_service.cli_options import add_source_options, add_zoom_options, stderr_progress
from spatial_service.settings import get_settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export-site", help="de virtuele stad als statische site (voor elke webserver met HTTP Range)")
    p.add_argument("map", type=Path, metavar="DIR", help="map voor de site (nieuw, leeg of een eerdere export)")
    add_zoom_options(p, " van de tegels", "; de kaart zoomt daarna verder in op dezelfde tegels")
    add_source_options(p, "de site")
    p.add_argument("--loket", metavar="URL", default=None,
                   help="adres van de live service (bv. https://kaart.hilversum.nl/g/GM0402/): de knoppen "
                        "'Initiatief indienen' en 'Ik steun dit' leiden daarheen; standaard BUURTKAART_LOKET_URL, "
                        "leeg = geen knoppen")
    p.set_defaults(func=_export)


def _export(args: argparse.Namespace) -> int:
    from spatial_service.exporters.site import export_site

    settings = get_settings()
    result = export_site(args.dsn or settings.public(), args.map, load_catalogue(), settings, args.minzoom,
                         args.maxzoom, stderr_progress(), say=lambda text: print(text, file=sys.stderr, flush=True),
                         gemeente=args.gemeente, loket=args.loket)
    print(result.summary())
    return 0
