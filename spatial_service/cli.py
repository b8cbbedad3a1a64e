"""The `buurtkaart` command. Each module in spatial_service.commands adds its own subcommands via
register(subparsers); they are found automatically, so a new command is one new module."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

import psycopg

from spatial_service import commands
from spatial_service.core.catalogue import CatalogueError
from spatial_service.core.migrations import MigrationError
from spatial_service.errors import BuurtkaartError, database_message, is_rule_violation


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="buurtkaart",
        description="Buurtkaart: buurtinitiatieven, buurtdeals en openbare ruimte (PostGIS, QGIS, virtuele stad).",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("Afgebroken.", file=sys.stderr)
        return 130
    except (BuurtkaartError, MigrationError, CatalogueError) as exc:
        print(f"buurtkaart: {exc}", file=sys.stderr)
        return 2
    except psycopg.Error as exc:
        if not is_rule_violation(exc):
            raise
        print(f"buurtkaart: geweigerd door de database: {database_message(exc)}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
