"""Run the plan check in the database and turn its rows into findings (GeoJSON features).

All logic lives in buurt_app.plantoets (layers/app/060_plancheck.sql); this module only calls it, once for the
staff (buurt_app.plantoets) and once for the public (publiek.plantoets), with the same columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import psycopg

from spatial_service.core.plancheck_report import PROPERTY_COLUMNS
from spatial_service.errors import database_message, is_rule_violation
from spatial_service.plancheck.errors import PlanError

_SELECT = (
    "SELECT " + ", ".join(f"f.{c}" for c in PROPERTY_COLUMNS)
    + ", ST_AsGeoJSON(ST_Transform(f.geom, 4326), 7) AS wgs84, ST_AsGeoJSON(f.geom, 2) AS rd"
    " FROM {function}(ST_GeomFromEWKB(decode(%(plan)s, 'hex')),"
    " %(lijnbuffer)s::numeric, %(zoekafstand)s::numeric) f"
    " ORDER BY f.volgnr"
)
STAFF_QUERY = _SELECT.format(function="buurt_app.plantoets")
PUBLIC_QUERY = _SELECT.format(function="publiek.plantoets")


@dataclass(frozen=True)
class Finding:
    properties: dict[str, Any]
    geometry: str | None  # GeoJSON text in WGS84 (RFC 7946)
    geometry_rd: str | None  # GeoJSON text in RD New, for the report map

    @property
    def severity(self) -> str:
        return self.properties["ernst"]


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and value.as_tuple().exponent >= 0 else float(value)
    return value


def from_row(row: tuple) -> Finding:
    n = len(PROPERTY_COLUMNS)
    return Finding({c: _plain(v) for c, v in zip(PROPERTY_COLUMNS, row[:n], strict=True)}, row[n], row[n + 1])


def query_params(plan_ewkb_hex: str, lijnbuffer_m: float | None, zoekafstand_m: float | None) -> dict[str, Any]:
    return {"plan": plan_ewkb_hex, "lijnbuffer": lijnbuffer_m, "zoekafstand": zoekafstand_m}


def refused(exc: psycopg.Error) -> PlanError | None:
    """The database refused the plan (23514, our Dutch message): a PlanError; anything else is a crash."""
    return PlanError(database_message(exc)) if is_rule_violation(exc) else None


def run_check(conn: psycopg.Connection, plan_ewkb_hex: str, *, lijnbuffer_m: float | None = None,
              zoekafstand_m: float | None = None, public: bool = False) -> list[Finding]:
    sql = PUBLIC_QUERY if public else STAFF_QUERY
    try:
        with conn.transaction():
            rows = conn.execute(sql, query_params(plan_ewkb_hex, lijnbuffer_m, zoekafstand_m)).fetchall()
    except psycopg.Error as exc:
        error = refused(exc)
        if error is None:
            raise
        raise error from exc
    return [from_row(r) for r in rows]


def feature_collection(findings: list[Finding], **members: Any) -> dict[str, Any]:
    """GeoJSON FeatureCollection (WGS84); extra foreign members (e.g. bron, meldingen) go at the top level."""
    import json

    features = [
        {"type": "Feature", "id": f.properties["volgnr"], "properties": f.properties,
         "geometry": json.loads(f.geometry) if f.geometry else None}
        for f in findings
    ]
    return {"type": "FeatureCollection", **members, "features": features}
