"""A raw ASGI layer in front of the router that answers tile requests without Starlette's routing.

A tile request is the service's hot path: a browsing session is mostly repeats (the viewer revalidates every tile
with its ETag) and a cold map is hundreds of cheap queries, so framework overhead per tile is what limits
throughput (measured on the national data: the router stack, Request object and wrapped `send` were ~20 % of the
service's CPU per cold tile). This layer handles `GET /tiles/{layers}/{z}/{x}/{y}.pbf` and one gemeente's
`GET /g/{code}/tiles/...` (with the gemeente added as its route adds it, web/gemeente.py): the path is matched
with the tile routes' own regexes, parsed and validated by the same function as the routes (`routes.parse_tile`,
i.e. requests.py), the tile comes from the same `TileService.tile` (cache, shared in-flight queries, generations)
and is answered with the same `TileResponse` class; an error the service raises gets the routes' own exception
handler. Everything else falls through unchanged: a malformed request or unknown gemeente (so its 4xx message
comes from the route), other methods, a service that is not ready yet (the route waits for it).
Invalidation needs nothing here: a dropped tile is simply not in the cache any more.
"""

from __future__ import annotations

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from spatial_service.web import gemeente
from spatial_service.web.requests import RequestError
from spatial_service.web.routes import EXCEPTION_HANDLERS, TILE_ROUTE, TileResponse, parse_tile
from spatial_service.web.service import TileService

_TILE_PATHS = (TILE_ROUTE.path_regex, gemeente.TILE_ROUTE.path_regex)


class TileFastPath:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET" and not scope.get("root_path"):
            match = next((m for m in (p.match(scope["path"]) for p in _TILE_PATHS) if m is not None), None)
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
    query = QueryParams(scope["query_string"])
    try:
        code = path_params.get("gemeente")
        if code is not None:
            if code not in svc.value_lists.get("gemeentecode", ()):
                return None  # the route says what is wrong with the code
            query = gemeente.with_gemeente(query, code)
        req = parse_tile(svc, path_params, query)
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
        handler = next((EXCEPTION_HANDLERS[cls] for cls in type(exc).__mro__ if cls in EXCEPTION_HANDLERS), None)
        if handler is None:
            raise  # a bug: Starlette's ServerErrorMiddleware answers 500, as for the route
        return await handler(Request(scope), exc)
    return TileResponse(tile, from_cache, if_none_match)
