-- The werkbak's access (issue 22): who a query runs for, its sessions, the throttling of failed logins, the
-- werkgebied of a user. The web application (spatial_service/web/werkbak/) checks a password by connecting to
-- PostgreSQL as the user (pg_hba.conf decides how: SCRAM, LDAP); afterwards every query of that user runs on the
-- pool role buurtkaart_werkbak with SET LOCAL ROLE <user>, so RLS per gemeente and every rule apply to the person.
--
-- The session functions run as the caller (SECURITY INVOKER): only the pool role has rights on the session tables
-- and EXECUTE on them (090_rechten.sql), so no other role gains anything by calling them.

-- Schema werkbak: what the werkbak's pages read and call (paginas: 049_werkbak.sql adds its functions here).
CREATE SCHEMA werkbak;
COMMENT ON SCHEMA werkbak IS 'De werkbak (web) van wijkteams en buurtcoördinatoren: functies en views als de gebruiker.';

-- The person behind the current statement, for aangemaakt_door/gewijzigd_door, the audit log and the status
-- history: the role the werkbak's pool SET ROLE to, when that is a werkbak user, else the login (as before).
-- current_setting('role') is the SET ROLE value and stays so inside SECURITY DEFINER functions (tg_audit), where
-- current_user is the owner. Only the pool role can SET ROLE to a werkbak user (it is a member of each).
CREATE FUNCTION buurt_app.wie() RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN pg_catalog.current_setting('role') <> 'none'
                   AND pg_catalog.pg_has_role(pg_catalog.current_setting('role'), 'buurtkaart_wijkteam', 'USAGE')
              THEN pg_catalog.current_setting('role') ELSE session_user::text END
$$;
-- (One expression, no FROM: PL/pgSQL inlines it. Measured per call from a row trigger: 0.37 us, session_user
-- 0.33 us; with a sub-select it was 2.1 us, which a 1,000,000-row import pays twice per row in tg_bijhouden.)

-- May this role use the werkbak? A login role with the rights of buurtkaart_wijkteam ('USAGE': a member that
-- inherits them; the pool role is a member of every user but NOINHERIT, so it is none), not a superuser, not the
-- owner, not expired. Checked at login and on every request (a user removed from the group, or dropped, is out).
CREATE FUNCTION buurt_app.werkbak_rol_geldig(p_oid oid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT r.rolcanlogin AND NOT r.rolsuper AND NOT r.rolbypassrls
                          AND (r.rolvaliduntil IS NULL OR r.rolvaliduntil > now())
                          AND pg_catalog.pg_has_role(r.oid, 'buurtkaart_wijkteam', 'USAGE')
                          AND NOT pg_catalog.pg_has_role(r.oid, 'buurtkaart_owner', 'MEMBER')
                     FROM pg_catalog.pg_roles r WHERE r.oid = p_oid), false)
$$;

-- The gemeenten a werkbak user works in (buurt_sys.gemeente_toegang, also through a group role it is in).
CREATE FUNCTION buurt_app.werkbak_gemeenten(p_oid oid) RETURNS text[]
LANGUAGE sql STABLE AS $$
  SELECT coalesce(array_agg(DISTINCT t.gemeentecode ORDER BY t.gemeentecode), '{}')
    FROM buurt_sys.gemeente_toegang t
    JOIN pg_catalog.pg_roles r ON r.oid = t.rol_oid
   WHERE pg_catalog.pg_has_role(p_oid, r.oid, 'MEMBER')
$$;

-- A new session for a user whose password PostgreSQL has just accepted. Removes the sessions past the absolute
-- timeout on the way (of anyone: the table stays small). False when the role may not use the werkbak.
CREATE FUNCTION buurt_app.werkbak_sessie_maken(p_sleutel bytea, p_rol text, p_absoluut interval) RETURNS boolean
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_oid oid;
BEGIN
  DELETE FROM buurt_sys.werkbak_sessie WHERE begonnen < now() - p_absoluut;
  SELECT r.oid INTO v_oid FROM pg_catalog.pg_roles r WHERE r.rolname = p_rol;
  IF v_oid IS NULL OR NOT buurt_app.werkbak_rol_geldig(v_oid) THEN
    RETURN false;
  END IF;
  INSERT INTO buurt_sys.werkbak_sessie (sleutel, rol_oid, rol) VALUES (p_sleutel, v_oid, p_rol);
  RETURN true;
