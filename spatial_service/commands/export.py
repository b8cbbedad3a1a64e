"""buurtkaart export: the published layers as open data (GeoJSON, GeoPackage, CSV + metadata.json and DCAT-AP-NL),
as a dated snapshot DIR/<datum>/ with DIR/latest pointing at it."""

from __future__ import annotations

import argparse
from pathlib import Path

from spatial_service.cli_options import add_source_options
from spatial_service.exporters.open_data import DEFAULT_LICENCE, FORMATS, LICENCES, export_snapshot
from spatial_service.settings import get_settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="open data: gepubliceerde lagen als GeoJSON, GeoPackage en CSV")
    p.add_argument("map", type=Path, help="map waarin de momentopname MAP/<datum>/ en MAP/latest komen")
    p.add_argument("--formaat", action="append", choices=FORMATS,
                   help="alleen dit formaat (herhaalbaar; standaard alle drie)")
    p.add_argument("--licentie", default=DEFAULT_LICENCE, choices=LICENCES,
                   help=f"licentie van de data (standaard {DEFAULT_LICENCE}; CC0-1.0 voor publiek domein)")
    p.add_argument("--url", help="adres waar MAP gepubliceerd wordt (bv. https://data.gemeente.nl/buurtkaart/): "
                                 "de DCAT-distributies wijzen daarheen; standaard een file:-adres van MAP")
    p.add_argument("--ogc-url", help="adres van de OGC API van deze gegevens (bv. https://kaart.gemeente.nl/ogc): "
                                     "komt als DCAT-dataservice met een distributie per collectie in de catalogus")
    p.add_argument("--contact", help="e-mailadres voor vragen over de data (DCAT contactPoint)")
    p.add_argument("--bron", help="bronvermelding in metadata.json (bv. 'Gemeente Hilversum')")
    add_source_options(p, "de gegevens")
    p.set_defaults(func=_export)


def _export(args: argparse.Namespace) -> int:
    dsn = args.dsn or get_settings().public()
    snapshot = export_snapshot(dsn, args.map, tuple(args.formaat or FORMATS), licence=args.licentie,
                               source=args.bron, base_url=args.url, contact=args.contact,
                               ogc_url=args.ogc_url, gemeente=args.gemeente)
    print(snapshot.summary())
    return 0
