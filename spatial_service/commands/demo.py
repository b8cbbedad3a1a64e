"""buurtkaart demo: the local database with the data model and the Hilversum demo (idempotent)."""

from __future__ import annotations

import argparse

from spatial_service.db import cluster, install
from spatial_service.db.connection import connect
from spatial_service.settings import get_settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="lokale database met het datamodel, de Hilversum-demo en Amersfoort voor de "
                                          "buurtmonitor (idempotent)")
    p.add_argument("--opnieuw", action="store_true", help="wis de lokale database eerst en laad alles opnieuw")
    p.add_argument("--nederland", action="store_true",
                   help="landelijke testdata in database 'buurtkaart_nederland' in plaats van Hilversum: "
                        "342 gemeenten, 1.000.000 objecten, 50.000 initiatieven en buurtdeals (deterministisch)")
    p.add_argument("--gemeenten", type=int, default=342, help="met --nederland: alleen de eerste N gemeenten")
    p.add_argument("--objecten", type=int, default=1_000_000, help="met --nederland: aantal objecten")
    p.add_argument("--programma", type=int, default=50_000,
                   help="met --nederland: aantal initiatieven en buurtdeals samen")
    p.add_argument("--zaad", type=int, help="met --nederland: ander zaad, andere (maar even grote) gegevens")
    p.set_defaults(func=_demo)


NATIONAL_DBNAME = "buurtkaart_nederland"


def _nederland(args: argparse.Namespace) -> int:
    import dataclasses
    import time

    from spatial_service.demo import nederland
    from spatial_service.errors import BuurtkaartError

    if not 1 <= args.gemeenten <= 342:
        raise BuurtkaartError(f"--gemeenten {args.gemeenten}: kies 1 tot en met 342.")
    if args.objecten < 0 or args.programma < 0:
        raise BuurtkaartError("--objecten en --programma mogen niet negatief zijn.")
    settings = dataclasses.replace(get_settings(), dbname=NATIONAL_DBNAME)
    cluster.start(settings)
    if args.opnieuw:
        cluster.drop_database(settings, settings.dbname)
    cluster.ensure_database(settings)
    install.upgrade(settings.admin())
    with connect(settings.admin()) as conn:
        if conn.execute("SELECT count(*) FROM buurt.gemeente").fetchone()[0]:
            print(f"Database {settings.dbname} bevat al gemeenten; --opnieuw laadt opnieuw.")
            return 0
    started = time.monotonic()
    loaded = nederland.load(settings.admin(), seed=args.zaad if args.zaad is not None else nederland.SEED,
                            gemeenten=args.gemeenten, objecten=args.objecten, programma=args.programma,
                            progress=True)
    print(f"Nederland geladen in {time.monotonic() - started:.0f} s: {loaded.gemeenten} gemeenten, "
          f"{loaded.wijken} wijken, {loaded.buurten} buurten, {loaded.objecten} objecten, "
          f"{loaded.initiatieven} initiatieven, {loaded.buurtdeals} buurtdeals (database {settings.dbname}).")
    return 0


def _demo(args: argparse.Namespace) -> int:
    from spatial_service.demo import amersfoort, hilversum

    if args.nederland:
        return _nederland(args)
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
    service_file = cluster.write_service_file(settings, settings.service_file)
    print(f"QGIS: PGSERVICEFILE={service_file} en verbinding 'service=buurtkaart' (zie README).")
    return 0
