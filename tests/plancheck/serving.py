"""Serve an ASGI app with a real uvicorn on loopback (in a thread) for the HTTP tests."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import AsyncIterator, Iterator

import httpx
import uvicorn
from psycopg_pool import AsyncConnectionPool
from starlette.applications import Starlette

from spatial_service.web import plancheck


def minimal_app(public_dsn: str) -> Starlette:
    """Only the plan-check routes, with the service's contract: app.state.pool on the public role."""

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        pool = AsyncConnectionPool(public_dsn, min_size=1, max_size=2, open=False, kwargs={"autocommit": True})
        await pool.open(wait=True)
        app.state.pool = pool
        try:
            yield
        finally:
            await pool.close()

    return Starlette(routes=plancheck.routes(), lifespan=lifespan)


@contextlib.contextmanager
def serve(app: Starlette) -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           access_log=False, lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            server.should_exit = True
            raise AssertionError(f"uvicorn kwam niet op ({url})")
        time.sleep(0.05)
    try:
        yield url
    finally:
        server.should_exit = True
        thread.join(timeout=15)


def post_plan(url: str, body: object, **params: object) -> httpx.Response:
    import json

    content = body if isinstance(body, (bytes, str)) else json.dumps(body)
    return httpx.post(f"{url}/plancheck", content=content, params=params, timeout=30,
                      headers={"Content-Type": "application/geo+json"})
