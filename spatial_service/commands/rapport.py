"""buurtkaart rapport jaar|wijk: the jaarrapportage of a gemeente, or the wijkanalyse and buurtactiviteitenplan of a
wijk, as PDF (the plugin's QGIS print layout with an atlas per wijk, run headless) and HTML."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from spatial_service.db.connection import connect
from spatial_service.errors import BuurtkaartError
from spatial_service.settings import get_settings


def _year(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"geen jaartal: '{text}'") from None


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("rapport", help="jaarrapportage, wijkanalyse en buurtactiviteitenplan als PDF en HTML",
                       description="Rapporten van de buurtcyclus. De PDF komt uit de QGIS-printlayout van de plugin "
                                   "(atlas per wijk), dezelfde als het Processing-algoritme in QGIS maakt.")
    psub = p.add_subparsers(dest="rapport_command", metavar="SOORT", required=True)
    s = psub.add_parser("jaar", help="jaarrapportage van een gemeente (met een hoofdstuk per wijk)")
    s.add_argument("--gemeente", required=True, metavar="GMxxxx", help="CBS-gemeentecode, bv. GM0402")
    s.add_argument("--jaar", required=True, type=_year, help="het jaar, bv. 2018")
    _outputs(s)
    s.set_defaults(func=_jaar)
    s = psub.add_parser("wijk", help="wijkanalyse en buurtactiviteitenplan van een wijk")
    s.add_argument("--wijk", required=True, metavar="WKxxxxxx", help="CBS-wijkcode, bv. WK040201")
    s.add_argument("--jaar", required=True, type=_year, help="het jaar, bv. 2018")
    _outputs(s)
    s.set_defaults(func=_wijk)


def _outputs(s: argparse.ArgumentParser) -> None:
    s.add_argument("--pdf", required=True, type=Path, metavar="FILE", help="schrijf de PDF hierheen")
    s.add_argument("--html", type=Path, metavar="FILE", help="schrijf ook het HTML-rapport (kaarten als PNG ernaast)")
    s.add_argument("--dsn", help="verbinding (standaard de lokale cluster)")


def _jaar(args: argparse.Namespace) -> int:
    return _run(args, lambda q, figures: figures.year_report(q, args.gemeente, args.jaar))


def _wijk(args: argparse.Namespace) -> int:
    return _run(args, lambda q, figures: figures.wijk_report(q, args.wijk, args.jaar))


def _run(args: argparse.Namespace, make) -> int:
    from spatial_service.reports import figures

    for target in (args.pdf, args.html):
        if target is not None and not target.parent.is_dir():
            raise BuurtkaartError(f"--{'pdf' if target == args.pdf else 'html'}: map {target.parent} bestaat niet.")
    started = time.monotonic()
    with connect(args.dsn or get_settings().editor()) as conn:
        def query(sql: str, params: dict) -> list:
            return conn.execute(sql, params).fetchall()  # psycopg binds the values on the server

        try:
            report = make(query, figures)
        except figures.ReportInputError as exc:
            raise BuurtkaartError(f"--{exc.parameter}: {exc}") from None
        colours = figures.theme_colours(query)
    print(f"{report.titel}: cijfers gelezen ({len(report.wijken)} wijk(en))", file=sys.stderr)
    from spatial_service.commands.plugin import start_qgis

    app = start_qgis()
    from spatial_service.reports import layout
    from spatial_service.reports.html_report import euro

    try:
        sections = layout.render(report, colours, args.pdf, args.html,
                                 progress=lambda pct, text: print(f"  {pct:.0f}% {text}", file=sys.stderr))
    except (RuntimeError, OSError) as exc:  # the exporter could not write, or the template is damaged
        raise BuurtkaartError(f"--pdf {args.pdf}: het rapport kon niet worden geschreven: {exc}") from None
    del app
    k = report.kerncijfers
    line = f"{report.titel}: {sections} hoofdstukken in {args.pdf}"
    if args.html:
        line += f" en {args.html}"
    if k:
        line += (f"; {k['buurtdeals']} buurtdeals en {k['groene_deals']} green deals, besteed {euro(k['besteed'])} "
                 f"van {euro(k['budget'])}")
    print(line + f" ({time.monotonic() - started:.1f} s)")
    return 0
