"""The tile SQL, built once per layer from the catalogue (like tipg), never from request text.

The known fast pattern (pg_tileserv, Martin): the tile envelope is transformed to the storage SRID (with the
render buffer as margin) so the GiST index on the column is used; the column itself is only transformed for the
rows that hit; geometry is simplified by zoom before ST_AsMVTGeom; a per-layer feature cap; the layers of a
composite tile are concatenated with ||, so a tile is ONE statement. Identifiers come from the catalogue and are
checked against the database at start-up; every request value (z, x, y, filter values) is a bound parameter.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from psycopg import sql
from psycopg.types.numeric import Int4

from spatial_service.catalogue import PublicLayer
from spatial_service.errors import BuurtkaartError

_NUMBER_TYPES = {"integer", "smallint", "bigint", "numeric", "double precision", "real"}
STORAGE_SRID = 28992
EXTENT = 4096
BUFFER = 64
MAX_FEATURES = 20_000
# Hilversum's latitude: RD metres per Web Mercator metre there (cos 52.2°), for the simplify tolerance.
MERCATOR_SCALE = math.cos(math.radians(52.2))
WEB_MERCATOR_SIZE = 40_075_016.685_578_5

# A z22 tile (~10 m) at Amersfoort, the origin of RD: inside the storage SRID's domain, never with data worth
# speaking of; the service runs each statement on it once per new connection (TileService.warm).
EMPTY_TILE = (22, 2_159_917, 1_382_499)
_IDENT = re.compile(r"^[a-z_][a-z0-9_]*$")
# The only form a catalogue `filter` may take: column = 'value'.
_FIXED_FILTER = re.compile(r"^\s*([a-z_][a-z0-9_]*)\s*=\s*'([^']*)'\s*$")

# Casts so every property is a type MVT carries (numeric and dates have no MVT type of their own).
_CASTS = {"numeric": "double precision", "date": "text", "timestamp with time zone": "text",
          "timestamp without time zone": "text", "jsonb": "text", "json": "text", "ARRAY": "text"}
_PASS_TYPES = {"integer", "smallint", "bigint", "text", "boolean", "double precision", "real",
               "character varying"}


class CatalogueMismatch(BuurtkaartError):
    pass


def simplify_tolerance(z: int) -> float:
    """Half an MVT unit at zoom z, in RD metres: finer detail cannot show in the tile anyway."""
    return 0.5 * WEB_MERCATOR_SIZE * MERCATOR_SCALE / (EXTENT * 2**z)


@dataclass(frozen=True)
class LayerSql:
    """One public layer's compiled query parts."""

    layer: PublicLayer
    schema: str
    view: str
    columns: tuple[tuple[str, str | None], ...]  # (column, cast or None)
    id_column: str | None
    fixed_filter: tuple[str, str] | None
    filter_types: dict[str, str]  # filter column -> 'integer' | 'text'

    @property
    def id(self) -> str:
        return self.layer.id

    def subquery(self, filters: dict[str, list[str] | list[int]], prefix: str) -> sql.Composed:
        """SELECT ST_AsMVT(...) for this layer; `filters` are the whitelisted columns with their values."""
        cols = [
            sql.SQL("v.{}::{}").format(sql.Identifier(c), sql.SQL(cast)) + sql.SQL(" AS ") + sql.Identifier(c)
            if cast else sql.SQL("v.{}").format(sql.Identifier(c))
            for c, cast in self.columns
        ]
        where = [sql.SQL("v.geom && b.q")]
        if self.fixed_filter:
            where.append(sql.SQL("v.{} = {}").format(sql.Identifier(self.fixed_filter[0]),
                                                     sql.Literal(self.fixed_filter[1])))
        for column in sorted(filters):
            where.append(sql.SQL("v.{} = ANY({})").format(sql.Identifier(column),
                                                          sql.Placeholder(f"{prefix}_{column}")))
        id_arg = sql.SQL(", {}").format(sql.Literal(self.id_column)) if self.id_column else sql.SQL("")
        return sql.SQL(
            "(SELECT coalesce(ST_AsMVT(t, {name}, {extent}, 'geom'{id_arg}), ''::bytea) FROM ("
            "SELECT {cols}, ST_AsMVTGeom(ST_Transform(ST_Simplify(v.geom, %(tol)s, true), 3857), b.e, "
            "{extent}, {buffer}, true) AS geom "
            "FROM {schema}.{view} v, b WHERE {where} LIMIT {cap}) t)"
        ).format(
            name=sql.Literal(self.id), extent=sql.Literal(EXTENT), buffer=sql.Literal(BUFFER), id_arg=id_arg,
            cols=sql.SQL(", ").join(cols), schema=sql.Identifier(self.schema), view=sql.Identifier(self.view),
            where=sql.SQL(" AND ").join(where), cap=sql.Literal(MAX_FEATURES),
        )


