"""Two gemeenten in one database for the row-level-security tests: the Hilversum demo (GM0402) plus a small
Amersfoort (GM0307) with one wijk, one buurt and a deal, initiative, commitment and object, and two editors
limited to one gemeente each (the default '*' rows for the group roles removed)."""

from __future__ import annotations

import psycopg

from spatial_service.settings import Settings
from tests.support import TestDatabase, new_database

# a 2 km square around the RD origin (Onze Lieve Vrouwetoren, Amersfoort)
AMERSFOORT = "MULTIPOLYGON (((154000 462000, 156000 462000, 156000 464000, 154000 464000, 154000 462000)))"
AMERSFOORT_POINT = "POINT (155000 463000)"
AMERSFOORT_POINT_2 = "POINT (155100 463100)"
EDITOR_0402 = "bk_rls_gm0402"
EDITOR_0307 = "bk_rls_gm0307"


def add_amersfoort(admin_dsn: str) -> dict[str, int]:
    """The second gemeente and one row of each kind in it; returns the new ids. The demo may already hold
    Amersfoort (the buurtmonitor's): its geography is then kept (the RD origin lies in its Stadskern too)."""
    with psycopg.connect(admin_dsn) as conn:
        conn.execute("INSERT INTO buurt.gemeente (code, naam, geom) VALUES ('GM0307', 'Amersfoort', "
                     "ST_GeomFromText(%s, 28992)) ON CONFLICT DO NOTHING", (AMERSFOORT,))
        conn.execute("INSERT INTO buurt.gebied (code, naam, gemeentecode) VALUES ('amf_centrum', 'Centrum', "
                     "'GM0307') ON CONFLICT DO NOTHING")
        conn.execute("INSERT INTO buurt.wijk (code, naam, gemeentecode, gebiedcode, geom) VALUES ('WK030701', "
                     "'Stadskern', 'GM0307', 'amf_centrum', ST_GeomFromText(%s, 28992)) ON CONFLICT DO NOTHING",
                     (AMERSFOORT,))
        conn.execute("INSERT INTO buurt.buurt (code, naam, wijkcode, gemeentecode, geom) VALUES ('BU03070101', "
                     "'Binnenstad', 'WK030701', 'GM0307', ST_GeomFromText(%s, 28992)) ON CONFLICT DO NOTHING",
                     (AMERSFOORT,))
        initiatief = conn.execute(
            "INSERT INTO buurt.initiatief (titel, thema, indiener_naam, indiener_email, gepubliceerd, geom) "
            "VALUES ('Bankje Lieve Vrouwetoren', 'ontmoeten', 'A. Amersfoorter', 'a@example.org', true, "
            "ST_GeomFromText(%s, 28992)) RETURNING id", (AMERSFOORT_POINT,)).fetchone()[0]
        deal = conn.execute(
            "INSERT INTO buurt.buurtdeal (titel, jaar, thema, initiatief_id, gepubliceerd, geom) "
            "VALUES ('Deal Stadskern', 2024, 'ontmoeten', %s, true, ST_GeomFromText(%s, 28992)) RETURNING id",
            (initiatief, AMERSFOORT_POINT)).fetchone()[0]
        afspraak = conn.execute("INSERT INTO buurt.afspraak (buurtdeal_id, partij, omschrijving) "
                                "VALUES (%s, 'bewoners', 'Onderhoud') RETURNING id", (deal,)).fetchone()[0]
        object_id = conn.execute("INSERT INTO buurt.beheerobject (soort, naam, geom) VALUES ('speelplek', "
                                 "'Speeltuin Hof', ST_GeomFromText(%s, 28992)) RETURNING id",
                                 (AMERSFOORT_POINT_2,)).fetchone()[0]
        conn.execute("INSERT INTO buurt.peiling (initiatief_id, datum, voor, tegen, respondenten) "
                     "VALUES (%s, '2024-03-01', 10, 2, 12)", (initiatief,))
        conn.execute("INSERT INTO buurt.buurtcijfer (buurtcode, indicator, jaar, waarde) "
                     "SELECT 'BU03070101', code, 2024, 7 FROM buurt_vl.indicator ORDER BY code LIMIT 1")
        conn.execute("INSERT INTO buurt.budget (gemeentecode, jaar, bedrag) VALUES ('GM0307', 2024, 250000)")
        agenda = conn.execute("INSERT INTO buurt.wijkagenda (wijkcode, thema, prioriteit, jaar_van, jaar_tot) "
                              "VALUES ('WK030701', 'ontmoeten', 'Ontmoeten in de binnenstad', 2024, 2027) "
                              "RETURNING id").fetchone()[0]
        conn.execute("INSERT INTO buurt.jaarschijf (wijkagenda_id, jaar, doel) VALUES (%s, 2024, 'Een bankje')",
                     (agenda,))
        conn.execute("INSERT INTO buurt.jaarverslag (gemeentecode, jaar, lessen) VALUES ('GM0307', 2024, 'Lessen') "
                     "ON CONFLICT DO NOTHING")
        # the buurtmonitor's tables (issue 11), one row each
        conn.execute("INSERT INTO buurt.wijkcijfer (wijkcode, indicator, jaar, waarde, bron) SELECT 'WK030701', code, "
                     "2024, 7, 'test' FROM buurt_vl.indicator ORDER BY code LIMIT 1 ON CONFLICT DO NOTHING")
        conn.execute("INSERT INTO buurt.gemeentecijfer (gemeentecode, indicator, jaar, waarde, bron) SELECT 'GM0307', "
                     "code, 2024, 7, 'test' FROM buurt_vl.indicator ORDER BY code LIMIT 1 ON CONFLICT DO NOTHING")
        conn.execute("INSERT INTO buurt.prioriteitswijk (wijkcode, jaar, reden) VALUES ('WK030701', 2024, 'test'), "
                     "('WK040201', 2024, 'test') "
                     "ON CONFLICT DO NOTHING")
        conn.execute("INSERT INTO buurt.budgetverdeling (wijkcode, jaar, gemeentecode, grondslag, prioriteit, gewicht, "
                     "bedrag, toelichting, berekend_op) VALUES ('WK030701', 2024, 'GM0307', 1, true, 1, 250000, "
                     "'test', now()) ON CONFLICT DO NOTHING")
    return {"initiatief": initiatief, "buurtdeal": deal, "afspraak": afspraak, "beheerobject": object_id}


