"""Fixtures for the buurtmonitor: a fingerprint over every figure table (equal = nothing written)."""

from __future__ import annotations

from tests.table_state import Tables, rows  # noqa: F401  (for the buurtmonitor tests)

FIGURES = Tables({
    "buurt.buurtcijfer": "buurtcode, indicator, jaar", "buurt.wijkcijfer": "wijkcode, indicator, jaar",
    "buurt.gemeentecijfer": "gemeentecode, indicator, jaar", "buurt.budgetverdeling": "wijkcode, jaar",
    "buurt_sys.wijziging": "id",
})
fingerprint = FIGURES.fingerprint
refused_unchanged = FIGURES.refused_unchanged
