"""What the submit form offers, read from `publiek` on the tile pool (the public role): the themes and the buurten
of the gemeente (all gemeenten at /), each buurt with a point inside it, where the keyboard's location marker
starts when the buurt is chosen from the list."""

from __future__ import annotations

from dataclasses import dataclass

from psycopg import sql
from starlette.requests import Request

from spatial_service.db import gemeente as scope
from spatial_service.web.http import gemeente as gemeente_of

THEMES_SQL = "SELECT code, naam, omschrijving FROM publiek.thema ORDER BY volgorde"
GEMEENTEN_SQL = "SELECT code, naam FROM publiek.gemeente ORDER BY naam, code"
BUURTEN_SQL = """
SELECT b.gemeentecode, g.naam, b.code, b.naam, b.wijknaam,
       round(ST_X(p)::numeric, 6)::float8, round(ST_Y(p)::numeric, 6)::float8
  FROM (SELECT code, naam, wijknaam, gemeentecode, geom FROM publiek.buurt WHERE NOT water{gemeente}) b
  JOIN publiek.gemeente g ON g.code = b.gemeentecode
 CROSS JOIN LATERAL (SELECT ST_Transform(ST_PointOnSurface(b.geom), 4326) AS p) x
 ORDER BY g.naam, b.naam
"""


@dataclass(frozen=True)
class Buurt:
    gemeentecode: str
    gemeentenaam: str
    code: str
    naam: str
    wijknaam: str
    lon: float
    lat: float


@dataclass(frozen=True)
class Thema:
    code: str
    naam: str
    omschrijving: str | None


async def gemeenten(request: Request) -> list[tuple[str, str]]:
    """(code, naam) of every gemeente the site serves, by name."""
    async with request.app.state.pool.connection() as conn:
        return [(code, naam) for code, naam in await (await conn.execute(GEMEENTEN_SQL)).fetchall()]


async def choices(request: Request) -> tuple[list[Thema], list[Buurt]]:
    query = sql.SQL(BUURTEN_SQL).format(gemeente=scope.condition(gemeente_of(request), "gemeentecode", "AND"))
    async with request.app.state.pool.connection() as conn:
        themes = [Thema(*r) for r in await (await conn.execute(THEMES_SQL)).fetchall()]
        buurten = [Buurt(*r) for r in await (await conn.execute(query)).fetchall()]
    return themes, buurten
