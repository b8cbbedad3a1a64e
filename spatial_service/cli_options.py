"""What the export commands (`export`, `export-tiles`, `export-site`) share on the command line: the zoom range of
the tiles, which gemeente, which connection, and the progress line on stderr."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the export modules load only when a command runs, not for every `buurtkaart --help`
    from spatial_service.tiles.export import Progress

MINZOOM, MAXZOOM = 9, 16
DSN_HELP = ("verbinding met de publieke rol (standaard BUURTKAART_PUBLIC_DSN of de lokale cluster als "
            "buurtkaart_tiles); alleen schema publiek wordt gelezen")


def add_zoom_options(p: argparse.ArgumentParser, of: str = "", after_max: str = "") -> None:
    """--minzoom/--maxzoom with the default range; `of` and `after_max` complete the help text."""
    p.add_argument("--minzoom", type=int, default=MINZOOM, help=f"laagste zoom{of} (standaard {MINZOOM})")
    p.add_argument("--maxzoom", type=int, default=MAXZOOM, help=f"hoogste zoom{of} (standaard {MAXZOOM}{after_max})")


def add_source_options(p: argparse.ArgumentParser, what: str) -> None:
    """--gemeente CODE (only that gemeente's rows, as /g/CODE/ live; checked by spatial_service.db.gemeente)
    and --dsn; `what` names what the gemeente limits (e.g. "de tegels")."""
    p.add_argument("--gemeente", metavar="CODE", help=f"alleen {what} van deze gemeente (CBS-code, bv. GM0402), "
                                                     "als /g/CODE/ live; standaard alle gemeenten samen")
    p.add_argument("--dsn", help=DSN_HELP)


def stderr_progress() -> Progress:
    """A progress callback that rewrites one line on stderr when the percentage changes, ending it at the end."""
    shown = {"pct": -1}

    def progress(done: int, total: int, zoom: int) -> None:
        pct = done * 100 // total
        if pct != shown["pct"] or done == total:
            shown["pct"] = pct
            end = "\n" if done == total else ""
            print(f"\rtegels {done}/{total} ({pct}%), zoom {zoom}", end=end, file=sys.stderr, flush=True)

    return progress
