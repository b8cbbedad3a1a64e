"""Install/upgrade the data model in any PostgreSQL reachable by a DSN or service= name."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import psycopg

from spatial_service.core import migrations
from spatial_service.db.connection import connect
from spatial_service.paths import LAYERS_DIR


@dataclass(frozen=True)
class UpgradeResult:
    applied: list[str]
    version: int


def applied_versions(conn: psycopg.Connection) -> dict[int, str]:
    return migrations.applied_versions(lambda sql: conn.execute(sql).fetchone()[0])


def upgrade(dsn: str, *, upto: int | None = None, layers_dir: Path = LAYERS_DIR) -> UpgradeResult:
    """Apply pending changelogs and rebuild the app layer, all in one transaction."""
    conn = connect(dsn)
    try:
        with conn.transaction():
            applied = applied_versions(conn)
            todo = migrations.pending(layers_dir, applied, upto)
            conn.execute(migrations.upgrade_script(layers_dir, applied, upto))
        version = max([*applied, *(c.version for c in todo)], default=0)
        return UpgradeResult([c.path.name for c in todo], version)
    finally:
        conn.close()


def schema_version(dsn: str) -> int | None:
    """The installed changelog version, or None when this is not (yet) a Buurtkaart database."""
    with connect(dsn) as conn:
        applied = applied_versions(conn)
    return max(applied) if applied else None
