"""GET /agenda/{wijkcode}.json: the wijk panel of the virtuele stad (what the wijk wants, its jaarschijven, which
deals serve which priority), read as one row from publiek.wijkagenda_paneel (composed in SQL)."""

from __future__ import annotations

import re

from psycopg import sql
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from spatial_service.db import gemeente as scope
from spatial_service.web.http import gemeente as gemeente_of
from spatial_service.web.http import per_gemeente
from spatial_service.web.requests import RequestError

WIJKCODE = re.compile(r"^WK\d{6}$")


def panel_query(gemeente: str | None, where: str = "") -> sql.Composed:
    """wijkcode and panel of the wijken (of one gemeente); `where` is a first condition, e.g. on wijkcode."""
    scoped = sql.SQL("") if gemeente is None else sql.SQL("{} wijkcode IN (SELECT code FROM publiek.wijk{})").format(
        sql.SQL("AND" if where else "WHERE"), scope.condition(gemeente))
    return sql.SQL("SELECT wijkcode, paneel FROM publiek.wijkagenda_paneel {} {}").format(sql.SQL(where), scoped)


async def agenda(request: Request) -> Response:
    """The panel of a wijk; under /g/GM0402/ only of that gemeente's wijken."""
    code = request.path_params["wijkcode"]
    gemeente = gemeente_of(request)
    if not WIJKCODE.match(code):
        raise RequestError(f"'{code[:40]}' is geen wijkcode (verwacht bv. WK040201).")
    async with request.app.state.pool.connection() as conn:
        row = await (await conn.execute(panel_query(gemeente, "WHERE wijkcode = %s"), (code,))).fetchone()
    if row is None:
        where = "" if gemeente is None else f" in gemeente {gemeente}"
        raise RequestError(f"Wijk {code} bestaat niet{where}.", 404)
    return JSONResponse(row[1], headers={"Cache-Control": "no-cache"})


def routes() -> list[BaseRoute]:
    return [per_gemeente(Route("/agenda/{wijkcode}.json", agenda))]
