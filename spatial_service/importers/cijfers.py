"""Figures (buurtmonitor) into buurt.buurtcijfer / wijkcijfer / gemeentecijfer: `buurtkaart import cijfers FILE`.

The file is read in its published layout (cijfers_layouts), its cells are streamed into the staging table, and
buurt_app.cijfers_samenvoegen checks and merges them in the same transaction: unknown area or indicator, year
out of range, duplicates and non-numbers are refused there, naming row and field.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spatial_service.core.imports import year_from_name
from spatial_service.db.connection import connect
from spatial_service.importers import cijfers_layouts as layouts
from spatial_service.importers.progress import Progress
from spatial_service.importers.report import ImportResult
from spatial_service.importers.sources import FileProblem
from spatial_service.importers.staging import run_merge

MERGE_SQL = "SELECT * FROM buurt_app.cijfers_samenvoegen(%s, %s, %s)"
STAGING_COLUMNS = ("bronrij", "kolom", "gebiedcode", "indicator", "jaar", "waarde", "streefwaarde")


@dataclass(frozen=True)
class FigureOptions:
    layout: str | None = None            # statline, kwb, lang; None: from the header
    year: int | None = None              # wide layouts: the year of the figures
    columns: tuple[str, ...] = field(default_factory=tuple)  # extra KOLOM=indicator pairs
    source_name: str | None = None
    skip_invalid: bool = False
    progress: bool = True


def _mapping(dsn: str, header: list[str], extra: tuple[str, ...]) -> dict[str, str]:
    """Which column holds which indicator, as the database decides (buurt_app.cijfers_kolommen)."""
    for pair in extra:
        if "=" not in pair or not all(p.strip() for p in pair.split("=", 1)):
            raise FileProblem(f"--kolom {pair}: verwacht KOLOM=indicator, bv. --kolom AantalInwoners_5=inwoners.")
    with connect(dsn) as conn:
        rows = conn.execute("SELECT kolom, indicator FROM buurt_app.cijfers_kolommen(%s, %s)",
                            (header, list(extra))).fetchall()
    unknown = [p.split("=", 1)[0].strip() for p in extra
               if p.split("=", 1)[0].strip().lower() not in {h.lower() for h in header}]
    if unknown:
        raise FileProblem(f"--kolom: kolom {', '.join(unknown)} staat niet in het bestand.")
    return {kolom: indicator for kolom, indicator in rows if indicator}


def default_source(path: Path, layout: str) -> str:
    if layout == "kwb":
        return f"CBS Kerncijfers wijken en buurten ({path.name})"
    if layout == "statline":
        return f"CBS StatLine Kerncijfers wijken en buurten ({path.name})"
    return path.stem


def import_figures(dsn: str, path: Path, options: FigureOptions = FigureOptions()) -> ImportResult:
    table = layouts.open_table(path)
    layout = options.layout or layouts.detect_layout(table)
    if layout not in layouts.LAYOUTS:
        raise FileProblem(f"--formaat {layout}: kies uit {', '.join(layouts.LAYOUTS)}.")
    result = ImportResult(source=path.name, keep_all=False)  # bronrij is the row number in the file
    bar = Progress(f"cijfers {path.name}", None, enabled=options.progress)
    if layout == "lang":
        missing = [c for c in layouts.LONG_COLUMNS if c not in [h.lower() for h in table.header]]
        if missing:
            raise FileProblem(f"{path.name}: kolom {', '.join(missing)} ontbreekt (verwacht "
                              "gebiedcode;indicator;jaar;waarde[;streefwaarde]).")
        cells: Iterator[tuple] = layouts.long_rows(table)
    else:
        mapping = _mapping(dsn, table.header, options.columns)
        year = options.year or year_from_name(path)
        cells = layouts.wide_rows(table, layout, mapping, year, path)

    def rows() -> Iterator[tuple]:
        last = None
        for row in cells:
            if row[0] != last:
                last = row[0]
                bar.step()
            yield row

    # a national CBS file holds every gemeente: rows of gemeenten not in this database are skipped ('buiten')
    run_merge(dsn, result, staging="cijfers_staging", columns=STAGING_COLUMNS,
              rows=rows(), merge_sql=MERGE_SQL,
              merge_params=(options.source_name or default_source(path, layout), options.skip_invalid,
                            layout != "lang"))
    bar.done()
    return result
