"""buurtkaart db start|stop|status|install|upgrade|service-file."""

from __future__ import annotations

import argparse

from spatial_service.db import cluster, install
from spatial_service.db.connection import describe_dsn
from spatial_service.settings import get_settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("db", help="de lokale PostgreSQL-cluster en het datamodel")
    dbsub = p.add_subparsers(dest="db_command", metavar="ACTIE", required=True)

    s = dbsub.add_parser("start", help="start de projectlokale cluster (maakt hem zo nodig aan)")
    s.set_defaults(func=_start)
    s = dbsub.add_parser("stop", help="stop de projectlokale cluster")
    s.set_defaults(func=_stop)
    s = dbsub.add_parser("status", help="draait de cluster, en welke schemaversie heeft de database?")
    s.set_defaults(func=_status)
    for name, helptext in (("install", "installeer het datamodel (idempotent: werkt ook als upgrade)"),
                           ("upgrade", "voer nieuwe changelogs uit en bouw de app-laag opnieuw op")):
        s = dbsub.add_parser(name, help=helptext)
        s.add_argument("--dsn", help="verbinding, bv. 'service=gemeente_gis' of 'host=... dbname=...' "
                                     "(standaard: de lokale cluster); wachtwoorden via ~/.pgpass, niet hier")
        s.add_argument("--tot", type=int, metavar="VERSIE", help="alleen changelogs tot en met deze versie")
        s.set_defaults(func=_upgrade)
    s = dbsub.add_parser("service-file", help="schrijf de pg_service.conf van deze cluster "
                                              "(.local/pg_service.conf) voor QGIS en de service")
    s.set_defaults(func=_service_file)


def _start(args: argparse.Namespace) -> int:
    settings = get_settings()
    cluster.start(settings)
    cluster.ensure_database(settings)
    path = cluster.write_service_file(settings, settings.service_file)
    print(f"PostgreSQL draait: {settings.cluster_dir} (poort {settings.port}); diensten in {path}")
    return 0


def _stop(args: argparse.Namespace) -> int:
    cluster.stop(get_settings())
    print("PostgreSQL gestopt.")
    return 0


def _status(args: argparse.Namespace) -> int:
    settings = get_settings()
    running = cluster.status(settings)
    print(f"cluster {settings.cluster_dir}: {'draait' if running else 'draait niet'} (poort {settings.port})")
    if running:
        version = install.schema_version(settings.admin())
        print(f"database {settings.dbname}: "
              + (f"schemaversie {version}" if version else "geen Buurtkaart-database (nog niet geïnstalleerd)"))
        if version:
            from spatial_service.db import overview

            for line in overview.describe(overview.contents(settings.admin())):
                print(f"  {line}")
    return 0 if running else 1


def _upgrade(args: argparse.Namespace) -> int:
    settings = get_settings()
    dsn = args.dsn or settings.admin()
    if not args.dsn:
        cluster.start(settings)
        cluster.ensure_database(settings)
    result = install.upgrade(dsn, upto=args.tot)
    done = ", ".join(result.applied) if result.applied else "geen nieuwe changelogs"
    print(f"{describe_dsn(dsn)}: schemaversie {result.version} ({done}); app-laag opnieuw opgebouwd.")
    return 0


def _service_file(args: argparse.Namespace) -> int:
    settings = get_settings()
    path = cluster.write_service_file(settings, settings.service_file)
    print(path)
    return 0
