"""Database connections for the plugin and its Processing algorithms.

A connection is named the way GIS staff already know it: a saved QGIS PostgreSQL connection ("Buurtkaart"),
a `service=` entry of pg_service.conf, or a connection string with an `authcfg=` (the QGIS password store).
Nothing here writes a password anywhere: a URI that carries one is refused.

QGIS 3.22 runs each executeSql on a pooled connection that may differ from the previous call, so work that
must be atomic (install, import) goes to the database as ONE script in ONE call: PostgreSQL runs a
multi-statement simple query as one implicit transaction and returns the last statement's rows.
"""

from __future__ import annotations

import configparser
import difflib
import math
import os
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from qgis.core import (
    QgsAbstractDatabaseProviderConnection,
    QgsDataSourceUri,
    QgsException,
    QgsProviderRegistry,
)

PROVIDER = "postgres"
DEFAULT_SYSCONFDIR = "/etc/postgresql-common"


class BuurtkaartDbError(Exception):
    """A failure a user can act on; str(exc) is the Dutch message for the message bar or Processing log."""


class DatabaseRefused(BuurtkaartDbError):
    """The database refused the statement (a rule, a constraint, a missing right); the message is its own."""


def is_uri(name_or_uri: str) -> bool:
    return "=" in name_or_uri


def data_source_uri(name_or_uri: str) -> QgsDataSourceUri:
    """The QgsDataSourceUri behind a saved connection name, a `service=` entry or a connection string."""
    name_or_uri = (name_or_uri or "").strip()
    if not name_or_uri:
        raise BuurtkaartDbError("Geen databaseverbinding gekozen: kies een opgeslagen PostgreSQL-verbinding.")
    if is_uri(name_or_uri):
        uri = QgsDataSourceUri(name_or_uri)
    else:
        conn = _metadata().findConnection(name_or_uri)
        if conn is None:
            raise BuurtkaartDbError(
                f"Er is geen opgeslagen PostgreSQL-verbinding met de naam '{name_or_uri}'. "
                "Maak hem aan in de Databeheerder of gebruik 'service=<naam>' uit pg_service.conf."
            )
        uri = QgsDataSourceUri(conn.uri())
    if uri.service():
        require_service(uri.service())
    if uri.password():
        raise BuurtkaartDbError(
            "De verbinding bevat een wachtwoord in platte tekst. Gebruik een authenticatieconfiguratie (authcfg), "
            "een pg_service.conf-dienst of ~/.pgpass."
        )
    return uri


def service_files() -> list[Path]:
    """Where libpq looks for `service=` names, in its order: PGSERVICEFILE (or ~/.pg_service.conf), then the
    system file in PGSYSCONFDIR (Debian's libpq: /etc/postgresql-common)."""
    user = os.environ.get("PGSERVICEFILE") or str(Path.home() / ".pg_service.conf")
    system = Path(os.environ.get("PGSYSCONFDIR") or DEFAULT_SYSCONFDIR) / "pg_service.conf"
    return [Path(user), system]


def known_services() -> dict[str, Path]:
    """service name -> the file that defines it (the first file wins, as in libpq)."""
    found: dict[str, Path] = {}
    for path in service_files():
        parser = configparser.ConfigParser(interpolation=None, strict=False)
        parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys as written
        try:
            parser.read(path, encoding="utf-8")
        except (configparser.Error, OSError, UnicodeDecodeError):
            continue
        for section in parser.sections():
            found.setdefault(section, path)
    return found


def require_service(name: str) -> Path:
    """The file that defines service `name`; a Dutch BuurtkaartDbError naming the files searched otherwise.
    Checked before connecting: libpq's failure would make QGIS open its (English) user/password prompt."""
    services = known_services()
    if name in services:
        return services[name]
    searched = " en ".join(str(path) for path in service_files())
    close = difflib.get_close_matches(name, sorted(services), n=3, cutoff=0.6)
    hint = f" Bedoelt u {', '.join(close)}?" if close else (
        f" Bekende diensten: {', '.join(sorted(services))}." if services else "")
    raise BuurtkaartDbError(
        f"De dienst '{name}' staat niet in pg_service.conf (gezocht in {searched}).{hint} Controleer de naam, "
        "of wijs QGIS met de omgevingsvariabele PGSERVICEFILE het goede bestand aan.")


