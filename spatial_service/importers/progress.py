"""A progress bar on stderr, redrawn at most five times a second (no dependency)."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, label: str, total: int | None = None, stream: TextIO | None = None,
                 enabled: bool = True) -> None:
        self.label = label
        self.total = total
        self.count = 0
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self._last = 0.0
        self._start = time.monotonic()

    def step(self, n: int = 1) -> None:
        self.count += n
        now = time.monotonic()
        if self.enabled and now - self._last >= 0.2:
            self._last = now
            self._draw()

    def _draw(self, end: str = "") -> None:
        elapsed = time.monotonic() - self._start
        if self.total:
            frac = min(self.count / self.total, 1.0)
            bar = "#" * int(frac * 30)
            text = f"\r{self.label} [{bar:<30}] {self.count}/{self.total} ({elapsed:.0f} s)"
        else:
            text = f"\r{self.label}: {self.count} ({elapsed:.0f} s)"
        self.stream.write(text + end)
        self.stream.flush()

    def message(self, text: str) -> None:
        if self.enabled:
            self.stream.write(f"\r{text}\n")
            self.stream.flush()

    def done(self) -> None:
        if self.enabled:
            self._draw(end="\n")
