"""HTTP routes: tiles, TileJSON, style, labels, health, and the viewer's static files."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
from psycopg_pool import PoolTimeout
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from spatial_service.db import connection
from spatial_service.errors import BuurtkaartError
from spatial_service.paths import PACKAGE_DIR
from spatial_service.web.requests import RequestError, parse_layers, tile_request
from spatial_service.web.service import TileService
from spatial_service.web.style import style, tilejson, value_lists
from spatial_service.web.tilesql import CatalogueMismatch

STATIC_DIR = Path(__file__).resolve().parent / "static"
MAPLIBRE_DIR = PACKAGE_DIR / "viewer" / "node_modules" / "maplibre-gl" / "dist"
MVT_TYPE = "application/vnd.mapbox-vector-tile"
# Browsers and proxies revalidate every time (cheap: 304 on an unchanged ETag), so an edit shows at once.
TILE_CACHE_CONTROL = "public, no-cache"


def error(message: str, status: int) -> JSONResponse:
    return JSONResponse({"fout": message, "status": status}, status_code=status)


def service(request: Request) -> TileService:
    return request.app.state.tiles


def base_url(request: Request) -> str:
    return str(request.base_url)


async def tile(request: Request) -> Response:
    svc = service(request)
    await svc.ready()
    p = request.path_params
    req = tile_request(p["layers"], p["z"], p["x"], p["y"], request.query_params,
                       {k: request.query_params.getlist(k) for k in request.query_params},
                       svc.compiled, svc.value_lists)
    result, from_cache = await svc.tile(req)
    headers = {"ETag": result.etag, "Cache-Control": TILE_CACHE_CONTROL, "X-Cache": "HIT" if from_cache else "MISS",
               "Access-Control-Allow-Origin": "*"}
    if request.headers.get("if-none-match") == result.etag:
        return Response(status_code=304, headers=headers)
    return Response(result.body, media_type=MVT_TYPE, headers=headers)


async def bad_tile_path(request: Request) -> Response:
    return error(f"Ongeldig tegelpad '/tiles/{request.path_params['rest'][:80]}': verwacht "
                 "/tiles/{laag[,laag...]}/{z}/{x}/{y}.pbf of /tiles/{laag[,laag...]}.json.", 400)


async def tile_json(request: Request) -> Response:
    svc = service(request)
    await svc.ready()
    layers = parse_layers(request.path_params["layers"], svc.compiled)
    # validate the filters now, so a TileJSON never promises tiles that will fail
    tile_request(request.path_params["layers"], "0", "0", "0", request.query_params,
                 {k: request.query_params.getlist(k) for k in request.query_params}, svc.compiled, svc.value_lists)
    return JSONResponse(tilejson(list(layers), base_url(request), request.url.query, svc.extent, svc.columns),
                        headers={"Access-Control-Allow-Origin": "*"})


async def style_json(request: Request) -> Response:
    svc = service(request)
    await svc.ready()
    async with svc.pool.connection() as conn:
        lists = await value_lists(conn)
    body = style(list(svc.compiled.values()), base_url(request), lists, svc.settings.basemap_url)
    body["metadata"]["buurtkaart:extent"] = svc.extent
    return JSONResponse(body, headers={"Access-Control-Allow-Origin": "*"})


LABELS_QUERY = """
SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(f ORDER BY f->>'id'), '[]'))
  FROM (SELECT json_build_object(
               'type', 'Feature', 'id', soort || ':' || code,
               'properties', json_build_object('soort', soort, 'code', code, 'naam', naam),
               'geometry', ST_AsGeoJSON(ST_Transform(ST_PointOnSurface(geom), 4326), 6)::json) AS f
          FROM (SELECT 'wijk' AS soort, code, naam, geom FROM publiek.wijk
                UNION ALL
                SELECT 'buurt', code, naam, geom FROM publiek.buurt WHERE NOT water) g) x
"""


async def labels(request: Request) -> Response:
    """Names of wijken and buurten at a point inside each: the viewer shows them as HTML labels (no glyph
    server needed, works offline)."""
    svc = service(request)
    async with svc.pool.connection() as conn:
        row = await (await conn.execute(LABELS_QUERY)).fetchone()
    return Response(json.dumps(row[0]), media_type="application/geo+json")


async def health(request: Request) -> Response:
    svc = service(request)
    database = "bereikbaar"
    try:
        async with svc.pool.connection(timeout=2) as conn:
            await conn.execute("SELECT 1")
    except (psycopg.Error, PoolTimeout):
        database = "onbereikbaar"
    ok = database == "bereikbaar" and bool(svc.compiled)
    return JSONResponse({"status": "ok" if ok else "gestoord", "database": database, "lagen": list(svc.compiled),
                         "luistert": svc.listening, "herverbonden": svc.reconnects,
                         "cache": svc.cache.stats(), "viewer": MAPLIBRE_DIR.is_dir()},
                        status_code=200 if ok else 503)


async def version(request: Request) -> Response:
    """Changes as the viewer follows them: cheap (no database), polled by every open viewer."""
    svc = service(request)
    return JSONResponse({"invalidaties": svc.cache.invalidations, "herverbonden": svc.reconnects},
                        headers={"Cache-Control": "no-store"})


async def index(request: Request) -> Response:
    return FileResponse(STATIC_DIR / "index.html", headers={"Cache-Control": "no-cache"})


async def request_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestError)
    return error(str(exc), exc.status)


async def unavailable(request: Request, exc: Exception) -> Response:
    return error(str(exc), 503)


async def refused(request: Request, exc: Exception) -> Response:
    return error(str(exc), 400)


async def misconfigured(request: Request, exc: Exception) -> Response:
    return error(f"De service is verkeerd ingesteld: {exc}", 500)


async def not_found(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        return error(f"Niet gevonden: {request.url.path[:100]}", 404)
    return error(exc.detail or "Fout in het verzoek", exc.status_code)


EXCEPTION_HANDLERS = {
    RequestError: request_error,
    connection.DatabaseUnavailable: unavailable,
    CatalogueMismatch: misconfigured,
    BuurtkaartError: refused,
    HTTPException: not_found,
}


def routes() -> list[BaseRoute]:
    return [
        Route("/", index),
        Route("/health", health),
        Route("/versie.json", version),
        Route("/style.json", style_json),
        Route("/labels.json", labels),
        Route("/tiles/{layers}.json", tile_json),
        Route("/tiles/{layers}/{z}/{x}/{y}.pbf", tile),
        Route("/tiles/{rest:path}", bad_tile_path),
        Mount("/static", StaticFiles(directory=STATIC_DIR, check_dir=False), name="static"),
        Mount("/vendor/maplibre-gl", StaticFiles(directory=MAPLIBRE_DIR, check_dir=False), name="maplibre"),
    ]
