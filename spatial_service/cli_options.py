"""Command-line options shared by the export commands (`export`, `export-tiles`, `export-site`): which gemeente
and which connection. Each command words its own help; the options and their meaning are the same."""

from __future__ import annotations

import argparse


def add_source_options(p: argparse.ArgumentParser, gemeente_help: str, dsn_help: str) -> None:
    """--gemeente CODE (one gemeente's rows, checked by spatial_service.db.gemeente; default all) and --dsn."""
    p.add_argument("--gemeente", metavar="CODE", help=gemeente_help)
    p.add_argument("--dsn", help=dsn_help)
