"""buurtkaart export: the published layers as open data (GeoJSON, GeoPackage, CSV + metadata.json)."""

from __future__ import annotations

import argparse
from pathlib import Path

from spatial_service.exporters.open_data import DEFAULT_LICENCE, FORMATS, export_open_data
from spatial_service.settings import get_settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="open data: gepubliceerde lagen als GeoJSON, GeoPackage en CSV")
    p.add_argument("map", type=Path, help="map waarin de bestanden komen")
    p.add_argument("--formaat", action="append", choices=FORMATS,
                   help="alleen dit formaat (herhaalbaar; standaard alle drie)")
    p.add_argument("--licentie", default=DEFAULT_LICENCE,
                   help=f"licentie in metadata.json (standaard {DEFAULT_LICENCE})")
    p.add_argument("--bron", help="bronvermelding in metadata.json (bv. 'Gemeente Hilversum')")
    p.add_argument("--dsn", help="verbinding als de publieke rol (standaard: de lokale cluster als buurtkaart_tiles); "
                                 "alleen schema publiek wordt gelezen")
    p.set_defaults(func=_export)


def _export(args: argparse.Namespace) -> int:
    dsn = args.dsn or get_settings().public()
    result = export_open_data(dsn, args.map, tuple(args.formaat or FORMATS), licence=args.licentie, source=args.bron)
    print(result.summary())
    return 0
