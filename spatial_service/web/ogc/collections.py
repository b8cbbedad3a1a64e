"""The OGC collections: one per [[publiek]] layer of the catalogue and geometry type, as a tipg collection with four
additions.

tipg introspects the publiek views (so columns, types, keys and queryables come from the database); each catalogue
layer then becomes one collection per geometry type it may hold (spatial_service/ogc_split.py: `speelplekken_punten`
and `speelplekken_vlakken`, `groen` as it is), with only its catalogue fields, its base filter
(groen/speelplekken/zebrapaden are one view with `soort = ...`, a part adds its geometry type), its own extent and
its one declared geometry type. The subclass adds, through tipg_adapter.TipgCollection's plain hooks:
- a CQL2 whitelist: only queryable properties and CQL2 operations, and the filter must be a condition;
- the output CRS and bbox CRS of OGC API Features Part 2 (crs.REQUEST_CRS, set per request by api.py);
- keyset paging: tipg pages with LIMIT/OFFSET, whose cost grows with the offset (PostgreSQL reads and drops every
  skipped row). When a page (filter, offset) ends at key K, the next page (filter, offset + returned) is read
  as `key > K ORDER BY key LIMIT n` instead: clients follow the `next` links tipg writes, so every page after the
  first is a seek. A jump to an offset nobody reached yet (or another service copy) falls back to OFFSET: the
  same rows, only slower. Boundaries live in a bounded LRU per collection.
  Every page counts afresh (numberMatched is the count at that page, issue 20: a count remembered from the walk's
  start was wrong after an edit). Counting 100,000 rows costs 50-90 ms, more than the seek; correctness first.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from typing import Any

import asyncpg
from cql2 import Expr
from pydantic import PrivateAttr
from pyproj import Transformer

from spatial_service.catalogue import Catalogue
from spatial_service.errors import BuurtkaartError
from spatial_service.ogc_split import OgcCollection, split, types_sql
from spatial_service.web.ogc.crs import DEFAULT, REQUEST_CRS, Crs
from spatial_service.web.ogc.tipg_adapter import (
    Catalog,
    Collection,
    Column,
    DatabaseSettings,
    TipgCollection,
    TiPgError,
    pg_get_collection_index,
)
from spatial_service.web.ogc.tipg_adapter import quote_ident as _quote_ident

SEEK_ENTRIES = 4096


class FilterNotAllowed(TiPgError):
    """A CQL2 filter with a property that is not queryable or an operation we do not allow (HTTP 400)."""


# CQL2 (Part 3) operations a filter may use. cql2 turns any other name into a SQL function call, so an open list
# would let an anonymous client call database functions (pg_sleep, set_config, ...).
CQL_OPS = frozenset({
    "and", "or", "not", "=", "<>", "<", "<=", ">", ">=", "like", "between", "in", "isnull", "casei",
    "+", "-", "*", "/",
    "s_intersects", "s_equals", "s_disjoint", "s_touches", "s_within", "s_overlaps", "s_crosses", "s_contains",
    "t_after", "t_before", "t_contains", "t_disjoint", "t_during", "t_equals", "t_finishedby", "t_finishes",
    "t_intersects", "t_meets", "t_metby", "t_overlappedby", "t_overlaps", "t_startedby", "t_starts",
})


# operations that give true/false: a filter is one of these, and so is every argument of and/or/not
BOOLEAN_OPS = CQL_OPS - {"+", "-", "*", "/", "casei"}


def check_boolean(node: Any, where: str = "het filter") -> None:
    """A filter must be a condition: `1 OR 1=1` or a bare property parses, but PostgreSQL would refuse the SQL."""
    if isinstance(node, bool):
        return
    op = str(node.get("op", "")).lower() if isinstance(node, dict) else ""
    if op not in BOOLEAN_OPS:
        raise FilterNotAllowed(f"Parameter 'filter': {where} is geen voorwaarde (verwacht bijvoorbeeld "
                               "`jaar > 2020` of `S_INTERSECTS(geom, POINT(5.17 52.22))`).")
    if op in ("and", "or", "not"):
        for arg in node.get("args", []):
            check_boolean(arg, f"een deel van '{op.upper()}'")


def check_filter(node: Any, queryables: set[str]) -> None:
    """Refuse (FilterNotAllowed, in Dutch) a filter that names a non-queryable property or a non-CQL2 operation
    (depth and size are bounded before parsing, in limits.py, so this recursion is bounded too)."""
    if isinstance(node, list):
        for item in node:
            check_filter(item, queryables)
        return
    if not isinstance(node, dict):
        return
    if "property" in node:
        if node["property"] not in queryables:
            raise FilterNotAllowed(f"Parameter 'filter': eigenschap '{str(node['property'])[:60]}' is niet "
                                   f"bevraagbaar; kies uit {', '.join(sorted(queryables))}.")
        return
    if "op" in node:
        if str(node["op"]).lower() not in CQL_OPS:
            raise FilterNotAllowed(f"Parameter 'filter': bewerking '{str(node['op'])[:60]}' is niet toegestaan "
                                   "(alleen CQL2-vergelijkingen, ruimtelijke en temporele operatoren).")
        check_filter(node.get("args", []), queryables)


class LayerCollection(TipgCollection):
    """A catalogue layer served by tipg, with Part 2 CRS, a base filter, our CQL2 whitelist and keyset paging
    (through the plain hooks of tipg_adapter.TipgCollection)."""

    base_filter: str | None = None
    # the PostGIS GeometryType of a part of a mixed layer (ogc_split): only its rows, in items and tiles alike
    geometry_filter: str | None = None
    # (where clause, offset) -> (key of the last row before that offset, count of that page)
    _seek: OrderedDict[tuple[str, int], tuple[Any, int | None]] = PrivateAttr(default_factory=OrderedDict)

    def check_cql(self, tree: Any) -> None:
        check_boolean(tree)
        check_filter(tree, set(self.queryables))

    def tipg_handles_bbox(self) -> bool:
        return REQUEST_CRS.get().bbox == DEFAULT

    def extra_where(self, bbox: list[float] | None, column: Column | None) -> list[Expr]:
        exprs = []
        if bbox is not None and column is not None:
            exprs.append(_bbox_expr(column, bbox, REQUEST_CRS.get().bbox))
        if self.base_filter:
            exprs.append(Expr(self.base_filter))
        if self.geometry_filter and self.geometry_column is not None:
            exprs.append(Expr({"op": "=", "args": [
                {"op": "geometrytype", "args": [{"property": self.geometry_column.name}]}, self.geometry_filter]}))
        return exprs

    def output_srid(self) -> int:
        return REQUEST_CRS.get().output.srid

    def finish_geometry(self, sql: str) -> str:
        out = REQUEST_CRS.get().output
        if out.lat_first:
            sql = f"ST_FlipCoordinates({sql})"
        if out.srid != 4326:
            # no "crs" member inside each GeoJSON geometry: the Content-Crs header names the CRS (Part 2)
            sql = f"ST_SetSRID({sql}, 0)"
        return sql

    def seek_key(self, where_sql: str, offset: int) -> Any | None:
        known = self._seek.get((where_sql, offset))
        return known[0] if known is not None else None

    def page_ended(self, where_sql: str, offset: int, last_key: Any, matched: int | None) -> None:
        key = (where_sql, offset)
        self._seek[key] = (last_key, matched)
        self._seek.move_to_end(key)
        while len(self._seek) > SEEK_ENTRIES:
            self._seek.popitem(last=False)


def _bbox_expr(column: Column, bbox: list[float], crs: Crs) -> Expr:
    """`bbox` in `bbox-crs`, as a polygon in the column's CRS (so the spatial index on the column is used)."""
    first, second, third, fourth = (bbox[0], bbox[1], bbox[3], bbox[4]) if len(bbox) == 6 else bbox
    if crs.lat_first:
        west, south, east, north = second, first, fourth, third
    else:
        west, south, east, north = first, second, third, fourth
    srid = column.srid or 4326
    if crs.srid != srid:
        transformer = Transformer.from_crs(crs.srid, srid, always_xy=True)
        west, south, east, north = transformer.transform_bounds(west, south, east, north, densify_pts=21)
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    polygon: Any = {"type": "Polygon", "coordinates": [ring]}
    if srid != 4326:
        polygon = {"op": "st_setsrid", "args": [polygon, srid]}
    return Expr({"op": "s_intersects", "args": [{"property": column.name}, polygon]})


