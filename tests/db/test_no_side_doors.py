"""No side doors between gemeenten (issue 19): enumerate, from the catalogue, every function a GM0402 editor may
EXECUTE and every table or view it may SELECT in buurt, buurt_vl, buurt_sys, buurt_app, publiek and werkbak, call or
read each as that login on a database with two gemeenten, and prove that none returns a non-public value of GM0307.
The same sweep runs as a GM0402 werkbak user the way the werkbak runs its queries (issue 22: the pool role
buurtkaart_werkbak with the user's role set), with everything that user may execute and read.

GM0307 gets unpublished rows (an initiative, a deal, its commitment, a priority with a jaarschijf, a year report
and the submitter of its published initiative) carrying the marker ZIJDEUR, explicit ids and coordinates found
nowhere else. Every result row (as JSON: geometries as GeoJSON) and every error message is searched for the
marker, the ids and the coordinates. The same calls as the admin must find them (the harness can see a leak),
and the public role must not (the planted values are not public by design). A function without an entry in
ARGUMENTS fails the test by name: a new function has to say how it is called before it ships."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

import psycopg
import pytest

from spatial_service.settings import LOCAL_WERKBAK_LOGIN
from tests import support
from tests.gemeenten import EDITOR_0402, add_amersfoort, limit_editors

MARKER = "ZIJDEUR"
OWN_MARKER = "EIGENDEUR"  # the same kind of rows in GM0402: its own editor must find them
IDS = {"ini": 9876501, "deal": 9876502, "agenda": 9876503, "jaarschijf": 9876504, "afspraak": 9876505,
       "eigen_ini": 9876511}
INI_XY = (155432.123, 463265.432)
DEAL_XY = (155321.987, 463176.543)
PLAN = ("ST_GeomFromText('POLYGON ((155200 463100, 155600 463100, 155600 463400, 155200 463400, "
        "155200 463100))', 28992)")
POINT = "ST_GeomFromText('POINT (155430 463260)', 28992)"  # next to the hidden initiative
OBJECTS = f"ARRAY(SELECT o FROM buurt_app.plantoets_objectmaten({PLAN}, 500, false) o)"
DEALS = f"ARRAY(SELECT d FROM buurt_app.plantoets_dealrelaties({PLAN}, 500, false, {OBJECTS}) d)"

ITEM_ARGS = [("'initiatief'", "{ini}"), ("'buurtdeal'", "{deal}")]  # the werkbak's item functions

# How each function is called: a list of argument lists (SQL), aimed at GM0307's hidden rows. {ini}, {deal},
# {agenda}, {afspraak}, {wijziging} (a log row of the hidden initiative) are filled in per database.
ARGUMENTS: dict[str, list[tuple[str, ...]]] = {
    "buurt_app.instelling(text)": [("'plantoets_zoekafstand_m'",)],
    "buurt_app.instelling_tekst(text)": [("'plantoets_zoekafstand_m'",)],
    "buurt_app.geometrietype_naam(text)": [("'POINT'",)],
    "buurt_app.buurt_van(geometry)": [(POINT,)],
    "buurt_app.gemeente_van(geometry)": [(POINT,)],
    "buurt_app.herbereken_gebieden(boolean)": [("true",)],
    "buurt_app.maak_statementtriggers(text,text,text,text,text[])": [
        ("'initiatief'", "'bk_proef'", "'buurt_app.tg_audit(''id'')'", "'buurt'", "ARRAY['INSERT']")],
    "buurt_app.maak_rijtriggers(text,text,text,text[])": [
        ("'bk_proef'", "'BEFORE INSERT'", "'buurt_app.tg_bijhouden()'", "'initiatief'")],
    "buurt_app.maak_importtabel(text,text)": [("'bk_proef_werk'", "'a text'")],
    "buurt_app.audit_rij(jsonb)": [("'{{\"titel\": \"x\"}}'::jsonb",)],
    "buurt_app.rij_sleutel(jsonb,text[])": [("'{{\"id\": 1}}'::jsonb", "ARRAY['id']")],
    "buurt_app.audit_ouder(text,text)": [("'buurt.initiatief'", "'{ini}'"), ("'buurt.buurtdeal'", "'{deal}'")],
    "buurt_app.audit_gemeente(text,jsonb)": [("'buurt.afspraak'", "'{{\"buurtdeal_id\": {deal}}}'::jsonb")],
    "buurt_app.controleer_wederkerigheid(integer)": [("{deal}",)],
    "buurt_app.controleer_uitgesteld()": [()],
    "buurt_app.geschiedenis(text,text)": [("'initiatief'", "'{ini}'"), ("'buurtdeal'", "'{deal}'"),
                                          ("'afspraak'", "'{afspraak}'"), ("'wijkagenda'", "'{agenda}'"),
                                          ("'jaarschijf'", "'{jaarschijf}'"), ("'jaarverslag'", "'GM0307/2024'")],
    "buurt_app.versie_herstellen(text,text,bigint)": [("'initiatief'", "'{ini}'", "{wijziging}")],
    "buurt_app.rapport_wijk_jaar(integer,text)": [("2024", "'WK030701'"), ("2024", "NULL")],
    "buurt_app.rapport_budget(integer,text)": [("2024", "'WK030701'"), ("2024", "NULL")],
    "buurt_app.vastgelopen(timestamp with time zone)": [("now() + interval '20 years'",)],
    "buurt_app.wijk_monitoring(text,integer)": [("'WK030701'", "2024")],
    "buurt_app.jaar_deals(text,integer)": [("'GM0307'", "2024")],
    "buurt_app.jaar_kerncijfers(text,integer)": [("'GM0307'", "2024")],
    "buurt_app.jaar_stappen(text,integer)": [("'GM0307'", "2024")],
    "buurt_app.jaar_wederkerigheid(text,integer,text)": [("'GM0307'", "2024", "NULL"),
                                                         ("'GM0307'", "2024", "'WK030701'")],
    "buurt_app.prioriteit_voortgang(text,integer,text)": [("'GM0307'", "2024", "NULL"),
                                                          ("'GM0307'", "2024", "'WK030701'")],
    "buurt_app.wijk_cijfers(text,integer)": [("'WK030701'", "2024")],
    "buurt_app.wijk_steun(text,integer)": [("'WK030701'", "2024")],
    "buurt_app.rapport_jaren(text)": [("'GM0307'",)],
    "buurt_app.streefwaarde(text,text,integer)": [("'WK030701'", "(SELECT min(code) FROM buurt_vl.indicator)",
                                                   "2024")],
    "buurt_app.gehaald(numeric,numeric,boolean)": [("1", "2", "true")],
    "buurt_app.cijfers_kolommen(text[],text[])": [("ARRAY['wijkcode', 'jaar']", "'{{}}'")],
    "buurt_app.cijfers_staging()": [()],
    "buurt_app.cijfer_lezen(text)": [("'7,5'",)],
    "buurt_app.cijfer_geheim(text)": [("'.'",)],
    "buurt_app.cijfers_samenvoegen(text,boolean,boolean)": [("'bk_proef.csv'", "false", "false")],
    "publiek.cijfer_klassen(text,integer,text,text)": [
        ("(SELECT min(code) FROM buurt_vl.indicator)", "2024", "'wijk'", "'GM0307'")],
    "publiek.cijferkaart(text,integer,text,text)": [
        ("(SELECT min(code) FROM buurt_vl.indicator)", "2024", "'wijk'", "'GM0307'")],
    "publiek.cijfertrend(text,text)": [("'WK030701'", "(SELECT min(code) FROM buurt_vl.indicator)")],
    "buurt_app.wijkwaarde(text,text,integer)": [("'WK030701'", "(SELECT min(code) FROM buurt_vl.indicator)",
                                                 "2024")],
    "buurt_app.wijkinwoners(text,integer)": [("'WK030701'", "2024")],
    "buurt_app.prioriteitswijken(text,integer)": [("'GM0307'", "2024")],
    "buurt_app.budget_verdelen(text,integer)": [("'GM0307'", "2024")],
    "buurt_app.rapport_budgetverdeling(text,integer)": [("'GM0307'", "2024")],
    "buurt_app.tegel_regels(text)": [("'initiatief'",), ("'buurtdeal'",)],
    "buurt_app.plantoets_getal(numeric,integer)": [("1.5", "1")],
    "buurt_app.plantoets_plangebied(geometry,numeric)": [(PLAN, "3")],
    "buurt_app.plantoets_zichtbare_deals(boolean)": [("false",), ("true",)],
    "buurt_app.plantoets_objectmaten(geometry,numeric,boolean)": [(PLAN, "500", "false")],
    "buurt_app.plantoets_dealrelaties(geometry,numeric,boolean,buurt_app.plantoets_object[])": [
        (PLAN, "500", "false", OBJECTS)],
    "buurt_app.plantoets_drempels()": [()],
    "buurt_app.plantoets_plan(geometry,numeric,numeric,numeric)": [(PLAN, "120000", "3", "500")],
    "buurt_app.plantoets_regels(buurt_app.plantoets_object[],numeric,numeric,text)": [
        (OBJECTS, "120000", "120000", "NULL")],
    "buurt_app.plantoets_objecten(buurt_app.plantoets_object[])": [(OBJECTS,)],
    "buurt_app.plantoets_deals(buurt_app.plantoets_deal[])": [(DEALS,)],
    "buurt_app.plantoets_afspraken(buurt_app.plantoets_deal[])": [(DEALS,)],
    "buurt_app.plantoets_initiatieven(geometry,numeric,boolean)": [(PLAN, "500", "false")],
    "buurt_app.plantoets_gebieden(geometry,numeric)": [(PLAN, "120000")],
    "buurt_app.plantoets(geometry,numeric,numeric,boolean)": [(PLAN, "3", "500", "false"),
                                                              (PLAN, "3", "500", "true")],
    "publiek.plantoets(geometry,numeric,numeric)": [(PLAN, "3", "500")],
    "publiek.rd_gebied()": [()],
    "buurt_app.rd_gebied()": [()],
    "buurt_app.naar_rd(geometry)": [(POINT,)],
    "buurt_app.gedegenereerde_ringen(geometry)": [(PLAN,)],
    "buurt_app.vlak_herstellen(geometry)": [(PLAN,)],
    "buurt_app.veld(jsonb,text[])": [("'{{\"a\": \"b\"}}'::jsonb", "'a'")],
    "buurt_app.werk_naar_rd(text,text)": [("'bk_proef_werk'", "'geom'")],
    "buurt_app.weiger_onbruikbare(text,text,text,text)": [("'bk_proef_werk'", "'id'", "'x'", "'y'")],
    "buurt_app.grenzen_staging()": [()],
    "buurt_app.grenzen_samenvoegen(text,integer,text[],boolean,boolean,boolean,boolean)": [
        ("'bk_proef.gpkg'", "2024", "ARRAY['GM0307']", "false", "false", "false", "false")],
    # the merge's numbered steps (each reads the temporary tables of the steps before it, all as the caller)
    "buurt_app.grenzen_1_indeling()": [()],
    "buurt_app.grenzen_2_gemeenten(text[])": [("ARRAY['GM0307']",)],
    "buurt_app.grenzen_3_controleren(boolean)": [("false",)],
    "buurt_app.grenzen_5_doelen(boolean)": [("false",)],
    "buurt_app.grenzen_6_vergelijken()": [()],
    "buurt_app.grenzen_7_bijwerken(text,integer)": [("'bk_proef.gpkg'", "2024")],
    "buurt_app.grenzen_8_vervallen(boolean)": [("false",)],
    "buurt_app.grenzen_9_herberekenen(boolean,boolean)": [("false", "false")],
    "buurt_app.grenzen_10_verslag(boolean,integer)": [("false", "0")],
    # the Dutch CHECK refusals (021_controles.sql)
    "buurt_app.controle_melding(text,jsonb,text)": [
        ("'Ongeldige titel {{kolom}}'", "'{{\"titel\": \"x\"}}'::jsonb", "'initiatief_titel_check'")],
    "buurt_app.als_nieuwe_rij(text,regclass)": [("'length(titel) > 0'", "'buurt.initiatief'")],
    "buurt_app.maak_controletriggers()": [()],
    "buurt_app.objecten_staging()": [()],
    "buurt_app.objecten_samenvoegen(text,boolean)": [("'bk_proef.osm'", "false")],
    "buurt_app.peilingen_staging()": [()],
    "buurt_app.datum_lezen(text)": [("'1-3-2024'",)],
    "buurt_app.peilingen_samenvoegen(text,boolean)": [("'bk_proef.csv'", "false")],
    "buurt_app.mijn_gemeenten()": [()],
    "buurt_app.alle_gemeenten()": [()],
    "buurt_app.mag_gemeente(text)": [("'GM0307'",)],
    # as the caller sees them: NULL for GM0307's hidden rows (test_no_id_oracle)
    "buurt_app.gemeente_van_buurtdeal(integer)": [("{deal}",)],
    "buurt_app.gemeente_van_initiatief(integer)": [("{ini}",)],
    "buurt_app.gemeente_van_wijkagenda(integer)": [("{agenda}",)],
    "buurt_app.gemeente_naam(text)": [("'GM0307'",)],
    "buurt_app.beveilig_gemeenten()": [()],
    # the werkbak's access (048_werkbak_toegang.sql); the session functions are the pool role's only
    "buurt_app.wie()": [()],
    "buurt_app.werkbak_rol_geldig(oid)": [("(SELECT oid FROM pg_roles WHERE rolname = 'bk_rls_gm0307')",)],
    "buurt_app.werkbak_gemeenten(oid)": [("(SELECT oid FROM pg_roles WHERE rolname = 'bk_rls_gm0307')",)],
    "buurt_app.werkbak_poging_sleutel(text)": [("'bk_rls_gm0307'",)],
    "werkbak.mijn_wijken()": [()],
    # the werkbak's pages (049_werkbak.sql): swept as the GM0402 werkbak user (LOGINS); editors cannot execute them
    "werkbak.werkwijken()": [()],
    "werkbak.item(text,integer)": ITEM_ARGS,
    "werkbak.geometrie(text,integer)": ITEM_ARGS,
    "werkbak.volgende_stappen(text,integer)": ITEM_ARGS,
    "werkbak.stappen(text,integer)": ITEM_ARGS,
    "werkbak.geschiedenis(text,integer)": ITEM_ARGS,
    "werkbak.publicatie_voorbeeld(text,integer)": ITEM_ARGS,
    "werkbak.inbox(timestamp with time zone)": [("now() + interval '20 years'",)],
    "werkbak.buurtdeal_maken(integer,text,integer,numeric,text)": [("{ini}", "'Zijdeurdeal'", "2024", "0", "NULL")],
}

# (not werkbak.inbox: a superuser counts as a member of every role, so its werkwijken are the werkbak users' werkgebied)
MUST_SEE_AS_ADMIN_WERKBAK = {"werkbak.item(text,integer)", "werkbak.geschiedenis(text,integer)",
                             "werkbak.publicatie_voorbeeld(text,integer)", "werkbak.geometrie(text,integer)"}

# Every SECURITY DEFINER function an editor may execute bypasses row-level security: each is reviewed, and a new
# one fails test_every_security_definer_function_is_reviewed until it is listed here with the reason it is safe.
SECURITY_DEFINER = {
    "buurt_app.gemeente_naam(text)": "the names of gemeenten are public (publiek.gemeente)",
    "publiek.plantoets(geometry,numeric,numeric)": "published deals and initiatives only (p_publiek = true)",
    "publiek.rd_gebied()": "a constant: the RD New extent the OGC API refuses coordinates outside of",
}

# The residents' door (issue 21): the web pages' login buurtkaart_loket may call exactly these, all SECURITY DEFINER
# (they bypass row-level security by design: a resident is in no gemeente), and nothing else of ours.
LOKET_ARGUMENTS: dict[str, list[tuple[str, ...]]] = {
    "loket.indienen(text,text,text,text,text,text,text,text,boolean,text)": [
        ("NULL", "'Proef'", "NULL", "'ontmoeten'", "NULL", "'BU03070101'", "'Proef'", "'proef@voorbeeld.nl'", "true",
         "'192.0.2.1'"),
        ("'GM0307'", "'Proef'", "NULL", "'ontmoeten'",
         "ST_AsGeoJSON(ST_Transform(ST_GeomFromText('POINT ({ini_x} {ini_y})', 28992), 4326))", "NULL", "'Proef'",
         "'proef@voorbeeld.nl'", "true", "'192.0.2.1'")],
    "loket.bevestigen(text)": [("'onbekend'",)],
    "loket.volgen(text)": [("'onbekend'",)],
    "loket.intrekken(text)": [("'onbekend'",)],
    "loket.steunen(integer,text,text)": [("{ini}", "'proef@voorbeeld.nl'", "'192.0.2.1'"),
                                         ("{eigen_ini}", "'proef@voorbeeld.nl'", "'192.0.2.1'")],
    "loket.steun_bevestigen(text)": [("'onbekend'",)],
    "loket.privacy()": [()],
}
LOKET_SECURITY_DEFINER = {
    "loket.indienen(text,text,text,text,text,text,text,text,boolean,text)":
        "stores a private submission; the dry run's initiative is rolled back and its id never returned",
    "loket.bevestigen(text)": "only with the token of a pending submission (hash compared)",
    "loket.volgen(text)": "only the initiative of the follow token, no personal columns",
    "loket.intrekken(text)": "only the unpublished initiative of the follow token",
    "loket.steunen(integer,text,text)": "published initiatives only (publiek.initiatief): a hidden id answers as a "
                                        "missing one",
    "loket.steun_bevestigen(text)": "only with the token of a pending support",
    "loket.privacy()": "settings the privacy statement publishes",
}

# the calls as the admin must find the planted values here (the harness sees what a leak would show)
MUST_SEE_AS_ADMIN = {"buurt.initiatief", "buurt.buurtdeal", "buurt.afspraak", "buurt.wijkagenda", "buurt.jaarschijf",
                     "buurt.jaarverslag", "buurt_sys.wijziging", "buurt_app.geschiedenis(text,text)",
                     "buurt_app.vastgelopen(timestamp with time zone)", "buurt_app.cyclus_initiatief",
                     "buurt_app.buurtactiviteitenplan", "buurt_app.rapport_item",
                     "buurt_app.plantoets(geometry,numeric,numeric,boolean)",
                     "buurt_app.prioriteit_voortgang(text,integer,text)"}
SCHEMAS = ("buurt", "buurt_vl", "buurt_sys", "buurt_app", "publiek", "werkbak")
LOGINS = ("editor", "wijkteam")  # who the sweeps run as: a GIS login, and a werkbak user through the werkbak's pool


def plant(admin_dsn: str) -> dict[str, int]:
    """GM0307's hidden rows (and one of GM0402's own); returns the ids and a log row of the hidden initiative."""
    ids = dict(IDS)
    with psycopg.connect(admin_dsn) as conn:
        conn.execute("INSERT INTO buurt.initiatief (id, titel, omschrijving, thema, indiener_naam, gepubliceerd, geom) "
                     f"VALUES (%s, '{MARKER} titel', '{MARKER} omschrijving', 'ontmoeten', '{MARKER} indiener', false, "
                     f"ST_GeomFromText('POINT ({INI_XY[0]} {INI_XY[1]})', 28992))", (IDS["ini"],))
        conn.execute(f"UPDATE buurt.initiatief SET titel = '{MARKER} titel 2', status = 'check_intern' WHERE id = %s",
                     (IDS["ini"],))
        conn.execute("INSERT INTO buurt.buurtdeal (id, titel, omschrijving, jaar, thema, gepubliceerd, geom, "
                     "budget_gemeente) VALUES (%s, %s, %s, 2024, 'ontmoeten', false, "
                     f"ST_GeomFromText('POINT ({DEAL_XY[0]} {DEAL_XY[1]})', 28992), 9876.5)",
                     (IDS["deal"], f"{MARKER} deal", f"{MARKER} dealomschrijving"))
        conn.execute("INSERT INTO buurt.afspraak (id, buurtdeal_id, partij, omschrijving) VALUES (%s, %s, 'bewoners', "
                     "%s)", (IDS["afspraak"], IDS["deal"], f"{MARKER} afspraak"))
        conn.execute("INSERT INTO buurt.wijkagenda (id, wijkcode, thema, prioriteit, omschrijving, jaar_van, jaar_tot, "
                     "gepubliceerd) VALUES (%s, 'WK030701', 'ontmoeten', %s, %s, 2024, 2027, false)",
                     (IDS["agenda"], f"{MARKER} prioriteit", f"{MARKER} agenda"))
        conn.execute("INSERT INTO buurt.jaarschijf (id, wijkagenda_id, jaar, doel) VALUES (%s, %s, 2024, %s)",
                     (IDS["jaarschijf"], IDS["agenda"], f"{MARKER} doel"))
        conn.execute("UPDATE buurt.buurtdeal SET wijkagenda_id = %s WHERE id = %s", (IDS["agenda"], IDS["deal"]))
        conn.execute(f"UPDATE buurt.jaarverslag SET lessen = '{MARKER} lessen' WHERE gemeentecode = 'GM0307'")
        # personal data of GM0307's published initiative
        conn.execute(f"UPDATE buurt.initiatief SET indiener_naam = '{MARKER} naam', indiener_email = 'zijdeur@x.nl' "
                     "WHERE gemeentecode = 'GM0307' AND gepubliceerd")
        # a public object of GM0307 tied to the hidden deal: its deal id must stay hidden
        conn.execute("UPDATE buurt.beheerobject SET buurtdeal_id = %s WHERE gemeentecode = 'GM0307'", (IDS["deal"],))
        conn.execute("INSERT INTO buurt.initiatief (id, titel, thema, gepubliceerd, geom) VALUES (%s, %s, 'ontmoeten', "
                     "false, (SELECT ST_PointOnSurface(geom) FROM buurt.buurt WHERE gemeentecode = 'GM0402' "
                     "ORDER BY code LIMIT 1))", (IDS["eigen_ini"], f"{OWN_MARKER} titel"))
        ids["wijziging"] = conn.execute("SELECT min(id) FROM buurt_sys.wijziging WHERE tabel = 'buurt.initiatief' "
                                        "AND rij_id = %s", (str(IDS["ini"]),)).fetchone()[0]
        ids["eigen_wijziging"] = conn.execute(
            "SELECT min(id) FROM buurt_sys.wijziging WHERE tabel = 'buurt.initiatief' AND rij_id = %s",
            (str(IDS["eigen_ini"]),)).fetchone()[0]
    return ids


@pytest.fixture(scope="module")
def side_doors(pg_settings) -> Iterator[tuple[support.TestDatabase, dict[str, int], str]]:
    db = support.new_database(pg_settings, with_demo=True)
    add_amersfoort(db.admin_dsn)
    ids = plant(db.admin_dsn)
    dsn_0402, _ = limit_editors(db)
    yield db, ids, dsn_0402
    db.drop()


@pytest.fixture(scope="module")
def wijkteam_0402(side_doors) -> Iterator[str]:
    """A werkbak user of GM0402 (wijk WK040201), connected as the werkbak connects: the pool role with the user's
    role set (what sessie.als() does with SET LOCAL ROLE)."""
    from tests.werkbak_gebruikers import werkbak_user

    db, _, _ = side_doors
    with werkbak_user(db, wijken=("WK040201",)) as user:
        yield f"{db.settings.local_dsn(LOCAL_WERKBAK_LOGIN, db.name)} options='-c role={user.naam}'"


@pytest.fixture(params=LOGINS)
def login_0402(request, side_doors) -> str:
    """The DSN of each login the sweeps run as."""
    return side_doors[2] if request.param == "editor" else request.getfixturevalue("wijkteam_0402")


def leak_patterns(ids: dict[str, int], marker: str = MARKER) -> list[re.Pattern[str]]:
    numbers = [IDS[k] for k in ("ini", "deal", "agenda", "jaarschijf", "afspraak")]
    return ([re.compile(marker, re.I), re.compile("zijdeur@")]
            + [re.compile(rf"(?<![\d.]){n}(?![\d])") for n in numbers]
            + [re.compile(re.escape(f"{x:.2f}")) for xy in (INI_XY, DEAL_XY) for x in xy]
            + [re.compile(r"(?<![\d.])9876\.50?(?!\d)")])  # the hidden deal's budget


def executable(conn: psycopg.Connection, schemas: tuple[str, ...] = SCHEMAS) -> list[tuple[str, str]]:
    """(signature, how to call it: 'call' for a procedure, 'void', else 'rows') of every function and procedure
    this login may execute in `schemas`. Trigger functions cannot be called and are left out."""
    return conn.execute(
        "SELECT p.oid::regprocedure::text, CASE WHEN p.prokind = 'p' THEN 'call' "
        "WHEN p.prorettype = 'void'::regtype THEN 'void' ELSE 'rows' END FROM pg_proc p "
        "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ANY (%s) "
        "AND p.prorettype NOT IN ('trigger'::regtype, 'event_trigger'::regtype) "
        "AND has_function_privilege(p.oid, 'EXECUTE') ORDER BY 1", (list(schemas),)).fetchall()


def readable(conn: psycopg.Connection) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT format('%%I.%%I', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = ANY (%s) AND c.relkind IN ('r', 'p', 'v', 'm', 'f') "
        "AND has_table_privilege(c.oid, 'SELECT') ORDER BY 1", (list(SCHEMAS),))]


class Output(NamedTuple):
    name: str             # the function's signature or the relation
    call: str             # the SQL called (arguments filled in), or the relation
    rows: tuple[str, ...]  # each result row as JSON text (sorted), or the error message with DETAIL and HINT
    error: bool


def outputs(dsn: str, ids: dict[str, int], signatures: list[tuple[str, str]],
            relations: list[str], arguments: dict[str, list[tuple[str, ...]]] = ARGUMENTS) -> list[Output]:
    """Every call and every read as this login, each in a savepoint that is rolled back."""
    result = []
    with psycopg.connect(dsn) as conn:
        conn.execute("SET statement_timeout = '30s'")
        for signature, kind in signatures:
            name = signature.split("(")[0]
            for args in arguments.get(signature, []):
                call = f"{name}({', '.join(a.format(**ids) for a in args)})"
                sql = {"call": f"CALL {call}", "void": f"SELECT {call}::text"}.get(
                    kind, f"SELECT to_jsonb(r)::text FROM (SELECT * FROM {call}) r")
                try:
                    with conn.transaction(force_rollback=True):
                        cur = conn.execute(sql)
                        rows = tuple(sorted(str(r[0] or "") for r in cur)) if cur.description else ()
                    result.append(Output(signature, call, rows, False))
                except psycopg.Error as exc:
                    diag = exc.diag
                    text = " ".join(filter(None, (diag.message_primary, diag.message_detail, diag.message_hint)))
                    result.append(Output(signature, call, (text,), True))
        for relation in relations:
            with conn.transaction(force_rollback=True):
                rows = tuple(sorted(r[0] for r in conn.execute(f"SELECT to_jsonb(r)::text FROM {relation} r")))
            result.append(Output(relation, relation, rows, False))
    return result


def sweep(dsn: str, ids: dict[str, int], signatures: list[tuple[str, str]], relations: list[str],
          patterns: list[re.Pattern[str]], arguments: dict[str, list[tuple[str, ...]]] = ARGUMENTS
          ) -> dict[str, list[str]]:
    """What matched which pattern (results and error messages alike), per function signature or relation."""
    found: dict[str, list[str]] = {}
    for out in outputs(dsn, ids, signatures, relations, arguments):
        text = "\n".join(out.rows)
        # an error message may repeat the arguments it was given (an id we chose): only what they lack counts
        echoed = out.call if out.error else ""
        hits = [m.group(0) for p in patterns if (m := p.search(text)) and not p.search(echoed)]
        if hits:
            found.setdefault(out.name, []).extend(hits)
    return found


def test_every_function_the_editor_may_execute_has_sensible_arguments(side_doors, wijkteam_0402):
    _, _, dsn_0402 = side_doors
    signatures: set[str] = set()
    for dsn in (dsn_0402, wijkteam_0402):
        with psycopg.connect(dsn) as conn:
            signatures |= {s for s, _ in executable(conn)}
    missing = sorted(signatures - set(ARGUMENTS))
    assert not missing, f"no arguments in ARGUMENTS for these functions (add an entry): {missing}"
    stale = sorted(set(ARGUMENTS) - signatures)
    assert not stale, f"ARGUMENTS names functions the editor cannot execute (any more): {stale}"


def test_every_security_definer_function_is_reviewed(login_0402):
    dsn_0402 = login_0402
    with psycopg.connect(dsn_0402) as conn:
        definer = {r[0] for r in conn.execute(
            "SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname = ANY (%s) AND p.prosecdef AND has_function_privilege(p.oid, 'EXECUTE') "
            "AND p.prorettype <> 'trigger'::regtype", (list(SCHEMAS),))}
    assert definer <= set(SECURITY_DEFINER), sorted(definer - set(SECURITY_DEFINER))
    if "options=" not in dsn_0402:  # the editor may use them all (a werkbak user not publiek's): none is stale
        assert definer == set(SECURITY_DEFINER), sorted(set(SECURITY_DEFINER) - definer)


def test_no_id_oracle(side_doors):
    """A hidden id of GM0307 and an id that does not exist get the same answers: from the helpers, from a child
    row that names it as parent, from a link to it and from restoring its version."""
    db, ids, dsn_0402 = side_doors
    missing = 9876599
    with psycopg.connect(db.admin_dsn) as conn:
        assert conn.execute("SELECT count(*) FROM buurt.buurtdeal WHERE id = %s", (missing,)).fetchone() == (0,)
        last = conn.execute("SELECT max(id) FROM buurt_sys.wijziging").fetchone()[0]
    answers = []
    with psycopg.connect(dsn_0402) as conn:
        for deal in (IDS["deal"], missing):
            answer = [conn.execute("SELECT buurt_app.gemeente_van_buurtdeal(%s)", (deal,)).fetchone()]
            own = conn.execute("SELECT id FROM buurt.beheerobject ORDER BY id LIMIT 1").fetchone()[0]
            for sql, args in (("INSERT INTO buurt.afspraak (buurtdeal_id, partij, omschrijving) "
                               "VALUES (%s, 'gemeente', 'Proef')", (deal,)),
                              ("UPDATE buurt.beheerobject SET buurtdeal_id = %s WHERE id = %s", (deal, own))):
                with pytest.raises(psycopg.errors.CheckViolation) as err:
                    conn.execute(sql, args)
                answer.append((re.sub(rf"\b{deal}\b", "N", err.value.diag.message_primary),
                               err.value.diag.message_detail))
                conn.rollback()
            answers.append(answer)
        restore = []
        for change in (ids["wijziging"], last + 1000):
            with pytest.raises(psycopg.errors.CheckViolation) as err:
                conn.execute("SELECT buurt_app.versie_herstellen('initiatief', %s, %s)", (str(IDS["ini"]), change))
            restore.append(re.sub(rf"\b{change}\b", "N", err.value.diag.message_primary))
            conn.rollback()
    assert answers[0] == answers[1], answers
    assert answers[0][0] == (None,)
    assert answers[0][1][0].startswith("Geen toegang: deze afspraak hoort bij een buurtdeal buiten uw gemeente(n)")
    assert answers[0][2][0].startswith("Geen toegang: u mag beheerobject niet koppelen aan buurtdeal")
    assert restore[0] == restore[1] and restore[0].startswith("Geen toegang: wijziging N hoort niet bij initiatief")


def test_the_sweep_covers_everything_the_editor_can_reach(login_0402):
    """No schema of ours outside SCHEMAS the editor may use, and no relation readable only in some columns (the
    sweep reads whole rows of what has_table_privilege grants)."""
    dsn_0402 = login_0402
    with psycopg.connect(dsn_0402) as conn:
        schemas = {r[0] for r in conn.execute(
            "SELECT nspname FROM pg_namespace WHERE has_schema_privilege(oid, 'USAGE') AND nspname NOT LIKE 'pg\\_%%' "
            "AND nspname NOT IN ('information_schema', 'public')")}
        partly = [r[0] for r in conn.execute(
            "SELECT c.oid::regclass::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = ANY (%s) AND has_any_column_privilege(c.oid, 'SELECT') "
            "AND NOT has_table_privilege(c.oid, 'SELECT')", (list(SCHEMAS),))]
    assert schemas <= set(SCHEMAS), sorted(schemas - set(SCHEMAS))
    assert partly == []


def test_no_function_or_view_shows_another_gemeentes_hidden_rows(side_doors, login_0402):
    db, ids, _ = side_doors
    dsn_0402 = login_0402
    patterns = leak_patterns(ids)
    with psycopg.connect(dsn_0402) as conn:
        signatures, relations = executable(conn), readable(conn)
    assert len(signatures) > 60 and len(relations) > 35, (len(signatures), len(relations))  # werkbak: no publiek
    # the harness sees the planted values where they are (as the admin) ...
    as_admin = sweep(db.admin_dsn, ids, signatures, relations, patterns)
    assert set(as_admin) >= MUST_SEE_AS_ADMIN, sorted(MUST_SEE_AS_ADMIN - set(as_admin))
    # ... the public does not (they are not public by design) ...
    with psycopg.connect(db.public_dsn) as conn:
        public = [r for r in readable(conn) if r.startswith("publiek.")]
        public_calls = [s for s in executable(conn) if s[0].startswith("publiek.")]
    assert public and public_calls
    assert sweep(db.public_dsn, ids, public_calls, public, patterns) == {}
    # ... and neither does the editor of GM0402, anywhere
    leaks = sweep(dsn_0402, ids, signatures, relations, patterns)
    assert leaks == {}, f"GM0402's editor sees GM0307's hidden values: {leaks}"


def test_nothing_the_editor_sees_depends_on_another_gemeentes_hidden_rows(side_doors, login_0402):
    """The difference test: every call and read of GM0402's editor answers exactly the same before and after GM0307
    gets more hidden rows (an initiative with a poll, a deal with a budget and commitments, a priority with a
    jaarschijf, a status step). This also catches what no marker can: counts, sums, shares, classes."""
    db, ids, _ = side_doors
    dsn_0402 = login_0402
    with psycopg.connect(dsn_0402) as conn:
        signatures, relations = executable(conn), readable(conn)
    before = {(o.name, o.call): o.rows for o in outputs(dsn_0402, ids, signatures, relations)}
    with psycopg.connect(db.admin_dsn) as conn:
        ini = conn.execute("INSERT INTO buurt.initiatief (titel, thema, gepubliceerd, geom) VALUES ('Verborgen 2', "
                           "'ontmoeten', false, ST_GeomFromText('POINT (155250 463350)', 28992)) RETURNING id"
                           ).fetchone()[0]
        conn.execute("UPDATE buurt.initiatief SET status = 'check_intern' WHERE id = %s", (ini,))
        conn.execute("INSERT INTO buurt.peiling (initiatief_id, datum, voor, tegen, respondenten) "
                     "VALUES (%s, '2024-05-01', 40, 3, 43)", (ini,))
        agenda = conn.execute("INSERT INTO buurt.wijkagenda (wijkcode, thema, prioriteit, jaar_van, jaar_tot, "
                              "gepubliceerd) VALUES ('WK030701', 'ontmoeten', 'Verborgen', 2024, 2026, false) "
                              "RETURNING id").fetchone()[0]
        conn.execute("INSERT INTO buurt.jaarschijf (wijkagenda_id, jaar, doel) VALUES (%s, 2024, 'Verborgen')",
                     (agenda,))
        deal = conn.execute("INSERT INTO buurt.buurtdeal (titel, jaar, thema, gepubliceerd, geom, budget_gemeente, "
                            "initiatief_id, wijkagenda_id) VALUES ('Verborgen deal', 2024, 'ontmoeten', false, "
                            "ST_GeomFromText('POINT (155260 463340)', 28992), 4321, %s, %s) RETURNING id",
                            (ini, agenda)).fetchone()[0]
        conn.execute("INSERT INTO buurt.afspraak (buurtdeal_id, partij, omschrijving, gereed) VALUES "
                     "(%s, 'bewoners', 'Verborgen', true), (%s, 'gemeente', 'Verborgen', false)", (deal, deal))
    after = {(o.name, o.call): o.rows for o in outputs(dsn_0402, ids, signatures, relations)}
    assert after.keys() == before.keys()
    changed = sorted(call for key, call in ((k, k[1]) for k in before) if before[key] != after[key])
    assert changed == [], f"these answers of GM0402's editor change with GM0307's hidden rows: {changed}"


def test_the_own_gemeentes_history_stays_visible(side_doors):
    """The positive control: what GM0307's rows hide from GM0402, GM0402's own rows show to it."""
    _, ids, dsn_0402 = side_doors
    own = leak_patterns(ids, OWN_MARKER)[:1]
    with psycopg.connect(dsn_0402) as conn:
        signatures, relations = executable(conn), readable(conn)
    seen = sweep(dsn_0402, {**ids, "ini": IDS["eigen_ini"], "wijziging": ids["eigen_wijziging"]},
                 [s for s in signatures if s[0] == "buurt_app.geschiedenis(text,text)"],
                 ["buurt.initiatief", "buurt_sys.wijziging", "buurt_app.cyclus_initiatief"], own)
    assert set(seen) == {"buurt_app.geschiedenis(text,text)", "buurt.initiatief", "buurt_sys.wijziging",
                         "buurt_app.cyclus_initiatief"}
    assert relations


def test_restoring_another_gemeentes_version_is_refused_in_dutch(side_doors):
    db, ids, dsn_0402 = side_doors
    with psycopg.connect(dsn_0402) as conn:
        with pytest.raises(psycopg.errors.CheckViolation) as err:
            conn.execute("SELECT buurt_app.versie_herstellen('initiatief', %s, %s)",
                         (str(IDS["ini"]), ids["wijziging"]))
        assert err.value.diag.message_primary == (f"Geen toegang: wijziging {ids['wijziging']} hoort niet bij "
                                                  f"initiatief {IDS['ini']} of niet bij uw gemeente(n).")
        assert err.value.diag.message_detail == f"Rol {EDITOR_0402} heeft toegang tot: GM0402."
        assert MARKER not in str(err.value) + (err.value.diag.message_hint or "")
        conn.rollback()
        # its own version restores
        assert conn.execute("SELECT buurt_app.versie_herstellen('initiatief', %s, %s)",
                            (str(IDS["eigen_ini"]), ids["eigen_wijziging"])).fetchone()[0].startswith("Initiatief")
        conn.rollback()
    with psycopg.connect(db.admin_dsn) as conn:
        assert conn.execute("SELECT titel FROM buurt.initiatief WHERE id = %s",
                            (IDS["ini"],)).fetchone() == (f"{MARKER} titel 2",)


def test_audit_rows_carry_the_gemeente_of_their_row(side_doors):
    """Children take their parent's gemeente, also when the parent went in the same statement (cascade)."""
    db, _, _ = side_doors
    with psycopg.connect(db.admin_dsn) as conn:
        rows = dict(conn.execute(
            "SELECT tabel, array_agg(DISTINCT coalesce(gemeentecode, '-')) FROM buurt_sys.wijziging "
            "WHERE (tabel, rij_id) IN (('buurt.afspraak', %s), ('buurt.jaarschijf', %s), ('buurt.initiatief', %s), "
            "('buurt.initiatief', %s)) GROUP BY 1",
            (str(IDS["afspraak"]), str(IDS["jaarschijf"]), str(IDS["ini"]), str(IDS["eigen_ini"]))).fetchall())
        assert rows == {"buurt.afspraak": ["GM0307"], "buurt.jaarschijf": ["GM0307"],
                        "buurt.initiatief": ["GM0307", "GM0402"]}
        conn.execute("DELETE FROM buurt.buurtdeal WHERE id = %s", (IDS["deal"],))
        deleted = conn.execute("SELECT gemeentecode FROM buurt_sys.wijziging WHERE tabel = 'buurt.afspraak' "
                               "AND rij_id = %s AND actie = 'D'", (str(IDS["afspraak"]),)).fetchall()
        assert deleted == [("GM0307",)]
        assert conn.execute("SELECT count(*) FROM buurt_sys.wijziging WHERE gemeentecode IS NULL").fetchone() == (0,)
        conn.rollback()


