"""The OGC collections: one per [[publiek]] layer of the catalogue, as a tipg collection with three additions.

tipg introspects the publiek views (so columns, types, keys and queryables come from the database); each catalogue
layer then becomes a collection named by its catalogue id, with only its catalogue fields, its base filter
(groen/speelplekken/zebrapaden are one view with `soort = ...`) and its own extent. The subclass adds:
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

import contextvars
import datetime as dt
from collections import OrderedDict
from typing import Any

import asyncpg
from cql2 import Expr
from morecantile.models import Tile, TileMatrixSet
from pydantic import PrivateAttr
from pyproj import Transformer
from tipg.collections import Catalog, Column, Feature, ItemList, PgCollection, _quote_ident, pg_get_collection_index
from tipg.errors import TiPgError
from tipg.settings import DatabaseSettings, FeaturesSettings

from spatial_service.catalogue import Catalogue, PublicLayer
from spatial_service.errors import BuurtkaartError
from spatial_service.web.ogc.crs import DEFAULT, REQUEST_CRS, Crs

SEEK_ENTRIES = 4096
DEFAULT_LIMIT = FeaturesSettings().default_features_limit
# per request (each runs in its own task): the count found for it
_MATCHED: contextvars.ContextVar[int | None] = contextvars.ContextVar("ogc_matched", default=None)


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


class LayerCollection(PgCollection):
    """A catalogue layer served by tipg, with Part 2 CRS, a base filter and keyset paging."""

    base_filter: str | None = None
    # (where clause, offset) -> (key of the last row before that offset, count of the walk)
    _seek: OrderedDict[tuple[str, int], tuple[Any, int | None]] = PrivateAttr(default_factory=OrderedDict)

    async def features(self, conn: asyncpg.Connection, **kwargs: Any) -> ItemList:
        matched_token = _MATCHED.set(None)
        try:
            return await super().features(conn, **kwargs)
        finally:
            _MATCHED.reset(matched_token)

    async def _features_count_query(self, conn: asyncpg.Connection, *, where: Expr | None = None,
                                    function_parameters: dict[str, str] | None) -> int:
        matched = await super()._features_count_query(conn, where=where, function_parameters=function_parameters)
        _MATCHED.set(matched)
        return matched

    def cql_where(self, ids: list[str] | None = None, datetime: list[str] | None = None,
                  bbox: list[float] | None = None, properties: list[tuple[str, Any]] | None = None,
                  cql: Expr | None = None, geom: str | None = None, dt: str | None = None,
                  tile: Tile | None = None, tms: TileMatrixSet | None = None) -> Expr | None:
        if cql is not None:
            tree = cql.to_json()
            check_boolean(tree)
            check_filter(tree, set(self.queryables))
        bbox_crs = REQUEST_CRS.get().bbox
        ours = bbox is not None and bbox_crs != DEFAULT
        where = super().cql_where(ids=ids, datetime=datetime, bbox=None if ours else bbox, properties=properties,
                                  cql=cql, geom=geom, dt=dt, tile=tile, tms=tms)
        exprs = [where] if where is not None else []
        column = self.get_geometry_column(geom)
        if ours and column is not None:
            exprs.append(_bbox_expr(column, bbox, bbox_crs))
        if self.base_filter:
            exprs.append(Expr(self.base_filter))
        if not exprs:
            return None
        if len(exprs) == 1:
            return exprs[0]
        return Expr({"op": "and", "args": [e.to_json() for e in exprs]})

    def _geom_expr(self, geometry_column: Column | None, bbox_only: bool | None,
                   simplify: float | None) -> str | None:
        if geometry_column is None:
            return None
        out = REQUEST_CRS.get().output
        g = f"CAST({_quote_ident(geometry_column.name)} AS geometry)"
        if geometry_column.srid != out.srid:
            g = f"ST_Transform({g}, {out.srid})"
        if bbox_only:
            g = f"ST_Envelope({g})"
        elif simplify:
            s = float(simplify)
            g = f"ST_SnapToGrid(ST_SimplifyPreserveTopology({g}, {s}), {s})"
        if out.lat_first:
            g = f"ST_FlipCoordinates({g})"
        if out.srid != 4326:
            # no "crs" member inside each GeoJSON geometry: the Content-Crs header names the CRS (Part 2)
            g = f"ST_SetSRID({g}, 0)"
        return g

    async def _features_query(self, conn: asyncpg.Connection, *, where: Expr | None = None,
                              sortby: str | None = None, properties: list[str] | None = None,
                              geom: str | None = None, limit: int | None = None, offset: int | None = None,
                              bbox_only: bool | None = None, simplify: float | None = None,
                              geom_as_wkt: bool = False, function_parameters: dict[str, str] | None):
        limit = limit or DEFAULT_LIMIT
        offset = offset or 0
        params: list[Any] = []
        where_sql = self._where_clause(where)
        keyed = sortby is None and self.id_column is not None
        known = self._seek.get((where_sql, offset)) if keyed and offset else None
        after = known[0] if known is not None else None
        parts = [self._select(properties=properties, geometry_column=self.get_geometry_column(geom),
                              bbox_only=bbox_only, simplify=simplify, geom_as_wkt=geom_as_wkt),
                 self._from(function_parameters, params), where_sql]
        if after is not None:
            params.append(after)
            parts.append(f"AND {_quote_ident(self.id_column.name)} > ${len(params)}")
        parts += [self._sortby(sortby), f"LIMIT {int(limit)}"]
        if after is None:
            parts.append(f"OFFSET {int(offset)}")
        returned, last = 0, None
        for r in await conn.fetch(" ".join(parts), *params):
            props = dict(r)
            geometry = props.pop("tipg_geom")
            last = props.pop("tipg_id")
            returned += 1
            yield Feature(type="Feature", geometry=geometry, id=last, properties=props)
        if keyed and returned:
            self._remember((where_sql, offset + returned), (last, _MATCHED.get()))

    def _remember(self, key: tuple[str, int], value: tuple[Any, int | None]) -> None:
        self._seek[key] = value
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


async def _layer_extent(conn: asyncpg.Connection, layer: PublicLayer, geom: Column,
                        datetime_column: Column | None
                        ) -> tuple[list[float] | None, list[str] | None, list[str]]:
    datetimes = ", mindt, maxdt" if datetime_column else ""
    aggregates = ""
    if datetime_column:
        name = _quote_ident(datetime_column.name)
        aggregates = f", min({name})::text AS mindt, max({name})::text AS maxdt"
    schema, _, table = layer.bron.partition(".")
    sql = EXTENT_SQL.format(datetimes=datetimes, datetime_aggregates=aggregates, geom=_quote_ident(geom.name),
                            srid=int(geom.srid or 4326), source=f"{_quote_ident(schema)}.{_quote_ident(table)}",
                            where=layer.filter or "TRUE")
    row = await conn.fetchrow(sql)
    bounds = None if row is None or row[0] is None else [round(float(v), 7) for v in row[:4]]
    span = [row["mindt"], row["maxdt"]] if datetime_column and row is not None and row["mindt"] else None
    return bounds, span, sorted(row["types"] or []) if row is not None else []


def declared_type(types: list[str]) -> str:
    """PostGIS GeometryType names present in a layer -> the one type to declare (GEOMETRY: mixed or empty)."""
    return types[0] if len(types) == 1 else "GEOMETRY"


async def load_catalog(conn: asyncpg.Connection, catalogue: Catalogue) -> Catalog:
    """Introspect the publiek views the catalogue names (only those: no value lists, no functions) and build one
    collection per catalogue layer."""
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
        datetime_column = next((by_name[n] for n in layer.velden if by_name[n].is_datetime), None)
        bounds, span, types = await _layer_extent(conn, layer, base.geometry_column, datetime_column)
        # the geometry type the collection really holds (queryables, `geometryType` in its metadata): one type,
        # or GEOMETRY when it mixes them (speelplekken: points and areas), never the first one found
        geometry = base.geometry_column.model_copy(update={"bounds": bounds or [3.2, 50.7, 7.3, 53.6],
                                                           "geometry_type": declared_type(types)})
        if datetime_column is not None and span is not None:
            datetime_column = datetime_column.model_copy(update={"mindt": span[0], "maxdt": span[1]})
        fields = [datetime_column if datetime_column is not None and by_name[n] is by_name[datetime_column.name]
                  else by_name[n] for n in layer.velden]
        columns = [*fields, geometry]
        collections[layer.id] = LayerCollection(
            type=base.type, id=layer.id, table=base.table, schema=base.dbschema, title=layer.titel,
            description=f"{layer.titel} (Buurtkaart, alleen gepubliceerde gegevens)",
            table_columns=columns, properties=columns, id_column=by_name[layer.sleutel],
            geometry_column=geometry, datetime_column=datetime_column, base_filter=layer.filter)
    return Catalog(collections=collections, last_updated=dt.datetime.now())
