"""OpenStreetMap extracts (.osm, .osm.pbf) as public-space objects, read with pyosmium.

Which tags make which kind is data: buurt_vl.objectsoort.osm_tags (e.g. leisure=playground -> speelplek,
leisure=park/garden, landuse=grass -> groen, amenity=bench -> bank), read with kinds_from_db; a node becomes a
point of a kind that allows points, a closed way or multipolygon an area of a kind that allows areas. Zebra
crossings are the one composite rule kept here (highway=crossing or footway=crossing, with crossing=zebra or
crossing_ref=zebra -> zebrapad, a node or the crossing way as a line). bron_id is the OSM id ("node/12",
"way/34", "relation/56").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import osmium
import psycopg

from spatial_service.db.connection import connect
from spatial_service.importers.assets import AssetRecord, ReadStats
from spatial_service.importers.ewkb import wkb_hex_with_srid
from spatial_service.importers.sources import FileProblem

WGS84 = 4326
ZEBRA = "zebrapad"


@dataclass(frozen=True)
class OsmKinds:
    """(key, value) -> kind, for nodes (kinds that allow points) and areas (kinds that allow areas)."""
    points: dict[tuple[str, str], str] = field(default_factory=dict)
    areas: dict[tuple[str, str], str] = field(default_factory=dict)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(sorted({k for k, _ in (*self.points, *self.areas)} | {"highway", "footway"}))


def kinds_from_db(dsn_or_conn: str | psycopg.Connection) -> OsmKinds:
    sql = "SELECT code, osm_tags, geometrietypes FROM buurt_vl.objectsoort ORDER BY volgorde"
    if isinstance(dsn_or_conn, str):
        with connect(dsn_or_conn) as conn:
            rows = conn.execute(sql).fetchall()
    else:
        rows = dsn_or_conn.execute(sql).fetchall()
    kinds = OsmKinds()
    for code, tags, types in rows:
        for tag in tags:
            key, _, value = tag.partition("=")
            if "POINT" in types:
                kinds.points.setdefault((key, value), code)
            if "MULTIPOLYGON" in types:
                kinds.areas.setdefault((key, value), code)
    return kinds


def is_zebra(tags: osmium.osm.TagList) -> bool:
    crossing = tags.get("highway") == "crossing" or tags.get("footway") == "crossing"
    return crossing and (tags.get("crossing") == "zebra" or tags.get("crossing_ref") == "zebra")


def _kind(tags: osmium.osm.TagList, table: dict[tuple[str, str], str]) -> str | None:
    return next((kind for (key, value), kind in table.items() if tags.get(key) == value), None)


def _description(tags: osmium.osm.TagList, keys: tuple[str, ...]) -> str | None:
    order = dict.fromkeys(("leisure", "landuse", "highway", "footway", "crossing", *keys))
    found = [f"{k}={tags.get(k)}" for k in order if k in tags]
    return "OSM " + ", ".join(found) if found else None


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
                kind = _kind(obj.tags, kinds.points) or (ZEBRA if is_zebra(obj.tags) else None)
                if kind:
                    wkb = factory.create_point(obj)
                ident = f"node/{obj.id}"
            elif obj.is_area():
                kind = _kind(obj.tags, kinds.areas)
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
            yield AssetRecord(None, ident, kind, obj.tags.get("name"), _description(obj.tags, kinds.keys),
                              wkb_hex_with_srid(wkb, WGS84))
    except RuntimeError as exc:
        raise FileProblem(f"{path.name}: geen leesbaar OSM-bestand: {exc}") from exc
