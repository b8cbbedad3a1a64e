"""What the list view and the details panel of the virtuele stad show (publiek.kaartitem, publiek.workflowstap):
answered live as /details.json and written by `buurtkaart export-site` as data/details.json."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

DETAILS_QUERY = """
SELECT json_build_object(
  'stappen', (SELECT coalesce(json_agg(json_build_object('code', s.code, 'naam', s.naam) ORDER BY s.volgorde), '[]')
                FROM publiek.workflowstap s),
  'items', (SELECT coalesce(json_agg(k ORDER BY k.soort, k.id), '[]') FROM publiek.kaartitem k))::text
"""


async def details(request: Request) -> Response:
    async with request.app.state.tiles.pool.connection() as conn:
        row = await (await conn.execute(DETAILS_QUERY)).fetchone()
    # no-cache: revalidated like the tiles, so an edit shows in the list as on the map
    return Response(row[0], media_type="application/json", headers={"Cache-Control": "no-cache"})
