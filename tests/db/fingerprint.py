"""A text fingerprint of everything an install creates, to compare an upgraded database with a fresh one."""

from __future__ import annotations

import psycopg

SCHEMAS = "('buurt', 'buurt_vl', 'buurt_sys', 'buurt_app', 'publiek', 'buurt_loket', 'loket', 'werkbak')"

QUERIES = {
    "columns": f"""
        SELECT table_schema, table_name, column_name, data_type, udt_name, is_nullable, column_default
          FROM information_schema.columns WHERE table_schema IN {SCHEMAS}
         ORDER BY 1, 2, 3""",
    "constraints": f"""
        SELECT n.nspname, c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
          FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
         WHERE n.nspname IN {SCHEMAS} ORDER BY 1, 2, 3""",
    "indexes": f"SELECT schemaname, indexname, indexdef FROM pg_indexes WHERE schemaname IN {SCHEMAS} ORDER BY 1, 2",
    "triggers": f"""
        SELECT t.tgrelid::regclass::text, t.tgname, pg_get_triggerdef(t.oid)
          FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE NOT t.tgisinternal AND n.nspname IN {SCHEMAS} ORDER BY 1, 2""",
    "views": f"""
        SELECT schemaname, viewname, definition FROM pg_views WHERE schemaname IN {SCHEMAS} ORDER BY 1, 2""",
    "functions": f"""
        SELECT n.nspname, p.proname, pg_get_function_identity_arguments(p.oid), md5(pg_get_functiondef(p.oid))
          FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
         WHERE n.nspname IN {SCHEMAS} AND p.prokind IN ('f', 'p') ORDER BY 1, 2, 3""",
    "grants": f"""
        SELECT n.nspname, c.relname, c.relkind,
               coalesce((SELECT string_agg(a::text, ',' ORDER BY a::text) FROM unnest(c.relacl) a), '')
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname IN {SCHEMAS} ORDER BY 1, 2""",
    "schema_grants": f"""
        SELECT nspname, coalesce((SELECT string_agg(a::text, ',' ORDER BY a::text) FROM unnest(nspacl) a), '')
          FROM pg_namespace WHERE nspname IN {SCHEMAS} ORDER BY 1""",
    "value_lists": """
        SELECT 'thema', to_jsonb(t)::text FROM buurt_vl.thema t
        UNION ALL SELECT 'status', to_jsonb(s)::text FROM buurt_vl.status s
        UNION ALL SELECT 'overgang', to_jsonb(o)::text FROM buurt_vl.status_overgang o
        UNION ALL SELECT 'partij', to_jsonb(p)::text FROM buurt_vl.partij p
        UNION ALL SELECT 'objectsoort', to_jsonb(o)::text FROM buurt_vl.objectsoort o
        UNION ALL SELECT 'instelling', to_jsonb(i)::text FROM buurt_sys.instelling i
        ORDER BY 1, 2""",
    "versions": "SELECT versie, bestand, controlesom FROM buurt_sys.schema_versie ORDER BY 1",
}


def fingerprint(dsn: str) -> dict[str, list[tuple]]:
    with psycopg.connect(dsn) as conn:
        return {name: conn.execute(sql).fetchall() for name, sql in QUERIES.items()}
