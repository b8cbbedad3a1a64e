"""Public-space objects (beheerobjecten) into buurt.beheerobject, upserted by (bron, bron_id).

A reader (osm, bgt, table) turns its source into AssetRecords with a soort already chosen; the merge
buurt_app.objecten_samenvoegen reprojects, leaves out what lies outside every gemeente, upserts, and reports
each record the beheerobject triggers refuse (wrong geometry type for the soort, invalid geometry).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

import psycopg

from spatial_service.db.connection import connect
from spatial_service.importers.progress import Progress
from spatial_service.importers.report import ImportResult
from spatial_service.importers.staging import run_merge

MERGE_SQL = "SELECT * FROM buurt_app.objecten_samenvoegen(%s, %s)"
STAGING_COLUMNS = ("bronrij", "bron_id", "soort", "naam", "omschrijving", "geom")


class AssetRecord(NamedTuple):
    layer: str | None   # the file's layer, for report labels ("speelplekken rij 4"); None for OSM
    bron_id: str | None
    soort: str | None
    naam: str | None
    omschrijving: str | None
    ewkb_hex: str | None


@dataclass
class ReadStats:
    """Records a reader saw but that are no public-space object of a known kind (not an error)."""
    ignored: int = 0


@dataclass(frozen=True)
class AssetOptions:
    source_name: str
    skip_invalid: bool = False
    progress: bool = True


def value_list_rows(dsn_or_conn: str | psycopg.Connection, sql: str) -> list[tuple]:
    """The rows of a value-list query (which OSM tags or BGT rules make which kind), on a DSN or an open
    connection (the import's own, so the kinds come from the snapshot it imports into)."""
    if isinstance(dsn_or_conn, str):
        with connect(dsn_or_conn) as conn:
            return conn.execute(sql).fetchall()
    return dsn_or_conn.execute(sql).fetchall()


def _rows(records: Iterable[AssetRecord], result: ImportResult, progress: Progress) -> Iterator[tuple]:
    layer: str | None = None
    for n, rec in enumerate(records, start=1):
        if rec.layer and rec.layer != layer:
            layer = rec.layer
            result.layer_starts_at(n, layer)
        progress.step()
        yield (n, rec.bron_id, rec.soort, rec.naam, rec.omschrijving, rec.ewkb_hex)


def import_assets(dsn: str, records: Iterable[AssetRecord], stats: ReadStats, options: AssetOptions,
                  source: str, total: int | None = None) -> ImportResult:
    # keep only the exceptions: a country-wide import must not hold 100,000 'nieuw' rows in memory
    result = ImportResult(source=source, keep_all=False)
    progress = Progress(f"objecten {source}", total, enabled=options.progress)
    run_merge(dsn, result, staging="objecten_staging", columns=STAGING_COLUMNS,
              rows=_rows(records, result, progress), merge_sql=MERGE_SQL,
              merge_params=(options.source_name, options.skip_invalid))
    result.ignored = stats.ignored
    progress.done()
    return result
