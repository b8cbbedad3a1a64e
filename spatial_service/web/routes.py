"""The service's own routes at / and, for those marked `per_gemeente`, under /g/<code>/ (one gemeente; the prefix
is taken off by gemeente.GemeentePrefix and the code is `http.gemeente(request)`): tiles, TileJSON, style, labels,
details, health, and the viewer's static files. The other modules' routes (plan check, wijk panel, buurtmonitor,
OGC API) are named in app.py's ROUTE_MODULES."""

from __future__ import annotations

import psycopg
from psycopg_pool import PoolTimeout
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from spatial_service.web import gemeente as per_code
from spatial_service.web.basemap import basemap_config
from spatial_service.web.details import details, labels
from spatial_service.web.http import (
    MAPLIBRE_DIR,
    PMTILES_DIR,
    STATIC_DIR,
    TileResponse,
    base_url,
    error,
    gemeente,
    parse_tile,
    per_gemeente,
    service,
)
from spatial_service.web.requests import parse_layers
from spatial_service.web.style import style, tilejson, value_lists


async def tile(request: Request) -> Response:
    svc = service(request)
    await svc.ready()
    req = parse_tile(svc, request.path_params, request.query_params, gemeente(request))
    result, from_cache = await svc.tile(req)
    return TileResponse(result, from_cache, request.headers.get("if-none-match"))


async def bad_tile_path(request: Request) -> Response:
    return error(f"Ongeldig tegelpad '/tiles/{request.path_params['rest'][:80]}': verwacht "
                 "/tiles/{laag[,laag...]}/{z}/{x}/{y}.pbf of /tiles/{laag[,laag...]}.json.", 400)


async def tile_json(request: Request) -> Response:
    svc = service(request)
    await svc.ready()
    layers = parse_layers(request.path_params["layers"], svc.compiled)
    code = gemeente(request)
    # validate the filters now, so a TileJSON never promises tiles that will fail; for one gemeente the filter
    # travels in the path (its own tile URLs), not the query
    parse_tile(svc, {**request.path_params, "z": "0", "x": "0", "y": "0"}, request.query_params, code)
    extent = svc.extent if code is None else (await per_code.info(request, code))[1]
    return JSONResponse(tilejson(list(layers), base_url(request), request.url.query,
                                 tuple(extent) if extent else None, svc.columns),
                        headers={"Access-Control-Allow-Origin": "*"})


async def style_json(request: Request) -> Response:
    svc = service(request)
    await svc.ready()
    code = gemeente(request)
    async with svc.pool.connection() as conn:
        lists = await value_lists(conn, code)
    body = style(list(svc.compiled.values()), base_url(request), lists, basemap_config(svc.settings))
    if code is None:
        body["metadata"]["buurtkaart:extent"] = svc.extent
    else:
        name, extent = await per_code.info(request, code)
        body["metadata"]["buurtkaart:extent"] = extent
        body["metadata"]["buurtkaart:gemeente"] = code
        body["metadata"]["buurtkaart:gemeentenaam"] = name  # the viewer's title says whose map it is
    return JSONResponse(body, headers={"Access-Control-Allow-Origin": "*"})


async def health(request: Request) -> Response:
    svc = service(request)
    database = "bereikbaar"
    try:
        async with svc.pool.connection(timeout=2) as conn:
            await conn.execute("SELECT 1")
    except (psycopg.Error, PoolTimeout):
        database = "onbereikbaar"
    # compiled, the pool's connections warmed, and listening: without LISTEN edits would not reach the cached map
    ok = database == "bereikbaar" and svc.is_ready and svc.listening
    body = {"status": "ok" if ok else "gestoord", "database": database, "lagen": list(svc.compiled),
            "luistert": svc.listening, "herverbonden": svc.reconnects,
            "cache": svc.cache.stats(), "snelpad": svc.fast_hits, "viewer": MAPLIBRE_DIR.is_dir()}
    if svc.replica is not None:
        # still serving (correct tiles, only later fresh): 200, but a lag above the threshold is reported
        await svc.replica.refresh()
        lag = svc.replica.lag_seconds()
        behind = lag > svc.settings.lag_warn_s
        body["replica"] = {"achterstand": behind, "achterstand_s": round(lag, 2),
                           "achterstand_bytes": svc.replica.lag_bytes(), "wachtend": len(svc.replica.pending),
                           "geforceerd": svc.replica.forced, "drempel_s": svc.settings.lag_warn_s}
        if ok and behind:
            body["status"] = "achterstand"
    return JSONResponse(body, status_code=200 if ok else 503)


async def version(request: Request) -> Response:
    """Changes as the viewer follows them: cheap (no database), polled by every open viewer."""
    svc = service(request)
    return JSONResponse({"invalidaties": svc.cache.invalidations, "herverbonden": svc.reconnects},
                        headers={"Cache-Control": "no-store"})


async def index(request: Request) -> Response:
    return FileResponse(STATIC_DIR / "index.html", headers={"Cache-Control": "no-cache"})


TILE_ROUTE = per_gemeente(Route("/tiles/{layers}/{z}/{x}/{y}.pbf", tile))


def routes() -> list[BaseRoute]:
    return [
        per_gemeente(Route("/", index)),
        Route("/health", health),
        per_gemeente(Route("/versie.json", version)),
        per_gemeente(Route("/style.json", style_json)),
        per_gemeente(Route("/labels.json", labels)),
        per_gemeente(Route("/details.json", details)),
        per_gemeente(Route("/tiles/{layers}.json", tile_json)),
        TILE_ROUTE,
        Route("/tiles/{rest:path}", bad_tile_path),
        per_gemeente(Mount("/static", StaticFiles(directory=STATIC_DIR, check_dir=False), name="static")),
        per_gemeente(Mount("/vendor/maplibre-gl", StaticFiles(directory=MAPLIBRE_DIR, check_dir=False),
                           name="maplibre")),
        per_gemeente(Mount("/vendor/pmtiles", StaticFiles(directory=PMTILES_DIR, check_dir=False), name="pmtiles")),
    ]
