"""Fixtures of the resident's pages: a private copy of the demo database (the tests submit, confirm and change
statuses, all committed), the live service on it, and a real Chromium."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from tests.service.conftest import RunningServer, serving
from tests.support import TestDatabase, temporary_database
from tests.viewer.browser import chromium


@pytest.fixture(scope="module")
def site_db(pg_settings) -> Iterator[TestDatabase]:
    """One demo copy per module, the demo's residents' rows kept (unlike tests/conftest.py's per-test `loket_db`):
    the service on it is started once per module, and the privacy test looks for those rows' names on every page."""
    with temporary_database(pg_settings) as db:
        yield db


@pytest.fixture(scope="module")
def site(site_db) -> Iterator[RunningServer]:
    """The service on the module's database; no base map (the tests run offline)."""
    with serving(site_db, basemap="geen") as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as b:
        yield b