def tile_statement(layers: list[LayerSql], filter_columns: dict[str, frozenset[str]]) -> sql.Composed:
    """One statement for a (composite) tile. filter_columns: layer id -> the filter columns used for it."""
    parts = [
        layer.subquery({c: [] for c in filter_columns.get(layer.id, ())}, f"f{i}")
        for i, layer in enumerate(layers)
    ]
    return sql.SQL(
        "WITH b AS (SELECT ST_TileEnvelope(%(z)s, %(x)s, %(y)s) AS e, "
        "ST_Transform(ST_TileEnvelope(%(z)s, %(x)s, %(y)s, margin => {margin}), {srid}) AS q) "
        "SELECT {body} FROM b"
    ).format(margin=sql.Literal(BUFFER / EXTENT), srid=sql.Literal(STORAGE_SRID),
             body=sql.SQL(" || ").join(parts))


def tile_params(layers: list[LayerSql], z: int, x: int, y: int,
                filters: dict[str, dict[str, list]]) -> dict[str, object]:
    # always int4: psycopg sends a Python int as the smallest type that fits (int2 up to zoom 15, int4 above),
    # and each set of parameter types is a prepared statement of its own, prepared and planned separately
    params: dict[str, object] = {"z": Int4(z), "x": Int4(x), "y": Int4(y), "tol": simplify_tolerance(z)}
    for i, layer in enumerate(layers):
        for column, values in filters.get(layer.id, {}).items():
            params[f"f{i}_{column}"] = values
    return params


COLUMNS_QUERY = """
SELECT table_schema || '.' || table_name, column_name, data_type
  FROM information_schema.columns
 WHERE table_schema = 'publiek'
 ORDER BY table_name, ordinal_position
"""


def compile_layers(public_layers: tuple[PublicLayer, ...],
                   columns: dict[str, dict[str, str]]) -> dict[str, LayerSql]:
    """Check the catalogue against the publiek views the public role can see and compile each layer.

    columns: 'publiek.view' -> {column: data_type}, from COLUMNS_QUERY on the public connection.
    """
    compiled: dict[str, LayerSql] = {}
    for layer in public_layers:
        schema, _, view = layer.bron.partition(".")
        if schema != "publiek" or not _IDENT.match(view):
            raise CatalogueMismatch(f"Catalogus, laag '{layer.id}': bron '{layer.bron}' moet een view in schema "
                                    "publiek zijn (publiek.<naam>).")
        available = columns.get(layer.bron)
        if available is None:
            raise CatalogueMismatch(f"Catalogus, laag '{layer.id}': view {layer.bron} bestaat niet of is niet "
                                    "leesbaar voor de publieke rol.")
        if "geom" not in available:
            raise CatalogueMismatch(f"Catalogus, laag '{layer.id}': {layer.bron} heeft geen kolom geom.")
        for name in (*layer.velden, *layer.filters):
            if not _IDENT.match(name) or name not in available or name == "geom":
                raise CatalogueMismatch(f"Catalogus, laag '{layer.id}': veld '{name}' bestaat niet in "
                                        f"{layer.bron}.")
        fixed = None
        if layer.filter:
            m = _FIXED_FILTER.match(layer.filter)
            if not m or m.group(1) not in available:
                raise CatalogueMismatch(f"Catalogus, laag '{layer.id}': filter '{layer.filter}' moet de vorm "
                                        "kolom = 'waarde' hebben, met een kolom van de view.")
            fixed = (m.group(1), m.group(2))
        cols = []
        for name in layer.velden:
            dtype = available[name]
            cols.append((name, None if dtype in _PASS_TYPES else _CASTS.get(dtype, "text")))
        key_type = available.get(layer.sleutel)
        id_column = layer.sleutel if key_type in ("integer", "bigint", "smallint") else None
        filter_types = {f: ("integer" if available[f] in ("integer", "smallint", "bigint") else "text")
                        for f in layer.filters}
        compiled[layer.id] = LayerSql(layer, schema, view, tuple(cols), id_column, fixed, filter_types)
    return compiled


def field_type(dtype: str) -> str:
    """The TileJSON/MVT field type of a PostgreSQL column type."""
    if dtype in _NUMBER_TYPES:
        return "Number"
    return "Boolean" if dtype == "boolean" else "String"