END
$$;

-- The user of a session, or no row: unknown, idle too long, past its absolute timeout, or its role no longer a
-- werkbak user (removed from buurtkaart_wijkteam, dropped, renamed or recreated under the same name: the OID
-- decides). Such a session is removed; a valid one is marked as seen.
CREATE FUNCTION buurt_app.werkbak_sessie(p_sleutel bytea, p_inactief interval, p_absoluut interval)
RETURNS TABLE (rol text, gemeenten text[], begonnen timestamptz)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v record;
BEGIN
  SELECT s.rol_oid, s.rol, s.begonnen, s.gezien, r.rolname INTO v
    FROM buurt_sys.werkbak_sessie s LEFT JOIN pg_catalog.pg_roles r ON r.oid = s.rol_oid
   WHERE s.sleutel = p_sleutel;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  IF v.rolname IS DISTINCT FROM v.rol OR v.gezien < now() - p_inactief OR v.begonnen < now() - p_absoluut
     OR NOT buurt_app.werkbak_rol_geldig(v.rol_oid) THEN
    DELETE FROM buurt_sys.werkbak_sessie s WHERE s.sleutel = p_sleutel;
    RETURN;
  END IF;
  UPDATE buurt_sys.werkbak_sessie s SET gezien = now() WHERE s.sleutel = p_sleutel;
  RETURN QUERY SELECT v.rol, buurt_app.werkbak_gemeenten(v.rol_oid), v.begonnen;
END
$$;

-- Logout: this session; logout everywhere: every session of the same user. Returns how many ended.
CREATE FUNCTION buurt_app.werkbak_sessie_beeindigen(p_sleutel bytea, p_overal boolean) RETURNS integer
LANGUAGE sql VOLATILE AS $$
  WITH weg AS (
    DELETE FROM buurt_sys.werkbak_sessie s
     WHERE s.sleutel = p_sleutel
        OR (p_overal AND s.rol_oid = (SELECT x.rol_oid FROM buurt_sys.werkbak_sessie x WHERE x.sleutel = p_sleutel))
    RETURNING 1)
  SELECT count(*)::integer FROM weg
$$;

-- Throttling: may this account (lower-cased name) and this address try a password now? Counts the failed tries
-- of each within the window. Names and addresses are kept as SHA-256 only.
CREATE FUNCTION buurt_app.werkbak_poging_sleutel(p_waarde text) RETURNS bytea
LANGUAGE sql IMMUTABLE AS $$
  SELECT pg_catalog.sha256(pg_catalog.convert_to(p_waarde, 'UTF8'))
$$;

CREATE FUNCTION buurt_app.werkbak_poging_toegestaan(p_account text, p_adres text, p_venster interval,
                                                    p_max_account integer, p_max_adres integer) RETURNS boolean
LANGUAGE sql VOLATILE AS $$
  WITH oud AS (DELETE FROM buurt_sys.werkbak_poging WHERE op < now() - p_venster RETURNING 1)
  SELECT (SELECT count(*) FROM buurt_sys.werkbak_poging p
           WHERE p.soort = 'account' AND p.sleutel = buurt_app.werkbak_poging_sleutel(lower(p_account))
             AND p.op >= now() - p_venster) < p_max_account
     AND (SELECT count(*) FROM buurt_sys.werkbak_poging p
           WHERE p.soort = 'adres' AND p.sleutel = buurt_app.werkbak_poging_sleutel(p_adres)
             AND p.op >= now() - p_venster) < p_max_adres
$$;

-- A failed try counts for both; a successful login clears the account's (not the address's) count.
CREATE FUNCTION buurt_app.werkbak_poging(p_account text, p_adres text, p_gelukt boolean) RETURNS void
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF p_gelukt THEN
    DELETE FROM buurt_sys.werkbak_poging
     WHERE soort = 'account' AND sleutel = buurt_app.werkbak_poging_sleutel(lower(p_account));
  ELSE
    INSERT INTO buurt_sys.werkbak_poging (soort, sleutel)
    VALUES ('account', buurt_app.werkbak_poging_sleutel(lower(p_account))),
           ('adres', buurt_app.werkbak_poging_sleutel(p_adres));
  END IF;
