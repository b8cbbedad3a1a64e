"""One gemeente's virtuele stad out of a database holding many, under /g/GM0402/: the viewer page and everything
it asks for, relative to the page (style.json, tiles, labels.json, details.json, versie.json, the static files),
plus the wijk panel (agenda/) and the buurtmonitor (cijfers/, budget.json) limited to that gemeente.

The tiles, TileJSON and style are the national ones with the `gemeente` filter fixed by the path (every public
layer has a gemeentecode), so they share the tile cache and its invalidation; the national endpoints stay as
they are. The viewer's files are the same as at / (they fetch relative to the page), so nothing here is a copy
of the viewer."""

from __future__ import annotations

import html
from collections.abc import Awaitable, Callable

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from spatial_service.db import gemeente as scope
from spatial_service.web import agenda, details, monitor
from spatial_service.web import routes as tile_routes
from spatial_service.web.basemap import basemap_config
from spatial_service.web.requests import RequestError, parse_layers
from spatial_service.web.style import style, tilejson, value_lists

INFO_QUERY = ("SELECT naam, (SELECT ARRAY[ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)] FROM (SELECT "
              "ST_Transform(ST_SetSRID(ST_Extent(geom)::geometry, 28992), 4326)::box2d AS e "
              "FROM publiek.gemeente WHERE code = %(code)s) x) FROM publiek.gemeente WHERE code = %(code)s")
NOT_FOUND_PAGE = """<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Gemeente niet gevonden — Buurtkaart</title><link rel="icon" href="data:,"></head>
<body>
<main>
<h1>Gemeente niet gevonden</h1>
<p>{message}</p>
<p><a href="../../">Naar de virtuele stad van alle gemeenten</a></p>
</main>
</body>
</html>
"""
Handler = Callable[[Request, str], Awaitable[Response]]


def gemeente_of(request: Request) -> str:
    """The path's gemeentecode, known to this database (RequestError 400/404 with a Dutch message otherwise)."""
    known = tile_routes.service(request).value_lists.get("gemeentecode", frozenset())
    try:
        return scope.check_code(request.path_params["gemeente"], known, "in het pad")
    except scope.UnknownGemeente as exc:
        raise RequestError(str(exc), exc.status) from exc


def with_gemeente(query: QueryParams, code: str) -> QueryParams:
    if "gemeente" in query:
        raise RequestError("Parameter 'gemeente' kan niet naast /g/{gemeente}/ in het pad.")
    return QueryParams([*query.multi_items(), ("gemeente", code)])


def gemeente_base(request: Request, code: str) -> str:
    return f"{tile_routes.base_url(request)}g/{code}/"


