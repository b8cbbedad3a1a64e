"""Both CSV imports (buurtpeilingen, figures) read a file as text the same way: a binary or blank file is refused
with the same Dutch message, naming the file and the line, before anything reaches the database."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from spatial_service.importers.cijfers_layouts import open_table
from spatial_service.importers.polls import read_polls
from spatial_service.importers.sources import FileProblem

READERS: dict[str, Callable[[Path], object]] = {"peilingen": lambda p: next(read_polls(p)), "cijfers": open_table}


@pytest.mark.parametrize("reader", READERS)
def test_a_nul_character_is_refused_naming_the_line(tmp_path, reader):
    path = tmp_path / "export.csv"
    path.write_bytes(b"initiatief;datum;voor;tegen;respondenten\n1;2019-03-01;4;1;5\n\x00\x01PK\n")
    with pytest.raises(FileProblem) as refused:
        READERS[reader](path)
    assert str(refused.value) == ("export.csv, regel 3: geen leesbare CSV (een NUL-teken; is dit wel een "
                                  "tekstbestand?).")


@pytest.mark.parametrize("reader", READERS)
def test_a_file_of_only_blank_lines_is_empty(tmp_path, reader):
    path = tmp_path / "leeg.csv"
    path.write_bytes("\ufeff \r\n\r\n".encode())  # a BOM and blank lines: not 0 bytes, still nothing in it
    with pytest.raises(FileProblem, match=r"leeg\.csv is leeg\.$"):
        READERS[reader](path)
