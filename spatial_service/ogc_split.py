"""Which OGC API collections a [[publiek]] layer becomes: one per geometry type it holds (issue 20).

A collection that mixes points and areas can only declare "any geometry", and GDAL's OAPIF driver (3.6) then takes
the layer type from its first page: `ogr2ogr` of `speelplekken` warned and wrote a GeoPackage declared Point that
held polygons. A GIS specialist expects what the QGIS plugin shows (each mixed table as two layers, Point and
MultiPolygon), so a layer that may hold more than one geometry type is served as one collection per type,
`<id>_punten`, `<id>_vlakken` (`<id>_lijnen`), each declaring its one type; the mixed collection itself is not
served. Tiles, the viewer and the open-data files keep using the catalogue layer as it is.

Which types a layer may hold: for a layer of one object kind (`soort`) its `buurt_vl.objectsoort.geometrietypes`
(what the geometry trigger allows, so the split stays the same while the data change); for any other layer the
types its published rows hold (initiatives and deals: points and areas, by the CHECK of changelog 0004).
The OGC API (web/ogc/collections.py) and the DCAT export (exporters/dcat.py, `--ogc-url`) both read the split here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spatial_service.catalogue import Catalogue, PublicLayer

# the word after the layer id and in the title, per PostGIS GeometryType (a type not listed: its name)
PARTS = {"POINT": "punten", "LINESTRING": "lijnen", "MULTIPOLYGON": "vlakken"}
GEOMETRY_COLUMN = "geom"


@dataclass(frozen=True)
class OgcCollection:
    """One OGC collection: a catalogue layer, or the part of it with one geometry type."""

    id: str
    titel: str
    layer: PublicLayer
    # the PostGIS GeometryType it declares; None: any (a layer without rows or types)
    geometry_type: str | None
    split: bool = False

    def where(self, geom: str = GEOMETRY_COLUMN) -> str:
        """The SQL condition of its rows in the layer's view (the layer's filter, and for a part its type)."""
        conditions = [self.layer.filter] if self.layer.filter else []
        if self.split and self.geometry_type:
            conditions.append(f"GeometryType({_ident(geom)}) = {_literal(self.geometry_type)}")
        return " AND ".join(f"({c})" for c in conditions) or "TRUE"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def types_sql(layer: PublicLayer, geom: str = GEOMETRY_COLUMN) -> str:
    """One value, a text[] of PostGIS GeometryType names: the types `layer` may hold (module docstring). Built from
    the catalogue's own identifiers only; readable by the public role (publiek views)."""
    if layer.soort:
        return f"SELECT geometrietypes FROM publiek.objectsoort WHERE code = {_literal(layer.soort)}"
    schema, _, table = layer.bron.partition(".")
    return (f"SELECT array_agg(DISTINCT GeometryType({_ident(geom)})) FROM {_ident(schema)}.{_ident(table)} "
            f"WHERE ({layer.filter or 'TRUE'}) AND {_ident(geom)} IS NOT NULL")


def split(layer: PublicLayer, types: list[str] | None) -> list[OgcCollection]:
    """The collections of `layer` given the types it may hold (types_sql)."""
    order = list(PARTS)
    found = sorted(set(types or []), key=lambda t: (order.index(t) if t in order else len(order), t))
    if len(found) <= 1:
        return [OgcCollection(layer.id, layer.titel, layer, found[0] if found else None)]
    return [OgcCollection(f"{layer.id}_{PARTS.get(t, t.lower())}", f"{layer.titel} ({PARTS.get(t, t.lower())})",
                          layer, t, split=True) for t in found]


def ogc_collections(catalogue: Catalogue, fetch: Callable[[str], list[str] | None]) -> list[OgcCollection]:
    """Every collection the OGC API serves, in catalogue order; `fetch(sql)` answers types_sql's one value."""
    return [part for layer in catalogue.public for part in split(layer, fetch(types_sql(layer)))]


def read_collections(conn, catalogue: Catalogue) -> list[OgcCollection]:
    """ogc_collections over a psycopg connection (the DCAT export, tests)."""
    def fetch(sql: str) -> list[str] | None:
        row = conn.execute(sql).fetchone()
        return row[0] if row else None
    return ogc_collections(catalogue, fetch)
