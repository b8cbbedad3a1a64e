"""The client half of every import: one transaction, staging table, COPY, the SQL merge, its rows back."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import psycopg

from spatial_service.db.connection import connect
from spatial_service.errors import BuurtkaartError, database_message, is_rule_violation
from spatial_service.importers.report import ImportResult, Outcome


class ImportRefused(BuurtkaartError):
    """The merge refused the import (or a record); nothing was written."""


def run_merge(dsn: str, result: ImportResult, *, staging: str, columns: Sequence[str],
              rows: Iterable[Sequence[Any]], merge_sql: str, merge_params: Sequence[Any]) -> ImportResult:
    """Make pg_temp.<staging> with buurt_app.<staging>(), fill it from rows (streamed with COPY) and run the
    merge, all in one transaction; the merge's
    rows stream back into result (a server-side cursor: memory stays flat).

    A refusal by the database becomes ImportRefused naming the source; the transaction is rolled back, so
    nothing is written.
    """
    conn = connect(dsn)
    try:
        with conn.transaction():
            conn.execute(f"SELECT buurt_app.{staging}()")
            with conn.cursor() as cur, cur.copy(
                    f"COPY pg_temp.{staging} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    result.read += 1
            with conn.cursor(name="uitkomst") as cur:
                cur.itersize = 5000
                cur.execute(merge_sql, merge_params)
                for record in cur:
                    result.add(Outcome(*record))
        return result
    except psycopg.Error as exc:
        if is_rule_violation(exc) or (exc.sqlstate or "") in {"P0001", "22023", "XX000"}:
            raise ImportRefused(f"{result.source}: {database_message(exc)}") from exc
        raise
    finally:
        conn.close()
