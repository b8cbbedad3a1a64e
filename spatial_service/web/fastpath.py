"""A raw ASGI layer in front of the router that answers tile requests without Starlette's routing.

A tile request is the service's hot path: a browsing session is mostly repeats (the viewer revalidates every tile
with its ETag) and a cold map is hundreds of cheap queries, so framework overhead per tile is what limits
throughput (measured on the national data: the router stack, Request object and wrapped `send` were ~20 % of the
service's CPU per cold tile). This layer handles `GET /tiles/{layers}/{z}/{x}/{y}.pbf`, also under /g/<code>/
(gemeente.GemeentePrefix, in front of this layer, has checked the code and put it in the scope): the path is
matched with the tile route's own regex, parsed and validated by the same function as the route
(`http.parse_tile`, i.e. requests.py), the tile comes from the same `TileService.tile` (cache, shared in-flight
queries, generations) and is answered with the same `TileResponse` class; an error the service raises gets the
routes' own exception handler. Everything else falls through unchanged: a malformed request (so its 4xx message
comes from the route), other methods, a service that is not ready yet (the route waits for it).
Invalidation needs nothing here: a dropped tile is simply not in the cache any more.
"""

from __future__ import annotations

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from spatial_service.web.http import GEMEENTE_KEY, TileResponse, handler_for, parse_tile
from spatial_service.web.requests import RequestError
from spatial_service.web.routes import TILE_ROUTE
from spatial_service.web.service import TileService

_TILE_PATH = TILE_ROUTE.path_regex


class TileFastPath:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET":
            root = scope.get("root_path")
            if not root:
                path: str | None = scope["path"]
            elif GEMEENTE_KEY in scope:  # under /g/<code>/: the root_path is that prefix
                path = scope["path"][len(root):]
            else:
                path = None  # a proxy's root_path: left to the route, as before
            match = _TILE_PATH.match(path) if path is not None else None
            if match is not None:
                response = await _answer(scope, match.groupdict())
                if response is not None:
                    await response(scope, receive, send)
                    return
        await self.app(scope, receive, send)


async def _answer(scope: Scope, path_params: dict[str, str]) -> Response | None:
    svc: TileService | None = getattr(scope["app"].state, "tiles", None)
    if svc is None or not svc.is_ready:
        return None
    try:
        req = parse_tile(svc, path_params, QueryParams(scope["query_string"]), scope.get(GEMEENTE_KEY))
    except RequestError:
        return None  # the route gives the same request the same error answer
    if_none_match = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"if-none-match"), None)
    tile = svc.cache.hit(req.key)
    if tile is not None:
        svc.fast_hits += 1
        return TileResponse(tile, True, if_none_match)
    try:
        tile, from_cache = await svc.tile(req)
    except Exception as exc:
        handler = handler_for(exc)
        if handler is None:
            raise  # a bug: Starlette's ServerErrorMiddleware answers 500, as for the route
        return await handler(Request(scope), exc)
    return TileResponse(tile, from_cache, if_none_match)
