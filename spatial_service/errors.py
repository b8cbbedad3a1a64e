"""Errors a user can act on: the CLI, the service and the QGIS plugin print their Dutch message, no traceback."""

from __future__ import annotations

import psycopg


class BuurtkaartError(Exception):
    """Base for every user-facing failure (bad input, unreachable database, refused record)."""


def database_message(exc: psycopg.Error) -> str:
    """The database's own (Dutch, for our rules) message plus its hint, without the SQL context noise."""
    diag = exc.diag
    text = diag.message_primary or str(exc).strip()
    if diag.message_detail:
        text += f" {diag.message_detail}"
    if diag.message_hint:
        text += f" ({diag.message_hint})"
    return text


def is_rule_violation(exc: BaseException) -> bool:
    """A refusal by a constraint or a Buurtkaart trigger (SQLSTATE class 23: integrity), not a crash."""
    return isinstance(exc, psycopg.Error) and (exc.sqlstate or "").startswith("23")
