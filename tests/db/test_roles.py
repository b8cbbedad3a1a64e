"""Who may read and write what: the public role reads publiek and nothing else; no personal data in publiek."""

from __future__ import annotations

import psycopg
import pytest

PRIVATE_TABLES = ["buurt.initiatief", "buurt.buurtdeal", "buurt.afspraak", "buurt.beheerobject", "buurt.buurt",
                  "buurt.peiling", "buurt.gespreksverslag", "buurt_sys.wijziging", "buurt_sys.instelling",
                  "buurt_vl.thema", "buurt_sys.werkbak_sessie", "buurt_sys.werkbak_poging", "buurt_sys.werkgebied"]
SESSION_TABLES = ("buurt_sys.werkbak_sessie", "buurt_sys.werkbak_poging")
SESSION_FUNCTIONS = ("werkbak_sessie_maken(bytea,text,interval)", "werkbak_sessie(bytea,interval,interval)",
                     "werkbak_sessie_beeindigen(bytea,boolean)",
                     "werkbak_poging_toegestaan(text,text,interval,integer,integer)",
                     "werkbak_poging(text,text,boolean)")
PERSONAL_COLUMNS = {"indiener_naam", "indiener_email", "indiener_telefoon"}


@pytest.fixture
def public_conn(demo_db):
    with psycopg.connect(demo_db.public_dsn, autocommit=True) as conn:
        yield conn


@pytest.mark.parametrize("table", PRIVATE_TABLES)
def test_public_role_cannot_read_private_tables(public_conn, table):
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        public_conn.execute(f"SELECT 1 FROM {table} LIMIT 1")


def test_public_role_reads_publiek(public_conn):
    views = [r[0] for r in public_conn.execute(
        "SELECT table_name FROM information_schema.views WHERE table_schema = 'publiek'").fetchall()]
    assert {"buurtdeal", "initiatief", "afspraak", "beheerobject", "buurt", "wijk"} <= set(views)
    for view in views:
        public_conn.execute(f"SELECT * FROM publiek.{view} LIMIT 1")


def test_public_role_holds_select_on_publiek_and_nothing_else(admin_conn):
    rows = admin_conn.execute("""
        SELECT n.nspname, c.relname, p.priv
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,
               unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) p(priv)
         WHERE n.nspname IN ('buurt', 'buurt_vl', 'buurt_sys', 'buurt_app', 'publiek', 'werkbak')
           AND c.relkind IN ('r', 'v', 'm')
           AND has_table_privilege('buurtkaart_publiek', c.oid, p.priv)""").fetchall()
    assert rows, "the public role must read publiek"
    assert {(schema, priv) for schema, _, priv in rows} == {("publiek", "SELECT")}


