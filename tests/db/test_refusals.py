"""Every refusal a user can meet is Dutch: each CHECK constraint (walked in pg_constraint) refuses with the Dutch
text of its comment through the zz_controle trigger (layers/app/021_controles.sql), and every message a trigger
function raises is Dutch. A few refusals are then met for real, as a client meets them."""

from __future__ import annotations

import re

import psycopg
import pytest

SCHEMAS = ("buurt", "buurt_vl", "buurt_sys", "buurt_loket")
# words that give a message away as English, and words a Dutch sentence of ours nearly always has
ENGLISH = {"the", "must", "should", "cannot", "violates", "row", "relation", "constraint", "not", "allowed",
           "invalid", "missing", "empty", "value", "only", "is required", "does", "exist"}
DUTCH = {"de", "het", "een", "is", "niet", "geen", "van", "op", "in", "met", "voor", "bij", "naar", "moet", "mag",
         "kan", "zijn", "of", "ligt", "staat", "bestaat", "heeft", "hoort", "buiten", "leeg", "verwacht", "alleen",
         "nodig", "kies", "eerst", "ontbreekt", "onbekend", "dan", "dit", "deze", "wordt", "u", "al", "nog"}


def is_dutch(text: str) -> bool:
    words = set(re.findall(r"[a-zà-ÿ]+", re.sub(r"\{[a-z_]+\}|%[sIL%]?|\"[^\"]*\"", " ", text.lower())))
    return bool(words & DUTCH) and not words & ENGLISH


def test_the_dutch_check_is_a_real_check():
    assert is_dutch("Een afspraak heeft een omschrijving nodig: de omschrijving is leeg.")
    assert not is_dutch('new row for relation "afspraak" violates check constraint "afspraak_omschrijving_check"')
    assert not is_dutch("Value must not be empty")


def checks(conn: psycopg.Connection) -> list[tuple[str, str, str, str | None, list[str]]]:
    """(table, constraint, expression, comment, columns of the table) of every CHECK in the data schemas."""
    return conn.execute("""
        SELECT c.conrelid::regclass::text, c.conname, pg_get_expr(c.conbin, c.conrelid),
               obj_description(c.oid, 'pg_constraint'),
               ARRAY(SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = c.conrelid AND a.attnum > 0
                                                                AND NOT a.attisdropped)
          FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
         WHERE c.contype = 'c' AND n.nspname = ANY (%s) ORDER BY 1, 2""", (list(SCHEMAS),)).fetchall()


def bare(sql: str) -> str:
    """SQL without parentheses, spaces and case: pg_get_triggerdef deparses the WHEN clause its own way."""
    return re.sub(r"[()\s]", "", sql).lower()


def test_every_check_constraint_has_a_dutch_refusal_and_its_trigger(admin_conn):
    found = checks(admin_conn)
    assert len(found) >= 60  # the walk sees them all, not an empty catalogue
    triggers = dict(admin_conn.execute(
        "SELECT tgrelid::regclass::text, pg_get_triggerdef(oid) FROM pg_trigger WHERE tgname = 'zz_controle'"))
    for table, name, expr, comment, columns in found:
        assert comment, f"{table}.{name}: geen Nederlandse melding (COMMENT ON CONSTRAINT in een changelog)"
        message = comment.split(" | ")[0]
        assert is_dutch(comment), f"{table}.{name}: melding is niet Nederlands: {comment}"
        unknown = set(re.findall(r"\{([a-z_]+)\}", comment)) - set(columns) - {"bereik"}
        assert not unknown, f"{table}.{name}: {unknown} is geen kolom van {table}"
        if "{bereik}" in message:
            assert re.search(r">= \(?\d+\)?.*<= \(?\d+\)?", expr), f"{table}.{name}: geen bereik in {expr}"
        when = admin_conn.execute("SELECT buurt_app.als_nieuwe_rij(%s, %s::regclass)", (expr, table)).fetchone()[0]
        assert table in triggers and bare(when) in bare(triggers[table]), f"{table}.{name}: niet in zz_controle"


def test_every_trigger_function_raises_in_dutch(admin_conn):
    sources = admin_conn.execute("""
        SELECT DISTINCT p.oid::regprocedure::text, p.prosrc
          FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
          JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE NOT t.tgisinternal AND n.nspname = ANY (%s)""", (list(SCHEMAS),)).fetchall()
    assert len(sources) >= 10
    messages = 0
    for function, source in sources:
        for text in re.findall(r"RAISE\s+EXCEPTION\s+'((?:[^']|'')*)'", source, flags=re.IGNORECASE):
            if not re.sub(r"[%\s]", "", text):
                continue  # '%' with a message built elsewhere (e.g. from a constraint comment, checked above)
            messages += 1
            assert is_dutch(text), f"{function}: {text}"
    assert messages >= 10


