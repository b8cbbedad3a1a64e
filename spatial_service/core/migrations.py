"""Install and upgrade the data model from layers/. Part of the dependency-free core: the QGIS plugin ships it
(see spatial_service/plugin_tools/build.py) and runs the same script through its own connection.

The whole upgrade is one SQL script in one transaction: prelude (extension, roles), the changelogs not yet in
buurt_sys.schema_versie, then the app layer (buurt_app, publiek) dropped and rebuilt.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CHANGELOG_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
APP_SCHEMAS = ("publiek", "buurt_app", "loket", "werkbak")
VERSION_QUERY = (
    "SELECT coalesce(string_agg(versie::text || ':' || controlesom, ',' ORDER BY versie), '') "
    "FROM buurt_sys.schema_versie"
)
HAS_VERSION_TABLE = "SELECT to_regclass('buurt_sys.schema_versie') IS NOT NULL"


class MigrationError(Exception):
    """The database and the changelogs disagree; the message says which file."""


@dataclass(frozen=True)
class Changelog:
    """One file of layers/migrations, read once: the SQL to run and the checksum the database records of it (of
    the file's bytes, so a changed line ending counts as a change too)."""

    version: int
    path: Path
    sql: str
    checksum: str


def changelogs(layers_dir: Path) -> list[Changelog]:
    found = []
    for path in sorted((layers_dir / "migrations").glob("*.sql")):
        m = CHANGELOG_NAME.match(path.name)
        if not m:
            raise MigrationError(f"Changelog {path.name}: naam moet 'NNNN_naam.sql' zijn.")
        found.append(Changelog(int(m.group(1)), path, path.read_text(encoding="utf-8"),
                               hashlib.sha256(path.read_bytes()).hexdigest()[:16]))
    versions = [c.version for c in found]
    if len(set(versions)) != len(versions):
        raise MigrationError("Twee changelogs hebben hetzelfde nummer in layers/migrations.")
    return found


def parse_applied(text: str) -> dict[int, str]:
    """The VERSION_QUERY result ('1:abc,2:def') as {version: checksum}."""
    return {int(v): c for v, c in (item.split(":", 1) for item in text.split(",") if item)}


def applied_versions(scalar: Callable[[str], Any]) -> dict[int, str]:
    """{version: checksum} of an installed database, {} when none; scalar(sql) runs sql and returns its one value
    (a psycopg cursor in the service, QGIS's connection API in the plugin)."""
    if not scalar(HAS_VERSION_TABLE):
        return {}
    return parse_applied(scalar(VERSION_QUERY) or "")


def pending(layers_dir: Path, applied: dict[int, str], upto: int | None = None) -> list[Changelog]:
    result = []
    for log in changelogs(layers_dir):
        if upto is not None and log.version > upto:
            break
        if log.version in applied:
            if applied[log.version] != log.checksum:
                raise MigrationError(
                    f"Changelog {log.path.name} is gewijzigd nadat hij is toegepast "
                    f"(controlesom {applied[log.version]} in de database, {log.checksum} in het bestand). "
                    "Changelogs zijn alleen-vooruit: zet de wijziging in een nieuw bestand."
                )
            continue
        result.append(log)
    return result


def upgrade_script(layers_dir: Path, applied: dict[int, str], upto: int | None = None) -> str:
    """The whole install/upgrade as one script, without BEGIN/COMMIT (the caller owns the transaction).

    With `upto` below the latest changelog (an old version, for upgrade tests) the app layer is left out: it
    is written for the latest tables.
    """
    with_app = upto is None or upto >= latest_version(layers_dir)
    parts = [(layers_dir / "prelude.sql").read_text(encoding="utf-8"), "SET ROLE buurtkaart_owner;"]
    for log in pending(layers_dir, applied, upto):
        parts.append(f"-- changelog {log.path.name}\n{log.sql}")
        # One script of many statements cannot carry bind parameters (the plugin must send it in one call to
        # stay one transaction); none of the three values can hold a quote: an int, a name that passed
        # CHANGELOG_NAME ([0-9a-z_.] only) and a hex digest, all from the shipped files, never user input.
        parts.append(
            "INSERT INTO buurt_sys.schema_versie (versie, bestand, controlesom) "  # nosec B608  # int, CHANGELOG_NAME, hex
            f"VALUES ({log.version}, '{log.path.name}', '{log.checksum}');"
        )
    if with_app:
        parts.extend(f"DROP SCHEMA IF EXISTS {schema} CASCADE;" for schema in APP_SCHEMAS)
        parts.extend(
            f"-- app {path.name}\n{path.read_text(encoding='utf-8')}"
            for path in sorted((layers_dir / "app").glob("*.sql"))
        )
    parts.append("RESET ROLE;")
    return "\n".join(parts)


def latest_version(layers_dir: Path) -> int:
    logs = changelogs(layers_dir)
    return logs[-1].version if logs else 0