def two_gemeenten(settings: Settings) -> TestDatabase:
    """A new database with the Hilversum demo and add_amersfoort's rows (the caller drops it)."""
    db = new_database(settings, with_demo=True)
    add_amersfoort(db.admin_dsn)
    return db


def limit_editors(db: TestDatabase) -> tuple[str, str]:
    """Two login roles in buurtkaart_editor, each mapped to one gemeente; the '*' rows removed. Returns their
    DSNs (GM0402, GM0307)."""
    with psycopg.connect(db.admin_dsn, autocommit=True) as conn:
        for role in (EDITOR_0402, EDITOR_0307):
            # roles are cluster-wide: another test database may have made them already
            conn.execute(f"DO $$BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') THEN "
                         f"CREATE ROLE {role} LOGIN IN ROLE buurtkaart_editor; END IF; END$$")
        conn.execute("DELETE FROM buurt_sys.gemeente_toegang WHERE gemeentecode = '*'")
        conn.execute("INSERT INTO buurt_sys.gemeente_toegang (rol, gemeentecode) VALUES (%s, 'GM0402'), "
                     "(%s, 'GM0307')", (EDITOR_0402, EDITOR_0307))
    return db.settings.local_dsn(EDITOR_0402, db.name), db.settings.local_dsn(EDITOR_0307, db.name)