def scoped(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
    """A route for /g/{gemeente}/...: waits for the service, checks the code, hands it to `handler`."""
    async def endpoint(request: Request) -> Response:
        await tile_routes.service(request).ready()
        return await handler(request, gemeente_of(request))
    return endpoint


async def info(request: Request, code: str) -> tuple[str, list[float] | None]:
    """The gemeente's name and its extent in lon/lat."""
    async with tile_routes.service(request).pool.connection() as conn:
        row = await (await conn.execute(INFO_QUERY, {"code": code})).fetchone()
    return row[0], row[1]


async def index(request: Request) -> Response:
    """The viewer page itself; an unknown gemeente gets a Dutch HTML page (404), not JSON."""
    await tile_routes.service(request).ready()
    try:
        gemeente_of(request)
    except RequestError as exc:
        return HTMLResponse(NOT_FOUND_PAGE.format(message=html.escape(str(exc))), status_code=exc.status)
    return await tile_routes.index(request)


async def to_folder(request: Request) -> Response:
    """/g/GM0402 -> /g/GM0402/: the page's relative URLs need the trailing slash."""
    return RedirectResponse(request.url.replace(path=request.url.path + "/"), status_code=308)


async def tile(request: Request, code: str) -> Response:
    svc = tile_routes.service(request)
    req = tile_routes.parse_tile(svc, request.path_params, with_gemeente(request.query_params, code))
    result, from_cache = await svc.tile(req)
    return tile_routes.TileResponse(result, from_cache, request.headers.get("if-none-match"))


async def tile_json(request: Request, code: str) -> Response:
    svc = tile_routes.service(request)
    layers = parse_layers(request.path_params["layers"], svc.compiled)
    # the TileJSON names the gemeente's own tile URLs; the filter travels in the path, not the query
    tile_routes.parse_tile(svc, {**request.path_params, "z": "0", "x": "0", "y": "0"},
                           with_gemeente(request.query_params, code))
    _, extent = await info(request, code)
    return JSONResponse(tilejson(list(layers), gemeente_base(request, code), request.url.query,
                                 tuple(extent) if extent else None, svc.columns),
                        headers={"Access-Control-Allow-Origin": "*"})


async def style_json(request: Request, code: str) -> Response:
    svc = tile_routes.service(request)
    async with svc.pool.connection() as conn:
        lists = await value_lists(conn, code)
    body = style(list(svc.compiled.values()), gemeente_base(request, code), lists, basemap_config(svc.settings))
    name, extent = await info(request, code)
    body["metadata"]["buurtkaart:extent"] = extent
    body["metadata"]["buurtkaart:gemeente"] = code
    body["metadata"]["buurtkaart:gemeentenaam"] = name  # the viewer's title says whose map it is
    return JSONResponse(body, headers={"Access-Control-Allow-Origin": "*"})


async def version(request: Request, code: str) -> Response:
    return await tile_routes.version(request)


def gemeente_query(request: Request, code: str) -> Request:
    """The request with the path's gemeente as its `gemeente` parameter, for the buurtmonitor routes that take
    one (cijfers.json, budget.json); the query may repeat it, not name another."""
    given = request.query_params.get("gemeente", "").strip()
    if given not in ("", code):
        raise RequestError(f"Parameter gemeente={given[:20]} past niet bij /g/{code}/ in het pad.")
    query = QueryParams([*((k, v) for k, v in request.query_params.multi_items() if k != "gemeente"),
                         ("gemeente", code)])
    return Request({**request.scope, "query_string": str(query).encode("latin-1")}, request.receive)


async def figures(request: Request, code: str) -> Response:
    return await monitor.figures(gemeente_query(request, code))


async def budget(request: Request, code: str) -> Response:
    return await monitor.budget(gemeente_query(request, code))


async def trend(request: Request, code: str) -> Response:
    """The trend of an area of this gemeente only (a checked area code of another: 404)."""
    try:
        area = monitor.AREA.read(request)
    except monitor.BadParameter as exc:
        raise RequestError(str(exc)) from exc
    async with tile_routes.service(request).pool.connection() as conn:
        row = await (await conn.execute("SELECT 1 FROM publiek.gebied WHERE code = %s AND gemeentecode = %s",
                                        (area, code))).fetchone()
    if row is None:
        raise RequestError(f"Gebied {area} ligt niet in gemeente {code}.", 404)
    return await monitor.trend(request)


def viewer_files(prefix: str) -> list[BaseRoute]:
    """The viewer's static files and the vendored MapLibre/PMTiles under `prefix`, as at /."""
    return [Mount(f"{prefix}/static", StaticFiles(directory=tile_routes.STATIC_DIR, check_dir=False)),
            Mount(f"{prefix}/vendor/maplibre-gl", StaticFiles(directory=tile_routes.MAPLIBRE_DIR, check_dir=False)),
            Mount(f"{prefix}/vendor/pmtiles", StaticFiles(directory=tile_routes.PMTILES_DIR, check_dir=False))]


G = "/g/{gemeente}"
# also matched by the fast path (fastpath.py), which answers these tiles without the router
TILE_ROUTE = Route(f"{G}/tiles/{{layers}}/{{z}}/{{x}}/{{y}}.pbf", scoped(tile))


def routes() -> list[BaseRoute]:
    g = G
    return [
        Route(g, to_folder),
        Route(f"{g}/", index),
        Route(f"{g}/style.json", scoped(style_json)),
        Route(f"{g}/labels.json", scoped(details.labels)),
        Route(f"{g}/details.json", scoped(details.details)),
        Route(f"{g}/versie.json", scoped(version)),
        Route(f"{g}/tiles/{{layers}}.json", scoped(tile_json)),
        TILE_ROUTE,
        Route(f"{g}/agenda/{{wijkcode}}.json", scoped(agenda.agenda)),
        Route(f"{g}/cijfers/indicatoren.json", scoped(monitor.indicators)),
        Route(f"{g}/cijfers.json", scoped(figures)),
        Route(f"{g}/cijfers/trend.json", scoped(trend)),
        Route(f"{g}/budget.json", scoped(budget)),
        *viewer_files(g),
    ]