def save_as_qgis_connection(name_or_uri: str, name: str) -> str:
    """Save a `service=` or authcfg connection as a QGIS PostgreSQL connection `name` (what the Databeheerder and
    every Processing algorithm offer). No password is ever stored: the URI is refused when it has one."""
    name = name.strip()
    if not name:
        raise BuurtkaartDbError("Geef de verbinding een naam.")
    uri = data_source_uri(name_or_uri)
    md = _metadata()
    conn = md.createConnection(uri.uri(False), {"saveUsername": bool(uri.username()), "savePassword": False})
    md.saveConnection(conn, name)
    return name


def connection_info(name_or_uri: str) -> str:
    """The connection part of a layer URI (no table), shared by every layer so they form one transaction group."""
    return data_source_uri(name_or_uri).connectionInfo(False)


def connect(name_or_uri: str) -> QgsAbstractDatabaseProviderConnection:
    """A provider connection for a saved connection name, `service=...` or a URI with authcfg.

    Raises BuurtkaartDbError with a Dutch message when the database cannot be reached."""
    uri = data_source_uri(name_or_uri)
    try:
        conn = _metadata().createConnection(uri.uri(False), {})
    except QgsException as exc:
        raise BuurtkaartDbError(f"Kan geen verbinding maken met de database: {user_message(exc)}") from exc
    try:
        conn.executeSql("SELECT 1")
    except QgsException as exc:
        raise BuurtkaartDbError(
            f"Kan geen verbinding maken met de database ({describe(uri)}): {user_message(exc)}"
        ) from exc
    return conn


def run_sql(conn: QgsAbstractDatabaseProviderConnection, sql: str,
            params: Sequence[Any] | Mapping[str, Any] | None = None) -> list[list[Any]]:
    """Run SQL (one statement or one multi-statement script: one implicit transaction) and return the rows of
    the last statement. With `params`, `sql` is a constant with psycopg's placeholders (`%s`, `%(name)s`) and
    the values are bound by `bind`. Raises DatabaseRefused with the database's own Dutch message."""
    if params is not None:
        sql = bind(sql, params)
    try:
        rows = conn.executeSql(sql)
    except QgsException as exc:
        raise DatabaseRefused(user_message(exc)) from exc
    return [[_plain(value) for value in row] for row in rows]


def run_script(conn: QgsAbstractDatabaseProviderConnection, statements: list[str]) -> list[list[Any]]:
    """Several statements as one script (one call, one transaction): all succeed or nothing changes."""
    return run_sql(conn, ";\n".join(s.strip().rstrip(";") for s in statements if s.strip()) + ";")


def quote_literal(value: str | None) -> str:
    """An SQL string literal. The E'' form reads backslashes the same whatever the server's
    standard_conforming_strings says, so a value ending in a backslash can never close the literal."""
    if value is None:
        return "NULL"
    return "E'" + str(value).replace("\\", "\\\\").replace("'", "''") + "'"


_PLACEHOLDER = re.compile(r"%\((\w+)\)s|%s|%%")


