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
"""

from __future__ import annotations

import re

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

LEVELS = ("buurt", "wijk")
CACHE = {"Cache-Control": "public, max-age=60"}

INDICATORS_SQL = """
SELECT json_build_object(
  'indicatoren', coalesce((SELECT json_agg(json_build_object(
        'code', i.code, 'naam', i.naam, 'eenheid', i.eenheid, 'decimalen', i.decimalen,
        'hoger_is_beter', i.hoger_is_beter, 'bron', i.bron,
        'jaren', (SELECT json_agg(DISTINCT c.jaar ORDER BY c.jaar) FROM publiek.cijfer c
                   WHERE c.indicator = i.code AND c.niveau IN ('buurt', 'wijk') AND c.waarde IS NOT NULL))
        ORDER BY i.volgorde)
      FROM publiek.indicator i
     WHERE EXISTS (SELECT 1 FROM publiek.cijfer c WHERE c.indicator = i.code AND c.niveau IN ('buurt', 'wijk')
                     AND c.waarde IS NOT NULL)), '[]'::json),
  'gemeenten', coalesce((SELECT json_agg(json_build_object('code', g.code, 'naam', g.naam,
                           'bbox', (SELECT ARRAY[ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)]
                                      FROM (SELECT ST_Transform(ST_Envelope(x.geom), 4326) AS e
                                              FROM publiek.gemeente x WHERE x.code = g.code) b),
                           'budgetjaren', (SELECT json_agg(DISTINCT b.jaar ORDER BY b.jaar)
                                             FROM publiek.budgetverdeling b WHERE b.gemeentecode = g.code))
                           ORDER BY g.naam)
                           FROM publiek.gebied g WHERE g.niveau = 'gemeente'), '[]'::json))
"""


class BadParameter(Exception):
    pass


def _param(request: Request, name: str, pattern: str, example: str, required: bool = True) -> str | None:
    raw = request.query_params.get(name, "").strip()
    if not raw:
        if required:
            raise BadParameter(f"Parameter {name} ontbreekt (bv. {name}={example}).")
        return None
    if not re.fullmatch(pattern, raw):
        raise BadParameter(f"Parameter {name}: '{raw[:30]}' is ongeldig (bv. {name}={example}).")
    return raw


def _error(message: str, status: int) -> JSONResponse:
    return JSONResponse({"fout": message, "status": status}, status_code=status)


async def _one(request: Request, sql: str, params: tuple) -> object:
    async with request.app.state.pool.connection() as conn:
        cur = await conn.execute(sql, params)
        row = await cur.fetchone()
    return row[0] if row else None


async def indicators(request: Request) -> Response:
    return JSONResponse(await _one(request, INDICATORS_SQL, ()), headers=CACHE)


async def figures(request: Request) -> Response:
    try:
        indicator = _param(request, "indicator", r"[a-z_]{1,60}", "sociale_cohesie")
        year = _param(request, "jaar", r"\d{4}", "2018")
        level = _param(request, "niveau", "|".join(LEVELS), "buurt", required=False) or "buurt"
        gemeente = _param(request, "gemeente", r"GM\d{4}", "GM0402", required=False)
    except BadParameter as exc:
        return _error(str(exc), 400)
    # as text: the database writes the JSON, no parse and re-serialise here
    data = await _one(request, "SELECT publiek.cijferkaart(%s, %s, %s, %s)::text",
                      (indicator, int(year), level, gemeente))
    if data is None:
        return _error(f"Indicator {indicator} bestaat niet (zie /cijfers/indicatoren.json).", 404)
    return Response(data, media_type="application/json", headers=CACHE)


async def trend(request: Request) -> Response:
    try:
        code = _param(request, "code", r"(BU\d{8}|WK\d{6}|GM\d{4})", "BU04020101")
        indicator = _param(request, "indicator", r"[a-z_]{1,60}", "sociale_cohesie")
    except BadParameter as exc:
        return _error(str(exc), 400)
    data = await _one(request, "SELECT publiek.cijfertrend(%s, %s)", (code, indicator))
    if data is None:
        return _error(f"Indicator {indicator} bestaat niet (zie /cijfers/indicatoren.json).", 404)
    return JSONResponse(data, headers=CACHE)


async def budget(request: Request) -> Response:
    try:
        gemeente = _param(request, "gemeente", r"GM\d{4}", "GM0307")
        year = _param(request, "jaar", r"\d{4}", "2017")
    except BadParameter as exc:
        return _error(str(exc), 400)
    data = await _one(request, """
        SELECT coalesce(json_agg(json_build_object('wijkcode', wijkcode, 'wijknaam', wijknaam,
                                                   'prioriteit', prioriteit, 'bedrag', bedrag,
                                                   'toegezegd', toegezegd, 'toelichting', toelichting)
                                 ORDER BY wijkcode), '[]'::json)
          FROM publiek.budgetverdeling WHERE gemeentecode = %s AND jaar = %s""", (gemeente, int(year)))
    return JSONResponse({"gemeente": gemeente, "jaar": int(year), "wijken": data}, headers=CACHE)


def routes() -> list[BaseRoute]:
    return [Route("/cijfers/indicatoren.json", indicators), Route("/cijfers.json", figures),
            Route("/cijfers/trend.json", trend), Route("/budget.json", budget)]
