"""Buurtmonitor routes: the figures of one indicator/year as JSON, joined in the browser to the boundary tiles
with feature-state (monitor.js).

Why JSON and not tiles: the boundary tiles stay as they are (cached, invalidated by edits) and carry no
indicator-years; choosing another indicator or year is one small request (a gemeente's buurten are a few KB)
instead of a new tile set, and the classes are computed over the whole gemeente in SQL, which tiles (a tile
sees only its own features) could not do. All answers come from functions and views in `publiek`.

  GET /cijfers/indicatoren.json                       indicators, the years and levels with figures, gemeenten
  GET /cijfers.json?indicator=&jaar=&niveau=&gemeente= publiek.cijferkaart: classes, values, areas without
  GET /cijfers/trend.json?code=&indicator=            publiek.cijfertrend: one area's years with the target
  GET /budget.json?gemeente=&jaar=                    publiek.budgetverdeling: allocation per wijk vs deals

Under /g/GM0402/ (`http.gemeente(request)`) every answer is that gemeente's: its indicators and years, `gemeente`
fixed by the path (the query may repeat it, not name another), a trend only of its own areas.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from psycopg import sql
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from spatial_service.db import gemeente as scope
from spatial_service.web.http import error, per_gemeente
from spatial_service.web.http import gemeente as gemeente_of
from spatial_service.web.requests import RequestError

LEVELS = ("buurt", "wijk")
CACHE = {"Cache-Control": "public, max-age=60"}

INDICATORS_SQL = """
SELECT json_build_object(
  'indicatoren', coalesce((SELECT json_agg(json_build_object(
        'code', i.code, 'naam', i.naam, 'eenheid', i.eenheid, 'decimalen', i.decimalen,
        'hoger_is_beter', i.hoger_is_beter, 'bron', i.bron,
        'jaren', (SELECT json_agg(DISTINCT c.jaar ORDER BY c.jaar) FROM publiek.cijfer c
                   WHERE c.indicator = i.code AND c.niveau IN ('buurt', 'wijk') AND c.waarde IS NOT NULL{cijfer}))
        ORDER BY i.volgorde)
      FROM publiek.indicator i
     WHERE EXISTS (SELECT 1 FROM publiek.cijfer c WHERE c.indicator = i.code AND c.niveau IN ('buurt', 'wijk')
                     AND c.waarde IS NOT NULL{cijfer})), '[]'::json),
  'gemeenten', coalesce((SELECT json_agg(json_build_object('code', g.code, 'naam', g.naam,
                           'bbox', (SELECT ARRAY[ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)]
                                      FROM (SELECT ST_Transform(ST_Envelope(x.geom), 4326) AS e
                                              FROM publiek.gemeente x WHERE x.code = g.code) b),
                           'budgetjaren', (SELECT json_agg(DISTINCT b.jaar ORDER BY b.jaar)
                                             FROM publiek.budgetverdeling b WHERE b.gemeentecode = g.code))
                           ORDER BY g.naam)
                           FROM publiek.gebied g WHERE g.niveau = 'gemeente'{gebied}), '[]'::json))
"""


# one allocation per wijk against what its published deals commit (answered live and written by export-site)
BUDGET_SQL = """
SELECT json_build_object('gemeente', %s::text, 'jaar', %s::int, 'wijken', coalesce(json_agg(json_build_object(
         'wijkcode', wijkcode, 'wijknaam', wijknaam, 'prioriteit', prioriteit, 'bedrag', bedrag,
         'toegezegd', toegezegd, 'toelichting', toelichting) ORDER BY wijkcode), '[]'::json))
  FROM publiek.budgetverdeling WHERE gemeentecode = %s AND jaar = %s
