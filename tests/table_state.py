"""A test database read from outside the code under test: the rows of a query, and a fingerprint of tables (row
count and an md5 over every row) that shows an import or a refusal wrote nothing."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

import psycopg
import pytest

from spatial_service.importers.staging import ImportRefused


def rows(dsn: str, sql: str, params: tuple = ()) -> list[tuple]:
    with psycopg.connect(dsn) as conn:
        return conn.execute(sql, params).fetchall()


@dataclass(frozen=True)
class Tables:
    """Tables with the columns that order their rows (comma-separated), fingerprinted together."""

    keys: Mapping[str, str]

    def fingerprint(self, dsn: str) -> dict[str, tuple[int, str]]:
        """Row count and an md5 over every row of each table: equal fingerprints = nothing written."""
        out = {}
        with psycopg.connect(dsn) as conn:
            for table, key in self.keys.items():
                out[table] = conn.execute(
                    f"SELECT count(*), coalesce(md5(string_agg(t::text, '|' ORDER BY {key})), '') FROM {table} t"
                ).fetchone()
        return out

    @contextmanager
    def refused_unchanged(self, dsn: str, exception: type[Exception] = ImportRefused,
                          match: str | None = None) -> Iterator[pytest.ExceptionInfo]:
        """The block must raise `exception` (an import refused as a whole) and leave these tables as they were."""
        before = self.fingerprint(dsn)
        with pytest.raises(exception, match=match) as refused:
            yield refused
        assert self.fingerprint(dsn) == before


def assert_refusal_names(message: str, opening: str, *named: str) -> None:
    """A refusal as a whole: it opens with `opening` and names each of the rows and fields in `named` (all
    missing ones are listed, not only the first)."""
    assert message.startswith(opening), message
    missing = [part for part in named if part not in message]
    assert not missing, f"niet genoemd: {missing}\nin: {message}"
