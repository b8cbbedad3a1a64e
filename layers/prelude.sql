-- Runs before the changelogs on every install/upgrade, as the connecting (admin) user.
-- Roles are cluster-wide and extensions need a superuser, so neither can live in a changelog that runs
-- as buurtkaart_owner. Everything here is idempotent.
CREATE EXTENSION IF NOT EXISTS postgis;
-- tokens and keyed hashes of the residents' pages (gen_random_bytes, hmac, digest); trusted since PostgreSQL 13
CREATE EXTENSION IF NOT EXISTS pgcrypto;

DO $prelude$
DECLARE
  r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['buurtkaart_owner', 'buurtkaart_editor', 'buurtkaart_lezer', 'buurtkaart_publiek',
                         'buurtkaart_loket', 'buurtkaart_post'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
      EXECUTE format('CREATE ROLE %I NOLOGIN', r);
    END IF;
  END LOOP;
  -- the owner creates the schemas; the others only connect
  EXECUTE format('GRANT CONNECT, CREATE, TEMPORARY ON DATABASE %I TO buurtkaart_owner', current_database());
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO buurtkaart_editor, buurtkaart_lezer, buurtkaart_publiek, '
                 'buurtkaart_loket, buurtkaart_post', current_database());
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('GRANT buurtkaart_owner TO %I', current_user);
  END IF;
END
$prelude$;
-- editors read everything a reader reads
GRANT buurtkaart_lezer TO buurtkaart_editor;
-- The two SECURITY DEFINER functions run with search_path pg_catalog, public (PostGIS lives in public): nobody
-- may plant objects there that would shadow a built-in (CVE-2018-1058). Already the default since PostgreSQL 15.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
