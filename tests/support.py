"""Real components for the tests: the project-local PostGIS cluster and databases made from a template.

The template holds the installed data model plus the Hilversum demo; it is rebuilt only when layers/ or the
demo generator change (its name carries their hash), and each test session copies it (CREATE DATABASE ...
TEMPLATE), which takes well under a second. Nothing here skips: a missing component fails the run.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from spatial_service.db import cluster, install
from spatial_service.paths import LAYERS_DIR, LOCAL_DIR, PACKAGE_DIR
from spatial_service.settings import Settings, get_settings


@dataclass(frozen=True)
class TestDatabase:
    settings: Settings
    name: str

    @property
    def admin_dsn(self) -> str:
        return self.settings.admin(self.name)

    @property
    def editor_dsn(self) -> str:
        return self.settings.editor(self.name)

    @property
    def public_dsn(self) -> str:
        return self.settings.public(self.name)

    @property
    def loket_dsn(self) -> str:
        return self.settings.loket(self.name)

    @property
    def post_dsn(self) -> str:
        return self.settings.post(self.name)

    @property
    def reader_dsn(self) -> str:
        from spatial_service.settings import LOCAL_READER_LOGIN

        return self.settings.local_dsn(LOCAL_READER_LOGIN, self.name)

    def drop(self) -> None:
        cluster.drop_database(self.settings, self.name)


def _content_hash() -> str:
    h = hashlib.sha256()
    files = sorted(LAYERS_DIR.rglob("*.sql")) + sorted((PACKAGE_DIR / "demo").rglob("*.py"))
    for path in files:
        h.update(path.relative_to(LAYERS_DIR.parent).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


def ensure_cluster() -> Settings:
    settings = get_settings()
    cluster.start(settings)
    return settings


def template_name(with_demo: bool) -> str:
    return f"bk_tmpl_{'demo' if with_demo else 'leeg'}_{_content_hash()}"


def ensure_template(settings: Settings, with_demo: bool = True) -> str:
    """Build the template database once per content hash; a file lock keeps parallel sessions apart."""
    name = template_name(with_demo)
    LOCAL_DIR.mkdir(exist_ok=True)
    with open(LOCAL_DIR / "template.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if cluster.psql(settings, f"SELECT 1 FROM pg_database WHERE datname = '{name}' AND datistemplate"):
            return name
        building = f"{name}_bouw"
        cluster.drop_database(settings, building)
        cluster.ensure_database(settings, building)
        install.upgrade(settings.admin(building))
        if with_demo:
            from spatial_service.demo import hilversum

            hilversum.load(settings.admin(building))
        cluster.psql(settings, f'ALTER DATABASE "{building}" RENAME TO "{name}"')
        cluster.psql(settings, f"UPDATE pg_database SET datistemplate = true WHERE datname = '{name}'")
        _drop_stale_templates(settings, keep=name)
        return name


def _drop_stale_templates(settings: Settings, keep: str) -> None:
    prefix = keep.rsplit("_", 1)[0] + "_"
    stale = cluster.psql(settings, f"SELECT datname FROM pg_database WHERE datname LIKE '{prefix}%' "
                                   f"AND datname <> '{keep}'").split()
    for name in stale:
        cluster.psql(settings, f"UPDATE pg_database SET datistemplate = false WHERE datname = '{name}'")
        cluster.drop_database(settings, name)


def new_database(settings: Settings, *, with_demo: bool = True, empty: bool = False) -> TestDatabase:
    """A fresh database for a test session or test: a copy of the template, or empty (nothing installed)."""
    name = f"bk_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    template = None if empty else ensure_template(settings, with_demo)
    cluster.ensure_database(settings, name, template=template)
    return TestDatabase(settings, name)


@contextmanager
def temporary_database(settings: Settings, *, with_demo: bool = True, empty: bool = False) -> Iterator[TestDatabase]:
    """`new_database` for the length of a block (a fixture, a test or a benchmark), dropped afterwards."""
    db = new_database(settings, with_demo=with_demo, empty=empty)
    try:
        yield db
    finally:
        db.drop()


def drop_leftover_test_databases(settings: Settings) -> None:
    """Databases of crashed earlier sessions (pid no longer alive)."""
    for name in cluster.psql(settings, "SELECT datname FROM pg_database WHERE datname LIKE 'bk_test_%'").split():
        pid = int(name.split("_")[2])
        if not Path(f"/proc/{pid}").exists():
            cluster.drop_database(settings, name)
