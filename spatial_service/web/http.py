"""What every route of the service shares: the JSON error body, the tile answer, tile parsing, the exception
handlers, the gemeente of a request (/g/<code>/, set by gemeente.GemeentePrefix) and the static folders.

One error body for the whole service (OGC API routes excepted: tipg answers those in the OGC shape):
`{"fout": "<Dutch message>", "status": <HTTP status>}`. Routes raise `RequestError` (or any BuurtkaartError)
and the handlers below answer it, so no route builds the body itself.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

from starlette.datastructures import QueryParams
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute

from spatial_service.db import connection
from spatial_service.errors import BuurtkaartError
from spatial_service.paths import PACKAGE_DIR
from spatial_service.tiles.sql import CatalogueMismatch
from spatial_service.web.cache import CachedTile
from spatial_service.web.requests import RequestError, TileRequest, tile_request
from spatial_service.web.service import TileService

STATIC_DIR = Path(__file__).resolve().parent / "static"
MAPLIBRE_DIR = PACKAGE_DIR / "viewer" / "node_modules" / "maplibre-gl" / "dist"
PMTILES_DIR = PACKAGE_DIR / "viewer" / "node_modules" / "pmtiles" / "dist"
MVT_TYPE = "application/vnd.mapbox-vector-tile"
# Browsers and proxies revalidate every time (cheap: 304 on an unchanged ETag), so an edit shows at once.
TILE_CACHE_CONTROL = "public, no-cache"
# The scope key under which gemeente.GemeentePrefix puts the checked code of /g/<code>/ (absent at /).
GEMEENTE_KEY = "buurtkaart.gemeente"
# A route with this attribute set (`per_gemeente(route)`) is served under /g/<code>/ too.
PER_GEMEENTE = "buurtkaart_per_gemeente"
R = TypeVar("R", bound=BaseRoute)


def error(message: str, status: int) -> JSONResponse:
    """The one JSON error body of the service."""
    return JSONResponse({"fout": message, "status": status}, status_code=status)


def service(request: Request) -> TileService:
    return request.app.state.tiles


def gemeente(request: Request) -> str | None:
    """The gemeente of the request: the checked code of /g/<code>/, or None for all gemeenten (at /)."""
    return request.scope.get(GEMEENTE_KEY)


def base_url(request: Request) -> str:
    """The URL the request's relative links resolve against: the root, or /g/<code>/ for one gemeente (the prefix
    is the request's root_path, set by gemeente.GemeentePrefix)."""
    return str(request.base_url)


class BodyTooLarge(Exception):
    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


async def read_capped(request: Request, limit: int) -> bytes:
    """The request body, refused (BodyTooLarge) as soon as it is declared or has streamed past `limit` bytes, so
    no parser ever holds more (the plan check, the resident's forms)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge(int(declared))
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge(size)
        chunks.append(chunk)
    return b"".join(chunks)


def per_gemeente(route: R) -> R:
    """Mark a route as served under /g/<code>/ too; its endpoint reads the gemeente with `gemeente(request)`."""
    setattr(route, PER_GEMEENTE, True)
    return route


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


def parse_tile(svc: TileService, path_params: dict[str, str], query: QueryParams,
               code: str | None = None) -> TileRequest:
    """The validated tile request (RequestError with a Dutch message otherwise); shared with the fast path. For
    one gemeente (`code`, checked) its gemeentecode is a filter, as `?gemeente=` is nationally, so both share the
    cache and its invalidation."""
    if code is not None:
        if "gemeente" in query:
            raise RequestError("Parameter 'gemeente' kan niet naast /g/{gemeente}/ in het pad.")
        query = QueryParams([*query.multi_items(), ("gemeente", code)])
    return tile_request(path_params["layers"], path_params["z"], path_params["x"], path_params["y"], query,
                        {k: query.getlist(k) for k in query}, svc.compiled, svc.value_lists)


# --- exception handlers: every refusal gets the error body -----------------------------------------------
async def request_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestError)
    return error(str(exc), exc.status)


async def unavailable(request: Request, exc: Exception) -> Response:
    return error(str(exc), 503)


async def refused(request: Request, exc: Exception) -> Response:
    return error(str(exc), getattr(exc, "status", 400))


async def misconfigured(request: Request, exc: Exception) -> Response:
    return error(f"De service is verkeerd ingesteld: {exc}", 500)


async def not_found(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        return error(f"Niet gevonden: {request.url.path[:100]}", 404)
    if exc.status_code == 405:
        response = error(f"Methode {request.method[:10]} is hier niet toegestaan.", 405)
    else:
        response = error(exc.detail or "Fout in het verzoek", exc.status_code)
    response.headers.update(exc.headers or {})  # e.g. Allow on a 405
    return response


Handler = Callable[[Request, Exception], Awaitable[Response]]
EXCEPTION_HANDLERS: dict[type[Exception], Handler] = {
    RequestError: request_error,
    connection.DatabaseUnavailable: unavailable,
    CatalogueMismatch: misconfigured,
    BuurtkaartError: refused,
    HTTPException: not_found,
}


def handler_for(exc: BaseException) -> Handler | None:
    """The handler Starlette would pick for `exc` (most specific class first), for code that runs outside the
    router (fast path, gemeente prefix); None for a bug, which stays a 500."""
    return next((EXCEPTION_HANDLERS[cls] for cls in type(exc).__mro__ if cls in EXCEPTION_HANDLERS), None)
