"""Shared fixtures. Components are real (PostGIS cluster, QGIS, HTTP, Chromium) and never skipped."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import psycopg
import pytest

from tests.mailserver import SmtpServer
from tests.support import TestDatabase, drop_leftover_test_databases, ensure_cluster, temporary_database

if TYPE_CHECKING:
    from tests.service.conftest import RunningServer
    from tests.werkbak_gebruikers import WerkbakUser

WERKBAK_WIJK = "WK040202"  # the werkbak member's werkgebied: Noordwest, in the Hilversum demo


@pytest.fixture(scope="session")
def pg_settings():
    settings = ensure_cluster()
    drop_leftover_test_databases(settings)
    return settings


@pytest.fixture(scope="session")
def demo_db(pg_settings) -> Iterator[TestDatabase]:
    """One database with the data model and the Hilversum demo for the whole session. Tests that change
    data use `fresh_db` or roll back (`admin_conn` / `editor_conn`)."""
    with temporary_database(pg_settings) as db:
        yield db


@pytest.fixture(scope="module")
def two_gemeenten_db(pg_settings) -> Iterator[TestDatabase]:
    """The Hilversum demo plus a small Amersfoort (tests/gemeenten.py) for one test module: /g/<code>/ and the
    exports per gemeente."""
    from tests.gemeenten import two_gemeenten

    db = two_gemeenten(pg_settings)
    yield db
    db.drop()


@pytest.fixture(scope="module")
def werkbak_site(two_gemeenten_db) -> Iterator[RunningServer]:
    """The service on `two_gemeenten_db` for one module of werkbak tests (pages, login), over real HTTP."""
    from tests.service.conftest import serving

    with serving(two_gemeenten_db) as running:
        yield running


@pytest.fixture(scope="module")
def wijkteamlid(two_gemeenten_db) -> Iterator[WerkbakUser]:
    """A GM0402 werkbak user (a real login role) whose werkgebied is wijk WERKBAK_WIJK (Noordwest)."""
    from tests.werkbak_gebruikers import werkbak_user

    with werkbak_user(two_gemeenten_db, wijken=(WERKBAK_WIJK,)) as made:
        yield made


@pytest.fixture(scope="module")
def module_db(pg_settings) -> Iterator[TestDatabase]:
    """A private copy of the demo database for one test module that commits (the worker-process tests)."""
    with temporary_database(pg_settings) as db:
        yield db


@pytest.fixture(scope="module")
def two_workers(module_db, tmp_path_factory):
    """`buurtkaart serve --workers 2 --ogc-workers 1` on `module_db`: real processes under the supervisor."""
    from tests.service.processes import serve

    with serve(module_db, tmp_path_factory.mktemp("workers"), workers=2, ogc_workers=1) as running:
        yield running


@pytest.fixture
def fresh_db(pg_settings) -> Iterator[TestDatabase]:
    """A private copy of the demo database for one test that commits."""
    with temporary_database(pg_settings) as db:
        yield db


def _rolled_back(dsn: str) -> Iterator[psycopg.Connection]:
    conn = psycopg.connect(dsn)
    try:
        yield conn
    finally:
        conn.rollback()
        conn.close()


@pytest.fixture
def admin_conn(demo_db) -> Iterator[psycopg.Connection]:
    """Superuser connection to the demo database; everything is rolled back after the test."""
    yield from _rolled_back(demo_db.admin_dsn)


@pytest.fixture
def editor_conn(demo_db) -> Iterator[psycopg.Connection]:
    """GIS-staff (buurtkaart_editor) connection; rolled back after the test."""
    yield from _rolled_back(demo_db.editor_dsn)


@pytest.fixture(scope="module")
def buurtkaart_provider(qgis_processing):
    """The plugin's Processing provider from the source tree, for algorithm tests outside tests/qgis; removed
    afterwards so the plugin tests can register their own."""
    import importlib

    import spatial_service.plugin_tools  # noqa: F401  (puts the source plugin, shared packages linked, on sys.path)
    from tests.qgis_registry import registered_provider  # imports QGIS: only for the tests that ask for it
    with registered_provider(importlib.import_module("buurtkaart.processing.provider"), replace=True) as instance:
        yield instance


@pytest.fixture
def loket_db(pg_settings) -> Iterator[TestDatabase]:
    """A private copy of the demo for a test of the residents' pages that commits, without the demo's own
    residents' rows (spatial_service/demo/bewoners.py), so the test counts only the mails and rows it made."""
    from tests.db.loket_helpers import without_demo_residents

    with temporary_database(pg_settings) as db:
        yield without_demo_residents(db)


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    """A real SMTP server (aiosmtpd) on a free loopback port: `.host`, `.port`, `.messages` (each with `.subject`,
    `.text`, `.html`, `.rcpt_tos`), `.wait_for(n)`, and `.stop()`/`.start()` for a mail server that is down."""
    server = SmtpServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()
