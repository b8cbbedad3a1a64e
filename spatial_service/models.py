"""geoalchemy2/SQLAlchemy models of the data tables, for Python code that reads or writes rows.

They mirror layers/migrations (the source of truth); tests/db/test_models.py fails when the two drift apart.
Derived columns (buurtcode, wijkcode, gemeentecode, aangemaakt_*, gewijzigd_*) are filled by triggers: never
set them from Python. The shapes many tables share are written once, as mixins (`_Audited`, `_Located`,
`_Boundary`, `_Project`, `_Figure`, ...) and column factories (`_ref`, `_year`, `_geometry`), so a model lists
only what is its own; a class is named after its table (`Wijkcijfer` is `buurt.wijkcijfer`).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from geoalchemy2 import Geometry
from sqlalchemy import Boolean, Date, ForeignKey, Integer, Numeric, SmallInteger, Text
from sqlalchemy.dialects.postgresql import ARRAY, TIMESTAMP
from sqlalchemy.orm import DeclarativeBase, Mapped, MappedColumn, declared_attr, mapped_column, relationship

SRID = 28992


class Base(DeclarativeBase):
    """Table name = class name in lower case, in schema `buurt` unless the class says otherwise."""

    _schema = "buurt"

    @declared_attr.directive
    def __tablename__(cls) -> str:
        return cls.__name__.lower()

    @declared_attr.directive
    def __table_args__(cls) -> dict[str, Any]:
        return {"schema": cls._schema}


def _ref(target: str, *, primary_key: bool = False) -> MappedColumn[Any]:
    """A foreign key to `target` (schema.table.column), typed by the annotation."""
    return mapped_column(ForeignKey(target), primary_key=primary_key)


def _year(*, primary_key: bool = False) -> MappedColumn[Any]:
    return mapped_column(SmallInteger, primary_key=primary_key)


def _geometry(kind: str = "GEOMETRY") -> MappedColumn[Any]:
    """RD New geometry; the indexes are the changelogs' business."""
    return mapped_column(Geometry(kind, srid=SRID, spatial_index=False))


def _timestamp() -> MappedColumn[Any]:
    return mapped_column(TIMESTAMP(timezone=True))


# --- shapes several tables share ------------------------------------------------------------------------------

class _ValueList:
    """A value list in buurt_vl: a code and the name the user sees."""

    _schema = "buurt_vl"
    code: Mapped[str] = mapped_column(Text, primary_key=True)
    naam: Mapped[str] = mapped_column(Text)


class _Ordered(_ValueList):
    volgorde: Mapped[int] = mapped_column(Integer)


class _Boundary:
    """A CBS area (gemeente, wijk, buurt): code, name, shape and the edition it came from."""

    code: Mapped[str] = mapped_column(Text, primary_key=True)
    naam: Mapped[str] = mapped_column(Text)
    geom = _geometry("MULTIPOLYGON")
    bron: Mapped[str] = mapped_column(Text)
    peiljaar: Mapped[int | None] = mapped_column(Integer)


class _InGemeente:
    gemeentecode: Mapped[str] = _ref("buurt.gemeente.code")


class _Serial:
    id: Mapped[int] = mapped_column(Integer, primary_key=True)


class _Audited:
    """Who made and last changed the row, and when: filled by the triggers."""

    aangemaakt_door: Mapped[str | None] = mapped_column(Text)
    aangemaakt_op: Mapped[datetime | None] = _timestamp()
    gewijzigd_door: Mapped[str | None] = mapped_column(Text)
    gewijzigd_op: Mapped[datetime | None] = _timestamp()


class _Located(_Audited, _Serial):
    """An object on the map: the triggers derive buurt, wijk and gemeente from its geometry."""

    buurtcode: Mapped[str | None] = mapped_column(Text)
    wijkcode: Mapped[str | None] = mapped_column(Text)
    gemeentecode: Mapped[str | None] = mapped_column(Text)
    geom = _geometry()


class _Project(_Located):
    """An initiative or a deal: what it is, its theme and workflow step, whether it is public and the wijkagenda
    priority it serves. It must lie in a gemeente; one that new boundaries left outside is flagged."""

    titel: Mapped[str] = mapped_column(Text)
    omschrijving: Mapped[str | None] = mapped_column(Text)
    thema: Mapped[str] = _ref("buurt_vl.thema.code")
    status: Mapped[str] = _ref("buurt_vl.status.code")
    gepubliceerd: Mapped[bool] = mapped_column(Boolean)
    wijkagenda_id: Mapped[int | None] = _ref("buurt.wijkagenda.id")
    buiten_gemeente: Mapped[bool] = mapped_column(Boolean)


class _Figure:
    """One indicator in one year for an area (the area's key column is the table's own)."""

    indicator: Mapped[str] = _ref("buurt_vl.indicator.code", primary_key=True)
    jaar: Mapped[int] = _year(primary_key=True)
    waarde: Mapped[Decimal | None] = mapped_column(Numeric)
    streefwaarde: Mapped[Decimal | None] = mapped_column(Numeric)
    bron: Mapped[str] = mapped_column(Text)


