"""What the benchmarks share: starting a server and waiting until it answers, the machine and database they ran
on, and writing a result section (benchmarks/results/<topic>.md, assembled into BENCHMARKS.md)."""

from __future__ import annotations

import platform
import subprocess
import time
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path

import httpx
import psycopg


def start_server(cmd: list[str], env: dict[str, str], probe_url: str) -> subprocess.Popen:
    """Start a server process and return it once `probe_url` answers 200 (at most 60 s); a server that stops or
    never answers ends the benchmark with its error output."""
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(probe_url, timeout=5).status_code == 200:
                return proc
        except httpx.TransportError:
            pass
        if proc.poll() is not None:
            raise SystemExit(f"server stopped: {proc.stderr.read().decode()[-2000:]}")
        time.sleep(0.2)
    proc.kill()
    raise SystemExit(f"server did not come up: {cmd}")


def cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "onbekend"


def postgres_version(dsn: str) -> str:
    """'15.x, PostGIS 3.3.x' of the database measured."""
    with psycopg.connect(dsn) as conn:
        return conn.execute("SELECT split_part(version(), ' ', 2) || ', PostGIS ' || postgis_lib_version()"
                            ).fetchone()[0]


def run_line(pg_version: str) -> str:
    """When and on what a benchmark ran: date, CPU, cores visible, OS and PostgreSQL."""
    cores = len(Path("/proc/cpuinfo").read_text().split("processor")) - 1
    return (f"Run {datetime.now():%Y-%m-%d %H:%M} on {cpu_model()} ({cores} cores visible), {platform.platform()}, "
            f"PostgreSQL {pg_version}.")


def section(title: str, *blocks: str | list[str]) -> str:
    """A result section: the title, then each block (a paragraph, or lines such as a table's) after a blank line."""
    return "\n\n".join([title, *(b if isinstance(b, str) else "\n".join(b) for b in blocks)]) + "\n"


def table(header: Sequence[str], align: str, rows: Iterable[Sequence[object]]) -> list[str]:
    """A Markdown table as lines: `align` holds a letter per column, l (text) or r (a number, right-aligned); the
    cells are written as they are, so format numbers first."""
    return [_row(header), _row("---:" if a == "r" else "---" for a in align), *(_row(r) for r in rows)]


def _row(cells: Iterable[object]) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def write_results(path: Path, text: str, show: bool = True) -> None:
    """Write a benchmark's result section; show it, or (show=False, after a line per measurement) where it went."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(text if show else f"-> {path}")