def test_publiek_has_no_personal_columns(admin_conn):
    columns = {r[0] for r in admin_conn.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'publiek'").fetchall()}
    assert columns and not columns & PERSONAL_COLUMNS


def test_publiek_holds_no_personal_values(admin_conn):
    emails = [r[0] for r in admin_conn.execute("SELECT indiener_email FROM buurt.initiatief "
                                                "WHERE indiener_email IS NOT NULL").fetchall()]
    assert emails
    dump = admin_conn.execute("SELECT string_agg(to_jsonb(x)::text, ' ') FROM (SELECT * FROM publiek.initiatief "
                              "UNION ALL SELECT i.* FROM publiek.initiatief i) x").fetchone()[0]
    assert not any(e in dump for e in emails)


def test_notes_of_the_werkbak_never_reach_publiek(admin_conn):
    """A gespreksverslag (werkbak) on a published initiative and a published deal: no publiek view shows its text,
    and the audit log keeps no copy (a note can be erased for good)."""
    marker = "NOTITIE-PRIVE-7731"
    ini, deal = admin_conn.execute("SELECT (SELECT min(id) FROM publiek.initiatief), "
                                   "(SELECT min(id) FROM publiek.buurtdeal)").fetchone()
    admin_conn.execute("INSERT INTO buurt.gespreksverslag (initiatief_id, tekst) VALUES (%s, %s)", (ini, marker))
    admin_conn.execute("INSERT INTO buurt.gespreksverslag (buurtdeal_id, tekst) VALUES (%s, %s)", (deal, marker))
    views = [r[0] for r in admin_conn.execute("SELECT format('publiek.%I', table_name) FROM information_schema.views "
                                              "WHERE table_schema = 'publiek'")]
    assert len(views) > 10
    for view in views:
        dump = admin_conn.execute(f"SELECT coalesce(string_agg(to_jsonb(x)::text, ' '), '') FROM {view} x"
                                  ).fetchone()[0]
        assert marker not in dump, view
    assert admin_conn.execute("SELECT count(*) FROM buurt_sys.wijziging WHERE nieuw::text LIKE %s",
                              (f"%{marker}%",)).fetchone() == (0,)


def test_only_published_rows_are_public(admin_conn):
    hidden = admin_conn.execute("SELECT count(*) FROM buurt.buurtdeal WHERE NOT gepubliceerd").fetchone()[0]
    total = admin_conn.execute("SELECT count(*) FROM buurt.buurtdeal").fetchone()[0]
    public = admin_conn.execute("SELECT count(*) FROM publiek.buurtdeal").fetchone()[0]
    assert hidden >= 1 and public == total - hidden
    assert admin_conn.execute("SELECT count(*) FROM publiek.buurtdeal p JOIN buurt.buurtdeal d USING (id) "
                              "WHERE NOT d.gepubliceerd").fetchone()[0] == 0
    assert admin_conn.execute("SELECT count(*) FROM publiek.initiatief p JOIN buurt.initiatief i USING (id) "
                              "WHERE NOT i.gepubliceerd OR i.status = 'ingetrokken'").fetchone()[0] == 0
    assert admin_conn.execute("SELECT count(*) FROM publiek.afspraak a JOIN buurt.buurtdeal d "
                              "ON d.id = a.buurtdeal_id WHERE NOT d.gepubliceerd").fetchone()[0] == 0


def test_public_deal_carries_both_sides_commitments(admin_conn):
    row = admin_conn.execute("SELECT afspraken_bewoners, afspraken_gemeente FROM publiek.buurtdeal "
                             "WHERE titel = 'Speelplek Havenstraatbuurt'").fetchone()
    assert "Offerte opvragen voor de werkzaamheden" in row[0]
    assert "Bodemonderzoek" in row[1]


def test_reader_reads_but_does_not_write(demo_db):
    with psycopg.connect(demo_db.reader_dsn) as conn:
        assert conn.execute("SELECT count(*) FROM buurt.buurtdeal").fetchone()[0] > 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE buurt.buurtdeal SET titel = titel")


def test_editor_cannot_change_value_lists(editor_conn):
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        editor_conn.execute("UPDATE buurt_vl.thema SET naam = 'x' WHERE code = 'verkeer'")


# --- the residents' pages (issue 21) ----------------------------------------------------------------------

LOKET_TABLES = ["buurt_loket.aanmelding", "buurt_loket.volgsleutel", "buurt_loket.steunaanvraag",
                "buurt_loket.steun", "buurt_loket.verzoek", "buurt_loket.uitgaand", "buurt_loket.geheim"]


@pytest.mark.parametrize("table", [*PRIVATE_TABLES, *LOKET_TABLES, "publiek.initiatief"])
def test_loket_role_reads_no_table(demo_db, table):
    with psycopg.connect(demo_db.loket_dsn, autocommit=True) as conn, pytest.raises(
            psycopg.errors.InsufficientPrivilege):
        conn.execute(f"SELECT 1 FROM {table} LIMIT 1")


def test_loket_role_writes_nothing_and_calls_nothing_else(demo_db):
    with psycopg.connect(demo_db.loket_dsn, autocommit=True) as conn:
        for sql in ("UPDATE buurt.initiatief SET titel = titel", "SELECT buurt_app.instelling('loket_max_punten')",
                    "SELECT buurt_app.mail_volgende()", "SELECT buurt_app.loket_opschonen()",
                    "SELECT buurt_app.loket_token()"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(sql)
        assert conn.execute("SELECT loket.privacy() ->> 'bewaartermijn_dagen'").fetchone()[0] == "365"


@pytest.mark.parametrize("dsn", ["editor_dsn", "reader_dsn", "public_dsn", "post_dsn"])
def test_only_the_owner_reaches_the_residents_data(demo_db, dsn):
    with psycopg.connect(getattr(demo_db, dsn), autocommit=True) as conn:
        for table in LOKET_TABLES:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(f"SELECT 1 FROM {table} LIMIT 1")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT loket.privacy()")


def test_the_sender_may_only_take_and_mark_mails(demo_db):
    with psycopg.connect(demo_db.post_dsn, autocommit=True) as conn:
        assert conn.execute("SELECT wachtend FROM buurt_app.mail_wachtrij()").fetchone()[0] >= 0
        for sql in ("SELECT buurt_app.loket_opschonen()", "SELECT 1 FROM buurt.initiatief",
                    "SELECT buurt_app.instelling('loket_max_punten')"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(sql)


def test_no_personal_column_of_the_residents_pages_in_publiek(admin_conn):
    columns = {r[0] for r in admin_conn.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'publiek'").fetchall()}
    assert "steunbetuigingen" in columns
    assert not columns & {"email", "token", "token_hash", "adres_hash", "afzender_hash", "aan"}


def table_privileges(conn: psycopg.Connection, role: str) -> set[tuple[str, str]]:
    return set(conn.execute("""
        SELECT format('%%I.%%I', n.nspname, c.relname), p.priv
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,
               unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) p(priv)
         WHERE n.nspname IN ('buurt', 'buurt_vl', 'buurt_sys', 'buurt_app', 'publiek', 'werkbak')
           AND c.relkind IN ('r', 'v', 'm', 'p') AND has_table_privilege(%s, c.oid, p.priv)""", (role,)).fetchall())


def test_the_werkbak_pool_role_holds_the_session_tables_and_nothing_else(admin_conn):
    """buurtkaart_werkbak may SET ROLE to each werkbak user, but is NOINHERIT: it has only its own grants."""
    assert table_privileges(admin_conn, "buurtkaart_werkbak") == {
        *((t, p) for t in SESSION_TABLES for p in ("SELECT", "INSERT", "UPDATE", "DELETE")),
        ("buurt_sys.gemeente_toegang", "SELECT")}
    assert admin_conn.execute("SELECT rolinherit, rolsuper, rolcreaterole, rolbypassrls FROM pg_roles "
                              "WHERE rolname = 'buurtkaart_werkbak'").fetchone() == (False, False, False, False)


def test_the_wijkteam_writes_initiatives_deals_commitments_and_notes_only(admin_conn):
    written = {(t, p) for t, p in table_privileges(admin_conn, "buurtkaart_wijkteam") if p != "SELECT"}
    assert written == {("buurt.initiatief", "INSERT"), ("buurt.initiatief", "UPDATE"), ("buurt.buurtdeal", "INSERT"),
                       ("buurt.buurtdeal", "UPDATE"), ("buurt.afspraak", "INSERT"), ("buurt.afspraak", "UPDATE"),
                       ("buurt.afspraak", "DELETE"), ("buurt.gespreksverslag", "INSERT"),
                       ("buurt.gespreksverslag", "UPDATE"), ("buurt.gespreksverslag", "DELETE")}
    read = {t for t, p in table_privileges(admin_conn, "buurtkaart_wijkteam") if p == "SELECT"}
    assert {"buurt.initiatief", "buurt.wijkagenda", "buurt.statusverloop", "buurt.wijk", "buurt.gebied",
            "buurt_sys.wijziging", "buurt_sys.werkgebied"} <= read
    assert not read & set(SESSION_TABLES)
    # not a member of the groups mapped to every gemeente ('*')
    assert admin_conn.execute("SELECT pg_has_role('buurtkaart_wijkteam', 'buurtkaart_lezer', 'MEMBER'), "
                              "pg_has_role('buurtkaart_wijkteam', 'buurtkaart_editor', 'MEMBER')").fetchone() == (
        False, False)


@pytest.mark.parametrize("role", ["buurtkaart_lezer", "buurtkaart_editor", "buurtkaart_wijkteam", "buurtkaart_publiek"])
def test_only_the_pool_role_may_use_the_session_functions_and_tables(admin_conn, role):
    for function in SESSION_FUNCTIONS:
        assert admin_conn.execute("SELECT has_function_privilege(%s, %s, 'EXECUTE')",
                                  (role, f"buurt_app.{function}")).fetchone() == (False,), function
        assert admin_conn.execute("SELECT has_function_privilege('buurtkaart_werkbak', %s, 'EXECUTE')",
                                  (f"buurt_app.{function}",)).fetchone() == (True,), function
    assert not {t for t, _ in table_privileges(admin_conn, role)} & set(SESSION_TABLES)
