"""The geoalchemy2 models mirror the changelogs: a column added in SQL but not in the model fails here."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from spatial_service import models


def test_models_match_database_columns(demo_db):
    engine = sa.create_engine(models.engine_url(demo_db.admin_dsn))
    inspector = sa.inspect(engine)
    for table in models.Base.metadata.sorted_tables:
        db_columns = {c["name"] for c in inspector.get_columns(table.name, schema=table.schema)}
        assert {c.name for c in table.columns} == db_columns, f"{table.schema}.{table.name}"
    engine.dispose()


def test_models_read_a_deal_with_its_commitments(demo_db):
    engine = sa.create_engine(models.engine_url(demo_db.admin_dsn))
    with Session(engine) as session:
        query = sa.select(models.Buurtdeal).where(models.Buurtdeal.titel == "Speelplek Calvijnhof")
        deal = session.scalars(query).one()
        parties = sorted({a.partij for a in deal.afspraken})
        assert parties == ["bewoners", "gemeente"]
        assert deal.wijkcode == "WK040203"
    engine.dispose()
