"""Figure files in the layouts their publishers use, written by the tests themselves."""

from __future__ import annotations

from pathlib import Path

import openpyxl


def statline_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    """CBS StatLine / open data CSV: quoted, comma-separated, codes padded with spaces, numbered column names
    (these suffixes are the 2019 table's; other years number differently)."""
    header = ["ID", "WijkenEnBuurten", "Gemeentenaam_1", "SoortRegio_2", "Codering_3",
              "IndelingswijzigingWijkenEnBuurten_4", "AantalInwoners_5", "Mannen_6", "HuishoudensTotaal_28",
              "Bevolkingsdichtheid_33"]
    lines = [",".join(f'"{h}"' for h in header)]
    for n, r in enumerate(rows):
        code = r["code"]
        soort = {"GM": "Gemeente", "WK": "Wijk", "BU": "Buurt", "NL": "Land"}[code[:2]]
        cells = [str(n), f"{code:<10}", f"{r.get('gemeente', 'Hilversum'):<40}", f"{soort:<10}", f"{code:<10}", "1",
                 r.get("inwoners", "."), "1", r.get("huishoudens", "."), r.get("dichtheid", ".")]
        lines.append(",".join(f'"{c}"' for c in cells))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


KWB_HEADER = ["gwb_code_10", "gwb_code_8", "regio", "gm_naam", "recs", "gwb_code", "ind_wbi", "a_inw", "a_man",
              "a_hh", "bev_dich", "g_woz"]


def kwb_rows(rows: list[dict[str, object]]) -> list[list[object]]:
    out = []
    for r in rows:
        code = str(r["code"])
        recs = {"GM": "Gemeente", "WK": "Wijk", "BU": "Buurt", "NL": "Land"}[code[:2]]
        out.append([code, code[2:], r.get("naam", code), "Hilversum", recs, code, 1, r.get("inwoners", "."), ".",
                    r.get("huishoudens", "."), r.get("dichtheid", "."), r.get("woz", ".")])
    return out


def kwb_xlsx(path: Path, rows: list[dict[str, object]]) -> Path:
    """The kwb-YYYY.xlsx spreadsheet: one sheet, header row, numbers as numbers and '.' where CBS has none."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "KWB"
    sheet.append(KWB_HEADER)
    for row in kwb_rows(rows):
        sheet.append(row)
    book.save(path)
    return path


def kwb_csv(path: Path, rows: list[dict[str, object]]) -> Path:
    """The kwb-YYYY.csv CBS publishes next to the spreadsheet: semicolons, decimal commas."""
    lines = [";".join(KWB_HEADER)]
    for row in kwb_rows(rows):
        lines.append(";".join(str(c).replace(".", ",") if isinstance(c, float) else str(c) for c in row))
    path.write_text("\n".join(lines) + "\n", encoding="cp1252")
    return path


def long_csv(path: Path, lines: list[str], header: str = "gebiedcode;indicator;jaar;waarde;streefwaarde") -> Path:
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return path
