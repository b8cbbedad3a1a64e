"""The resident's pages talk to the database through schema `loket` only (role buurtkaart_loket: EXECUTE on its
functions, nothing else), on a pool of their own (`settings.loket()`), so a burst of submissions never takes a
tile connection and the tile role never gets a write door.

The functions say everything (CONTRACT21): SQLSTATE 23514 is a rule's refusal (Dutch message, shown on the form
with the input kept), BK429 too many requests from one address, P0002 an unknown, used or expired token (or an
initiative that cannot be supported). This module turns those into exceptions the pages answer; it checks no rule
itself."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

import psycopg
from psycopg_pool import AsyncConnectionPool, PoolTimeout
from starlette.applications import Starlette
from starlette.requests import Request

from spatial_service.db.connection import DatabaseUnavailable
from spatial_service.errors import database_message

log = logging.getLogger(__name__)

POOL_SIZE = 4
STATEMENT_TIMEOUT_MS = 5_000
RATE_LIMITED = "BK429"
NOT_FOUND = "P0002"
# a refusal's column (diag.column_name, when the function names one: RAISE ... USING COLUMN) -> the form field
# that shows the message beside it; without one the message stands at the top of the form
COLUMN_FIELDS = {"indiener_naam": "naam", "indiener_email": "email", "email": "email", "geom": "waar",
                 "buurtcode": "waar", "geojson": "waar"}
# when the function gives no Retry-After of its own (an integer in its HINT), the resident is told an hour
DEFAULT_RETRY_AFTER_S = 3600


class Refused(Exception):
    """A rule's refusal: the Dutch message and, when the function named it, the form field."""

    def __init__(self, message: str, field: str | None) -> None:
        super().__init__(message)
        self.field = field


class TooMany(Exception):
    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class Unknown(Exception):
    pass


def _field(exc: psycopg.Error) -> str | None:
    column = exc.diag.column_name
    return COLUMN_FIELDS.get(column, column) if column else None


def _retry_after(exc: psycopg.Error) -> int:
    hint = (exc.diag.message_hint or "").strip()
    for word in hint.split():
        if word.isdigit():
            return int(word)
    return DEFAULT_RETRY_AFTER_S


def translate(exc: psycopg.Error) -> Exception | None:
    """The page's exception for a database answer the resident can act on; None for anything else (a bug)."""
    state = exc.sqlstate or ""
    if state == "23514":
        return Refused(database_message(exc), _field(exc))
    if state == RATE_LIMITED:
        return TooMany(exc.diag.message_primary or "Te veel verzoeken.", _retry_after(exc))
    if state == NOT_FOUND:
        return Unknown(exc.diag.message_primary or "Niet gevonden.")
    return None


async def call(request: Request, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    """One loket function call in its own transaction; its rows, or Refused / TooMany / Unknown."""
    pool: AsyncConnectionPool = request.app.state.loket_pool
    try:
        async with pool.connection(timeout=10) as conn, conn.transaction():
            await conn.execute(f"SET LOCAL statement_timeout = {int(STATEMENT_TIMEOUT_MS)}")
            cur = await conn.execute(sql, params)
            return await cur.fetchall() if cur.description else []
    except PoolTimeout as exc:
        raise DatabaseUnavailable("De database is nu niet bereikbaar of het is te druk.") from exc
    except psycopg.OperationalError as exc:
        raise DatabaseUnavailable("De database is nu niet bereikbaar.") from exc
    except psycopg.Error as exc:
        mapped = translate(exc)
        if mapped is None:
            raise
        raise mapped from exc


@contextlib.asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    settings = app.state.settings
    pool = AsyncConnectionPool(settings.loket(), min_size=1, max_size=POOL_SIZE, open=False,
                               kwargs={"autocommit": True}, name="buurtkaart-loket")
    await pool.open(wait=False)
    app.state.loket_pool = pool
    try:
        yield
    finally:
        await pool.close()
