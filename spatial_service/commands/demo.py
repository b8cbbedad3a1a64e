"""buurtkaart demo: the local database with the data model and the Hilversum demo (idempotent)."""

from __future__ import annotations

import argparse

from spatial_service.db import cluster, install
from spatial_service.db.connection import connect
from spatial_service.paths import LOCAL_DIR
from spatial_service.settings import get_settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="lokale database met het datamodel, de Hilversum-demo en Amersfoort voor de "
                                          "buurtmonitor (idempotent)")
    p.add_argument("--opnieuw", action="store_true", help="wis de lokale database eerst en laad alles opnieuw")
    p.set_defaults(func=_demo)


def _demo(args: argparse.Namespace) -> int:
    from spatial_service.demo import amersfoort, hilversum

    settings = get_settings()
    cluster.start(settings)
    if args.opnieuw:
        cluster.drop_database(settings, settings.dbname)
    cluster.ensure_database(settings)
    result = install.upgrade(settings.admin())
    print(f"Datamodel: schemaversie {result.version}"
          + (f" (nieuw: {', '.join(result.applied)})" if result.applied else ""))
    with connect(settings.admin()) as conn:
        loaded = conn.execute("SELECT count(*) FROM buurt.buurt WHERE bron = 'demo'").fetchone()[0]
    if loaded:
        print(f"Hilversum-demo staat er al ({loaded} buurten); --opnieuw laadt hem opnieuw.")
    else:
        s = hilversum.load(settings.admin())
        print(f"Hilversum-demo geladen: {s.wijken} wijken, {s.buurten} buurten, {s.buurtdeals} buurtdeals met "
              f"{s.afspraken} afspraken, {s.initiatieven} initiatieven, "
              + ", ".join(f"{n} {k}" for k, n in s.objecten.items()) + ".")
    with connect(settings.admin()) as conn:
        has_amersfoort = conn.execute(
            "SELECT EXISTS (SELECT 1 FROM buurt.gemeente WHERE code = 'GM0307')").fetchone()[0]
    if not has_amersfoort:
        wijken, buurten = amersfoort.load(settings.admin())
        print(f"Amersfoort-demo (buurtmonitor en buurtbudget) geladen: {wijken} wijken, {buurten} buurten.")
    service_file = cluster.write_service_file(settings, LOCAL_DIR / "pg_service.conf")
    print(f"QGIS: PGSERVICEFILE={service_file} en verbinding 'service=buurtkaart' (zie README).")
    return 0
