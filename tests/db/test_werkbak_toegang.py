"""Who is who in the werkbak (issue 22), at the PostgreSQL level: a login over the local cluster's loopback
listener asks the password (SCRAM) of members of buurtkaart_wijkteam and rejects everyone else; a query the
werkbak runs for a user (sessie.als: SET LOCAL ROLE on the pool role) runs as that person, for RLS, the audit trail
and gewijzigd_door; the session and throttling rules of 048_werkbak_toegang.sql; the werkgebied; the CLI."""

from __future__ import annotations

import asyncio
import dataclasses
import os
import subprocess
import sys
from datetime import timedelta
from types import SimpleNamespace

import psycopg
import pytest

from spatial_service.settings import LOCAL_WERKBAK_LOGIN, LOOPBACK
from spatial_service.web.werkbak import sessie
from tests.werkbak_gebruikers import drop_role, unique_name, werkbak_user

GM0307_WIJK = "WK030701"


@pytest.fixture(scope="module")
def db(two_gemeenten_db):
    return two_gemeenten_db


def connect_tcp(db, user: str, password: str) -> psycopg.Connection:
    return psycopg.connect(host=LOOPBACK, port=db.settings.port, dbname=db.name, user=user, password=password,
                           connect_timeout=10)


def test_the_loopback_listener_asks_the_password_of_werkbak_users_only(db):
    with werkbak_user(db) as user:
        with connect_tcp(db, user.naam, user.wachtwoord) as conn:
            assert conn.execute("SELECT current_user, inet_server_addr()::text").fetchone() == (user.naam,
                                                                                                 "127.0.0.1/32")
        with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
            connect_tcp(db, user.naam, user.wachtwoord + "x")
    # an unknown user: no rule admits it (pg_hba.conf), the same as a role outside the group
    with pytest.raises(psycopg.OperationalError, match=r"pg_hba\.conf rejects connection"):
        connect_tcp(db, unique_name("bk_niemand"), "wat-dan-ook")
    gis = unique_name("bk_gis")
    with psycopg.connect(db.admin_dsn, autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {gis} LOGIN PASSWORD 'Gis-wachtwoord-1' IN ROLE buurtkaart_editor")
    try:
        # a GIS role with a valid password is still refused: TCP is for the werkbak's group only
        with pytest.raises(psycopg.OperationalError, match=r"pg_hba\.conf rejects connection"):
            connect_tcp(db, gis, "Gis-wachtwoord-1")
        # and superusers too (the socket trusts the machine's own postgres user, TCP does not)
        with pytest.raises(psycopg.OperationalError, match=r"pg_hba\.conf rejects connection"):
            connect_tcp(db, "postgres", "")
    finally:
        drop_role(db, gis)


def test_the_cluster_keeps_scram_and_the_rules_in_its_config(db):
    from spatial_service.db import cluster

    data = db.settings.cluster_dir
    assert (data / "pg_hba.conf").read_text() == cluster.hba_rules()
    with psycopg.connect(db.admin_dsn) as conn:
        assert conn.execute("SHOW password_encryption").fetchone() == ("scram-sha-256",)
        assert conn.execute("SHOW listen_addresses").fetchone() == (LOOPBACK,)
        rules = conn.execute("SELECT type, user_name, address, auth_method FROM pg_hba_file_rules "
                             "WHERE type = 'host' ORDER BY line_number").fetchall()
    assert rules[0] == ("host", ["+buurtkaart_wijkteam"], "127.0.0.1", "scram-sha-256")
    assert {r[3] for r in rules[1:]} == {"reject"}
    # a second configure changes nothing (idempotent at every `buurtkaart db start`)
    assert cluster.configure(db.settings) == set()


def test_an_old_config_gets_the_listener_scram_and_rules(tmp_path):
    """configure() on the postgresql.auto.conf and pg_hba.conf an older initdb wrote (socket only)."""
    from spatial_service.db import cluster

    settings = SimpleNamespace(cluster_dir=tmp_path)
    (tmp_path / "postgresql.auto.conf").write_text("# Do not edit\nlisten_addresses = ''\nport = 5\n")
    (tmp_path / "pg_hba.conf").write_text("local all all trust\nhost all all 127.0.0.1/32 reject\n")
    assert cluster.configure(settings) == {"listen_addresses", "password_encryption", "pg_hba"}
    text = (tmp_path / "postgresql.auto.conf").read_text()
    assert text.count("listen_addresses") == 1 and "listen_addresses = '127.0.0.1'" in text
    assert "password_encryption = 'scram-sha-256'" in text and "port = 5" in text
    assert cluster.configure(settings) == set()


def run_as(db, user: str, sql: str, params: tuple = ()) -> list[tuple]:
    """sessie.als() for real: the werkbak's pool (role buurtkaart_werkbak) and SET LOCAL ROLE, outside HTTP."""
    settings = dataclasses.replace(db.settings, dbname=db.name)

    async def main() -> list[tuple]:
        app = SimpleNamespace(state=SimpleNamespace(settings=settings))
        async with sessie.pool_lifespan(app):
            request = SimpleNamespace(app=app)
            async with sessie.als(request, sessie.Gebruiker(user, ("GM0402",), "x")) as conn:
                rows = await (await conn.execute(sql, params)).fetchall()
            return rows

    return asyncio.run(main())


def test_a_query_in_als_runs_as_the_person(db):
    with werkbak_user(db) as user:
        assert run_as(db, user.naam, "SELECT current_user, session_user, buurt_app.wie(), buurt_app.mijn_gemeenten()"
                      ) == [(user.naam, LOCAL_WERKBAK_LOGIN, user.naam, ["GM0402"])]
        with psycopg.connect(db.admin_dsn) as conn:
            ini = conn.execute("SELECT id FROM buurt.initiatief WHERE gemeentecode = 'GM0402' AND status = "
                               "'initiatief_binnen' ORDER BY id LIMIT 1").fetchone()[0]
        run_as(db, user.naam, "UPDATE buurt.initiatief SET status = 'check_intern' WHERE id = %s RETURNING id", (ini,))
        with psycopg.connect(db.admin_dsn) as conn:
            assert conn.execute("SELECT status, gewijzigd_door FROM buurt.initiatief WHERE id = %s",
                                (ini,)).fetchone() == ("check_intern", user.naam)
            assert conn.execute("SELECT door FROM buurt_sys.wijziging WHERE tabel = 'buurt.initiatief' AND rij_id = %s "
                                "ORDER BY id DESC LIMIT 1", (str(ini),)).fetchone() == (user.naam,)
            assert conn.execute("SELECT status, door FROM buurt.statusverloop WHERE initiatief_id = %s "
                                "ORDER BY id DESC LIMIT 1", (ini,)).fetchone() == ("check_intern", user.naam)
        # RLS per gemeente applies to the person: GM0307's rows are not there for a GM0402 user
        assert run_as(db, user.naam, "SELECT count(*) FROM buurt.initiatief WHERE gemeentecode = 'GM0307'") == [(0,)]
        assert run_as(db, user.naam, "SELECT count(*) FROM buurt.initiatief WHERE gemeentecode = 'GM0402'")[0][0] > 0


def test_a_connection_goes_back_to_the_pool_as_the_pool_role(db):
    """Even a page that SET ROLE for the whole session by mistake leaves the next request the pool role."""
    with werkbak_user(db) as user:
        settings = dataclasses.replace(db.settings, dbname=db.name)

        async def main() -> tuple:
            app = SimpleNamespace(state=SimpleNamespace(settings=settings))
            async with sessie.pool_lifespan(app):
                request = SimpleNamespace(app=app)
                async with sessie.als(request, sessie.Gebruiker(user.naam, ("GM0402",), "x")) as conn:
                    await conn.execute(f"SET ROLE {user.naam}")  # not LOCAL: outlives the transaction
                async with sessie.pool_connection(request) as conn:
                    return await (await conn.execute("SELECT current_user, application_name FROM pg_stat_activity "
                                                     "WHERE pid = pg_backend_pid()")).fetchone()

        assert asyncio.run(main()) == (LOCAL_WERKBAK_LOGIN, "buurtkaart-werkbak")


def test_the_person_is_named_only_for_a_werkbak_user(db):
    """buurt_app.wie() names the SET ROLE target only when that is a werkbak user: a GIS login that SETs ROLE to a
    group of its own is still named as itself in the audit trail."""
    with psycopg.connect(db.editor_dsn) as conn:
        conn.execute("SET ROLE buurtkaart_editor")
        assert conn.execute("SELECT buurt_app.wie(), current_user").fetchone() == ("buurtkaart_gis",
                                                                                  "buurtkaart_editor")


def test_the_pool_role_alone_reads_nothing_and_cannot_act_for_a_gis_login(db):
    with psycopg.connect(db.settings.local_dsn(LOCAL_WERKBAK_LOGIN, db.name)) as conn:
        for table in ("buurt.initiatief", "buurt.buurtdeal", "buurt_sys.wijziging", "buurt_vl.thema"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(f"SELECT 1 FROM {table} LIMIT 1")
            conn.rollback()
        for role in ("buurtkaart_gis", "buurtkaart_editor", "postgres", "buurtkaart_owner"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(f"SET ROLE {role}")
            conn.rollback()
        assert conn.execute("SELECT rolinherit FROM pg_roles WHERE rolname = current_user").fetchone() == (False,)


def session_call(db, sql: str, params: tuple = ()) -> list[tuple]:
    with psycopg.connect(db.settings.local_dsn(LOCAL_WERKBAK_LOGIN, db.name), autocommit=True) as conn:
        return conn.execute(sql, params).fetchall()


def test_sessions_end_by_idle_and_absolute_timeout_and_with_the_role(db):
    key, other = sessie.token_hash(sessie.new_token()), sessie.token_hash(sessie.new_token())
    long, short = timedelta(hours=1), timedelta(seconds=1)
    lookup = "SELECT rol, gemeenten FROM buurt_app.werkbak_sessie(%s, %s, %s)"
    with werkbak_user(db) as user:
        make = "SELECT buurt_app.werkbak_sessie_maken(%s, %s, %s)"
        assert session_call(db, make, (key, user.naam, long)) == [(True,)]
        assert session_call(db, make, (other, user.naam, long)) == [(True,)]
        assert session_call(db, lookup, (key, long, long)) == [(user.naam, ["GM0402"])]
        with psycopg.connect(db.admin_dsn) as conn:  # a minute idle, three hours old
            conn.execute("UPDATE buurt_sys.werkbak_sessie SET gezien = now() - interval '1 minute', "
                         "begonnen = now() - interval '3 hours' WHERE sleutel = %s", (key,))
        assert session_call(db, lookup, (key, long, timedelta(hours=4))) == [(user.naam, ["GM0402"])]
        assert session_call(db, lookup, (key, long, timedelta(hours=2))) == []  # absolute
        assert session_call(db, lookup, (key, long, long * 10)) == []  # and it is gone
        with psycopg.connect(db.admin_dsn) as conn:
            conn.execute("UPDATE buurt_sys.werkbak_sessie SET gezien = now() - interval '2 seconds' "
                         "WHERE sleutel = %s", (other,))
        assert session_call(db, lookup, (other, short, long)) == []  # idle
        # only the hash is kept
        with psycopg.connect(db.admin_dsn) as conn:
            assert conn.execute("SELECT count(*) FROM buurt_sys.werkbak_sessie WHERE rol = %s",
                                (user.naam,)).fetchone() == (0,)
        # a role that is no werkbak user gets no session
        assert session_call(db, "SELECT buurt_app.werkbak_sessie_maken(%s, %s, %s)",
                            (key, "buurtkaart_gis", long)) == [(False,)]
        assert session_call(db, "SELECT buurt_app.werkbak_sessie_maken(%s, %s, %s)", (key, user.naam, long)) == [
            (True,)]
        with psycopg.connect(db.admin_dsn, autocommit=True) as conn:
            conn.execute(f"REVOKE buurtkaart_wijkteam FROM {user.naam}")
        assert session_call(db, lookup, (key, long, long)) == []


def test_throttling_counts_failed_logins_per_account_and_per_address(db):
    window = timedelta(minutes=5)
    account, address = unique_name("bk_raad"), f"192.0.2.{os.getpid() % 250}"
    allowed = "SELECT buurt_app.werkbak_poging_toegestaan(%s, %s, %s, 3, 5)"
    for _ in range(3):
        assert session_call(db, allowed, (account, address, window)) == [(True,)]
        session_call(db, "SELECT buurt_app.werkbak_poging(%s, %s, false)", (account, address))
    assert session_call(db, allowed, (account, address, window)) == [(False,)]
    assert session_call(db, allowed, (account.upper(), "198.51.100.1", window)) == [(False,)]  # the account
    assert session_call(db, allowed, ("iemand_anders", address, window)) == [(True,)]
    for _ in range(2):
        session_call(db, "SELECT buurt_app.werkbak_poging(%s, %s, false)", ("iemand_anders", address))
    assert session_call(db, allowed, ("nog_een", address, window)) == [(False,)]  # the address: 5 failures
    assert session_call(db, allowed, ("nog_een", address, timedelta(microseconds=1))) == [(True,)]  # window
    with psycopg.connect(db.admin_dsn) as conn:
        kept = conn.execute("SELECT sleutel FROM buurt_sys.werkbak_poging").fetchall()
    assert all(account.encode() not in bytes(k) and address.encode() not in bytes(k) for (k,) in kept)


def test_the_werkgebied_gives_mijn_wijken_and_stays_in_the_own_gemeente(db):
    with psycopg.connect(db.admin_dsn) as conn:
        gebied, in_gebied = conn.execute(
            "SELECT gebiedcode, array_agg(code ORDER BY code) FROM buurt.wijk WHERE gemeentecode = 'GM0402' "
            "AND gebiedcode IS NOT NULL GROUP BY 1 ORDER BY 1 LIMIT 1").fetchone()
        wijk = conn.execute("SELECT min(code) FROM buurt.wijk WHERE gemeentecode = 'GM0402' AND gebiedcode IS "
                            "DISTINCT FROM %s", (gebied,)).fetchone()[0]
    with werkbak_user(db, wijken=(wijk,), gebieden=(gebied,)) as user, werkbak_user(db) as other:
        expected = [(c,) for c in sorted([wijk, *in_gebied])]
        assert run_as(db, user.naam, "SELECT * FROM werkbak.mijn_wijken()") == expected
        assert run_as(db, other.naam, "SELECT * FROM werkbak.mijn_wijken()") == []
        # a user reads its own werkgebied only
        assert run_as(db, other.naam, "SELECT count(*) FROM buurt_sys.werkgebied") == [(0,)]
        with psycopg.connect(db.admin_dsn) as conn, pytest.raises(psycopg.errors.CheckViolation) as err:
            conn.execute("INSERT INTO buurt_sys.werkgebied (rol, wijkcode) VALUES (%s, %s)", (user.naam, GM0307_WIJK))
        assert err.value.diag.message_primary == (f"Werkgebied {GM0307_WIJK} ligt in gemeente GM0307, waar rol "
                                                  f"{user.naam} niet werkt.")
        with psycopg.connect(db.admin_dsn) as conn, pytest.raises(psycopg.errors.CheckViolation,
                                                                  match="wijk of een gebied"):
            conn.execute("INSERT INTO buurt_sys.werkgebied (rol, wijkcode, gebiedcode) VALUES (%s, %s, %s)",
                         (user.naam, wijk, gebied))


def cli(db, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BUURTKAART_DBNAME": db.name, "BUURTKAART_PGDATA": str(db.settings.cluster_dir),
           "BUURTKAART_PGPORT": str(db.settings.port)}
    return subprocess.run([sys.executable, "-m", "spatial_service.cli", "werkbak", *args], capture_output=True,
                          text=True, timeout=120, env=env, input=stdin)


def test_the_cli_adds_lists_and_removes_a_user(db, tmp_path):
    naam = unique_name("bk_cli")
    secret = tmp_path / "wachtwoord"
    secret.write_text("Cli-wachtwoord-7\n")
    try:
        done = cli(db, "gebruiker", "toevoegen", naam, "--gemeente", "gm0402", "--wijk", "WK040201",
                   "--wachtwoord-bestand", str(secret))
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == f"Werkbakgebruiker {naam} gemaakt: GM0402; WK040201."
        with connect_tcp(db, naam, "Cli-wachtwoord-7") as conn:
            assert conn.execute("SELECT current_user").fetchone() == (naam,)
        with psycopg.connect(db.admin_dsn) as conn:  # a SCRAM verifier was stored, no plain text
            stored = conn.execute("SELECT rolpassword FROM pg_authid WHERE rolname = %s", (naam,)).fetchone()[0]
        assert stored.startswith("SCRAM-SHA-256$4096:") and "Cli-wachtwoord-7" not in stored
        listed = cli(db, "gebruikers")
        assert listed.returncode == 0 and any(line.split()[:3] == [naam, "GM0402", "WK040201"]
                                              for line in listed.stdout.splitlines()), listed.stdout
        assert LOCAL_WERKBAK_LOGIN not in listed.stdout and "postgres" not in listed.stdout
        gone = cli(db, "gebruiker", "verwijderen", naam)
        assert gone.returncode == 0, gone.stderr
        with psycopg.connect(db.admin_dsn) as conn:
            assert conn.execute("SELECT count(*) FROM pg_roles WHERE rolname = %s", (naam,)).fetchone() == (0,)
            assert conn.execute("SELECT count(*) FROM buurt_sys.gemeente_toegang WHERE rol = %s",
                                (naam,)).fetchone() == (0,)
    finally:
        drop_role(db, naam)


def test_the_cli_refuses_in_dutch_and_changes_nothing(db, tmp_path):
    secret = tmp_path / "wachtwoord"
    secret.write_text("Ww-1\n")
    naam = unique_name("bk_cli")
    # an existing GIS role is never taken over, nor removed
    for args in (("gebruiker", "toevoegen", "buurtkaart_gis", "--gemeente", "GM0402", "--wachtwoord-bestand",
                  str(secret)), ("gebruiker", "verwijderen", "buurtkaart_gis")):
        refused = cli(db, *args)
        assert refused.returncode == 2, refused.stdout
        assert "buurtkaart_gis" in refused.stderr and "werkbakgebruiker" in refused.stderr
    # a wijk of another gemeente: the database's refusal, and no role left behind (one transaction)
    refused = cli(db, "gebruiker", "toevoegen", naam, "--gemeente", "GM0402", "--wijk", GM0307_WIJK,
                  "--wachtwoord-bestand", str(secret))
    assert refused.returncode == 2 and "ligt in gemeente GM0307" in refused.stderr, refused.stderr
    # the password is never an argument
    assert cli(db, "gebruiker", "toevoegen", naam, "--gemeente", "GM0402", "--wachtwoord", "x").returncode == 2
    with psycopg.connect(db.admin_dsn) as conn:
        assert conn.execute("SELECT count(*) FROM pg_roles WHERE rolname = %s", (naam,)).fetchone() == (0,)
        assert conn.execute("SELECT pg_has_role('buurtkaart_werkbak', 'buurtkaart_gis', 'MEMBER')").fetchone() == (
            False,)