EXTENT_SQL = """
SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e), types {datetimes}
  FROM (SELECT ST_Transform(ST_SetSRID(ST_Extent({geom}), {srid}), 4326) AS e,
               array_agg(DISTINCT GeometryType({geom})) FILTER (WHERE {geom} IS NOT NULL) AS types
               {datetime_aggregates}
          FROM {source} WHERE {where}) x
"""


async def _layer_extent(conn: asyncpg.Connection, part: OgcCollection, geom: Column,
                        datetime_column: Column | None
                        ) -> tuple[list[float] | None, list[str] | None, list[str]]:
    layer = part.layer
    datetimes = ", mindt, maxdt" if datetime_column else ""
    aggregates = ""
    if datetime_column:
        name = _quote_ident(datetime_column.name)
        aggregates = f", min({name})::text AS mindt, max({name})::text AS maxdt"
    schema, _, table = layer.bron.partition(".")
    sql = EXTENT_SQL.format(datetimes=datetimes, datetime_aggregates=aggregates, geom=_quote_ident(geom.name),
                            srid=int(geom.srid or 4326), source=f"{_quote_ident(schema)}.{_quote_ident(table)}",
                            where=part.where(geom.name))
    row = await conn.fetchrow(sql)
    bounds = None if row is None or row[0] is None else [round(float(v), 7) for v in row[:4]]
    span = [row["mindt"], row["maxdt"]] if datetime_column and row is not None and row["mindt"] else None
    return bounds, span, sorted(row["types"] or []) if row is not None else []


