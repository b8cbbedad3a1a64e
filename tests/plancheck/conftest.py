"""Fixtures of the plan-check tests: an installed database holding only the constructed municipality."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from tests.plancheck import world
from tests.support import TestDatabase, new_database


@pytest.fixture(scope="session")
def world_db(pg_settings) -> Iterator[TestDatabase]:
    db = new_database(pg_settings, with_demo=False)
    world.build(db.admin_dsn)
    yield db
    db.drop()


@pytest.fixture
def world_conn(world_db) -> Iterator[psycopg.Connection]:
    """Admin connection to the constructed municipality; rolled back after the test."""
    conn = psycopg.connect(world_db.admin_dsn)
    try:
        yield conn
    finally:
        conn.rollback()
        conn.close()
