"""Fixtures of the viewer tests: one Chromium, the live service and the static site on a real nginx."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.service.conftest import RunningServer, serving
from tests.service.test_cli import cli_env
from tests.viewer.browser import chromium
from tests.viewer.nginx import Nginx, start_nginx

BUURTKAART = str(Path(sys.executable).parent / "buurtkaart")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    # per module: Playwright's sync API allows one instance at a time, and other test modules start their own
    with chromium() as b:
        yield b


@pytest.fixture(scope="session")
def live(demo_db) -> Iterator[RunningServer]:
    with serving(demo_db) as running:
        yield running


@pytest.fixture(scope="session")
def site_dir(demo_db, tmp_path_factory) -> Path:
    """`buurtkaart export-site` as a user runs it, on the demo database (no tile service involved)."""
    target = tmp_path_factory.mktemp("site") / "virtuele-stad"
    done = subprocess.run([BUURTKAART, "export-site", str(target), "--minzoom", "9", "--maxzoom", "16"],
                          env=cli_env(demo_db), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "Virtuele stad geschreven" in done.stdout and "tegels" in done.stderr  # result and progress
    return target


@pytest.fixture(scope="session")
def static_host(site_dir, tmp_path_factory) -> Iterator[Nginx]:
    host = start_nginx(site_dir, tmp_path_factory.mktemp("nginx"))
    yield host
    host.stop()
