"""Reading figure files in the layouts they are published in, as rows for the figure staging table.

Layouts (chosen by the header, or --formaat):
- `statline`: CBS Kerncijfers wijken en buurten as StatLine / the open-data portal writes it as CSV: one row per
  area, the area code in `WijkenEnBuurten` (or `Codering_3`), padded with spaces ("GM0307    "), indicator
  columns with a number suffix that differs per year (`AantalInwoners_5`). The year is not in the file: --jaar,
  a `Perioden` column (2019JJ00) or a year in the file name.
- `kwb`: the yearly kwb-YYYY spreadsheet (xlsx, or the CSV CBS publishes next to it): `gwb_code_10`, `regio`,
  `gm_naam`, `recs`, `a_inw`, ... The year comes from --jaar or the file name (kwb-2019.xlsx).
- `lang`: the long CSV `gebiedcode;indicator;jaar;waarde[;streefwaarde]` of a Stadspeiling or own survey.

Which wide column is which indicator is decided by the database (buurt_app.cijfers_kolommen); here only the
cells are read. Every cell travels as text: "." / "x" / empty and number parsing are judged in SQL.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from spatial_service.importers.csv_text import read_csv_text
from spatial_service.importers.sources import FileProblem

LAYOUTS = ("statline", "kwb", "lang")
STATLINE_CODE_COLUMNS = ("WijkenEnBuurten", "Codering_3", "Codering")
KWB_CODE_COLUMNS = ("gwb_code_10", "gwb_code")
LONG_COLUMNS = ("gebiedcode", "indicator", "jaar", "waarde")
# area identification and descriptive columns of the wide layouts: never indicators
DESCRIPTIVE = re.compile(r"^(ID|WijkenEnBuurten|Gemeentenaam|SoortRegio|Codering|IndelingswijzigingWijkenEnBuurten|"
                         r"Perioden|gwb_code\w*|regio|gm_naam|recs|ind_wbi|gm_code|wk_code|bu_code)(_\d+)?$",
                         re.IGNORECASE)


@dataclass
class Table:
    """A file as a header and its data rows (row numbers as a spreadsheet shows them: header is row 1)."""
    name: str
    header: list[str]
    rows: Iterator[tuple[int, list[str]]]


def _csv_table(path: Path) -> Table:
    text = read_csv_text(path)
    first = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip().strip('"') for h in next(reader)]

    def rows() -> Iterator[tuple[int, list[str]]]:
        try:
            for n, row in enumerate(reader, start=2):
                if any(cell.strip() for cell in row):
                    yield n, row
        except csv.Error as exc:
            raise FileProblem(f"{path.name}, regel {reader.line_num}: geen leesbare CSV ({exc}).") from exc

    return Table(path.name, header, rows())


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _xlsx_table(path: Path) -> Table:
    import openpyxl  # only for spreadsheets
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError) as exc:
        raise FileProblem(f"{path.name}: geen leesbaar Excel-bestand (xlsx): {exc}") from exc
    sheet = book.worksheets[0]
    it = sheet.iter_rows(values_only=True)
    try:
        header = [_cell_text(h).strip() for h in next(it)]
    except StopIteration:
        raise FileProblem(f"Bestand {path} is leeg (geen kopregel op het eerste werkblad).") from None

    def rows() -> Iterator[tuple[int, list[str]]]:
        try:
            for n, row in enumerate(it, start=2):
                cells = [_cell_text(v) for v in row]
                if any(c.strip() for c in cells):
                    yield n, cells
        finally:
            book.close()

    return Table(path.name, header, rows())


def open_table(path: Path) -> Table:
    if not path.exists():
        raise FileProblem(f"Bestand {path} bestaat niet.")
    if path.stat().st_size == 0:
        raise FileProblem(f"Bestand {path} is leeg (0 bytes).")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _xlsx_table(path)
    if path.suffix.lower() == ".xls":
        raise FileProblem(f"{path.name}: het oude Excel-formaat (.xls) wordt niet gelezen; sla het op als .xlsx of "
                          "CSV (CBS publiceert kwb-bestanden ook als .xlsx en .csv).")
    return _csv_table(path)


def _index(header: list[str], names: tuple[str, ...]) -> int | None:
    lowered = [h.lower() for h in header]
    return next((lowered.index(n.lower()) for n in names if n.lower() in lowered), None)


def detect_layout(table: Table) -> str:
    if all(_index(table.header, (c,)) is not None for c in LONG_COLUMNS):
        return "lang"
    if _index(table.header, STATLINE_CODE_COLUMNS) is not None:
        return "statline"
    if _index(table.header, KWB_CODE_COLUMNS) is not None:
        return "kwb"
    raise FileProblem(f"{table.name}: onbekende indeling (kolommen: {', '.join(table.header[:8])}…). Verwacht CBS "
                      "StatLine (WijkenEnBuurten, AantalInwoners_5, …), een kwb-bestand (gwb_code_10, a_inw, …) of "
                      "gebiedcode;indicator;jaar;waarde[;streefwaarde].")


def indicator_columns(table: Table) -> list[tuple[int, str]]:
    """(index, name) of the columns that may hold indicators: all but the descriptive ones."""
    return [(i, h) for i, h in enumerate(table.header) if h and not DESCRIPTIVE.match(h)]


def wide_rows(table: Table, layout: str, mapping: dict[str, str], year: int | None,
              path: Path) -> Iterator[tuple[int, str, str, str, str | None, str, None]]:
    """One staging row per area and mapped column: (bronrij, kolom, gebiedcode, indicator, jaar, waarde, None)."""
    code_columns = STATLINE_CODE_COLUMNS if layout == "statline" else KWB_CODE_COLUMNS
    code_idx = _index(table.header, code_columns)
    if code_idx is None:
        raise FileProblem(f"{table.name}: kolom {' of '.join(code_columns)} met de gebiedscode ontbreekt.")
    period_idx = _index(table.header, ("Perioden",))
    if year is None and period_idx is None:
        raise FileProblem(f"{table.name}: het jaar staat niet in het bestand of de bestandsnaam; geef het op met "
                          "--jaar, bv. --jaar 2019.")
    columns = [(i, name, mapping[name]) for i, name in enumerate(table.header) if mapping.get(name)]
    if not columns:
        raise FileProblem(f"{table.name}: geen kolom herkend als indicator (kolommen: "
                          f"{', '.join(h for _, h in indicator_columns(table)[:10])}…). Koppel ze met --kolom "
                          "KOLOM=indicator, bv. --kolom AantalInwoners_5=inwoners.")
    for n, row in table.rows:
        code = row[code_idx] if code_idx < len(row) else ""
        row_year: str | None = str(year) if year is not None else None
        if row_year is None and period_idx is not None and period_idx < len(row):
            row_year = row[period_idx].strip()[:4]  # StatLine periods: 2019JJ00
        for i, name, indicator in columns:
            yield n, name, code, indicator, row_year, row[i] if i < len(row) else "", None


def long_rows(table: Table) -> Iterator[tuple[int, str, str, str, str, str, str | None]]:
    idx = {c: _index(table.header, (c,)) for c in (*LONG_COLUMNS, "streefwaarde")}
    for n, row in table.rows:
        def cell(c: str, row: list[str] = row) -> str | None:
            i = idx[c]
            return row[i] if i is not None and i < len(row) else None

        yield n, "waarde", cell("gebiedcode") or "", cell("indicator") or "", cell("jaar") or "", \
            cell("waarde") or "", cell("streefwaarde")
