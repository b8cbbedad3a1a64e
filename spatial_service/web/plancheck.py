"""POST /plancheck: a plan as GeoJSON in, the findings as a GeoJSON FeatureCollection (WGS84) out.

Runs publiek.plantoets on the service's public pool (role buurtkaart_publiek): anonymous callers get published
deals and initiatives only and never personal data; the SQL function decides what is public, not this module.
Query parameters: lijnbuffer, zoekafstand (metres; default the settings in buurt_sys.instelling).
"""

from __future__ import annotations

import json

import psycopg
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from spatial_service.plancheck import geojson_input
from spatial_service.plancheck.errors import PlanError
from spatial_service.plancheck.findings import PUBLIC_QUERY, feature_collection, from_row, query_params, refused

MAX_BODY_BYTES = 5 * 1024 * 1024


def _error(message: str, status: int) -> JSONResponse:
    return JSONResponse({"fout": message, "status": status}, status_code=status)


def _metres(request: Request, name: str) -> float | None:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return None
    try:
        value = float(raw.replace(",", "."))
    except ValueError:
        raise PlanError(f"Parameter {name}: '{raw[:30]}' is geen getal (meters).") from None
    if not value >= 0:
        raise PlanError(f"Parameter {name}: moet 0 of groter zijn.")
    return value


async def plancheck(request: Request) -> Response:
    try:
        body = await request.body()
        if len(body) > MAX_BODY_BYTES:
            return _error(f"Het plan is te groot ({len(body) // 1024} kB; maximaal "
                          f"{MAX_BODY_BYTES // 1024 // 1024} MB GeoJSON).", 413)
        if not body.strip():
            raise PlanError("Leeg verzoek: stuur het plan als GeoJSON in de body.")
        try:
            data = json.loads(body)
        except (ValueError, UnicodeDecodeError) as exc:
            raise PlanError(f"De body is geen geldige JSON: {exc}") from exc
        geom, srid = geojson_input.parse_plan(data)
        params = query_params(geojson_input.ewkb_hex(geom, srid), _metres(request, "lijnbuffer"),
                              _metres(request, "zoekafstand"))
        pool = request.app.state.pool
        async with pool.connection() as conn:
            try:
                cur = await conn.execute(PUBLIC_QUERY, params)
                rows = await cur.fetchall()
            except psycopg.Error as exc:
                error = refused(exc)
                if error is None:
                    raise
                raise error from exc
    except PlanError as exc:
        return _error(str(exc), 400)
    findings = [from_row(r) for r in rows]
    return JSONResponse(feature_collection(findings), headers={"Access-Control-Allow-Origin": "*"})


def routes() -> list[BaseRoute]:
    return [Route("/plancheck", plancheck, methods=["POST"])]