# --- value lists (buurt_vl) -----------------------------------------------------------------------------------

class Thema(_Ordered, Base):
    omschrijving: Mapped[str | None] = mapped_column(Text)
    kleur: Mapped[str] = mapped_column(Text)
    vorm: Mapped[str] = mapped_column(Text)


class Status(_Ordered, Base):
    kleur: Mapped[str] = mapped_column(Text)
    eindstatus: Mapped[bool] = mapped_column(Boolean)
    voor_buurtdeal: Mapped[bool] = mapped_column(Boolean)
    deal_gesloten: Mapped[bool] = mapped_column(Boolean)
    gestopt: Mapped[bool] = mapped_column(Boolean)
    openbaar: Mapped[bool] = mapped_column(Boolean)


class Partij(_Ordered, Base):
    pass


class Oorsprong(_Ordered, Base):
    """Where an initiative came from: GIS staff (gis) or a resident on the website (web)."""


class Indicator(_Ordered, Base):
    eenheid: Mapped[str] = mapped_column(Text)
    hoger_is_beter: Mapped[bool] = mapped_column(Boolean)
    decimalen: Mapped[int] = mapped_column(SmallInteger)
    bron: Mapped[str] = mapped_column(Text)
    kleurenschaal: Mapped[str] = _ref("buurt_vl.kleurenschaal.code")
    omschrijving: Mapped[str | None] = mapped_column(Text)
    cbs_kolommen: Mapped[list[str]] = mapped_column(ARRAY(Text))


class Kleurenschaal(_ValueList, Base):
    kleuren: Mapped[list[str]] = mapped_column(ARRAY(Text))


class Objectsoort(_Ordered, Base):
    meervoud: Mapped[str] = mapped_column(Text)
    geometrietypes: Mapped[list[str]] = mapped_column(ARRAY(Text))
    kleur: Mapped[str] = mapped_column(Text)
    symbool: Mapped[str] = mapped_column(Text)
    grootte: Mapped[Decimal] = mapped_column(Numeric)
    rand: Mapped[str | None] = mapped_column(Text)
    osm_tags: Mapped[list[str]] = mapped_column(ARRAY(Text))
    bgt_regels: Mapped[list[str]] = mapped_column(ARRAY(Text))


# --- geography ------------------------------------------------------------------------------------------------

class Gemeente(_Boundary, Base):
    pass


class Gebied(_InGemeente, Base):
    code: Mapped[str] = mapped_column(Text, primary_key=True)
    naam: Mapped[str] = mapped_column(Text)


class Wijk(_Boundary, _InGemeente, Base):
    gebiedcode: Mapped[str | None] = _ref("buurt.gebied.code")


class Buurt(_Boundary, _InGemeente, Base):
    wijkcode: Mapped[str] = _ref("buurt.wijk.code")
    water: Mapped[bool] = mapped_column(Boolean)


# --- initiatives, deals and what hangs on them ----------------------------------------------------------------

class Initiatief(_Project, Base):
    ingediend_op: Mapped[date] = mapped_column(Date)
    indiener_naam: Mapped[str | None] = mapped_column(Text)
    indiener_email: Mapped[str | None] = mapped_column(Text)
    indiener_telefoon: Mapped[str | None] = mapped_column(Text)
    planjaar: Mapped[int | None] = _year()
    begroting: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    oorsprong: Mapped[str] = _ref("buurt_vl.oorsprong.code")
    peilingen: Mapped[list[Peiling]] = relationship(back_populates="initiatief")


class Buurtdeal(_Project, Base):
    jaar: Mapped[int] = _year()
    initiatief_id: Mapped[int | None] = _ref("buurt.initiatief.id")
    budget_gemeente: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    groene_deal: Mapped[bool] = mapped_column(Boolean)
    afspraken: Mapped[list[Afspraak]] = relationship(back_populates="buurtdeal", cascade="all, delete-orphan")


class Afspraak(_Audited, _Serial, Base):
    buurtdeal_id: Mapped[int] = _ref("buurt.buurtdeal.id")
    partij: Mapped[str] = _ref("buurt_vl.partij.code")
    omschrijving: Mapped[str] = mapped_column(Text)
    gereed: Mapped[bool] = mapped_column(Boolean)
    uiterlijk: Mapped[date | None] = mapped_column(Date)
    buurtdeal: Mapped[Buurtdeal] = relationship(back_populates="afspraken")


class Beheerobject(_Located, Base):
    soort: Mapped[str] = _ref("buurt_vl.objectsoort.code")
    naam: Mapped[str | None] = mapped_column(Text)
    omschrijving: Mapped[str | None] = mapped_column(Text)
    beheerder: Mapped[str] = _ref("buurt_vl.partij.code")
    buurtdeal_id: Mapped[int | None] = _ref("buurt.buurtdeal.id")
    bron: Mapped[str] = mapped_column(Text)
    bron_id: Mapped[str | None] = mapped_column(Text)


