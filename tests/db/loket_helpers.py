"""Calls of the residents' door (schema loket) as its own login, and what the tests read back as the admin."""

from __future__ import annotations

import json
from typing import Any

import psycopg

from tests.support import TestDatabase

BUURT = "BU04020101"  # Centrum, Hilversum


def loket(db: TestDatabase) -> psycopg.Connection:
    """The web pages' connection: role buurtkaart_loket, autocommit as each request is its own transaction."""
    return psycopg.connect(db.loket_dsn, autocommit=True)


def point_in(db: TestDatabase, buurtcode: str = BUURT) -> str:
    """A GeoJSON point (EPSG:4326) inside the buurt."""
    with psycopg.connect(db.admin_dsn) as conn:
        return conn.execute("SELECT ST_AsGeoJSON(ST_Transform(ST_PointOnSurface(geom), 4326)) FROM buurt.buurt "
                            "WHERE code = %s", (buurtcode,)).fetchone()[0]


def submission(**changes: Any) -> dict[str, Any]:
    values = {"p_gemeente": None, "p_titel": "Bankje bij de vijver", "p_omschrijving": "Een bank om uit te rusten.",
              "p_thema": "ontmoeten", "p_geojson": None, "p_buurtcode": BUURT, "p_naam": "Anna de Vries",
              "p_email": "anna@voorbeeld.nl", "p_toestemming": True, "p_afzender": "192.0.2.10"}
    values.update(changes)
    return values


def submit(conn: psycopg.Connection, **changes: Any) -> None:
    values = submission(**changes)
    conn.execute("SELECT loket.indienen(%(p_gemeente)s, %(p_titel)s, %(p_omschrijving)s, %(p_thema)s, %(p_geojson)s, "
                 "%(p_buurtcode)s, %(p_naam)s, %(p_email)s, %(p_toestemming)s, %(p_afzender)s)", values)


def last_token(db: TestDatabase, soort: str, aan: str | None = None) -> str:
    """The raw token of the newest queued mail of that kind (as the mail would carry it)."""
    with psycopg.connect(db.admin_dsn) as conn:
        row = conn.execute("SELECT token FROM buurt_loket.uitgaand WHERE soort = %s AND (%s::text IS NULL OR aan = %s) "
                           "ORDER BY id DESC LIMIT 1", (soort, aan, aan)).fetchone()
    assert row and row[0], f"geen mail {soort} in de uitgaande post"
    return row[0]


def outbox(db: TestDatabase) -> list[dict[str, Any]]:
    with psycopg.connect(db.admin_dsn) as conn:
        return [json.loads(r[0]) for r in conn.execute(
            "SELECT to_jsonb(u)::text FROM buurt_loket.uitgaand u ORDER BY id").fetchall()]


def admin_execute(db: TestDatabase, sql: str, params: tuple = ()) -> list[tuple]:
    with psycopg.connect(db.admin_dsn, autocommit=True) as conn:
        cur = conn.execute(sql, params)
        return cur.fetchall() if cur.description else []


def confirmed_initiative(db: TestDatabase, conn: psycopg.Connection, **changes: Any) -> tuple[int, str]:
    """Submit and confirm; returns the initiative id and its follow token."""
    submit(conn, **changes)
    row = conn.execute("SELECT * FROM loket.bevestigen(%s)",
                       (last_token(db, "indienen_bevestigen", changes.get("p_email", "anna@voorbeeld.nl")),)
                       ).fetchone()
    return row[0], row[1]


def without_demo_residents(db: TestDatabase) -> TestDatabase:
    """The demo's residents' rows (spatial_service/demo/bewoners.py) removed, so a test counts only its own."""
    admin_execute(db, "TRUNCATE buurt_loket.uitgaand, buurt_loket.aanmelding, buurt_loket.steunaanvraag, "
                      "buurt_loket.steun, buurt_loket.verzoek, buurt_loket.volgsleutel")
    return db
