"""HTTP routes: tiles, TileJSON, style, labels, health, and the viewer's static files."""

from __future__ import annotations

from pathlib import Path

import psycopg
from psycopg_pool import PoolTimeout
from starlette.datastructures import QueryParams
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from spatial_service.db import connection
from spatial_service.errors import BuurtkaartError
from spatial_service.paths import PACKAGE_DIR
from spatial_service.tiles.sql import CatalogueMismatch
from spatial_service.web.basemap import basemap_config
from spatial_service.web.cache import CachedTile
from spatial_service.web.details import details, labels
from spatial_service.web.requests import RequestError, TileRequest, parse_layers, tile_request
from spatial_service.web.service import TileService
from spatial_service.web.style import style, tilejson, value_lists

STATIC_DIR = Path(__file__).resolve().parent / "static"
MAPLIBRE_DIR = PACKAGE_DIR / "viewer" / "node_modules" / "maplibre-gl" / "dist"
PMTILES_DIR = PACKAGE_DIR / "viewer" / "node_modules" / "pmtiles" / "dist"
MVT_TYPE = "application/vnd.mapbox-vector-tile"
# Browsers and proxies revalidate every time (cheap: 304 on an unchanged ETag), so an edit shows at once.
TILE_CACHE_CONTROL = "public, no-cache"


def error(message: str, status: int) -> JSONResponse:
    return JSONResponse({"fout": message, "status": status}, status_code=status)


def service(request: Request) -> TileService:
    return request.app.state.tiles


def base_url(request: Request) -> str:
    return str(request.base_url)


class TileResponse(Response):
    """A tile (200) or its 304, with the tile headers. The tile route and the cache fast path (fastpath.py) both
    answer with this class, so a tile from either is byte-for-byte the same answer."""

    def __init__(self, tile: CachedTile, from_cache: bool, if_none_match: str | None) -> None:
        self.background = None
        headers = [(b"etag", tile.etag.encode("latin-1")), (b"cache-control", _CACHE_CONTROL),
                   (b"x-cache", b"HIT" if from_cache else b"MISS"), (b"access-control-allow-origin", b"*")]
        if if_none_match == tile.etag:
            self.status_code = 304
            self.body = b""
        else:
            self.status_code = 200
            self.body = tile.body
            headers += [(b"content-length", str(len(tile.body)).encode("latin-1")), (b"content-type", _MVT_TYPE)]
        self.raw_headers = headers


_CACHE_CONTROL = TILE_CACHE_CONTROL.encode("latin-1")
_MVT_TYPE = MVT_TYPE.encode("latin-1")


def parse_tile(svc: TileService, path_params: dict[str, str], query: QueryParams) -> TileRequest:
    """The validated tile request (RequestError with a Dutch message otherwise); shared with the fast path."""
    return tile_request(path_params["layers"], path_params["z"], path_params["x"], path_params["y"], query,
                        {k: query.getlist(k) for k in query}, svc.compiled, svc.value_lists)


async def tile(request: Request) -> Response:
    svc = service(request)
    await svc.ready()
    req = parse_tile(svc, request.path_params, request.query_params)
    result, from_cache = await svc.tile(req)
    return TileResponse(result, from_cache, request.headers.get("if-none-match"))


async def bad_tile_path(request: Request) -> Response:
    return error(f"Ongeldig tegelpad '/tiles/{request.path_params['rest'][:80]}': verwacht "
                 "/tiles/{laag[,laag...]}/{z}/{x}/{y}.pbf of /tiles/{laag[,laag...]}.json.", 400)


async def tile_json(request: Request) -> Response:
    svc = service(request)
    await svc.ready()
    layers = parse_layers(request.path_params["layers"], svc.compiled)
    # validate the filters now, so a TileJSON never promises tiles that will fail
    parse_tile(svc, {**request.path_params, "z": "0", "x": "0", "y": "0"}, request.query_params)
    return JSONResponse(tilejson(list(layers), base_url(request), request.url.query, svc.extent, svc.columns),
                        headers={"Access-Control-Allow-Origin": "*"})


async def style_json(request: Request) -> Response:
    svc = service(request)
    await svc.ready()
    async with svc.pool.connection() as conn:
        lists = await value_lists(conn)
    body = style(list(svc.compiled.values()), base_url(request), lists, basemap_config(svc.settings))
    body["metadata"]["buurtkaart:extent"] = svc.extent
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


TILE_ROUTE = Route("/tiles/{layers}/{z}/{x}/{y}.pbf", tile)


def routes() -> list[BaseRoute]:
    return [
        Route("/", index),
        Route("/health", health),
        Route("/versie.json", version),
        Route("/style.json", style_json),
        Route("/labels.json", labels),
        Route("/details.json", details),
        Route("/tiles/{layers}.json", tile_json),
        TILE_ROUTE,
        Route("/tiles/{rest:path}", bad_tile_path),
        Mount("/static", StaticFiles(directory=STATIC_DIR, check_dir=False), name="static"),
        Mount("/vendor/maplibre-gl", StaticFiles(directory=MAPLIBRE_DIR, check_dir=False), name="maplibre"),
        Mount("/vendor/pmtiles", StaticFiles(directory=PMTILES_DIR, check_dir=False), name="pmtiles"),
    ]
