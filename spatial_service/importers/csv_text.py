"""A CSV file as text, read the same way by every CSV import (buurtpeilingen, figures): UTF-8 with or without BOM,
else Windows-1252, which Excel writes by default. An empty file or a binary one (a NUL character) is refused
with a message naming the file, before any delimiter is guessed."""

from __future__ import annotations

from pathlib import Path

from spatial_service.importers.sources import FileProblem


def read_csv_text(path: Path) -> str:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    if not text.strip():
        raise FileProblem(f"Bestand {path} is leeg.")
    if "\x00" in text:
        line = text[:text.index("\x00")].count("\n") + 1
        raise FileProblem(f"{path.name}, regel {line}: geen leesbare CSV (een NUL-teken; is dit wel een "
                          "tekstbestand?).")
    return text
