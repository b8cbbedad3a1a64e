"""Fixtures for the buurtmonitor: a fingerprint over every figure table (equal = nothing written)."""

from __future__ import annotations

import psycopg

FIGURE_TABLES = {
    "buurt.buurtcijfer": "buurtcode, indicator, jaar", "buurt.wijkcijfer": "wijkcode, indicator, jaar",
    "buurt.gemeentecijfer": "gemeentecode, indicator, jaar", "buurt.budgetverdeling": "wijkcode, jaar",
    "buurt_sys.wijziging": "id",
}


def fingerprint(dsn: str) -> dict[str, tuple[int, str]]:
    out = {}
    with psycopg.connect(dsn) as conn:
        for table, key in FIGURE_TABLES.items():
            out[table] = conn.execute(
                f"SELECT count(*), coalesce(md5(string_agg(t::text, '|' ORDER BY {key})), '') FROM {table} t"
            ).fetchone()
    return out


def rows(dsn: str, sql: str, params: tuple = ()) -> list[tuple]:
    with psycopg.connect(dsn) as conn:
        return conn.execute(sql, params).fetchall()
