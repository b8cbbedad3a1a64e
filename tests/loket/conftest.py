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
def loket_db(pg_settings) -> Iterator[TestDatabase]:
    with temporary_database(pg_settings) as db:
        yield db


@pytest.fixture(scope="module")
def site(loket_db) -> Iterator[RunningServer]:
    """The service on the module's database; no base map (the tests run offline)."""
    with serving(loket_db, basemap="geen") as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as b:
        yield b
