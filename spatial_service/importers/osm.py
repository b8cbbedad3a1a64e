"""OpenStreetMap extracts (.osm, .osm.pbf) as public-space objects, read with pyosmium.

Tags (as DOMAIN.md lists them): leisure=playground -> speelplek (node or area); leisure=park, leisure=garden,
landuse=grass -> groen (areas); highway=crossing or footway=crossing with crossing=zebra or crossing_ref=zebra
-> zebrapad (node, or the crossing way as a line). bron_id is the OSM id ("node/12", "way/34", "relation/56").
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import osmium

from spatial_service.importers.assets import AssetRecord, ReadStats
from spatial_service.importers.ewkb import wkb_hex_with_srid
from spatial_service.importers.sources import FileProblem

WGS84 = 4326
GREEN = {("leisure", "park"), ("leisure", "garden"), ("landuse", "grass")}


def is_zebra(tags: osmium.osm.TagList) -> bool:
    crossing = tags.get("highway") == "crossing" or tags.get("footway") == "crossing"
    return crossing and (tags.get("crossing") == "zebra" or tags.get("crossing_ref") == "zebra")


def area_kind(tags: osmium.osm.TagList) -> str | None:
    if tags.get("leisure") == "playground":
        return "speelplek"
    if any(tags.get(k) == v for k, v in GREEN):
        return "groen"
    return None


def _description(tags: osmium.osm.TagList) -> str | None:
    keys = [f"{k}={tags.get(k)}" for k in ("leisure", "landuse", "highway", "footway", "crossing") if k in tags]
    return "OSM " + ", ".join(keys) if keys else None


def read_osm(path: Path, stats: ReadStats) -> Iterator[AssetRecord]:
    if not path.exists():
        raise FileProblem(f"Bestand {path} bestaat niet.")
    factory = osmium.geom.WKBFactory()
    processor = (osmium.FileProcessor(str(path)).with_locations().with_areas()
                 .with_filter(osmium.filter.KeyFilter("leisure", "landuse", "highway", "footway")))
    try:
        for obj in processor:
            kind: str | None = None
            wkb: str | None = None
            if obj.is_node():
                kind = "speelplek" if obj.tags.get("leisure") == "playground" else (
                    "zebrapad" if is_zebra(obj.tags) else None)
                if kind:
                    wkb = factory.create_point(obj)
                ident = f"node/{obj.id}"
            elif obj.is_area():
                kind = area_kind(obj.tags)
                if kind:
                    wkb = factory.create_multipolygon(obj)
                ident = f"{'way' if obj.from_way() else 'relation'}/{obj.orig_id()}"
            elif obj.is_way() and not obj.is_closed() and is_zebra(obj.tags):
                kind, wkb, ident = "zebrapad", factory.create_linestring(obj), f"way/{obj.id}"
            else:
                continue  # closed ways come back as areas; relations as areas too
            if kind is None:
                stats.ignored += 1
                continue
            yield AssetRecord(None, ident, kind, obj.tags.get("name"), _description(obj.tags),
                              wkb_hex_with_srid(wkb, WGS84))
    except RuntimeError as exc:
        raise FileProblem(f"{path.name}: geen leesbaar OSM-bestand: {exc}") from exc
