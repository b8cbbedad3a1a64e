"""What an import did: the merge's rows (actie, niveau, code, bronrij, melding), counted and written out.

Memory stays flat with the file: every outcome is counted, but only the ones worth reading (all of them for
boundaries, the exceptions for objects) are kept, and row labels are derived from where each layer starts.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from spatial_service.core.imports import ACTIONS, REPORTED, write_report

__all__ = ["ACTIONS", "REPORTED", "ImportResult", "Outcome", "default_report_path"]


class Outcome(NamedTuple):
    actie: str
    niveau: str | None
    code: str | None
    bronrij: int | None
    melding: str | None


@dataclass
class ImportResult:
    source: str
    read: int = 0
    outcomes: list[Outcome] = field(default_factory=list)
    ignored: int = 0
    keep_all: bool = True
    report_path: Path | None = None
    recalculated: str | None = None
    _counts: Counter[str] = field(default_factory=Counter)
    _levels: dict[str, Counter[str]] = field(default_factory=dict)
    _layer_starts: list[int] = field(default_factory=list)
    _layer_names: list[str] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        if outcome.actie == "herberekend":
            self.recalculated = outcome.melding
            return
        self._counts[outcome.actie] += 1
        if outcome.niveau:
            self._levels.setdefault(outcome.niveau, Counter())[outcome.actie] += 1
        if self.keep_all or outcome.actie not in ("nieuw", "ongewijzigd"):
            self.outcomes.append(outcome)

    def layer_starts_at(self, bronrij: int, layer: str) -> None:
        """Rows from bronrij on come from this layer (for labels such as 'wijken rij 3')."""
        self._layer_starts.append(bronrij)
        self._layer_names.append(layer)

    def count(self, actie: str) -> int:
        return self.ignored if actie == "genegeerd" else self._counts[actie]

    def by_level(self) -> dict[str, Counter[str]]:
        return self._levels

    def summary(self) -> str:
        counts = ", ".join(f"{a} {self.count(a)}" for a in ACTIONS if self.count(a) or a in ("nieuw", "gewijzigd"))
        lines = [f"{self.source}: gelezen {self.read}; {counts}"]
        if len(self._levels) > 1:
            for level, c in sorted(self._levels.items()):
                lines.append(f"  {level}: " + ", ".join(f"{a} {c[a]}" for a in ACTIONS if c[a]))
        if self.recalculated:
            lines.append(f"  {self.recalculated}")
        if self.report_path:
            lines.append(f"  verslag: {self.report_path}")
        return "\n".join(lines)

    def label(self, bronrij: int | None) -> str:
        if bronrij is None:
            return ""
        if len(self._layer_starts) < 2:
            return str(bronrij)
        i = bisect.bisect_right(self._layer_starts, bronrij) - 1
        return f"{self._layer_names[i]} rij {bronrij - self._layer_starts[i] + 1}"

    def write_report(self, path: Path) -> Path:
        """CSV listing every refused, repaired, outside or vanished record and why (core.imports.write_report)."""
        write_report(path, ((o.actie, o.niveau, o.code, self.label(o.bronrij), o.melding) for o in self.outcomes))
        self.report_path = path
        return path


def default_report_path(source: Path) -> Path:
    return source.with_name(source.name + ".verslag.csv")