async def load_catalog(conn: asyncpg.Connection, catalogue: Catalogue) -> Catalog:
    """Introspect the publiek views the catalogue names (only those: no value lists, no functions) and build one
    collection per catalogue layer and geometry type (ogc_split)."""
    sources = sorted({layer.bron for layer in catalogue.public})
    found = await pg_get_collection_index(conn, settings=DatabaseSettings(
        schemas=["publiek"], tables=sources, functions=[], only_spatial_tables=True, spatial_extent=False,
        datetime_extent=False))
    by_source = {c.id: c for c in found}
    collections: dict[str, LayerCollection] = {}
    for layer in catalogue.public:
        base = by_source.get(layer.bron)
        if base is None or base.geometry_column is None:
            raise BuurtkaartError(f"OGC API: laag '{layer.id}' verwijst naar '{layer.bron}', maar die view met "
                                  "geometrie is niet leesbaar voor de publieke rol.")
        by_name = {c.name: c for c in base.properties}
        missing = [name for name in layer.velden if name not in by_name]
        if missing:
            raise BuurtkaartError(f"OGC API: laag '{layer.id}': velden {', '.join(missing)} ontbreken in "
                                  f"'{layer.bron}'.")
        for part in split(layer, await conn.fetchval(types_sql(layer, base.geometry_column.name))):
            if part.id in collections:
                raise BuurtkaartError(f"OGC API: collectie '{part.id}' (van laag '{layer.id}') bestaat al; geef "
                                      "een van beide lagen een andere id in layers/catalogue.toml.")
            collections[part.id] = await _collection(conn, part, base, by_name)
    return Catalog(collections=collections, last_updated=dt.datetime.now())


async def _collection(conn: asyncpg.Connection, part: OgcCollection, base: Collection,
                      by_name: dict[str, Column]) -> LayerCollection:
    layer = part.layer
    datetime_column = next((by_name[n] for n in layer.velden if by_name[n].is_datetime), None)
    bounds, span, _ = await _layer_extent(conn, part, base.geometry_column, datetime_column)
    if bounds is None and part.split:  # a part without rows yet (zebrapaden_lijnen): where its layer is
        bounds, _, _ = await _layer_extent(conn, split(layer, None)[0], base.geometry_column, None)
    # the one geometry type the collection holds (queryables, `geometryType` in its metadata), never the first
    # one found; GEOMETRY only for a layer without any
    geometry = base.geometry_column.model_copy(update={"bounds": bounds or [3.2, 50.7, 7.3, 53.6],
                                                       "geometry_type": part.geometry_type or "GEOMETRY"})
    if datetime_column is not None and span is not None:
        datetime_column = datetime_column.model_copy(update={"mindt": span[0], "maxdt": span[1]})
    fields = [datetime_column if datetime_column is not None and by_name[n] is by_name[datetime_column.name]
              else by_name[n] for n in layer.velden]
    columns = [*fields, geometry]
    return LayerCollection(
        type=base.type, id=part.id, table=base.table, schema=base.dbschema, title=part.titel,
        description=f"{part.titel} (Buurtkaart, alleen gepubliceerde gegevens)",
        table_columns=columns, properties=columns, id_column=by_name[layer.sleutel],
        geometry_column=geometry, datetime_column=datetime_column, base_filter=layer.filter,
        geometry_filter=part.geometry_type if part.split else None)
