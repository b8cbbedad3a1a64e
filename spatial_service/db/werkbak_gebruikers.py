"""Werkbak users (issue 22): login roles in buurtkaart_wijkteam, their gemeente(n) (buurt_sys.gemeente_toegang)
and werkgebied (buurt_sys.werkgebied), made and removed by an admin in one transaction each. Used by
`buurtkaart werkbak gebruiker toevoegen/verwijderen` and `buurtkaart werkbak gebruikers`.

Only werkbak users are touched: an existing role outside the group (a GIS login, an admin) is refused, never
taken over, because the pool role buurtkaart_werkbak is made a member of each user (so that it may SET ROLE).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import psycopg
from psycopg import sql

from spatial_service.db import scram
from spatial_service.errors import BuurtkaartError, database_message
from spatial_service.settings import LOCAL_WERKBAK_LOGIN, WERKBAK_GROUP


class GebruikerFout(BuurtkaartError):
    pass


@dataclass(frozen=True)
class Gebruiker:
    naam: str
    gemeenten: tuple[str, ...]
    wijken: tuple[str, ...]
    gebieden: tuple[str, ...]
    sessies: int


def _role(conn: psycopg.Connection, naam: str) -> tuple[bool, bool] | None:
    """(is a werkbak user, may log in) of an existing role, None when there is none. A user has the group's rights
    ('USAGE'); the pool role, a NOINHERIT member of every user, has not."""
    row = conn.execute("SELECT pg_has_role(oid, %s, 'USAGE') AND NOT rolsuper, rolcanlogin FROM pg_roles "
                       "WHERE rolname = %s", (WERKBAK_GROUP, naam)).fetchone()
    return (row[0], row[1]) if row else None


def toevoegen(dsn: str, naam: str, gemeenten: Sequence[str], wijken: Sequence[str] = (),
              gebieden: Sequence[str] = (), wachtwoord: str | None = None) -> bool:
    """Make (or add to) a werkbak user; returns True when the role was new. `wachtwoord` None: none is set (a
    gemeente whose pg_hba.conf checks it elsewhere, LDAP), or the existing one stays."""
    if not gemeenten:
        raise GebruikerFout("Geef de gebruiker ten minste één gemeente (--gemeente GM0402).")
    if wachtwoord is not None and not wachtwoord:
        raise GebruikerFout("Het wachtwoord is leeg.")
    role = sql.Identifier(naam)
    try:
        with psycopg.connect(dsn) as conn:
            found = _role(conn, naam)
            if found is not None and not found[0]:
                raise GebruikerFout(f"Rol {naam} bestaat al en is geen werkbakgebruiker (geen lid van "
                                    f"{WERKBAK_GROUP}): kies een andere naam. Een bestaande rol wordt nooit "
                                    "overgenomen.")
            if found is None:
                conn.execute(sql.SQL("CREATE ROLE {} LOGIN INHERIT IN ROLE {}").format(
                    role, sql.Identifier(WERKBAK_GROUP)))
            if wachtwoord is not None:
                conn.execute(sql.SQL("ALTER ROLE {} PASSWORD {}").format(role, sql.Literal(scram.verifier(wachtwoord))))
            # the pool may act as this user (SET ROLE); being NOINHERIT, it gains no rights by it
            conn.execute(sql.SQL("GRANT {} TO {}").format(role, sql.Identifier(LOCAL_WERKBAK_LOGIN)))
            for code in gemeenten:
                conn.execute("INSERT INTO buurt_sys.gemeente_toegang (rol, gemeentecode) VALUES (%s, %s) "
                             "ON CONFLICT DO NOTHING", (naam, code))
            for column, codes in (("wijkcode", wijken), ("gebiedcode", gebieden)):
                for code in codes:
                    conn.execute(sql.SQL("INSERT INTO buurt_sys.werkgebied (rol, {}) VALUES (%s, %s) "
                                         "ON CONFLICT DO NOTHING").format(sql.Identifier(column)), (naam, code))
            return found is None
    except psycopg.errors.ForeignKeyViolation as exc:
        raise GebruikerFout(f"Onbekende wijk of gebied: {database_message(exc)}") from exc
    except psycopg.Error as exc:
        raise GebruikerFout(database_message(exc)) from exc


def verwijderen(dsn: str, naam: str) -> None:
    """Remove a werkbak user: its sessions, gemeenten, werkgebied and the role itself. The audit trail keeps its
    name (buurt_sys.wijziging.door is text)."""
    try:
        with psycopg.connect(dsn) as conn:
            found = _role(conn, naam)
            if found is None or not found[0]:
                raise GebruikerFout(f"{naam} is geen werkbakgebruiker (geen rol in {WERKBAK_GROUP}); er is niets "
                                    "verwijderd.")
            oid = conn.execute("SELECT oid FROM pg_roles WHERE rolname = %s", (naam,)).fetchone()[0]
            conn.execute("DELETE FROM buurt_sys.werkbak_sessie WHERE rol_oid = %s", (oid,))
            conn.execute("DELETE FROM buurt_sys.werkgebied WHERE rol_oid = %s", (oid,))
            conn.execute("DELETE FROM buurt_sys.gemeente_toegang WHERE rol_oid = %s", (oid,))
            conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(naam)))
    except psycopg.Error as exc:
        raise GebruikerFout(database_message(exc)) from exc


def gebruikers(dsn: str) -> list[Gebruiker]:
    with psycopg.connect(dsn) as conn:
        rows = conn.execute("""
            SELECT r.rolname,
                   ARRAY(SELECT t.gemeentecode FROM buurt_sys.gemeente_toegang t WHERE t.rol_oid = r.oid ORDER BY 1),
                   ARRAY(SELECT g.wijkcode FROM buurt_sys.werkgebied g WHERE g.rol_oid = r.oid
                            AND g.wijkcode IS NOT NULL ORDER BY 1),
                   ARRAY(SELECT g.gebiedcode FROM buurt_sys.werkgebied g WHERE g.rol_oid = r.oid
                            AND g.gebiedcode IS NOT NULL ORDER BY 1),
                   (SELECT count(*) FROM buurt_sys.werkbak_sessie s WHERE s.rol_oid = r.oid)
              FROM pg_roles r
             WHERE pg_has_role(r.oid, %s, 'USAGE') AND r.rolname <> %s AND r.rolcanlogin AND NOT r.rolsuper
             ORDER BY r.rolname""", (WERKBAK_GROUP, WERKBAK_GROUP)).fetchall()
    return [Gebruiker(n, tuple(g), tuple(w), tuple(b), s) for n, g, w, b, s in rows]
