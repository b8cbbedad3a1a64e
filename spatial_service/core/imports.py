"""What both clients of the imports share: the file-name/year rule (a boundary edition, a figure file), the
outcomes of a merge (the `actie` values buurt_app.*_samenvoegen returns) and the report file they write (CSV with
';', as Dutch Excel opens it)."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from pathlib import PurePath

# order in which summaries name the outcomes of a merge
# (leeg: a figure CBS marks as secret or unknown, stored as NULL; only the figure import has it)
ACTIONS = ("nieuw", "gewijzigd", "ongewijzigd", "leeg", "hersteld", "geweigerd", "buiten", "vervallen", "verwijderd",
           "genegeerd")
# the outcomes of a boundary merge (genegeerd is the object import's: a record without a known kind; leeg the figures')
BOUNDARY_ACTIONS = tuple(a for a in ACTIONS if a not in ("genegeerd", "leeg"))
# outcomes the report file lists (the others are the normal case)
REPORTED = ("geweigerd", "hersteld", "buiten", "vervallen", "verwijderd")
REPORT_HEADER = ("actie", "niveau", "code", "rij", "melding")

_YEAR = re.compile(r"(?<!\d)(19[89]\d|20\d\d)(?!\d)")


def year_from_name(path: str | PurePath) -> int | None:
    """The year a file is about, from its name: the edition of a boundary file (wijkenbuurten_2023_v1.gpkg ->
    2023), the year of a figure file (kwb-2019.xlsx -> 2019)."""
    m = _YEAR.search(PurePath(path).stem)
    return int(m.group(1)) if m else None


def write_report(path: str | PurePath, rows: Iterable[tuple[str, str | None, str | None, str, str | None]]) -> None:
    """rows: (actie, niveau, code, row label, melding); only the REPORTED outcomes are written."""
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(REPORT_HEADER)
        for actie, niveau, code, label, melding in rows:
            if actie in REPORTED:
                writer.writerow([actie, niveau or "", code or "", label, melding or ""])
