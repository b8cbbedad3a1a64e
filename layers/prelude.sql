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
                         'buurtkaart_loket', 'buurtkaart_post', 'buurtkaart_wijkteam'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
      EXECUTE format('CREATE ROLE %I NOLOGIN', r);
    END IF;
  END LOOP;
  -- The werkbak's pool role (issue 22): it may SET ROLE to each werkbak user (a member of buurtkaart_wijkteam;
  -- `buurtkaart werkbak gebruiker toevoegen` grants that) and keeps the session tables, nothing else. NOINHERIT:
  -- being a member of every user must not give it their rights (or their gemeenten) without the SET ROLE.
  -- A gemeente gives it LOGIN and a way to authenticate (docs/deployment.md); the local cluster does
  -- (spatial_service/db/cluster.py).
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'buurtkaart_werkbak') THEN
    CREATE ROLE buurtkaart_werkbak NOLOGIN NOINHERIT;
  END IF;
  -- the owner creates the schemas; the others only connect
  EXECUTE format('GRANT CONNECT, CREATE, TEMPORARY ON DATABASE %I TO buurtkaart_owner', current_database());
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO buurtkaart_editor, buurtkaart_lezer, buurtkaart_publiek, '
                 'buurtkaart_loket, buurtkaart_post, buurtkaart_wijkteam, buurtkaart_werkbak', current_database());
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
