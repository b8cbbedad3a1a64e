"""OpenStreetMap extracts (.osm, .osm.pbf) as public-space objects, read with pyosmium.

Which tags make which kind: spatial_service/core/asset_kinds.py (shared with the QGIS algorithm
osm_objecten_importeren). bron_id is the OSM id ("node/12", "way/34", "relation/56").
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import osmium
import psycopg

from spatial_service.core.asset_kinds import (
    KINDS_SQL,
    ZEBRA,
    OsmKinds,
    area_kind,
    is_zebra,
    node_kind,
    osm_description,
    osm_kinds,
)
from spatial_service.importers.assets import AssetRecord, ReadStats, value_list_rows
from spatial_service.importers.ewkb import wkb_hex_with_srid
from spatial_service.importers.sources import FileProblem

WGS84 = 4326
__all__ = ["ZEBRA", "OsmKinds", "is_zebra", "kinds_from_db", "read_osm"]


def kinds_from_db(dsn_or_conn: str | psycopg.Connection) -> OsmKinds:
    return osm_kinds(value_list_rows(dsn_or_conn, KINDS_SQL))


def read_osm(path: Path, stats: ReadStats, kinds: OsmKinds) -> Iterator[AssetRecord]:
    if not path.exists():
        raise FileProblem(f"Bestand {path} bestaat niet.")
    factory = osmium.geom.WKBFactory()
    processor = (osmium.FileProcessor(str(path)).with_locations().with_areas()
                 .with_filter(osmium.filter.KeyFilter(*kinds.keys)))
    try:
        for obj in processor:
            kind: str | None = None
            wkb: str | None = None
            if obj.is_node():
                kind = node_kind(obj.tags, kinds)
                if kind:
                    wkb = factory.create_point(obj)
                ident = f"node/{obj.id}"
            elif obj.is_area():
                kind = area_kind(obj.tags, kinds)
                if kind:
                    wkb = factory.create_multipolygon(obj)
                ident = f"{'way' if obj.from_way() else 'relation'}/{obj.orig_id()}"
            elif obj.is_way() and not obj.is_closed() and is_zebra(obj.tags):
                kind, wkb, ident = ZEBRA, factory.create_linestring(obj), f"way/{obj.id}"
            else:
                continue  # closed ways come back as areas; relations as areas too
            if kind is None:
                stats.ignored += 1
                continue
            yield AssetRecord(None, ident, kind, obj.tags.get("name"), osm_description(obj.tags, kinds),
                              wkb_hex_with_srid(wkb, WGS84))
    except RuntimeError as exc:
        raise FileProblem(f"{path.name}: geen leesbaar OSM-bestand: {exc}") from exc
