"""buurtkaart import grenzen|objecten|peilingen|cijfers (aliases boundaries|assets|polls|figures).

Every import: one transaction, a progress bar on stderr, a summary on stdout. A refused record stops the
import with nothing written, unless --sla-onbruikbare-over: then it is skipped and listed in a report file.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from spatial_service.importers import bgt, osm, sources, table
from spatial_service.importers.assets import AssetOptions, ReadStats, import_assets
from spatial_service.importers.boundaries import BoundaryOptions, import_boundaries
from spatial_service.importers.cijfers import FigureOptions, import_figures
from spatial_service.importers.polls import import_polls
from spatial_service.importers.report import ImportResult, default_report_path
from spatial_service.settings import get_settings


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("bestand", type=Path, help="het bestand om te importeren")
    p.add_argument("--dsn", help="verbinding, bv. 'service=buurtkaart' (standaard: de lokale cluster als "
                                 "GIS-medewerker); wachtwoorden via ~/.pgpass, niet hier")
    p.add_argument("--sla-onbruikbare-over", "--skip-invalid", dest="skip_invalid", action="store_true",
                   help="sla onbruikbare records over en schrijf ze in een verslag (standaard: hele import "
                        "weigeren, niets wijzigen)")
    p.add_argument("--verslag", type=Path, help="pad van het verslag (standaard: BESTAND.verslag.csv)")
    p.add_argument("--stil", action="store_true", help="geen voortgangsbalk")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="grenzen, objecten in de openbare ruimte, buurtpeilingen en buurtcijfers "
                                      "importeren")
    isub = p.add_subparsers(dest="import_command", metavar="SOORT", required=True)

    s = isub.add_parser("grenzen", aliases=["boundaries"],
                        help="gemeente-, wijk- en buurtgrenzen uit de CBS wijk- en buurtkaart (GPKG, SHP, GeoJSON)")
    _common(s)
    s.add_argument("--gemeente", action="append", default=[], metavar="GM0402",
                   help="alleen deze gemeente (herhaalbaar)")
    s.add_argument("--laag", action="append", default=[], help="alleen deze laag van het bestand (herhaalbaar)")
    s.add_argument("--crs", help="coördinatenstelsel als het bestand het niet (goed) declareert, bv. EPSG:28992")
    s.add_argument("--bron", help="bronvermelding (standaard: CBS wijk- en buurtkaart (bestandsnaam))")
    s.add_argument("--peiljaar", type=int, help="jaar van de editie (standaard: uit de bestandsnaam)")
    s.add_argument("--herstel-gedegenereerd", dest="repair_degenerate", action="store_true",
                   help="ringen met minder dan 4 punten verwijderen en melden (standaard: zulke gebieden weigeren)")
    s.add_argument("--verwijder-vervallen", dest="delete_vanished", action="store_true",
                   help="buurten/wijken van de geïmporteerde gemeenten die niet meer in het bestand staan "
                        "verwijderen (standaard: alleen melden)")
    s.add_argument("--buiten-gemeente-toestaan", "--allow-outside", dest="allow_outside", action="store_true",
                   help="ook importeren als initiatieven/buurtdeals daarna (deels) buiten de gemeente liggen: ze "
                        "blijven staan, gemarkeerd (kolom buiten_gemeente) en in het verslag (standaard: import "
                        "weigeren en ze noemen)")
    s.set_defaults(func=_boundaries)

    s = isub.add_parser("objecten", aliases=["assets"],
                        help="speelplekken, groen en zebrapaden uit OSM, BGT/IMGeo of een eigen bestand")
    _common(s)
    s.add_argument("--formaat", choices=["osm", "bgt", "tabel"],
                   help="osm (.osm/.osm.pbf), bgt (BGT/IMGeo-lagen) of tabel (GeoJSON/GPKG/SHP/CSV met --veld); "
                        "standaard: uit de extensie en laagnamen")
    s.add_argument("--bron", help="bronnaam; objecten worden per bron en bron-id bijgewerkt "
                                  "(standaard: osm, bgt of de bestandsnaam)")
    s.add_argument("--veld", action="append", default=[], metavar="DOEL=BRONVELD",
                   help="veldkoppeling voor tabel: id=.. (verplicht), soort=.., naam=.., omschrijving=.., "
                        "bij CSV x=.. y=.. of wkt=..")
    s.add_argument("--soort", help="één objectsoort voor het hele bestand (speelplek, groen, zebrapad, ...)")
    s.add_argument("--laag", help="alleen deze laag")
    s.add_argument("--crs", help="coördinatenstelsel als het bestand het niet declareert (CSV), bv. EPSG:28992")
    s.set_defaults(func=_assets)

    s = isub.add_parser("peilingen", aliases=["polls"], help="buurtpeilingen (CSV, bv. uit Locali)")
    _common(s)
    s.add_argument("--bron", default="locali", help="naam van het peilingsinstrument (standaard: locali)")
    s.set_defaults(func=_polls)

    s = isub.add_parser("cijfers", aliases=["figures"],
                        help="buurtmonitor: CBS Kerncijfers wijken en buurten (StatLine-CSV, kwb-xlsx/csv) of "
                             "gebiedcode;indicator;jaar;waarde[;streefwaarde]")
    _common(s)
    s.add_argument("--formaat", choices=["statline", "kwb", "lang"], help="standaard: uit de kopregel")
    s.add_argument("--jaar", type=int, help="jaar van de cijfers in een CBS-bestand (standaard: uit de bestandsnaam "
                                            "of de kolom Perioden)")
    s.add_argument("--kolom", action="append", default=[], metavar="KOLOM=INDICATOR",
                   help="extra koppeling van een CBS-kolom aan een indicator (herhaalbaar)")
    s.add_argument("--bron", help="bronvermelding (standaard: CBS … (bestandsnaam) of de bestandsnaam)")
    s.set_defaults(func=_figures)


def _dsn(args: argparse.Namespace) -> str:
    return args.dsn or get_settings().editor()


def _finish(result: ImportResult, args: argparse.Namespace) -> int:
    if args.verslag or (args.skip_invalid and result.count("geweigerd")) or (
            getattr(args, "allow_outside", False) and result.count("buiten")):
        result.write_report(args.verslag or default_report_path(args.bestand))
    print(result.summary())
    return 0


def _boundaries(args: argparse.Namespace) -> int:
    options = BoundaryOptions(gemeenten=tuple(args.gemeente), layers=tuple(args.laag), crs=args.crs,
                              source_name=args.bron, year=args.peiljaar, repair_degenerate=args.repair_degenerate,
                              skip_invalid=args.skip_invalid, delete_vanished=args.delete_vanished,
                              allow_outside=args.allow_outside, progress=not args.stil)
    return _finish(import_boundaries(_dsn(args), args.bestand, options), args)


OSM_SUFFIXES = (".osm", ".osm.pbf", ".pbf", ".osm.bz2", ".osm.gz")


def asset_format(path: Path, kinds: bgt.BgtKinds) -> str:
    """osm, bgt or tabel by the file's name or, for a GeoPackage and the like, its layer names; kinds: the BGT
    classes of buurt_vl.objectsoort.bgt_regels (bgt.kinds_from_db), the same the BGT reader uses."""
    name = path.name.lower()
    if name.endswith(OSM_SUFFIXES):
        return "osm"
    if name.endswith(".gml") or bgt.bgt_class(path.stem, kinds):
        return "bgt"
    if not name.endswith(".csv"):
        try:
            if any(bgt.bgt_class(layer, kinds) for layer in sources.layers(path)):
                return "bgt"
        except sources.FileProblem:
            pass
    return "tabel"


def _assets(args: argparse.Namespace) -> int:
    path: Path = args.bestand
    fmt = args.formaat or ("osm" if path.name.lower().endswith(OSM_SUFFIXES) else None)
    # the BGT classes are data (buurt_vl.objectsoort.bgt_regels): read when a BGT file is possible
    kinds = bgt.kinds_from_db(_dsn(args)) if fmt in (None, "bgt") else bgt.BgtKinds()
    fmt = fmt or asset_format(path, kinds)
    stats = ReadStats()
    if fmt == "osm":
        records = osm.read_osm(path, stats, osm.kinds_from_db(_dsn(args)))
    elif fmt == "bgt":
        records = bgt.read_bgt(path, stats, kinds, crs=args.crs, only=[args.laag] if args.laag else None)
    else:
        mapping = table.FieldMapping.parse(args.veld, args.soort)
        records = table.read_table(path, mapping, stats, crs=args.crs, layer=args.laag)
    source_name = args.bron or (fmt if fmt in ("osm", "bgt") else path.stem)
    options = AssetOptions(source_name=source_name, skip_invalid=args.skip_invalid, progress=not args.stil)
    return _finish(import_assets(_dsn(args), records, stats, options, source=path.name), args)


def _polls(args: argparse.Namespace) -> int:
    result = import_polls(_dsn(args), args.bestand, args.bron, skip_invalid=args.skip_invalid,
                          progress=not args.stil)
    return _finish(result, args)


def _figures(args: argparse.Namespace) -> int:
    options = FigureOptions(layout=args.formaat, year=args.jaar, columns=tuple(args.kolom), source_name=args.bron,
                            skip_invalid=args.skip_invalid, progress=not args.stil)
    return _finish(import_figures(_dsn(args), args.bestand, options), args)