END
$$;

-- === werkgebied ===========================================================================================

-- A user reads its own rows only (and those of the group roles it is in), as with buurt_sys.gemeente_toegang.
ALTER TABLE buurt_sys.werkgebied ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS eigen_rollen ON buurt_sys.werkgebied;
CREATE POLICY eigen_rollen ON buurt_sys.werkgebied FOR SELECT
  USING (EXISTS (SELECT 1 FROM pg_catalog.pg_roles r
                  WHERE r.oid = rol_oid AND pg_catalog.pg_has_role(current_user, r.oid, 'MEMBER')));

-- The role's OID from its name, as for the gemeente mapping (080_rls.sql), and the wijk or gebied must lie in a
-- gemeente the role works in: a werkgebied elsewhere would show nothing (RLS) and only mislead.
CREATE FUNCTION buurt_app.tg_werkgebied() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_gemeente text;
  v_gemeenten text[];
BEGIN
  SELECT r.oid INTO NEW.rol_oid FROM pg_catalog.pg_roles r WHERE r.rolname = NEW.rol;
  IF NEW.rol_oid IS NULL THEN
    RAISE EXCEPTION 'Rol "%" bestaat niet: maak eerst de gebruiker, geef hem dan een werkgebied.', NEW.rol
      USING ERRCODE = 'check_violation',
            HINT = 'buurtkaart werkbak gebruiker toevoegen NAAM --gemeente GM....';
  END IF;
  v_gemeente := coalesce((SELECT w.gemeentecode FROM buurt.wijk w WHERE w.code = NEW.wijkcode),
                         (SELECT g.gemeentecode FROM buurt.gebied g WHERE g.code = NEW.gebiedcode));
  v_gemeenten := buurt_app.werkbak_gemeenten(NEW.rol_oid);
  IF v_gemeente IS NOT NULL AND NOT (v_gemeente = ANY (v_gemeenten) OR '*' = ANY (v_gemeenten)) THEN
    RAISE EXCEPTION 'Werkgebied % ligt in gemeente %, waar rol % niet werkt.',
      coalesce(NEW.wijkcode, NEW.gebiedcode), v_gemeente, NEW.rol
      USING ERRCODE = 'check_violation',
            DETAIL = format('Rol %s heeft toegang tot: %s.', NEW.rol,
                            coalesce(nullif(array_to_string(v_gemeenten, ', '), ''), 'geen enkele gemeente')),
            HINT = 'Kies een wijk of gebied van de eigen gemeente(n), of geef de rol eerst die gemeente.';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER a_werkgebied BEFORE INSERT OR UPDATE ON buurt_sys.werkgebied
  FOR EACH ROW EXECUTE FUNCTION buurt_app.tg_werkgebied();

-- The wijken the current user serves: its own rows of buurt_sys.werkgebied (a gebied counts with all its wijken),
-- in the gemeenten it works in. For the inbox (049_werkbak.sql). PL/pgSQL: mijn_gemeenten() comes in 080_rls.sql.
CREATE FUNCTION werkbak.mijn_wijken() RETURNS SETOF text
LANGUAGE plpgsql STABLE AS $$
DECLARE
  v_gemeenten text[] := buurt_app.mijn_gemeenten();
BEGIN
  RETURN QUERY
  SELECT w.code
    FROM buurt.wijk w
   WHERE (w.gemeentecode = ANY (v_gemeenten) OR '*' = ANY (v_gemeenten))
     AND EXISTS (SELECT 1 FROM buurt_sys.werkgebied g
                   JOIN pg_catalog.pg_roles r ON r.oid = g.rol_oid
                  WHERE pg_catalog.pg_has_role(current_user, r.oid, 'MEMBER')
                    AND (g.wijkcode = w.code OR g.gebiedcode = w.gebiedcode))
   ORDER BY w.code;
END
$$;
