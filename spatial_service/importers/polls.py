"""Buurtpeiling results (a participation tool such as Locali) from CSV into buurt.peiling.

Columns (header names without case; the aliases cover Dutch and English exports):
  initiatief (id such as 12 or INI-12, or the exact title), datum, voor, tegen, neutraal (optional),
  respondenten, referentie (optional: the poll's id in the tool).
Cells go to the database as text; buurt_app.peilingen_samenvoegen parses and checks them per row.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from spatial_service.importers.csv_text import read_csv_text
from spatial_service.importers.progress import Progress
from spatial_service.importers.report import ImportResult
from spatial_service.importers.sources import FileProblem
from spatial_service.importers.staging import run_merge

MERGE_SQL = "SELECT * FROM buurt_app.peilingen_samenvoegen(%s, %s)"
STAGING_COLUMNS = ("bronrij", "initiatief", "datum", "voor", "tegen", "neutraal", "respondenten", "bron_ref")
ALIASES: dict[str, tuple[str, ...]] = {
    "initiatief": ("initiatief", "initiatief_id", "initiatiefid", "initiative", "initiative_id"),
    "datum": ("datum", "date", "peildatum"),
    "voor": ("voor", "for", "eens", "yes"),
    "tegen": ("tegen", "against", "oneens", "no"),
    "neutraal": ("neutraal", "neutral", "weet_niet"),
    "respondenten": ("respondenten", "respondents", "deelnemers", "aantal_respondenten"),
    "bron_ref": ("referentie", "ref", "peiling_id", "poll_id", "id"),
}
REQUIRED = ("initiatief", "datum", "voor", "tegen", "respondenten")


def _columns(header: list[str], path: Path) -> dict[str, int]:
    normal = [h.strip().lower().replace(" ", "_").replace("-", "_") for h in header]
    found: dict[str, int] = {}
    for target, names in ALIASES.items():
        idx = next((normal.index(n) for n in names if n in normal), None)
        if idx is not None:
            found[target] = idx
    missing = [t for t in REQUIRED if t not in found]
    if missing:
        raise FileProblem(f"{path.name}: kolom {', '.join(missing)} ontbreekt (gevonden: {', '.join(header)}). "
                          f"Verwacht: {', '.join(REQUIRED)} en eventueel neutraal, referentie.")
    return found


def read_polls(path: Path) -> Iterator[tuple[str | int | None, ...]]:
    if not path.exists():
        raise FileProblem(f"Bestand {path} bestaat niet.")
    text = read_csv_text(path)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        columns = _columns(next(reader), path)
        for n, row in enumerate(reader, start=2):  # row numbers as a spreadsheet shows them
            if not any(cell.strip() for cell in row):
                continue

            def cell(target: str, row: list[str] = row) -> str | None:
                idx = columns.get(target)
                return row[idx] if idx is not None and idx < len(row) else None

            yield (n, *(cell(t) for t in STAGING_COLUMNS[1:]))
    except csv.Error as exc:
        raise FileProblem(f"{path.name}, regel {reader.line_num}: geen leesbare CSV ({exc}).") from exc


def import_polls(dsn: str, path: Path, source_name: str, skip_invalid: bool = False,
                 progress: bool = True) -> ImportResult:
    result = ImportResult(source=path.name)  # bronrij is the line number in the file
    bar = Progress(f"peilingen {path.name}", None, enabled=progress)

    def rows() -> Iterator[tuple]:
        for row in read_polls(path):
            bar.step()
            yield row

    run_merge(dsn, result, staging="peilingen_staging", columns=STAGING_COLUMNS,
              rows=rows(), merge_sql=MERGE_SQL, merge_params=(source_name, skip_invalid))
    bar.done()
    return result
