"""The tile service's connections: the pool hands out the connection returned last (app.LifoConnectionPool), and
every statement the virtuele stad asks for is prepared on each connection before the first visitor comes
(TileService.warm)."""

from __future__ import annotations

import asyncio

from spatial_service.web.app import LifoConnectionPool
from spatial_service.web.service import shape_key
from tests.service.conftest import start_server
from tests.service.helpers import CENTRUM, tile_at


async def _backends(dsn: str) -> tuple[list[int], list[int], int]:
    pool = LifoConnectionPool(dsn, min_size=4, max_size=4, open=False, kwargs={"autocommit": True})
    await pool.open(wait=True, timeout=30)
    try:
        async def pid() -> int:
            async with pool.connection() as conn:
                return (await (await conn.execute("SELECT pg_backend_pid()")).fetchone())[0]

        one_by_one = [await pid() for _ in range(8)]
        # three held at once are three backends; the one returned last is the next one handed out
        held = [await pool.getconn() for _ in range(3)]
        pids = [(await (await c.execute("SELECT pg_backend_pid()")).fetchone())[0] for c in held]
        for conn in held:
            await pool.putconn(conn)
        return one_by_one, pids, await pid()
    finally:
        await pool.close()


def test_the_pool_hands_out_the_connection_returned_last(demo_db):
    one_by_one, held, next_after = asyncio.run(_backends(demo_db.public_dsn))
    assert len(set(one_by_one)) == 1, f"one visitor after another went to backends {one_by_one}"
    assert len(set(held)) == 3
    assert next_after == held[-1], f"returned last: {held[-1]}, handed out next: {next_after}"


def test_every_statement_of_the_viewers_tile_is_warmed(fresh_db):
    running = start_server(fresh_db)
    try:
        svc = running.server.config.app.state.tiles
        warmed = {shape_key(layers, filters) for layers, filters in svc.warm_shapes()}
        asked: list[tuple] = []
        statement = svc.statement

        def recording(layers, filters, conn):
            asked.append(shape_key(layers, filters))
            return statement(layers, filters, conn)

        svc.statement = recording
        with running.client() as client:
            source = client.get("/style.json").json()["sources"]
            url = next(iter(source.values()))["url"]
            template = client.get(url).json()["tiles"][0]
            viewer_layers = template.split("/tiles/")[1].split("/")[0]
            assert len(viewer_layers.split(",")) == len(svc.compiled)
            for z in range(23):
                _, x, y = tile_at(*CENTRUM, z)
                for prefix in ("", "/g/GM0402"):
                    r = client.get(f"{prefix}/tiles/{viewer_layers}/{z}/{x}/{y}.pbf")
                    assert r.status_code == 200 and r.headers["x-cache"] == "MISS", (prefix, z, r.text[:200])
        assert asked, "no tile statement was asked for"
        assert set(asked) <= warmed, sorted(set(asked) - warmed)
        assert any(filters for _, filters in set(asked))  # the gemeente's own map was among them
    finally:
        running.stop()
