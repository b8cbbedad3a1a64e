"""POST /plancheck: a plan as GeoJSON in, the findings as a GeoJSON FeatureCollection (WGS84) out.

Runs publiek.plantoets on the service's public pool (role buurtkaart_publiek): anonymous callers get published
deals and initiatives only and never personal data; the SQL function decides what is public, not this module.
Query parameters: lijnbuffer, zoekafstand (metres; default the settings in buurt_sys.instelling).

The endpoint is anonymous and shares the tile pool, so it is fenced in: the body is capped before it is read,
at most MAX_CONCURRENT checks run at once (the rest wait briefly, then get 503), and each check has a statement
timeout, so no caller can starve the tiles.
"""

from __future__ import annotations

import asyncio
import json

import psycopg
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from spatial_service.plancheck import geojson_input
from spatial_service.plancheck.errors import PlanError
from spatial_service.plancheck.findings import PUBLIC_QUERY, feature_collection, from_row, query_params, refused
from spatial_service.plancheck.limits import Limits
from spatial_service.web.http import BodyTooLarge, error, read_capped

MAX_CONCURRENT = 2
WAIT_FOR_SLOT_SECONDS = 10.0
STATEMENT_TIMEOUT_MS = 10_000


def _limits(request: Request) -> Limits:
    return Limits.of(getattr(request.app.state, "settings", None))


def _slots(request: Request) -> asyncio.Semaphore:
    # made on first use, inside the running loop (a module-level semaphore would bind to the first loop)
    state = request.app.state
    if not hasattr(state, "plancheck_slots"):
        state.plancheck_slots = asyncio.Semaphore(MAX_CONCURRENT)
    return state.plancheck_slots


def parse_json(body: bytes, limits: Limits | None = None) -> object:
    """The body as JSON; PlanError (the Dutch 400) for anything json cannot read, and for nesting deeper than the
    limit, measured before json parses it."""
    (limits or Limits.of()).check_json_nesting(body)
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise PlanError(f"De body is geen geldige JSON: {exc}") from exc
    except RecursionError as exc:
        # json's C decoder recurses per nesting level: a body of many '[' would otherwise be a 500
        raise PlanError("De body is geen geldige JSON: te diep genest.") from exc


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
    limits = _limits(request)
    try:
        try:
            body = await read_capped(request, limits.body_bytes)
        except BodyTooLarge as big:
            return error(f"Het plan is te groot ({big.size // 1024} kB; maximaal "
                         f"{limits.body_bytes / 1024 / 1024:g} MB GeoJSON, instelling BUURTKAART_MAX_BODY_MB).", 413)
        if not body.strip():
            raise PlanError("Leeg verzoek: stuur het plan als GeoJSON in de body.")
        data = parse_json(body, limits)
        geom, srid = geojson_input.parse_plan(data, limits)
        params = query_params(geojson_input.ewkb_hex(geom, srid), _metres(request, "lijnbuffer"),
                              _metres(request, "zoekafstand"))
        slots = _slots(request)
        try:
            await asyncio.wait_for(slots.acquire(), WAIT_FOR_SLOT_SECONDS)
        except TimeoutError:
            return error("Er lopen al te veel plantoetsen tegelijk; probeer het zo opnieuw.", 503)
        try:
            async with request.app.state.pool.connection() as conn, conn.transaction():
                await conn.execute(f"SET LOCAL statement_timeout = {int(STATEMENT_TIMEOUT_MS)}")
                try:
                    cur = await conn.execute(PUBLIC_QUERY, params)
                    rows = await cur.fetchall()
                except psycopg.errors.QueryCanceled as exc:
                    raise PlanError(f"De plantoets duurde langer dan {STATEMENT_TIMEOUT_MS // 1000} s en is "
                                    "afgebroken; maak het plan eenvoudiger (minder punten) of kleiner.") from exc
                except psycopg.Error as exc:
                    refusal = refused(exc)
                    if refusal is None:
                        raise
                    raise refusal from exc
        finally:
            slots.release()
    except PlanError as exc:
        return error(str(exc), 400)
    findings = [from_row(r) for r in rows]
    return JSONResponse(feature_collection(findings), headers={"Access-Control-Allow-Origin": "*"})


def routes() -> list[BaseRoute]:
    return [Route("/plancheck", plancheck, methods=["POST"])]
