"""Boundaries from the CBS wijk- en buurtkaart (or PDOK gebiedsindelingen) into buurt.gemeente/wijk/buurt.

Reads every layer of the file (a CBS GeoPackage has gemeenten, wijken and buurten), streams the features with
their attributes as they are into pg_temp.grenzen_staging and calls buurt_app.grenzen_samenvoegen, which knows
the layouts, repairs, refuses, upserts by code and re-derives the buurt of everything that depends on it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spatial_service.core.imports import year_from_name
from spatial_service.importers import sources
from spatial_service.importers.ewkb import to_ewkb_hex
from spatial_service.importers.progress import Progress
from spatial_service.importers.report import ImportResult
from spatial_service.importers.staging import run_merge

MERGE_SQL = "SELECT * FROM buurt_app.grenzen_samenvoegen(%s, %s, %s, %s, %s, %s, %s)"
STAGING_COLUMNS = ("bronrij", "laag", "eigenschappen", "geom")


@dataclass(frozen=True)
class BoundaryOptions:
    gemeenten: tuple[str, ...] = ()
    layers: tuple[str, ...] = ()
    crs: str | None = None
    source_name: str | None = None
    year: int | None = None
    repair_degenerate: bool = False
    skip_invalid: bool = False
    delete_vanished: bool = False
    allow_outside: bool = False  # keep initiatives/deals the new boundaries leave outside, flagged and reported
    progress: bool = True


def _json_value(value: Any) -> Any:
    return str(value)


def _features(path: Path, names: list[str], options: BoundaryOptions, result: ImportResult,
              progress: Progress) -> Iterator[tuple[int, str, str, str | None]]:
    row = 0
    for name in names:
        with sources.open_layer(path, name) as collection:
            srid = sources.source_srid(collection, f"{path.name}, laag {name}", options.crs)
            result.layer_starts_at(row + 1, name)
            for feature in collection:
                row += 1
                props = json.dumps(dict(feature.properties), default=_json_value, ensure_ascii=False)
                yield row, name, props, to_ewkb_hex(feature.geometry, srid)
                progress.step()


def import_boundaries(dsn: str, path: Path, options: BoundaryOptions = BoundaryOptions()) -> ImportResult:
    names = sources.layers(path, list(options.layers) or None)
    total = 0
    for name in names:
        with sources.open_layer(path, name) as collection:
            total += len(collection)
    result = ImportResult(source=path.name)
    progress = Progress(f"grenzen {path.name}", total, enabled=options.progress)
    params = (options.source_name or f"CBS wijk- en buurtkaart ({path.name})",
              options.year if options.year is not None else year_from_name(path),
              [g.upper() for g in options.gemeenten] or None,
              options.repair_degenerate, options.skip_invalid, options.delete_vanished,
              options.allow_outside)
    run_merge(dsn, result, staging="grenzen_staging", columns=STAGING_COLUMNS,
              rows=_features(path, names, options, result, progress), merge_sql=MERGE_SQL, merge_params=params)
    progress.done()
    return result
