"""A real uvicorn server on loopback (in a thread) serving the demo database through the public role."""

from __future__ import annotations

import contextlib
import dataclasses
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest
import uvicorn

from spatial_service.web.app import create_app
from tests.support import TestDatabase


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class RunningServer:
    url: str
    server: uvicorn.Server
    thread: threading.Thread
    db: TestDatabase

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=30)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)


def start_server(db: TestDatabase, **overrides) -> RunningServer:
    settings = dataclasses.replace(db.settings, dbname=db.name, **overrides)
    port = free_port()
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning",
                            access_log=False, lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            r = httpx.get(f"{url}/health", timeout=2)
            if r.status_code == 200 and r.json()["luistert"]:
                return RunningServer(url, server, thread, db)
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    server.should_exit = True
    raise AssertionError(f"de tegelservice kwam niet op in 30 s ({url})")


@contextlib.contextmanager
def serving(db: TestDatabase, **overrides) -> Iterator[RunningServer]:
    """start_server for the length of a with block (a fixture's body), stopped however it ends."""
    running = start_server(db, **overrides)
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="session")
def server(demo_db) -> Iterator[RunningServer]:
    """The service on the session's demo database (read-only use)."""
    with serving(demo_db) as running:
        yield running


@pytest.fixture
def client(server) -> Iterator[httpx.Client]:
    with server.client() as c:
        yield c