"""


def indicators_query(gemeente: str | None) -> sql.Composed:
    return sql.SQL(INDICATORS_SQL).format(cijfer=scope.condition(gemeente, "c.gemeentecode", "AND"),
                                          gebied=scope.condition(gemeente, "g.code", "AND"))


class BadParameter(Exception):
    pass


@dataclass(frozen=True)
class Param:
    """A query parameter: its pattern, the example the message shows, and what an absent optional one means."""

    name: str
    pattern: str
    example: str
    required: bool = True
    default: str | None = None

    def read(self, request: Request) -> str | None:
        raw = request.query_params.get(self.name, "").strip()
        if self.name == "gemeente" and (path_code := gemeente_of(request)) is not None:
            raw = path_code  # checked by with_params: the query names no other
        if not raw:
            if self.required:
                raise BadParameter(f"Parameter {self.name} ontbreekt (bv. {self.name}={self.example}).")
            return self.default
        if not re.fullmatch(self.pattern, raw):
            raise BadParameter(f"Parameter {self.name}: '{raw[:30]}' is ongeldig (bv. {self.name}={self.example}).")
        return raw


INDICATOR = Param("indicator", r"[a-z_]{1,60}", "sociale_cohesie")
LEVEL = Param("niveau", "|".join(LEVELS), "buurt", required=False, default="buurt")
AREA = Param("code", r"(BU\d{8}|WK\d{6}|GM\d{4})", "BU04020101")
YEAR = r"\d{4}"
GEMEENTE = r"GM\d{4}"
Handler = Callable[..., Awaitable[Response]]


def with_params(*params: Param) -> Callable[[Handler], Callable[[Request], Awaitable[Response]]]:
    """The route gets its parameters checked, as arguments in this order; the first bad one is answered 400."""
    def wrap(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
        @functools.wraps(handler)
        async def endpoint(request: Request) -> Response:
            path_code = gemeente_of(request)
            if path_code is not None and any(p.name == "gemeente" for p in params):
                given = request.query_params.get("gemeente", "").strip()
                if given not in ("", path_code):
                    raise RequestError(f"Parameter gemeente={given[:20]} past niet bij /g/{path_code}/ in het pad.")
            try:
                values = [p.read(request) for p in params]
            except BadParameter as exc:
                raise RequestError(str(exc)) from exc
            return await handler(request, *values)
        return endpoint
    return wrap


async def _one(request: Request, query: str | sql.Composable, params: tuple) -> object:
    async with request.app.state.pool.connection() as conn:
        cur = await conn.execute(query, params)
        row = await cur.fetchone()
    return row[0] if row else None


async def indicators(request: Request) -> Response:
    """Indicators with figures and the gemeenten; for /g/GM0402/ only that gemeente and the indicators and years
    it has figures for."""
    gemeente = gemeente_of(request)
    return JSONResponse(await _one(request, indicators_query(gemeente), ()), headers=CACHE)


def _unknown_indicator(indicator: str) -> JSONResponse:
    return error(f"Indicator {indicator} bestaat niet (zie /cijfers/indicatoren.json).", 404)


@with_params(INDICATOR, Param("jaar", YEAR, "2018"), LEVEL, Param("gemeente", GEMEENTE, "GM0402", required=False))
async def figures(request: Request, indicator: str, year: str, level: str, gemeente: str | None) -> Response:
    # as text: the database writes the JSON, no parse and re-serialise here
    data = await _one(request, "SELECT publiek.cijferkaart(%s, %s, %s, %s)::text",
                      (indicator, int(year), level, gemeente))
    if data is None:
        return _unknown_indicator(indicator)
    return Response(data, media_type="application/json", headers=CACHE)


@with_params(AREA, INDICATOR)
async def trend(request: Request, code: str, indicator: str) -> Response:
    gemeente = gemeente_of(request)
    if gemeente is not None:  # under /g/GM0402/: an area of this gemeente only (of another: 404)
        inside = await _one(request, "SELECT true FROM publiek.gebied WHERE code = %s AND gemeentecode = %s",
                            (code, gemeente))
        if inside is None:
            raise RequestError(f"Gebied {code} ligt niet in gemeente {gemeente}.", 404)
    data = await _one(request, "SELECT publiek.cijfertrend(%s, %s)", (code, indicator))
    if data is None:
        return _unknown_indicator(indicator)
    return JSONResponse(data, headers=CACHE)


@with_params(Param("gemeente", GEMEENTE, "GM0307"), Param("jaar", YEAR, "2017"))
async def budget(request: Request, gemeente: str, year: str) -> Response:
    data = await _one(request, BUDGET_SQL, (gemeente, int(year), gemeente, int(year)))
    return JSONResponse(data, headers=CACHE)


def routes() -> list[BaseRoute]:
    return [per_gemeente(Route("/cijfers/indicatoren.json", indicators)), per_gemeente(Route("/cijfers.json", figures)),
            per_gemeente(Route("/cijfers/trend.json", trend)), per_gemeente(Route("/budget.json", budget))]
