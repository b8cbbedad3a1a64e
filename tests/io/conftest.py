"""Fixtures for import/export tests: private databases (they commit), a fingerprint of the data."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from tests.support import TestDatabase, new_database

FINGERPRINT_TABLES = {
    "buurt.gemeente": "code", "buurt.wijk": "code", "buurt.buurt": "code", "buurt.beheerobject": "id",
    "buurt.peiling": "id", "buurt.initiatief": "id", "buurt.buurtdeal": "id", "buurt_sys.wijziging": "id",
}


@pytest.fixture(scope="module")
def provider(buurtkaart_provider):
    """The Buurtkaart Processing provider for the QGIS import tests (registered once per module)."""
    return buurtkaart_provider


@pytest.fixture
def two_databases(pg_settings) -> Iterator[list[TestDatabase]]:
    """Two private demo databases: one for the CLI, one for QGIS, compared afterwards."""
    dbs = [new_database(pg_settings) for _ in range(2)]
    yield dbs
    for db in dbs:
        db.drop()


@pytest.fixture
def model_db(pg_settings) -> Iterator[TestDatabase]:
    """The data model without the demo (no boundaries yet), private to one test."""
    db = new_database(pg_settings, with_demo=False)
    yield db
    db.drop()


def fingerprint(dsn: str) -> dict[str, tuple[int, str]]:
    """Row count and an md5 over every row of each table: equal fingerprints = nothing written."""
    out = {}
    with psycopg.connect(dsn) as conn:
        for table, key in FINGERPRINT_TABLES.items():
            out[table] = conn.execute(
                f"SELECT count(*), coalesce(md5(string_agg(t::text, '|' ORDER BY t.{key})), '') FROM {table} t"
            ).fetchone()
    return out


def rows(dsn: str, sql: str, params: tuple = ()) -> list[tuple]:
    with psycopg.connect(dsn) as conn:
        return conn.execute(sql, params).fetchall()
