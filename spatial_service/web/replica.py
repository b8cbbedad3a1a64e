"""Cache invalidation that waits for the read replica: LSN-safe under replication lag.

With tiles read from a streaming replica, an invalidation applied as soon as the primary's NOTIFY arrives would
let the next request re-read the tile from a replica that has not yet replayed the edit and cache that stale
tile until the next edit. So every invalidation carries the primary's WAL position taken after the commit (the
NOTIFY is delivered after the commit; the trigger's own pg_current_wal_lsn() lies before the commit record and
is not enough: a delayed standby replays the row changes at once and only the commit late) and takes effect once
pg_last_wal_replay_lsn() on the replica has passed it. A wait beyond `replay_wait_s` applies it anyway (the map
must not stand still behind a broken replica) and applies it once more when the replica does get there, so a
tile cached in between never outlives the replay.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import psycopg
from psycopg_pool import AsyncConnectionPool, PoolTimeout

log = logging.getLogger(__name__)

POLL_SECONDS = 0.05


def payload_lsn(payload: str) -> int:
    """The "lsn" of a buurt_app.tg_tegels notification, 0 when absent or unreadable (never an error: any role
    can NOTIFY the channel)."""
    try:
        return parse_lsn(json.loads(payload)["lsn"])
    except Exception:
        return 0


def parse_lsn(text: str) -> int:
    """'16/B374D848' -> a comparable integer."""
    high, low = text.split("/")
    return (int(high, 16) << 32) | int(low, 16)


@dataclass
class Pending:
    lsn: int
    received: float
    apply: Callable[[], object]
    forced: bool = False  # applied before the replica got there; applied again when it does


@dataclass
class ReplicaSync:
    """Holds invalidations until the replica has replayed them. `primary_dsn` is where the LSN is read (the
    LISTEN database), `pool` the replica's tile pool."""

    primary_dsn: str
    pool: AsyncConnectionPool
    replay_wait_s: float
    pending: list[Pending] = field(default_factory=list)
    replayed: int = 0  # the replica's last replay position seen
    primary: int = 0  # the primary's last position seen
    forced: int = 0
    _wake: asyncio.Event = field(default_factory=asyncio.Event)
    _conn: psycopg.AsyncConnection | None = None

    async def primary_lsn(self) -> int:
        """The primary's current WAL write position, on a connection of its own (the LISTEN one is busy)."""
        for attempt in range(2):
            try:
                if self._conn is None or self._conn.closed:
                    self._conn = await psycopg.AsyncConnection.connect(self.primary_dsn, autocommit=True,
                                                                       connect_timeout=5)
                row = await (await self._conn.execute("SELECT pg_current_wal_lsn()::text")).fetchone()
                self.primary = parse_lsn(row[0])
                return self.primary
            except psycopg.OperationalError:
                with contextlib.suppress(Exception):
                    if self._conn is not None:
                        await self._conn.close()
                self._conn = None
                if attempt:
                    raise
        raise AssertionError("unreachable")

    async def submit(self, apply: Callable[[], object], at_least: int = 0) -> None:
        """Queue `apply` behind the primary's current position (never below `at_least`, the position in the
        payload). If the primary cannot say where it is (it went away right after the commit), wait for the
        replica to pass the last known position and beyond."""
        try:
            lsn = max(await self.primary_lsn(), at_least)
        except psycopg.Error:
            lsn = max(self.primary, at_least) + 1
        self.pending.append(Pending(lsn, time.monotonic(), apply))
        self._wake.set()

    async def replica_lsn(self) -> int | None:
        async with self.pool.connection(timeout=2) as conn:
            row = await (await conn.execute(
                "SELECT coalesce(pg_last_wal_replay_lsn(), pg_current_wal_lsn())::text")).fetchone()
        # pg_current_wal_lsn() fails during recovery, pg_last_wal_replay_lsn() is NULL outside it: coalesce only
        # evaluates the second when the first is NULL, i.e. on a primary (a replica promoted to primary)
        return parse_lsn(row[0]) if row and row[0] else None

    async def refresh(self) -> None:
        """Read both positions now (for /health); an unreachable side keeps its last known value."""
        with contextlib.suppress(psycopg.Error, PoolTimeout):
            await self.primary_lsn()
        with contextlib.suppress(psycopg.Error, PoolTimeout):
            lsn = await self.replica_lsn()
            if lsn is not None:
                self.replayed = lsn

    def lag_seconds(self) -> float:
        """How long the oldest invalidation has waited for the replica (0 when none waits)."""
        waiting = [p.received for p in self.pending]
        return time.monotonic() - min(waiting) if waiting else 0.0

    def lag_bytes(self) -> int:
        return max(0, self.primary - self.replayed)

    async def run(self) -> None:
        while True:
            if not self.pending:
                self._wake.clear()
                await self._wake.wait()
            try:
                lsn = await self.replica_lsn()
            except (psycopg.Error, PoolTimeout):
                lsn = None  # the replica restarts: keep waiting (bounded below)
            if lsn is not None:
                self.replayed = lsn
            now = time.monotonic()
            keep = []
            for item in self.pending:
                if lsn is not None and lsn >= item.lsn:
                    item.apply()
                elif not item.forced and now - item.received > self.replay_wait_s:
                    log.warning("replica na %.0f s nog niet bij WAL-positie %X; tegels toch ververst",
                                self.replay_wait_s, item.lsn)
                    item.apply()
                    item.forced = True
                    self.forced += 1
                    keep.append(item)
                else:
                    keep.append(item)
            self.pending = keep
            if self.pending:
                await asyncio.sleep(POLL_SECONDS)

    async def close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(Exception):
                await self._conn.close()
