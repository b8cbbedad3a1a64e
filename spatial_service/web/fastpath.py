"""A raw ASGI layer in front of the router that answers cached tiles without Starlette's routing.

Most tile requests in a browsing session are repeats (the viewer revalidates every tile with its ETag), so the
cost per cached tile is mostly framework overhead. This layer handles only `GET /tiles/{layers}/{z}/{x}/{y}.pbf`
whose exact validated request is in the cache: the path is matched with the tile route's own regex, parsed and
validated by the same function as the route (`routes.parse_tile`, i.e. requests.py), and answered with the same
`TileResponse` class. Everything else falls through unchanged: a malformed request (so its 4xx message comes
from the route, never from the cache), a cache miss, other methods, a service that is not ready yet.
Invalidation needs nothing here: a dropped tile is simply not in the cache any more.
"""

from __future__ import annotations

from starlette.datastructures import QueryParams
from starlette.types import ASGIApp, Receive, Scope, Send

from spatial_service.web.requests import RequestError
from spatial_service.web.routes import TILE_ROUTE, TileResponse, parse_tile

_TILE_PATH = TILE_ROUTE.path_regex


class TileFastPath:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET" and not scope.get("root_path"):
            match = _TILE_PATH.match(scope["path"])
            if match is not None:
                response = _from_cache(scope, match.groupdict())
                if response is not None:
                    await response(scope, receive, send)
                    return
        await self.app(scope, receive, send)


def _from_cache(scope: Scope, path_params: dict[str, str]) -> TileResponse | None:
    svc = getattr(scope["app"].state, "tiles", None)
    if svc is None or not svc.is_ready:
        return None
    try:
        req = parse_tile(svc, path_params, QueryParams(scope["query_string"]))
    except RequestError:
        return None  # the route gives the same request the same error answer
    tile = svc.cache.hit(req.key)
    if tile is None:
        return None
    svc.fast_hits += 1
    if_none_match = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"if-none-match"), None)
    return TileResponse(tile, True, if_none_match)