def test_a_dropped_role_takes_its_gemeenten_along(side_doors):
    """A mapping names the role by OID: a role created later under the same name starts with nothing."""
    db, _, _ = side_doors
    role = f"bk_rls_herboren_{db.name[-8:]}"  # roles are cluster-wide: never one another test module uses
    dsn = db.settings.local_dsn(role, db.name)
    with psycopg.connect(db.admin_dsn, autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {role} LOGIN IN ROLE buurtkaart_editor")
        conn.execute("INSERT INTO buurt_sys.gemeente_toegang VALUES (%s, 'GM0307')", (role,))
    try:
        with psycopg.connect(dsn) as conn:
            assert conn.execute("SELECT buurt_app.mijn_gemeenten()").fetchone() == (["GM0307"],)
            assert conn.execute("SELECT count(*) FROM buurt.initiatief").fetchone()[0] > 0
            # a login reads its own mapping, not the other logins'
            assert conn.execute("SELECT rol, gemeentecode FROM buurt_sys.gemeente_toegang").fetchall() == [
                (role, "GM0307")]
        with psycopg.connect(db.admin_dsn, autocommit=True) as conn:
            conn.execute(f"DROP ROLE {role}")
            conn.execute(f"CREATE ROLE {role} LOGIN IN ROLE buurtkaart_editor")
            # the old row is still there, but names a role that no longer exists
            assert conn.execute("SELECT count(*) FROM buurt_sys.gemeente_toegang t WHERE t.rol = %s AND NOT EXISTS "
                                "(SELECT 1 FROM pg_roles r WHERE r.oid = t.rol_oid)", (role,)).fetchone() == (1,)
        with psycopg.connect(dsn) as conn:
            assert conn.execute("SELECT buurt_app.mijn_gemeenten()").fetchone() == ([],)
            assert conn.execute("SELECT count(*) FROM buurt.initiatief").fetchone() == (0,)
            assert conn.execute("SELECT count(*) FROM buurt_sys.wijziging").fetchone() == (0,)
            with pytest.raises(psycopg.errors.CheckViolation, match="Geen toegang tot gemeente GM0307"):
                conn.execute("INSERT INTO buurt.budget (gemeentecode, jaar, bedrag) VALUES ('GM0307', 2031, 1)")
    finally:
        with psycopg.connect(db.admin_dsn, autocommit=True) as conn:
            conn.execute("DELETE FROM buurt_sys.gemeente_toegang WHERE rol = %s", (role,))
            conn.execute(f"DROP ROLE IF EXISTS {role}")


def test_a_mapping_for_a_role_that_does_not_exist_is_refused_in_dutch(side_doors):
    db, _, _ = side_doors
    with (psycopg.connect(db.admin_dsn) as conn,
          pytest.raises(psycopg.errors.CheckViolation, match='Rol "bk_bestaat_niet" bestaat niet')):
        conn.execute("INSERT INTO buurt_sys.gemeente_toegang VALUES ('bk_bestaat_niet', 'GM0402')")


def test_the_editor_login_is_limited(side_doors):
    """The sweep above ran as a login limited to GM0402, not as one that sees all."""
    _, _, dsn_0402 = side_doors
    with psycopg.connect(dsn_0402) as conn:
        assert conn.execute("SELECT current_user, buurt_app.mijn_gemeenten(), buurt_app.alle_gemeenten()"
                            ).fetchone() == (EDITOR_0402, ["GM0402"], False)


def test_upgrade_gives_existing_log_rows_their_gemeente_and_drops_orphaned_mappings(pg_settings):
    """Changelogs 0076/0077 on a database of the version before them: the log rows get the gemeente of their row
    (a child's from its parent's log, also when the parent is gone), a mapping of a role that no longer exists is
    removed, the others get their role's OID."""
    from spatial_service.db import install

    db = support.new_database(pg_settings, empty=True)
    try:
        install.upgrade(db.admin_dsn, upto=75)
        log = [("buurt.initiatief", "1", "I", None, {"id": 1, "gemeentecode": "GM0307"}),
               ("buurt.buurtdeal", "7", "D", {"id": 7, "gemeentecode": "GM0307"}, None),
               ("buurt.afspraak", "5", "I", None, {"id": 5, "buurtdeal_id": 7}),
               ("buurt.buurtcijfer", "BU03070101/x/2024", "I", None, {"buurtcode": "BU03070101", "jaar": 2024}),
               ("buurt.wijkagenda", "3", "I", None, {"id": 3, "wijkcode": "WK040201"}),
               ("buurt.jaarschijf", "4", "U", {"id": 4, "wijkagenda_id": 3}, {"id": 4, "wijkagenda_id": 3}),
               ("buurt.initiatief", "2", "U", {"id": 2, "gemeentecode": "GM0402"}, {"id": 2, "gemeentecode": "GM0307"}),
               ("buurt.gemeente", "GM0402", "U", {"code": "GM0402"}, {"code": "GM0402"})]
        gone = f"bk_rls_verdwenen_{db.name[-8:]}"
        with psycopg.connect(db.admin_dsn) as conn:
            for tabel, rij, actie, oud, nieuw in log:
                conn.execute("INSERT INTO buurt_sys.wijziging (tabel, rij_id, actie, oud, nieuw) VALUES (%s, %s, %s, "
                             "%s, %s)", (tabel, rij, actie, psycopg.types.json.Jsonb(oud) if oud else None,
                                         psycopg.types.json.Jsonb(nieuw) if nieuw else None))
            conn.execute("INSERT INTO buurt_sys.gemeente_toegang VALUES (%s, 'GM0307')", (gone,))
        install.upgrade(db.admin_dsn)
        with psycopg.connect(db.admin_dsn) as conn:
            codes = conn.execute("SELECT tabel, rij_id, gemeentecode FROM buurt_sys.wijziging ORDER BY id").fetchall()
            mappings = conn.execute("SELECT t.rol, t.gemeentecode, r.rolname FROM buurt_sys.gemeente_toegang t "
                                    "LEFT JOIN pg_roles r ON r.oid = t.rol_oid ORDER BY 1").fetchall()
        assert codes == [("buurt.initiatief", "1", "GM0307"), ("buurt.buurtdeal", "7", "GM0307"),
                         ("buurt.afspraak", "5", "GM0307"), ("buurt.buurtcijfer", "BU03070101/x/2024", "GM0307"),
                         ("buurt.wijkagenda", "3", "GM0402"), ("buurt.jaarschijf", "4", "GM0402"),
                         ("buurt.initiatief", "2", None), ("buurt.gemeente", "GM0402", "GM0402")]
        assert mappings == [("buurtkaart_editor", "*", "buurtkaart_editor"),
                            ("buurtkaart_lezer", "*", "buurtkaart_lezer")]
    finally:
        db.drop()


def test_tile_notifications_never_locate_an_unpublished_row(side_doors):
    """Every login may LISTEN to the tile service's channel: an edit of GM0307's unpublished initiative, its deal or
    the deal's commitment sends nothing there; the same edit of a published one does (the cache must hear it)."""
    db, _, dsn_0402 = side_doors
    with psycopg.connect(dsn_0402, autocommit=True) as listener:
        listener.execute("LISTEN buurtkaart_tegels")
        with psycopg.connect(db.admin_dsn) as conn:
            conn.execute("UPDATE buurt.initiatief SET geom = ST_Translate(geom, 1, 1) WHERE id = %s", (IDS["ini"],))
            conn.execute("UPDATE buurt.buurtdeal SET titel = titel || '!' WHERE id = %s", (IDS["deal"],))
            conn.execute("UPDATE buurt.afspraak SET omschrijving = omschrijving || '!' WHERE id = %s",
                         (IDS["afspraak"],))
        hidden = [n.payload for n in listener.notifies(timeout=1.5)]
        assert hidden == []
        with psycopg.connect(db.admin_dsn) as conn:
            conn.execute("UPDATE buurt.initiatief SET titel = titel || '!' WHERE gemeentecode = 'GM0307' "
                         "AND gepubliceerd")
        shown = [n.payload for n in listener.notifies(timeout=5, stop_after=1)]
        assert len(shown) == 1 and '"publiek.initiatief"' in shown[0]
    with psycopg.connect(db.admin_dsn) as conn:  # the module's other tests look for the planted coordinates
        conn.execute("UPDATE buurt.initiatief SET geom = ST_Translate(geom, -1, -1) WHERE id = %s", (IDS["ini"],))


@pytest.mark.parametrize(("table", "column", "target"), [("buurtdeal", "initiatief_id", "ini"),
                                                         ("buurtdeal", "wijkagenda_id", "agenda"),
                                                         ("beheerobject", "buurtdeal_id", "deal")])
def test_an_own_row_cannot_point_at_another_gemeentes_row(side_doors, table, column, target):
    """A foreign key is checked past RLS: without the refusal an editor could link to GM0307's hidden rows (and
    learn which ids exist). Linking within the own gemeente still works."""
    _, _, dsn_0402 = side_doors
    with psycopg.connect(dsn_0402) as conn:
        own = conn.execute(f"SELECT id FROM buurt.{table} ORDER BY id LIMIT 1").fetchone()[0]
        parent = {"ini": "initiatief", "agenda": "wijkagenda", "deal": "buurtdeal"}[target]
        with pytest.raises(psycopg.errors.CheckViolation) as err:
            conn.execute(f"UPDATE buurt.{table} SET {column} = %s WHERE id = %s", (IDS[target], own))
        assert err.value.diag.message_primary == (f"Geen toegang: u mag {table} niet koppelen aan {parent} "
                                                  f"{IDS[target]}: die ligt buiten uw gemeente(n) of bestaat niet.")
        conn.rollback()
        mine = conn.execute(f"SELECT id FROM buurt.{parent} ORDER BY id LIMIT 1").fetchone()[0]
        assert conn.execute(f"UPDATE buurt.{table} SET {column} = %s WHERE id = %s", (mine, own)).rowcount == 1
        conn.rollback()


OUR_SCHEMAS = (*SCHEMAS, "loket", "buurt_loket")


def test_the_loket_login_may_only_call_its_door(side_doors):
    db, _, _ = side_doors
    with psycopg.connect(db.loket_dsn) as conn:
        functions = conn.execute(
            "SELECT p.oid::regprocedure::text, p.prosecdef "
            "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname = ANY (%s) AND has_schema_privilege(n.oid, 'USAGE') "
            "AND has_function_privilege(p.oid, 'EXECUTE') AND p.prorettype <> 'trigger'::regtype",
            (list(OUR_SCHEMAS),)).fetchall()
        relations = conn.execute(
            "SELECT c.oid::regclass::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = ANY (%s) AND (has_table_privilege(c.oid, 'SELECT, INSERT, UPDATE, DELETE') "
            "OR has_any_column_privilege(c.oid, 'SELECT, INSERT, UPDATE'))", (list(OUR_SCHEMAS),)).fetchall()
        schemas = {r[0] for r in conn.execute(
            "SELECT nspname FROM pg_namespace WHERE has_schema_privilege(oid, 'USAGE') AND nspname NOT LIKE 'pg\\_%%' "
            "AND nspname NOT IN ('information_schema', 'public')")}
    assert {f for f, _ in functions} == set(LOKET_ARGUMENTS) == set(LOKET_SECURITY_DEFINER)
    assert all(definer for _, definer in functions)
    assert relations == []
    assert schemas == {"loket"}


def test_the_loket_door_shows_no_hidden_rows(side_doors):
    """Every call of the door, aimed at GM0307's hidden initiative (to support it, to submit beside it), as the
    loket login: no marker, id or coordinate comes back, and the hidden id answers as a missing one."""
    db, ids, _ = side_doors
    ids = {**ids, "ini_x": INI_XY[0], "ini_y": INI_XY[1]}
    with psycopg.connect(db.loket_dsn) as conn:
        signatures = executable(conn, ("loket",))
        answers = []
        for ini in (IDS["ini"], 9876599):
            try:
                with conn.transaction(force_rollback=True):
                    conn.execute("SELECT loket.steunen(%s, 'proef@voorbeeld.nl', '192.0.2.1')", (ini,))
            except psycopg.Error as exc:
                answers.append((exc.sqlstate, exc.diag.message_primary))
    assert answers[0] == answers[1] and answers[0][0] == "P0002"
    assert {s for s, _ in signatures} == set(LOKET_ARGUMENTS)
    assert sweep(db.loket_dsn, ids, signatures, [], leak_patterns(ids), LOKET_ARGUMENTS) == {}


def test_the_werkbak_functions_find_hidden_rows_as_the_admin_and_only_werkbak_users_call_them(side_doors,
                                                                                             wijkteam_0402):
    """The werkbak user's sweep above proves they show nothing of GM0307; this proves the harness would have seen
    it (the same calls as the admin find the planted values), and that nobody else may call them."""
    db, ids, dsn_0402 = side_doors
    with psycopg.connect(wijkteam_0402) as conn:
        signatures = executable(conn, ("werkbak",))
    assert {s for s, _ in signatures} == {k for k in ARGUMENTS if k.startswith("werkbak.")}
    as_admin = sweep(db.admin_dsn, ids, signatures, [], leak_patterns(ids))
    assert set(as_admin) >= MUST_SEE_AS_ADMIN_WERKBAK, sorted(MUST_SEE_AS_ADMIN_WERKBAK - set(as_admin))
    for dsn in (dsn_0402, db.public_dsn):
        with psycopg.connect(dsn) as conn:
            assert executable(conn, ("werkbak",)) == []
