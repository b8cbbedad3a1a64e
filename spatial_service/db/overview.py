"""What a Buurtkaart database holds, per gemeente, for `buurtkaart db status`: read with the geoalchemy2 models
(spatial_service/models.py), the plain single-row reading they exist for. Not a hot path: the tiles, imports and
reports read through SQL functions and prepared statements."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from spatial_service import models


@dataclass(frozen=True)
class GemeenteContents:
    code: str
    naam: str
    wijken: int
    buurten: int
    initiatieven: int
    buurtdeals: int


def contents(dsn: str) -> list[GemeenteContents]:
    """One row per gemeente (by code) with its counts; the rows the connection's role may see (RLS)."""
    def per_gemeente(model: type[models.Base]) -> sa.Subquery:
        return (sa.select(model.gemeentecode.label("code"), sa.func.count().label("n"))
                .group_by(model.gemeentecode).subquery())

    counted = {model: per_gemeente(model)
               for model in (models.Wijk, models.Buurt, models.Initiatief, models.Buurtdeal)}
    query = sa.select(models.Gemeente.code, models.Gemeente.naam,
                      *(sa.func.coalesce(q.c.n, 0) for q in counted.values()))
    for q in counted.values():
        query = query.outerjoin(q, q.c.code == models.Gemeente.code)
    engine = sa.create_engine(models.engine_url(dsn))
    try:
        with Session(engine) as session:
            return [GemeenteContents(*row) for row in session.execute(query.order_by(models.Gemeente.code))]
    finally:
        engine.dispose()


def describe(rows: list[GemeenteContents]) -> list[str]:
    """The lines `db status` prints."""
    if not rows:
        return ["geen gemeenten: importeer de wijk- en buurtkaart (buurtkaart import grenzen) of laad de demo "
                "(buurtkaart demo)"]
    return [f"{g.naam} ({g.code}): {g.wijken} wijken, {g.buurten} buurten, {g.initiatieven} initiatieven, "
            f"{g.buurtdeals} buurtdeals" for g in rows]
