"""GET /agenda/{wijkcode}.json: the wijk panel of the virtuele stad (what the wijk wants, its jaarschijven, which
deals serve which priority), read as one row from publiek.wijkagenda_paneel (composed in SQL)."""

from __future__ import annotations

import re

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

WIJKCODE = re.compile(r"^WK\d{6}$")


async def agenda(request: Request) -> Response:
    code = request.path_params["wijkcode"]
    if not WIJKCODE.match(code):
        return JSONResponse({"fout": f"'{code}' is geen wijkcode (verwacht bv. WK040201)."}, status_code=400)
    async with request.app.state.pool.connection() as conn:
        cur = await conn.execute("SELECT paneel FROM publiek.wijkagenda_paneel WHERE wijkcode = %s", (code,))
        row = await cur.fetchone()
    if row is None:
        return JSONResponse({"fout": f"Wijk {code} bestaat niet."}, status_code=404)
    return JSONResponse(row[0], headers={"Cache-Control": "no-cache"})


def routes() -> list[BaseRoute]:
    return [Route("/agenda/{wijkcode}.json", agenda)]