def refusal(conn: psycopg.Connection, sql: str, params: tuple = ()) -> psycopg.errors.CheckViolation:
    with pytest.raises(psycopg.errors.CheckViolation) as exc, conn.transaction():
        conn.execute(sql, params)
    return exc.value


def test_an_empty_commitment_is_refused_in_dutch_naming_the_constraint(editor_conn):
    deal = editor_conn.execute("SELECT id FROM buurt.buurtdeal ORDER BY id LIMIT 1").fetchone()[0]
    before = editor_conn.execute("SELECT count(*) FROM buurt.afspraak").fetchone()[0]
    exc = refusal(editor_conn, "INSERT INTO buurt.afspraak (buurtdeal_id, partij, omschrijving) "
                               "VALUES (%s, 'bewoners', '  ')", (deal,))
    assert exc.diag.message_primary == "Een afspraak heeft een omschrijving nodig: de omschrijving is leeg."
    assert exc.diag.message_hint == "Beschrijf wat de partij (bewoners) afspreekt."
    assert exc.diag.constraint_name == "afspraak_omschrijving_check" and exc.diag.table_name == "afspraak"
    assert editor_conn.execute("SELECT count(*) FROM buurt.afspraak").fetchone()[0] == before


def test_a_year_outside_the_check_names_the_range_the_check_allows(editor_conn):
    deal = editor_conn.execute("SELECT id FROM buurt.buurtdeal ORDER BY id LIMIT 1").fetchone()[0]
    van, tot = editor_conn.execute("SELECT van, tot FROM publiek.jaarbereik").fetchone()
    exc = refusal(editor_conn, "UPDATE buurt.buurtdeal SET jaar = %s WHERE id = %s", (van - 1, deal))
    assert exc.diag.message_primary == (f"Jaar {van - 1} van de buurtdeal ligt buiten de toegestane jaren "
                                        f"({van} tot en met {tot}).")
    assert "Er is niets opgeslagen" in exc.diag.message_detail
    assert editor_conn.execute("SELECT jaar FROM buurt.buurtdeal WHERE id = %s", (deal,)).fetchone()[0] >= van


def test_a_value_list_row_and_a_derived_row_are_refused_in_dutch(admin_conn):
    exc = refusal(admin_conn, "UPDATE buurt_vl.thema SET kleur = 'rood' WHERE code = 'ontmoeten'")
    assert exc.diag.message_primary.startswith('Kleur "rood" van thema ontmoeten is geen kleur')
    # a buurt whose code does not fit its wijk: the check sees the row as the triggers before it left it
    exc = refusal(admin_conn, "UPDATE buurt.buurt SET wijkcode = (SELECT min(code) FROM buurt.wijk WHERE code <> "
                              "'WK' || substr(%s, 3, 6)) WHERE code = %s", ("BU04020102", "BU04020102"))
    assert exc.diag.message_primary.startswith("Buurt BU04020102 hoort niet bij wijk WK")


def test_a_check_that_passes_is_not_touched_by_the_trigger(editor_conn):
    """NULL passes a CHECK, and so it passes the trigger's WHEN: an initiative without a budget is saved."""
    ident = editor_conn.execute("SELECT id FROM buurt.initiatief WHERE begroting > 0 ORDER BY id LIMIT 1").fetchone()[0]
    editor_conn.execute("UPDATE buurt.initiatief SET begroting = NULL WHERE id = %s", (ident,))
    assert editor_conn.execute("SELECT begroting FROM buurt.initiatief WHERE id = %s", (ident,)).fetchone()[0] is None


def test_a_badly_written_bgt_rule_is_refused_in_dutch(admin_conn):
    """buurt_vl.objectsoort.bgt_regels holds Klasse.attribuut=waarde (changelog 0087); the readers rely on it."""
    before = admin_conn.execute("SELECT bgt_regels FROM buurt_vl.objectsoort WHERE code = 'groen'").fetchone()[0]
    assert before == ["BegroeidTerreindeel.fysiekVoorkomen=groenvoorziening"]
    for bad in (["BegroeidTerreindeel=groenvoorziening"], ["BegroeidTerreindeel.fysiekVoorkomen="], [None]):
        exc = refusal(admin_conn, "UPDATE buurt_vl.objectsoort SET bgt_regels = %s WHERE code = 'groen'", (bad,))
        assert exc.diag.message_primary.startswith("De BGT-regels"), exc.diag.message_primary
        assert "van objectsoort groen kloppen niet" in exc.diag.message_primary
        assert "Klasse.attribuut=waarde" in exc.diag.message_hint
    admin_conn.execute("UPDATE buurt_vl.objectsoort SET bgt_regels = %s WHERE code = 'groen'",
                       (["BegroeidTerreindeel.fysiekVoorkomen=groenvoorziening", "Bak.type=plantenbak"],))
