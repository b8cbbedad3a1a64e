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

-- === the residents' pages (issue 21; layers/app/047_loket.sql) =============================================
-- buurtkaart_loket (the web pages' login) may call the functions of schema loket and nothing else; the private
-- data (schema buurt_loket) belong to the owner alone. buurtkaart_post (the mail sender) may call the outbox
-- functions only. The outbox and retention functions are not for readers (the blanket grant above).
REVOKE ALL ON SCHEMA loket, buurt_loket FROM PUBLIC;
REVOKE ALL ON ALL TABLES IN SCHEMA buurt_loket FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA loket FROM PUBLIC;
GRANT USAGE ON SCHEMA loket TO buurtkaart_loket;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA loket TO buurtkaart_loket;
DO $loket$
DECLARE
  f regprocedure;
BEGIN
  FOR f IN SELECT p.oid FROM pg_proc p
            WHERE p.pronamespace = 'buurt_app'::regnamespace AND p.proname ~ '^(loket|mail)_' LOOP
    EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM buurtkaart_lezer', f);
  END LOOP;
END
$loket$;
GRANT USAGE ON SCHEMA buurt_app TO buurtkaart_post;
GRANT EXECUTE ON FUNCTION buurt_app.mail_volgende(), buurt_app.mail_verzonden(bigint),
  buurt_app.mail_mislukt(bigint, text, boolean), buurt_app.mail_wachtrij() TO buurtkaart_post;
