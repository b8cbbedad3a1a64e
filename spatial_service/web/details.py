"""What the virtuele stad shows besides the tiles: the list view and the details panel (publiek.kaartitem,
publiek.workflowstap), answered live as /details.json and written by `buurtkaart export-site` as
data/details.json, and the names of wijken and buurten (/labels.json, data/labels.json). For one gemeente
(/g/GM0402/..., `--gemeente`) the same queries limited to its rows (db/gemeente.py)."""

from __future__ import annotations

import json

from psycopg import sql
from starlette.requests import Request
from starlette.responses import Response

from spatial_service.db import gemeente as scope
from spatial_service.web.http import gemeente

DETAILS_QUERY = """
SELECT json_build_object(
  'stappen', (SELECT coalesce(json_agg(json_build_object('code', s.code, 'naam', s.naam) ORDER BY s.volgorde), '[]')
                FROM publiek.workflowstap s),
  'items', (SELECT coalesce(json_agg(k ORDER BY k.soort, k.id), '[]') FROM publiek.kaartitem k{gemeente}))::text
"""

LABELS_QUERY = """
SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(f ORDER BY f->>'id'), '[]'))
  FROM (SELECT json_build_object(
               'type', 'Feature', 'id', soort || ':' || code,
               -- the area ranks the names where they would overlap: the larger area's name is shown (viewer.js)
               'properties', json_build_object('soort', soort, 'code', code, 'naam', naam,
                                               'oppervlakte', round(ST_Area(geom))),
               'geometry', ST_AsGeoJSON(ST_Transform(ST_PointOnSurface(geom), 4326), 6)::json) AS f
          FROM (SELECT 'wijk' AS soort, code, naam, geom FROM publiek.wijk{wijk}
                UNION ALL
                SELECT 'buurt', code, naam, geom FROM publiek.buurt WHERE NOT water{buurt}) g) x
"""


def details_query(gemeente: str | None = None) -> sql.Composed:
    return sql.SQL(DETAILS_QUERY).format(gemeente=scope.condition(gemeente, "k.gemeentecode"))


def labels_query(gemeente: str | None = None) -> sql.Composed:
    return sql.SQL(LABELS_QUERY).format(wijk=scope.condition(gemeente),
                                        buurt=scope.condition(gemeente, keyword="AND"))


async def details(request: Request) -> Response:
    async with request.app.state.tiles.pool.connection() as conn:
        row = await (await conn.execute(details_query(gemeente(request)))).fetchone()
    # no-cache: revalidated like the tiles, so an edit shows in the list as on the map
    return Response(row[0], media_type="application/json", headers={"Cache-Control": "no-cache"})


async def labels(request: Request) -> Response:
    """Names of wijken and buurten at a point inside each: the viewer shows them as HTML labels (no glyph
    server needed, works offline)."""
    async with request.app.state.tiles.pool.connection() as conn:
        row = await (await conn.execute(labels_query(gemeente(request)))).fetchone()
    return Response(json.dumps(row[0]), media_type="application/geo+json")
