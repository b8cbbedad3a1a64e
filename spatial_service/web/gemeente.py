"""One gemeente's map out of a database holding many: /g/GM0402/style.json, /g/GM0402/tiles/{layers}.json and
/g/GM0402/tiles/{layers}/{z}/{x}/{y}.pbf. The same tiles, TileJSON and style as the national ones, with the
`gemeente` filter fixed by the path (every public layer has a gemeentecode), so they share the tile cache and its
invalidation; the national endpoints stay as they are."""

from __future__ import annotations

import re

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from spatial_service.web import routes as tile_routes
from spatial_service.web.requests import RequestError, parse_layers
from spatial_service.web.style import style, tilejson, value_lists

GEMEENTE_CODE = re.compile(r"^GM[0-9]{4}$")
EXTENT_QUERY = ("SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Transform(ST_SetSRID("
                "ST_Extent(geom)::geometry, 28992), 4326)::box2d AS e FROM publiek.gemeente WHERE code = %s) x")


def gemeente_of(request: Request) -> str:
    code = request.path_params["gemeente"]
    known = tile_routes.service(request).value_lists.get("gemeentecode", frozenset())
    if not GEMEENTE_CODE.match(code):
        raise RequestError(f"Ongeldige gemeentecode '{code[:20]}' in het pad: verwacht bv. /g/GM0402/.")
    if code not in known:
        raise RequestError(f"Gemeente {code} staat niet in deze database. Bekend: {', '.join(sorted(known))}.", 404)
    return code


def with_gemeente(query: QueryParams, code: str) -> QueryParams:
    if "gemeente" in query:
        raise RequestError("Parameter 'gemeente' kan niet naast /g/{gemeente}/ in het pad.")
    return QueryParams([*query.multi_items(), ("gemeente", code)])


def gemeente_base(request: Request, code: str) -> str:
    return f"{tile_routes.base_url(request)}g/{code}/"


async def tile(request: Request) -> Response:
    svc = tile_routes.service(request)
    await svc.ready()
    code = gemeente_of(request)
    req = tile_routes.parse_tile(svc, request.path_params, with_gemeente(request.query_params, code))
    result, from_cache = await svc.tile(req)
    return tile_routes.TileResponse(result, from_cache, request.headers.get("if-none-match"))


async def extent(request: Request, code: str) -> tuple[float, ...] | None:
    async with tile_routes.service(request).pool.connection() as conn:
        row = await (await conn.execute(EXTENT_QUERY, (code,))).fetchone()
    return tuple(row) if row and row[0] is not None else None


async def tile_json(request: Request) -> Response:
    svc = tile_routes.service(request)
    await svc.ready()
    code = gemeente_of(request)
    layers = parse_layers(request.path_params["layers"], svc.compiled)
    # the TileJSON names the gemeente's own tile URLs; the filter travels in the path, not the query
    tile_routes.parse_tile(svc, {**request.path_params, "z": "0", "x": "0", "y": "0"},
                           with_gemeente(request.query_params, code))
    return JSONResponse(tilejson(list(layers), gemeente_base(request, code), request.url.query,
                                 await extent(request, code), svc.columns),
                        headers={"Access-Control-Allow-Origin": "*"})


async def style_json(request: Request) -> Response:
    svc = tile_routes.service(request)
    await svc.ready()
    code = gemeente_of(request)
    async with svc.pool.connection() as conn:
        lists = await value_lists(conn)
    body = style(list(svc.compiled.values()), gemeente_base(request, code), lists, svc.settings.basemap_url)
    body["metadata"]["buurtkaart:extent"] = await extent(request, code)
    body["metadata"]["buurtkaart:gemeente"] = code
    return JSONResponse(body, headers={"Access-Control-Allow-Origin": "*"})


def routes() -> list[BaseRoute]:
    return [
        Route("/g/{gemeente}/style.json", style_json),
        Route("/g/{gemeente}/tiles/{layers}.json", tile_json),
        Route("/g/{gemeente}/tiles/{layers}/{z}/{x}/{y}.pbf", tile),
    ]
