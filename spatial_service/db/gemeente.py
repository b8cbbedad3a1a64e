"""One gemeente out of a database holding many: the code's shape, whether the database knows it, and the SQL
condition that limits publiek rows to it. Shared by the service (/g/GM0402/...) and every export with
`--gemeente`, so the viewer, the tiles, the static site and the open data all cut out the same rows: those whose
gemeentecode is the code (the column every public layer carries, derived by the database's triggers)."""

from __future__ import annotations

import re

import psycopg
from psycopg import sql

from spatial_service.errors import BuurtkaartError

GEMEENTE_CODE = re.compile(r"^GM[0-9]{4}$")
KNOWN_QUERY = "SELECT code FROM publiek.gemeente ORDER BY code"


class UnknownGemeente(BuurtkaartError):
    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


def check_code(code: str, known: frozenset[str] | set[str], where: str = "") -> str:
    """The code if it is a CBS gemeentecode this database holds; UnknownGemeente (400 bad shape, 404 unknown)
    with a Dutch message otherwise. `where` says where the code came from ("in het pad", ...)."""
    if not GEMEENTE_CODE.match(code):
        example = "/g/GM0402/" if where == "in het pad" else "GM0402"
        raise UnknownGemeente(f"Ongeldige gemeentecode '{code[:20]}'{' ' + where if where else ''}: verwacht bv. "
                              f"{example}.", 400)
    if code not in known:
        raise UnknownGemeente(f"Gemeente {code} staat niet in deze database. Bekend: {', '.join(sorted(known))}.",
                              404)
    return code


def known_codes(conn: psycopg.Connection) -> frozenset[str]:
    return frozenset(r[0] for r in conn.execute(KNOWN_QUERY))


def checked(conn: psycopg.Connection, code: str | None) -> str | None:
    """`code` checked against the database (None: all gemeenten together)."""
    return None if code is None else check_code(code, known_codes(conn))


def condition(code: str | None, column: str = "gemeentecode", keyword: str = "WHERE") -> sql.Composable:
    """`WHERE gemeentecode = 'GM0402'` (or AND ...), empty for all gemeenten. The code goes in as a literal,
    not a parameter: the service's connections force generic plans, and a generic plan of "gemeentecode = $1"
    cannot use a per-gemeente estimate (see publiek.cijfer_klassen). Codes are checked by check_code first."""
    if code is None:
        return sql.SQL("")
    return sql.SQL(" {} {} = {}").format(sql.SQL(keyword), sql.Identifier(*column.split(".")), sql.Literal(code))
