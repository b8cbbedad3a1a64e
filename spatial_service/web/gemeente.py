"""One gemeente's virtuele stad out of a database holding many, under /g/GM0402/: the viewer page and everything
it asks for, relative to the page (style.json, tiles, labels.json, details.json, versie.json, the static files),
plus the wijk panel (agenda/) and the buurtmonitor (cijfers/, budget.json) limited to that gemeente.

There is no second route table: `GemeentePrefix` (a raw ASGI layer in front of the router) takes /g/<code> off a
request for a route marked `http.per_gemeente`, checks the code once, and hands the request on with the code in
its scope (`http.gemeente(request)`) and /g/<code> as its root_path, so the same route answers, its relative
links (`request.base_url`) point under /g/<code>/ and its messages name the full path. Tiles, TileJSON and style
are the national ones with the `gemeente` filter fixed by the path (every public layer has a gemeentecode), so
they share the tile cache and its invalidation. An unknown or malformed code is refused here, before any route:
404/400 with the Dutch error body, or for the page itself a Dutch HTML page."""

from __future__ import annotations

import html
import re
from collections.abc import Awaitable

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp, Receive, Scope, Send

from spatial_service.db import gemeente as scope_rules
from spatial_service.web.http import GEMEENTE_KEY, PER_GEMEENTE, error, handler_for

PREFIX = "/g/"
_PREFIXED = re.compile(r"^/g/([^/]+)(/.*)$")
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


class GemeentePrefix:
    """/g/<code>/<rest> -> the route of <rest>, for routes marked per_gemeente (others: unchanged, so the router
    answers 404 as for any unknown path). National requests pay one `startswith`."""

    def __init__(self, app: ASGIApp, routes: list[BaseRoute]) -> None:
        self.app = app
        self.paths = [route.path_regex for route in routes if getattr(route, PER_GEMEENTE, False)]  # type: ignore[attr-defined]

    def __call__(self, scope: Scope, receive: Receive, send: Send) -> Awaitable[None]:
        # not a coroutine itself: a national request (every tile at /) is handed on as it is, without the cost of
        # one more coroutine frame per request (measured ~1.8 µs, which a cached tile would notice)
        if scope["type"] == "http":
            root = scope.get("root_path", "")
            path = scope["path"]
            if path.startswith(PREFIX, len(root)) and path.startswith(root):
                match = _PREFIXED.match(path[len(root):])
                if match is not None and any(p.match(match[2]) for p in self.paths):
                    return self._scoped(scope, receive, send, root, match[1], match[2])
        return self.app(scope, receive, send)

    async def _scoped(self, scope: Scope, receive: Receive, send: Send, root: str, code: str, rest: str) -> None:
        refusal = await refused(scope, code, rest)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        await self.app({**scope, "root_path": f"{root}{PREFIX}{code}", GEMEENTE_KEY: code}, receive, send)


async def refused(scope: Scope, code: str, rest: str) -> Response | None:
    """None for a code this database knows; else the answer (after the service is ready: it knows them)."""
    try:
        svc = scope["app"].state.tiles
        await svc.ready()
        scope_rules.check_code(code, svc.value_lists.get("gemeentecode", frozenset()), "in het pad")
        return None
    except scope_rules.UnknownGemeente as exc:
        if rest == "/":  # the page itself: a page a person can read, with a way back
            return HTMLResponse(NOT_FOUND_PAGE.format(message=html.escape(str(exc))), status_code=exc.status)
        return error(str(exc), exc.status)
    except Exception as exc:
        handler = handler_for(exc)
        if handler is None:
            raise
        return await handler(Request(scope), exc)


async def info(request: Request, code: str) -> tuple[str, list[float] | None]:
    """The gemeente's name and its extent in lon/lat."""
    async with request.app.state.tiles.pool.connection() as conn:
        row = await (await conn.execute(INFO_QUERY, {"code": code})).fetchone()
    return row[0], row[1]


async def to_folder(request: Request) -> Response:
    """/g/GM0402 -> /g/GM0402/: the page's relative URLs need the trailing slash. A code this database does not
    know gets the page's own refusal at once, not a redirect to it."""
    refusal = await refused(request.scope, request.path_params["gemeente"], "/")
    if refusal is not None:
        return refusal
    return RedirectResponse(request.url.replace(path=request.url.path + "/"), status_code=308)


def routes() -> list[BaseRoute]:
    return [Route("/g/{gemeente}", to_folder)]
