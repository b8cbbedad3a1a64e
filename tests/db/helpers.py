"""Small SQL helpers for database tests."""

from __future__ import annotations

import psycopg
import pytest


def buurt_centre(conn: psycopg.Connection, code: str) -> tuple[float, float]:
    """A point well inside a buurt (PointOnSurface), in RD New."""
    x, y = conn.execute("SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p FROM buurt.buurt "
                        "WHERE code = %s) s", (code,)).fetchone()
    return x, y


def insert_deal(conn: psycopg.Connection, wkt: str, status: str = "gesprek_wederkerigheid",
                titel: str = "Testdeal") -> int:
    return conn.execute(
        "INSERT INTO buurt.buurtdeal (titel, jaar, thema, status, geom) "
        "VALUES (%s, 2019, 'ontmoeten', %s, ST_GeomFromText(%s, 28992)) RETURNING id",
        (titel, status, wkt)).fetchone()[0]


def refusal(exc: psycopg.Error) -> str:
    """Primary message + hint, as a GIS user sees it."""
    return f"{exc.diag.message_primary} {exc.diag.message_hint or ''}"


def refused(conn: psycopg.Connection, sql: str, params: tuple = ()) -> str:
    """The refusal (message + hint) of a statement a rule of the database must refuse (check_violation)."""
    with pytest.raises(psycopg.errors.CheckViolation) as exc:
        conn.execute(sql, params)
    return refusal(exc.value)


def square(x: float, y: float, half: float) -> str:
    """WKT of an axis-aligned square around (x, y)."""
    ring = [(x - half, y - half), (x + half, y - half), (x + half, y + half), (x - half, y + half),
            (x - half, y - half)]
    return "MULTIPOLYGON(((" + ",".join(f"{a} {b}" for a, b in ring) + ")))"