def literal(value: Any) -> str:
    """A Python value as an SQL literal: the one place a value becomes SQL text. bool before int (a bool is an
    int); floats must be finite; a list is an array (cast it in the SQL: `%s::text[]`); anything else is
    refused rather than guessed."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, (float, Decimal)):
        if not math.isfinite(value):
            raise ValueError(f"geen eindig getal: {value!r}")
        return repr(float(value)) if isinstance(value, float) else str(value)
    if isinstance(value, str):
        return quote_literal(value)
    if isinstance(value, (list, tuple)):
        return ("ARRAY[" + ", ".join(literal(v) for v in value) + "]") if value else "'{}'"
    raise TypeError(f"geen SQL-waarde: {type(value).__name__}")


def bind(sql: str, params: Sequence[Any] | Mapping[str, Any]) -> str:
    """`sql` (a constant with psycopg's placeholders: `%s` in order, or `%(name)s`; `%%` is a percent sign) with
    the values put in as literals. QGIS 3.22's provider connection has no parameter API (executeSql takes text,
    and a layer's subquery is text in its URI), so the plugin binds on the client, as psycopg2 did: the SQL at
    the call site stays a constant and only `literal` turns values into SQL. The same SQL runs unchanged
    through psycopg in the service (reports/figures.py)."""
    named = isinstance(params, Mapping)
    values = iter(()) if named else iter(params)
    used = 0

    def value(match: re.Match[str]) -> str:
        nonlocal used
        if match.group(0) == "%%":
            return "%"
        if match.group(1) is not None:
            if not named:
                raise TypeError(f"{match.group(0)} vraagt om benoemde parameters")
            return literal(params[match.group(1)])  # type: ignore[index]
        if named:
            raise TypeError("%s vraagt om parameters op volgorde")
        try:
            found = next(values)
        except StopIteration:
            raise TypeError("minder parameters dan %s in de SQL") from None
        used += 1
        return literal(found)

    text = _PLACEHOLDER.sub(value, sql)
    if not named and used != len(params):  # type: ignore[arg-type]
        raise TypeError(f"{len(params)} parameters voor {used} keer %s")  # type: ignore[arg-type]
    return text


def describe(uri: QgsDataSourceUri) -> str:
    """A connection without secrets, for messages."""
    if uri.service():
        return f"dienst {uri.service()}"
    parts = [f"database {uri.database()}"]
    if uri.host():
        parts.append(f"op {uri.host()}:{uri.port() or 5432}")
    if uri.username():
        parts.append(f"als {uri.username()}")
    return " ".join(parts)


_PREFIX = re.compile(r"^.*?\b(?:ERROR|FATAL|FOUT):\s*", re.DOTALL)
_NOISE = ("CONTEXT:", "LINE ", "QUERY:", "STATEMENT:", "PL/pgSQL ", "SQL statement ", "SQL function ", "^")


def user_message(error: BaseException | str) -> str:
    """The message a user should see for a database error text from QGIS (executeSql, commitErrors):
    without 'ERROR:', the SQL, the CONTEXT lines and provider prefixes; DETAIL and HINT kept in Dutch."""
    text = str(error).strip()
    if not text:
        return "Onbekende databasefout."
    text = _PREFIX.sub("", text, count=1) if _PREFIX.match(text) else text
    main: list[str] = []
    extra: list[str] = []
    for raw in text.splitlines():
        line = raw.strip().rstrip("]").strip()
        if not line:
            continue
        if line.startswith(_NOISE):
            break
        if line.startswith("DETAIL:"):
            extra.append(line.removeprefix("DETAIL:").strip())
        elif line.startswith(("HINT:", "TIP:")):
            extra.append("(" + line.split(":", 1)[1].strip() + ")")
        elif not extra:
            main.append(line)
    message = " ".join([" ".join(main), *extra]).strip()
    return message or text.splitlines()[0]


def _metadata():
    md = QgsProviderRegistry.instance().providerMetadata(PROVIDER)
    if md is None:
        raise BuurtkaartDbError("De PostgreSQL-provider van QGIS ontbreekt (pakket qgis-providers).")
    return md


def _plain(value: Any) -> Any:
    """QVariant NULLs and Qt date types as plain Python values."""
    if value is None:
        return None
    try:
        from qgis.PyQt.QtCore import QDate, QDateTime, QVariant

        if isinstance(value, QVariant):
            return None if value.isNull() else value.value()
        if isinstance(value, QDateTime):
            return value.toPyDateTime()
        if isinstance(value, QDate):
            return value.toPyDate()
    except ImportError:  # pragma: no cover - always present inside QGIS
        pass
    return value
