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

-- === werkbak: toegang (issue 22, 048_werkbak_toegang.sql) ====================================================
-- The group of werkbak users (login roles made by `buurtkaart werkbak gebruiker toevoegen`). Not a member of
-- buurtkaart_lezer or _editor: those map to every gemeente ('*'); a user gets its own gemeente(n) instead. It reads
-- the data and value lists (row-level security per gemeente applies), writes initiatives, deals and their
-- commitments (through every rule of the database), and reads the audit log of its gemeente(n) (RLS).
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA werkbak FROM PUBLIC;
GRANT USAGE ON SCHEMA buurt, buurt_vl, buurt_sys, buurt_app, werkbak TO buurtkaart_wijkteam;
GRANT SELECT ON ALL TABLES IN SCHEMA buurt, buurt_vl TO buurtkaart_wijkteam;
GRANT INSERT, UPDATE ON buurt.initiatief, buurt.buurtdeal, buurt.afspraak TO buurtkaart_wijkteam;
GRANT DELETE ON buurt.afspraak TO buurtkaart_wijkteam;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA buurt TO buurtkaart_wijkteam;
GRANT SELECT ON buurt_sys.schema_versie, buurt_sys.instelling, buurt_sys.wijziging, buurt_sys.gemeente_toegang,
  buurt_sys.werkgebied TO buurtkaart_wijkteam;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA buurt_app, werkbak TO buurtkaart_wijkteam;
-- the report views a reader gets (row-level security applies: they read as the caller); not the other buurt_app
-- views, some of which publiek views read with the owner's rights
GRANT SELECT ON buurt_app.rapport_item, buurt_app.statusstap, buurt_app.cyclus_initiatief,
  buurt_app.buurtactiviteitenplan, buurt_app.cijfer TO buurtkaart_wijkteam;
-- The pool role: the session tables and their functions, nothing else (it is NOINHERIT: what it does for a user
-- it does after SET ROLE, with the user's rights). It reads the gemeente mapping for the session's user.
GRANT USAGE ON SCHEMA buurt_sys, buurt_app TO buurtkaart_werkbak;
GRANT SELECT, INSERT, UPDATE, DELETE ON buurt_sys.werkbak_sessie, buurt_sys.werkbak_poging TO buurtkaart_werkbak;
GRANT USAGE ON SEQUENCE buurt_sys.werkbak_poging_id_seq TO buurtkaart_werkbak;
GRANT SELECT ON buurt_sys.gemeente_toegang TO buurtkaart_werkbak;
-- The session functions are the pool's alone (they would only be refused on the tables for anyone else).
REVOKE EXECUTE ON FUNCTION buurt_app.werkbak_sessie_maken(bytea, text, interval),
  buurt_app.werkbak_sessie(bytea, interval, interval), buurt_app.werkbak_sessie_beeindigen(bytea, boolean),
  buurt_app.werkbak_poging_toegestaan(text, text, interval, integer, integer),
  buurt_app.werkbak_poging(text, text, boolean) FROM buurtkaart_lezer, buurtkaart_wijkteam;
GRANT EXECUTE ON FUNCTION buurt_app.werkbak_sessie_maken(bytea, text, interval),
  buurt_app.werkbak_sessie(bytea, interval, interval), buurt_app.werkbak_sessie_beeindigen(bytea, boolean),
  buurt_app.werkbak_poging_toegestaan(text, text, interval, integer, integer),
  buurt_app.werkbak_poging(text, text, boolean), buurt_app.werkbak_rol_geldig(oid),
  buurt_app.werkbak_gemeenten(oid), buurt_app.werkbak_poging_sleutel(text) TO buurtkaart_werkbak;

-- === werkbak: pagina's (issue 22, 049_werkbak.sql) ============================================================
-- Notes per step (buurt.gespreksverslag) are written and corrected by the werkbak's users; never public, so no
-- right for the public role (its view list above is publiek only) and no publiek view. The publication preview
-- (werkbak.publicatie_voorbeeld) reads the publiek views as the user.
GRANT INSERT, UPDATE, DELETE ON buurt.gespreksverslag TO buurtkaart_wijkteam;
GRANT USAGE ON SCHEMA publiek TO buurtkaart_wijkteam;
GRANT SELECT ON ALL TABLES IN SCHEMA publiek TO buurtkaart_wijkteam;

-- === the residents' pages (issue 21; layers/app/047_loket.sql) =============================================
-- buurtkaart_loket (the web pages' login) may call the functions of schema loket and nothing else; the private
-- data (schema buurt_loket) belong to the owner alone. buurtkaart_post (the mail sender) may call the outbox
-- functions only. The outbox and retention functions are neither for readers nor for werkbak users (the blanket
-- grants above: this block comes after them for that reason).
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
    EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM buurtkaart_lezer, buurtkaart_wijkteam', f);
  END LOOP;
END
$loket$;
GRANT USAGE ON SCHEMA buurt_app TO buurtkaart_post;
GRANT EXECUTE ON FUNCTION buurt_app.mail_volgende(), buurt_app.mail_verzonden(bigint),
  buurt_app.mail_mislukt(bigint, text, boolean), buurt_app.mail_wachtrij() TO buurtkaart_post;