class Peiling(_Serial, Base):
    initiatief_id: Mapped[int] = _ref("buurt.initiatief.id")
    datum: Mapped[date] = mapped_column(Date)
    voor: Mapped[int] = mapped_column(Integer)
    tegen: Mapped[int] = mapped_column(Integer)
    neutraal: Mapped[int] = mapped_column(Integer)
    respondenten: Mapped[int] = mapped_column(Integer)
    bron: Mapped[str] = mapped_column(Text)
    bron_ref: Mapped[str | None] = mapped_column(Text)
    initiatief: Mapped[Initiatief] = relationship(back_populates="peilingen")


class Gespreksverslag(_Audited, _Serial, Base):
    """Notes of a conversation in one step of an initiative or a deal (the werkbak); personal, never public."""

    initiatief_id: Mapped[int | None] = _ref("buurt.initiatief.id")
    buurtdeal_id: Mapped[int | None] = _ref("buurt.buurtdeal.id")
    status: Mapped[str] = _ref("buurt_vl.status.code")
    gesprek_op: Mapped[date] = mapped_column(Date)
    tekst: Mapped[str] = mapped_column(Text)


class Statusverloop(_Serial, Base):
    """Written by a trigger only: read it."""

    initiatief_id: Mapped[int | None] = _ref("buurt.initiatief.id")
    buurtdeal_id: Mapped[int | None] = _ref("buurt.buurtdeal.id")
    status_van: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(Text)
    op: Mapped[datetime] = _timestamp()
    door: Mapped[str] = mapped_column(Text)


# --- money and figures per year -------------------------------------------------------------------------------

class Budget(Base):
    gemeentecode: Mapped[str] = _ref("buurt.gemeente.code", primary_key=True)
    jaar: Mapped[int] = _year(primary_key=True)
    bedrag: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    omschrijving: Mapped[str | None] = mapped_column(Text)


class Buurtcijfer(_Figure, Base):
    buurtcode: Mapped[str] = _ref("buurt.buurt.code", primary_key=True)


class Wijkcijfer(_Figure, Base):
    wijkcode: Mapped[str] = _ref("buurt.wijk.code", primary_key=True)


class Gemeentecijfer(_Figure, Base):
    gemeentecode: Mapped[str] = _ref("buurt.gemeente.code", primary_key=True)


class Prioriteitswijk(Base):
    wijkcode: Mapped[str] = _ref("buurt.wijk.code", primary_key=True)
    jaar: Mapped[int] = _year(primary_key=True)
    reden: Mapped[str] = mapped_column(Text)


class Budgetverdeling(_InGemeente, Base):
    wijkcode: Mapped[str] = _ref("buurt.wijk.code", primary_key=True)
    jaar: Mapped[int] = _year(primary_key=True)
    grondslag: Mapped[Decimal] = mapped_column(Numeric)
    prioriteit: Mapped[bool] = mapped_column(Boolean)
    gewicht: Mapped[Decimal] = mapped_column(Numeric)
    bedrag: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    toelichting: Mapped[str] = mapped_column(Text)
    berekend_op: Mapped[datetime] = _timestamp()


# --- the buurtcyclus ------------------------------------------------------------------------------------------

class Wijkagenda(_Audited, _Serial, Base):
    wijkcode: Mapped[str] = _ref("buurt.wijk.code")
    thema: Mapped[str] = _ref("buurt_vl.thema.code")
    prioriteit: Mapped[str] = mapped_column(Text)
    jaar_van: Mapped[int] = _year()
    jaar_tot: Mapped[int] = _year()
    omschrijving: Mapped[str | None] = mapped_column(Text)
    herkomst: Mapped[str] = mapped_column(Text)
    gepubliceerd: Mapped[bool] = mapped_column(Boolean)
    jaarschijven: Mapped[list[Jaarschijf]] = relationship(back_populates="prioriteit_rij")


class Jaarschijf(_Audited, _Serial, Base):
    wijkagenda_id: Mapped[int] = _ref("buurt.wijkagenda.id")
    jaar: Mapped[int] = _year()
    doel: Mapped[str] = mapped_column(Text)
    indicator: Mapped[str | None] = _ref("buurt_vl.indicator.code")
    streefwaarde: Mapped[Decimal | None] = mapped_column(Numeric)
    evaluatie: Mapped[str | None] = mapped_column(Text)
    evaluatie_toelichting: Mapped[str | None] = mapped_column(Text)
    prioriteit_rij: Mapped[Wijkagenda] = relationship(back_populates="jaarschijven")


class Jaarverslag(_Audited, Base):
    gemeentecode: Mapped[str] = _ref("buurt.gemeente.code", primary_key=True)
    jaar: Mapped[int] = _year(primary_key=True)
    lessen: Mapped[str] = mapped_column(Text)


def engine_url(dsn: str) -> str:
    """A SQLAlchemy URL for a libpq DSN (service=, host=/socket, ...), passed through unchanged to psycopg."""
    from urllib.parse import quote

    return f"postgresql+psycopg:///?{'&'.join(_dsn_query(dsn, quote))}"


def _dsn_query(dsn: str, quote) -> list[str]:
    import psycopg

    return [f"{k}={quote(str(v))}" for k, v in psycopg.conninfo.conninfo_to_dict(dsn).items()]
