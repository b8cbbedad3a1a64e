-- Grants, rebuilt every install so that new tables and views are always covered.
-- publiek role: USAGE on publiek and SELECT on its views; nothing in buurt, buurt_vl, buurt_sys, buurt_app.
REVOKE ALL ON SCHEMA buurt, buurt_vl, buurt_sys, buurt_app FROM PUBLIC;
REVOKE ALL ON ALL TABLES IN SCHEMA buurt, buurt_vl, buurt_sys FROM PUBLIC, buurtkaart_publiek;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA buurt_app FROM PUBLIC;

GRANT USAGE ON SCHEMA publiek TO buurtkaart_publiek, buurtkaart_lezer;
GRANT SELECT ON ALL TABLES IN SCHEMA publiek TO buurtkaart_publiek, buurtkaart_lezer;

GRANT USAGE ON SCHEMA buurt, buurt_vl, buurt_sys, buurt_app TO buurtkaart_lezer;
GRANT SELECT ON ALL TABLES IN SCHEMA buurt, buurt_vl TO buurtkaart_lezer;
GRANT SELECT ON buurt_sys.schema_versie, buurt_sys.instelling TO buurtkaart_lezer;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA buurt_app TO buurtkaart_lezer;

-- editors (GIS staff) change data, not value lists or settings; they read the change log.
GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA buurt TO buurtkaart_editor;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA buurt TO buurtkaart_editor;
-- the status history is written by its trigger only (buurt_app.tg_statusverloop)
REVOKE INSERT, UPDATE, DELETE ON buurt.statusverloop FROM buurtkaart_editor;
GRANT SELECT ON buurt_sys.wijziging TO buurtkaart_editor;
-- row-level security per gemeente (080_rls.sql) reads which gemeenten a role may use
GRANT SELECT ON buurt_sys.gemeente_toegang TO buurtkaart_lezer;
