"""buurtkaart plancheck PLAN [--out rapport.html] [--json]: what does a plan for the public space touch?"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from spatial_service.core import plancheck_report
from spatial_service.core.plancheck_report import SEVERITY_QUERY
from spatial_service.db.connection import connect
from spatial_service.plancheck import reading, report
from spatial_service.plancheck.errors import PlanError
from spatial_service.plancheck.findings import feature_collection, run_check
from spatial_service.settings import get_settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "plancheck", help="toets een plan voor de openbare ruimte (DXF, GeoJSON, GeoPackage, Shapefile)",
        description="Toets een plan: welke speelplekken, groen, zebrapaden, buurtdeals, afspraken en initiatieven "
                    "raakt het, en in welke wijken en buurten ligt het?")
    p.add_argument("plan", type=Path, help="planbestand (.dxf, .geojson, .gpkg, .shp, ...)")
    p.add_argument("--out", type=Path, metavar="RAPPORT.html", help="schrijf het HTML-rapport hierheen")
    p.add_argument("--json", action="store_true", help="schrijf de bevindingen als GeoJSON (WGS84) naar stdout")
    p.add_argument("--crs", help="coördinatenstelsel van het planbestand als het dat zelf niet meldt "
                                 "(DXF: standaard EPSG:28992)")
    p.add_argument("--laag", help="laag in een GeoPackage (standaard de eerste)")
    p.add_argument("--lijnbuffer", type=float, metavar="M",
                   help="buffer (m, aan weerszijden) voor lijnen en punten (standaard: instelling)")
    p.add_argument("--zoekafstand", type=float, metavar="M", help="meld objecten tot zo ver buiten het plan "
                                                                    "(standaard: instelling)")
    p.add_argument("--publiek", action="store_true", help="alleen wat het publiek mag zien (gepubliceerde "
                                                          "buurtdeals en initiatieven)")
    p.add_argument("--dsn", help="verbinding (standaard de lokale cluster als GIS-medewerker)")
    p.set_defaults(func=_plancheck)


def _plancheck(args: argparse.Namespace) -> int:
    for name in ("lijnbuffer", "zoekafstand"):
        value = getattr(args, name)
        if value is not None and not value >= 0:
            raise PlanError(f"--{name}: moet 0 of groter zijn, niet {value}.")
    dsn = args.dsn or get_settings().editor()
    with connect(dsn) as conn:
        plan = reading.read_plan(args.plan, rd_area=reading.rd_area(conn), crs=args.crs, layer=args.laag)
        findings = run_check(conn, plan.ewkb_hex(), lijnbuffer_m=args.lijnbuffer, zoekafstand_m=args.zoekafstand,
                             public=args.publiek)
        severities = [tuple(r) for r in conn.execute(SEVERITY_QUERY).fetchall()]
    if args.out:
        page = report.render(findings, severities, title=f"Plantoets {args.plan.name}", source=str(args.plan),
                             notes=plan.notes)
        args.out.write_text(page, encoding="utf-8")
    if args.json:
        collection = feature_collection(findings, bron=str(args.plan), crs_bron=plan.source_crs,
                                        meldingen=plan.notes)
        json.dump(collection, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    counts = plancheck_report.counts([f.properties for f in findings], severities)
    line = (f"Plantoets {args.plan.name}: "
            + ", ".join(f"{counts[code]} {name.lower()}" for code, name, _ in severities)
            + (f"; rapport: {args.out}" if args.out else ""))
    if not args.json:
        for note in plan.notes:
            print(f"let op: {note}")
        for f in findings:
            print(f"{f.properties['volgnr']:>3} {f.properties['ernst']:<12} {f.properties['melding']}")
    print(line, file=sys.stderr if args.json else sys.stdout)
    return 0
