"""psycopg connections with Dutch errors for the usual reasons a database is unreachable."""

from __future__ import annotations

import psycopg

from spatial_service.errors import BuurtkaartError


class DatabaseUnavailable(BuurtkaartError):
    pass


def connect(dsn: str, *, autocommit: bool = False) -> psycopg.Connection:
    try:
        return psycopg.connect(dsn, autocommit=autocommit, connect_timeout=10)
    except psycopg.OperationalError as exc:
        raise DatabaseUnavailable(
            f"Kan geen verbinding maken met de database ({describe_dsn(dsn)}): {str(exc).strip()}"
        ) from exc


def describe_dsn(dsn: str) -> str:
    """A DSN without secrets, for messages."""
    try:
        params = psycopg.conninfo.conninfo_to_dict(dsn)
    except psycopg.ProgrammingError:
        return "ongeldige verbindingsgegevens"
    params.pop("password", None)
    return " ".join(f"{k}={v}" for k, v in params.items())
