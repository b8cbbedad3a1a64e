"""geoalchemy2/SQLAlchemy models of the data tables, for Python code that reads or writes rows.

They mirror layers/migrations (the source of truth); tests/db/test_models.py fails when the two drift apart.
Derived columns (buurtcode, wijkcode, gemeentecode, aangemaakt_*, gewijzigd_*) are filled by triggers: never
set them from Python.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from geoalchemy2 import Geometry
from sqlalchemy import Boolean, Date, ForeignKey, Integer, Numeric, SmallInteger, String, Text
from sqlalchemy.dialects.postgresql import ARRAY, TIMESTAMP
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

SRID = 28992


class Base(DeclarativeBase):
    pass


class Thema(Base):
    __tablename__ = "thema"
    __table_args__ = {"schema": "buurt_vl"}
    code: Mapped[str] = mapped_column(Text, primary_key=True)
    naam: Mapped[str] = mapped_column(Text)
    omschrijving: Mapped[str | None] = mapped_column(Text)
    kleur: Mapped[str] = mapped_column(Text)
    volgorde: Mapped[int] = mapped_column(Integer)


class Status(Base):
    __tablename__ = "status"
    __table_args__ = {"schema": "buurt_vl"}
    code: Mapped[str] = mapped_column(Text, primary_key=True)
    naam: Mapped[str] = mapped_column(Text)
    kleur: Mapped[str] = mapped_column(Text)
    volgorde: Mapped[int] = mapped_column(Integer)
    eindstatus: Mapped[bool] = mapped_column(Boolean)
    voor_buurtdeal: Mapped[bool] = mapped_column(Boolean)
    deal_gesloten: Mapped[bool] = mapped_column(Boolean)
    gestopt: Mapped[bool] = mapped_column(Boolean)


class Partij(Base):
    __tablename__ = "partij"
    __table_args__ = {"schema": "buurt_vl"}
    code: Mapped[str] = mapped_column(Text, primary_key=True)
    naam: Mapped[str] = mapped_column(Text)
    volgorde: Mapped[int] = mapped_column(Integer)


class Indicator(Base):
    __tablename__ = "indicator"
    __table_args__ = {"schema": "buurt_vl"}
    code: Mapped[str] = mapped_column(Text, primary_key=True)
    naam: Mapped[str] = mapped_column(Text)
    eenheid: Mapped[str] = mapped_column(Text)
    hoger_is_beter: Mapped[bool] = mapped_column(Boolean)
    volgorde: Mapped[int] = mapped_column(Integer)
    decimalen: Mapped[int] = mapped_column(SmallInteger)
    bron: Mapped[str] = mapped_column(Text)
    kleurenschaal: Mapped[str] = mapped_column(ForeignKey("buurt_vl.kleurenschaal.code"))
    omschrijving: Mapped[str | None] = mapped_column(Text)
    cbs_kolommen: Mapped[list[str]] = mapped_column(ARRAY(Text))


class Kleurenschaal(Base):
    __tablename__ = "kleurenschaal"
    __table_args__ = {"schema": "buurt_vl"}
    code: Mapped[str] = mapped_column(Text, primary_key=True)
    naam: Mapped[str] = mapped_column(Text)
    kleuren: Mapped[list[str]] = mapped_column(ARRAY(Text))


class Objectsoort(Base):
    __tablename__ = "objectsoort"
    __table_args__ = {"schema": "buurt_vl"}
    code: Mapped[str] = mapped_column(Text, primary_key=True)
    naam: Mapped[str] = mapped_column(Text)
    meervoud: Mapped[str] = mapped_column(Text)
    geometrietypes: Mapped[list[str]] = mapped_column(ARRAY(Text))
    kleur: Mapped[str] = mapped_column(Text)
    volgorde: Mapped[int] = mapped_column(Integer)
    symbool: Mapped[str] = mapped_column(Text)
    grootte: Mapped[Decimal] = mapped_column(Numeric)
    rand: Mapped[str | None] = mapped_column(Text)
    osm_tags: Mapped[list[str]] = mapped_column(ARRAY(Text))


class Gemeente(Base):
    __tablename__ = "gemeente"
    __table_args__ = {"schema": "buurt"}
    code: Mapped[str] = mapped_column(String, primary_key=True)
    naam: Mapped[str] = mapped_column(Text)
    geom = mapped_column(Geometry("MULTIPOLYGON", srid=SRID, spatial_index=False))
    bron: Mapped[str] = mapped_column(Text)
    peiljaar: Mapped[int | None] = mapped_column(Integer)


class Gebied(Base):
    __tablename__ = "gebied"
    __table_args__ = {"schema": "buurt"}
    code: Mapped[str] = mapped_column(Text, primary_key=True)
    naam: Mapped[str] = mapped_column(Text)
    gemeentecode: Mapped[str] = mapped_column(ForeignKey("buurt.gemeente.code"))


class Wijk(Base):
    __tablename__ = "wijk"
    __table_args__ = {"schema": "buurt"}
    code: Mapped[str] = mapped_column(Text, primary_key=True)
    naam: Mapped[str] = mapped_column(Text)
    gemeentecode: Mapped[str] = mapped_column(ForeignKey("buurt.gemeente.code"))
    gebiedcode: Mapped[str | None] = mapped_column(ForeignKey("buurt.gebied.code"))
    geom = mapped_column(Geometry("MULTIPOLYGON", srid=SRID, spatial_index=False))
    bron: Mapped[str] = mapped_column(Text)
    peiljaar: Mapped[int | None] = mapped_column(Integer)


class Buurt(Base):
    __tablename__ = "buurt"
    __table_args__ = {"schema": "buurt"}
    code: Mapped[str] = mapped_column(Text, primary_key=True)
    naam: Mapped[str] = mapped_column(Text)
    wijkcode: Mapped[str] = mapped_column(ForeignKey("buurt.wijk.code"))
    gemeentecode: Mapped[str] = mapped_column(ForeignKey("buurt.gemeente.code"))
    water: Mapped[bool] = mapped_column(Boolean)
    geom = mapped_column(Geometry("MULTIPOLYGON", srid=SRID, spatial_index=False))
    bron: Mapped[str] = mapped_column(Text)
    peiljaar: Mapped[int | None] = mapped_column(Integer)


class _Derived:
    """Columns the triggers fill: read them, never write them."""

    buurtcode: Mapped[str | None] = mapped_column(Text)
    wijkcode: Mapped[str | None] = mapped_column(Text)
    gemeentecode: Mapped[str | None] = mapped_column(Text)
    aangemaakt_door: Mapped[str | None] = mapped_column(Text)
    aangemaakt_op: Mapped[datetime | None] = mapped_column(TIMESTAMP(timezone=True))
    gewijzigd_door: Mapped[str | None] = mapped_column(Text)
    gewijzigd_op: Mapped[datetime | None] = mapped_column(TIMESTAMP(timezone=True))


class _InsideGemeente(_Derived):
    """Initiatives and deals must lie in a gemeente; one that new boundaries left outside is flagged."""

    buiten_gemeente: Mapped[bool] = mapped_column(Boolean)


class Initiatief(_InsideGemeente, Base):
    __tablename__ = "initiatief"
    __table_args__ = {"schema": "buurt"}
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    titel: Mapped[str] = mapped_column(Text)
    omschrijving: Mapped[str | None] = mapped_column(Text)
    thema: Mapped[str] = mapped_column(ForeignKey("buurt_vl.thema.code"))
    status: Mapped[str] = mapped_column(ForeignKey("buurt_vl.status.code"))
    ingediend_op: Mapped[date] = mapped_column(Date)
    indiener_naam: Mapped[str | None] = mapped_column(Text)
    indiener_email: Mapped[str | None] = mapped_column(Text)
    indiener_telefoon: Mapped[str | None] = mapped_column(Text)
    gepubliceerd: Mapped[bool] = mapped_column(Boolean)
    geom = mapped_column(Geometry("GEOMETRY", srid=SRID, spatial_index=False))
    wijkagenda_id: Mapped[int | None] = mapped_column(ForeignKey("buurt.wijkagenda.id"))
    planjaar: Mapped[int | None] = mapped_column(SmallInteger)
    begroting: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    peilingen: Mapped[list[Peiling]] = relationship(back_populates="initiatief")


class Buurtdeal(_InsideGemeente, Base):
    __tablename__ = "buurtdeal"
    __table_args__ = {"schema": "buurt"}
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    titel: Mapped[str] = mapped_column(Text)
    omschrijving: Mapped[str | None] = mapped_column(Text)
    jaar: Mapped[int] = mapped_column(SmallInteger)
    thema: Mapped[str] = mapped_column(ForeignKey("buurt_vl.thema.code"))
    status: Mapped[str] = mapped_column(ForeignKey("buurt_vl.status.code"))
    initiatief_id: Mapped[int | None] = mapped_column(ForeignKey("buurt.initiatief.id"))
    budget_gemeente: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    gepubliceerd: Mapped[bool] = mapped_column(Boolean)
    geom = mapped_column(Geometry("GEOMETRY", srid=SRID, spatial_index=False))
    wijkagenda_id: Mapped[int | None] = mapped_column(ForeignKey("buurt.wijkagenda.id"))
    groene_deal: Mapped[bool] = mapped_column(Boolean)
    afspraken: Mapped[list[Afspraak]] = relationship(back_populates="buurtdeal", cascade="all, delete-orphan")


class Afspraak(Base):
    __tablename__ = "afspraak"
    __table_args__ = {"schema": "buurt"}
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    buurtdeal_id: Mapped[int] = mapped_column(ForeignKey("buurt.buurtdeal.id"))
    partij: Mapped[str] = mapped_column(ForeignKey("buurt_vl.partij.code"))
    omschrijving: Mapped[str] = mapped_column(Text)
    gereed: Mapped[bool] = mapped_column(Boolean)
    aangemaakt_door: Mapped[str | None] = mapped_column(Text)
    aangemaakt_op: Mapped[datetime | None] = mapped_column(TIMESTAMP(timezone=True))
    gewijzigd_door: Mapped[str | None] = mapped_column(Text)
    gewijzigd_op: Mapped[datetime | None] = mapped_column(TIMESTAMP(timezone=True))
    buurtdeal: Mapped[Buurtdeal] = relationship(back_populates="afspraken")


class Beheerobject(_Derived, Base):
    __tablename__ = "beheerobject"
    __table_args__ = {"schema": "buurt"}
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    soort: Mapped[str] = mapped_column(ForeignKey("buurt_vl.objectsoort.code"))
    naam: Mapped[str | None] = mapped_column(Text)
    omschrijving: Mapped[str | None] = mapped_column(Text)
    beheerder: Mapped[str] = mapped_column(ForeignKey("buurt_vl.partij.code"))
    buurtdeal_id: Mapped[int | None] = mapped_column(ForeignKey("buurt.buurtdeal.id"))
    bron: Mapped[str] = mapped_column(Text)
    bron_id: Mapped[str | None] = mapped_column(Text)
    geom = mapped_column(Geometry("GEOMETRY", srid=SRID, spatial_index=False))


class Peiling(Base):
    __tablename__ = "peiling"
    __table_args__ = {"schema": "buurt"}
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    initiatief_id: Mapped[int] = mapped_column(ForeignKey("buurt.initiatief.id"))
    datum: Mapped[date] = mapped_column(Date)
    voor: Mapped[int] = mapped_column(Integer)
    tegen: Mapped[int] = mapped_column(Integer)
    neutraal: Mapped[int] = mapped_column(Integer)
    respondenten: Mapped[int] = mapped_column(Integer)
    bron: Mapped[str] = mapped_column(Text)
    bron_ref: Mapped[str | None] = mapped_column(Text)
    initiatief: Mapped[Initiatief] = relationship(back_populates="peilingen")


class Budget(Base):
    __tablename__ = "budget"
    __table_args__ = {"schema": "buurt"}
    gemeentecode: Mapped[str] = mapped_column(ForeignKey("buurt.gemeente.code"), primary_key=True)
    jaar: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    bedrag: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    omschrijving: Mapped[str | None] = mapped_column(Text)


class Buurtcijfer(Base):
    __tablename__ = "buurtcijfer"
    __table_args__ = {"schema": "buurt"}
    buurtcode: Mapped[str] = mapped_column(ForeignKey("buurt.buurt.code"), primary_key=True)
    indicator: Mapped[str] = mapped_column(ForeignKey("buurt_vl.indicator.code"), primary_key=True)
    jaar: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    waarde: Mapped[Decimal | None] = mapped_column(Numeric)
    streefwaarde: Mapped[Decimal | None] = mapped_column(Numeric)
    bron: Mapped[str] = mapped_column(Text)


class Wijkcijfer(Base):
    __tablename__ = "wijkcijfer"
    __table_args__ = {"schema": "buurt"}
    wijkcode: Mapped[str] = mapped_column(ForeignKey("buurt.wijk.code"), primary_key=True)
    indicator: Mapped[str] = mapped_column(ForeignKey("buurt_vl.indicator.code"), primary_key=True)
    jaar: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    waarde: Mapped[Decimal | None] = mapped_column(Numeric)
    streefwaarde: Mapped[Decimal | None] = mapped_column(Numeric)
    bron: Mapped[str] = mapped_column(Text)


class Gemeentecijfer(Base):
    __tablename__ = "gemeentecijfer"
    __table_args__ = {"schema": "buurt"}
    gemeentecode: Mapped[str] = mapped_column(ForeignKey("buurt.gemeente.code"), primary_key=True)
    indicator: Mapped[str] = mapped_column(ForeignKey("buurt_vl.indicator.code"), primary_key=True)
    jaar: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    waarde: Mapped[Decimal | None] = mapped_column(Numeric)
    streefwaarde: Mapped[Decimal | None] = mapped_column(Numeric)
    bron: Mapped[str] = mapped_column(Text)


class Prioriteitswijk(Base):
    __tablename__ = "prioriteitswijk"
    __table_args__ = {"schema": "buurt"}
    wijkcode: Mapped[str] = mapped_column(ForeignKey("buurt.wijk.code"), primary_key=True)
    jaar: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    reden: Mapped[str] = mapped_column(Text)


class Budgetverdeling(Base):
    __tablename__ = "budgetverdeling"
    __table_args__ = {"schema": "buurt"}
    wijkcode: Mapped[str] = mapped_column(ForeignKey("buurt.wijk.code"), primary_key=True)
    jaar: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    gemeentecode: Mapped[str] = mapped_column(ForeignKey("buurt.gemeente.code"))
    grondslag: Mapped[Decimal] = mapped_column(Numeric)
    prioriteit: Mapped[bool] = mapped_column(Boolean)
    gewicht: Mapped[Decimal] = mapped_column(Numeric)
    bedrag: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    toelichting: Mapped[str] = mapped_column(Text)
    berekend_op: Mapped[datetime] = mapped_column(TIMESTAMP(timezone=True))


class Wijkagenda(Base):
    __tablename__ = "wijkagenda"
    __table_args__ = {"schema": "buurt"}
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    wijkcode: Mapped[str] = mapped_column(ForeignKey("buurt.wijk.code"))
    thema: Mapped[str] = mapped_column(ForeignKey("buurt_vl.thema.code"))
    prioriteit: Mapped[str] = mapped_column(Text)
    jaar_van: Mapped[int] = mapped_column(SmallInteger)
    jaar_tot: Mapped[int] = mapped_column(SmallInteger)
    omschrijving: Mapped[str | None] = mapped_column(Text)
    herkomst: Mapped[str] = mapped_column(Text)
    gepubliceerd: Mapped[bool] = mapped_column(Boolean)
    aangemaakt_door: Mapped[str | None] = mapped_column(Text)
    aangemaakt_op: Mapped[datetime | None] = mapped_column(TIMESTAMP(timezone=True))
    gewijzigd_door: Mapped[str | None] = mapped_column(Text)
    gewijzigd_op: Mapped[datetime | None] = mapped_column(TIMESTAMP(timezone=True))
    jaarschijven: Mapped[list[Jaarschijf]] = relationship(back_populates="prioriteit_rij")


class Jaarschijf(Base):
    __tablename__ = "jaarschijf"
    __table_args__ = {"schema": "buurt"}
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    wijkagenda_id: Mapped[int] = mapped_column(ForeignKey("buurt.wijkagenda.id"))
    jaar: Mapped[int] = mapped_column(SmallInteger)
    doel: Mapped[str] = mapped_column(Text)
    indicator: Mapped[str | None] = mapped_column(ForeignKey("buurt_vl.indicator.code"))
    streefwaarde: Mapped[Decimal | None] = mapped_column(Numeric)
    evaluatie: Mapped[str | None] = mapped_column(Text)
    evaluatie_toelichting: Mapped[str | None] = mapped_column(Text)
    aangemaakt_door: Mapped[str | None] = mapped_column(Text)
    aangemaakt_op: Mapped[datetime | None] = mapped_column(TIMESTAMP(timezone=True))
    gewijzigd_door: Mapped[str | None] = mapped_column(Text)
    gewijzigd_op: Mapped[datetime | None] = mapped_column(TIMESTAMP(timezone=True))
    prioriteit_rij: Mapped[Wijkagenda] = relationship(back_populates="jaarschijven")


class Statusverloop(Base):
    """Written by a trigger only: read it."""

    __tablename__ = "statusverloop"
    __table_args__ = {"schema": "buurt"}
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    initiatief_id: Mapped[int | None] = mapped_column(ForeignKey("buurt.initiatief.id"))
    buurtdeal_id: Mapped[int | None] = mapped_column(ForeignKey("buurt.buurtdeal.id"))
    status_van: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(Text)
    op: Mapped[datetime] = mapped_column(TIMESTAMP(timezone=True))
    door: Mapped[str] = mapped_column(Text)


class Jaarverslag(Base):
    __tablename__ = "jaarverslag"
    __table_args__ = {"schema": "buurt"}
    gemeentecode: Mapped[str] = mapped_column(ForeignKey("buurt.gemeente.code"), primary_key=True)
    jaar: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    lessen: Mapped[str] = mapped_column(Text)
    aangemaakt_door: Mapped[str | None] = mapped_column(Text)
    aangemaakt_op: Mapped[datetime | None] = mapped_column(TIMESTAMP(timezone=True))
    gewijzigd_door: Mapped[str | None] = mapped_column(Text)
    gewijzigd_op: Mapped[datetime | None] = mapped_column(TIMESTAMP(timezone=True))


def engine_url(dsn: str) -> str:
    """A SQLAlchemy URL for a libpq DSN (service=, host=/socket, ...), passed through unchanged to psycopg."""
    from urllib.parse import quote

    return f"postgresql+psycopg:///?{'&'.join(_dsn_query(dsn, quote))}"


def _dsn_query(dsn: str, quote) -> list[str]:
    import psycopg

    return [f"{k}={quote(str(v))}" for k, v in psycopg.conninfo.conninfo_to_dict(dsn).items()]
