"""BGT/IMGeo-style files (GML or GeoPackage per object class) as public-space objects.

Which class makes which kind is data: buurt_vl.objectsoort.bgt_regels, read here with kinds_from_db and mapped by
spatial_service/core/asset_kinds.py (shared with the QGIS algorithm bgt_objecten_importeren). Objects that are
none of our kinds, or history, are counted as genegeerd.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg

from spatial_service.core.asset_kinds import BGT_SQL, BgtKinds, bgt_class, bgt_kinds, bgt_object, no_bgt_layer
from spatial_service.importers import sources
from spatial_service.importers.assets import AssetRecord, ReadStats, value_list_rows
from spatial_service.importers.ewkb import to_ewkb_hex

__all__ = ["BgtKinds", "bgt_class", "bgt_layers", "kinds_from_db", "read_bgt"]


def kinds_from_db(dsn_or_conn: str | psycopg.Connection) -> BgtKinds:
    return bgt_kinds(value_list_rows(dsn_or_conn, BGT_SQL))


def bgt_layers(path: Path, kinds: BgtKinds, only: list[str] | None = None) -> list[str]:
    names = sources.layers(path, only)
    found = [n for n in names if bgt_class(n, kinds)]
    if not found:
        raise sources.FileProblem(no_bgt_layer(path.name, names, kinds))
    return found


def read_bgt(path: Path, stats: ReadStats, kinds: BgtKinds, crs: str | None = None,
             only: list[str] | None = None) -> Iterator[AssetRecord]:
    for layer in bgt_layers(path, kinds, only):
        cls = bgt_class(layer, kinds)
        assert cls is not None
        with sources.open_layer(path, layer) as collection:
            srid = sources.source_srid(collection, f"{path.name}, laag {layer}", crs)
            for feature in collection:
                found = bgt_object(cls, dict(feature.properties), kinds)
                if found is None:
                    stats.ignored += 1
                    continue
                yield AssetRecord(layer, found.bron_id, found.soort, found.naam, found.omschrijving,
                                  to_ewkb_hex(feature.geometry, srid))
