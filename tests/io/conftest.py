"""Fixtures for import/export tests: private databases (they commit), a fingerprint of the data."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest

from tests.support import TestDatabase, temporary_database
from tests.table_state import Tables, rows  # noqa: F401  (for the import tests)

IMPORTED = Tables({
    "buurt.gemeente": "code", "buurt.wijk": "code", "buurt.buurt": "code", "buurt.beheerobject": "id",
    "buurt.peiling": "id", "buurt.initiatief": "id", "buurt.buurtdeal": "id", "buurt_sys.wijziging": "id",
})
fingerprint = IMPORTED.fingerprint
refused_unchanged = IMPORTED.refused_unchanged


@pytest.fixture(scope="module")
def provider(buurtkaart_provider):
    """The Buurtkaart Processing provider for the QGIS import tests (registered once per module)."""
    return buurtkaart_provider


@pytest.fixture
def two_databases(pg_settings) -> Iterator[list[TestDatabase]]:
    """Two private demo databases: one for the CLI, one for QGIS, compared afterwards."""
    with temporary_database(pg_settings) as cli_db, temporary_database(pg_settings) as qgis_db:
        yield [cli_db, qgis_db]


@pytest.fixture
def model_db(pg_settings) -> Iterator[TestDatabase]:
    """The data model without the demo (no boundaries yet), private to one test."""
    with temporary_database(pg_settings, with_demo=False) as db:
        yield db



@pytest.fixture(autouse=True)
def _no_saved_connection_left() -> Iterator[None]:
    """The QGIS connections a Processing test saved (test_qgis_import.saved_connection) are deleted after it."""
    yield
    registry = sys.modules.get("tests.qgis_registry")  # loaded only by the tests that use QGIS
    if registry is not None and registry.REMEMBERED:
        left = registry.forget_remembered()
        assert not left, f"QGIS-verbindingen niet verwijderd: {left}"
