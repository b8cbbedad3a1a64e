-- Row-level security per gemeente: many gemeenten in one database. A role sees and changes the rows of the
-- gemeenten buurt_sys.gemeente_toegang gives it (directly or through a group role it is a member of); '*' is
-- every gemeente. A mapping names its role by OID (changelog 0077): a role dropped and created again under the
-- same name is a new role and gets nothing. The audit log (buurt_sys.wijziging) is limited the same way, by the
-- gemeente of the logged row (changelog 0076, written by buurt_app.tg_audit), and so is everything that reads it
-- (buurt_app.geschiedenis, versie_herstellen). The owner and superusers bypass RLS (admins see all), and so do
-- the publiek views, which run with the owner's rights: the public map and open data keep showing every
-- gemeente's published rows. tests/db/test_no_side_doors.py calls every function and reads every relation an
-- editor may use and proves none shows another gemeente's hidden rows.
--
-- Generic on purpose: every table in schema buurt is covered by how it names its gemeente, found from its
-- columns (see buurt_app.gemeente_koppeling); a table added later by any changelog is covered on the next
-- install/upgrade without a line here.

-- The gemeenten the current role may use ('*' included as is). Readers are granted SELECT on the mapping.
CREATE FUNCTION buurt_app.mijn_gemeenten() RETURNS text[]
LANGUAGE sql STABLE AS $$
  SELECT coalesce(array_agg(DISTINCT t.gemeentecode ORDER BY t.gemeentecode), '{}')
    FROM buurt_sys.gemeente_toegang t
    JOIN pg_catalog.pg_roles r ON r.oid = t.rol_oid
   WHERE pg_catalog.pg_has_role(current_user, r.oid, 'MEMBER')
$$;

CREATE FUNCTION buurt_app.alle_gemeenten() RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT '*' = ANY (buurt_app.mijn_gemeenten())
      OR (SELECT rolsuper OR rolbypassrls FROM pg_catalog.pg_roles WHERE rolname = current_user)
      OR pg_catalog.pg_has_role(current_user, 'buurtkaart_owner', 'MEMBER')
$$;

-- May the current role use this gemeente? NULL (a row outside every gemeente) only with access to all.
-- For the refusal trigger's WHEN clause, evaluated per written row: the answer of the two functions above is kept
-- for the rest of the transaction in a setting (measured: evaluating them per row tripled the cost of a bulk
-- INSERT). The setting only decides whether the Dutch message is raised; the policy itself evaluates the
-- functions once per statement, so a forged setting gets the English RLS refusal instead, never access.
CREATE FUNCTION buurt_app.mag_gemeente(p_code text) RETURNS boolean
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_sleutel text := now()::text || '|' || current_user || '|';
  v_waarde text := current_setting('buurtkaart.gemeente_toegang', true);
BEGIN
  IF v_waarde IS NULL OR left(v_waarde, length(v_sleutel)) <> v_sleutel THEN
    v_waarde := v_sleutel || CASE WHEN buurt_app.alle_gemeenten() THEN '*'
                                  ELSE array_to_string(buurt_app.mijn_gemeenten(), ',') END;
    PERFORM set_config('buurtkaart.gemeente_toegang', v_waarde, true);
  END IF;
  v_waarde := substr(v_waarde, length(v_sleutel) + 1);
  RETURN v_waarde = '*' OR (p_code IS NOT NULL AND p_code = ANY (string_to_array(v_waarde, ',')));
END
$$;

-- The gemeente of a parent row (for the policy-side trigger of a child row: afspraak, peiling, jaarschijf), as the
-- caller sees it: read under row-level security, so NULL for a parent of another gemeente and for one that does
-- not exist alike. (They used to run as the owner and answered for any id: an oracle for which hidden deals and
-- initiatives exist, and where.)
CREATE FUNCTION buurt_app.gemeente_van_buurtdeal(p_id integer) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT gemeentecode FROM buurt.buurtdeal WHERE id = p_id
$$;

CREATE FUNCTION buurt_app.gemeente_van_initiatief(p_id integer) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT gemeentecode FROM buurt.initiatief WHERE id = p_id
$$;

CREATE FUNCTION buurt_app.gemeente_van_wijkagenda(p_id integer) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT 'GM' || substr(wijkcode, 3, 4) FROM buurt.wijkagenda WHERE id = p_id
$$;

-- Names of gemeenten are public (publiek.gemeente); the refusal message names the gemeente of the row.
CREATE FUNCTION buurt_app.gemeente_naam(p_code text) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT naam FROM buurt.gemeente WHERE code = p_code
$$;

-- How each buurt table names its gemeente: the first of these columns it has. `rij` is the gemeentecode as an
-- expression over the row (%1$s = the row reference, e.g. NEW), `beleid` the policy's condition over the
-- table's own columns. Both rely on the CBS codes: BU04020101 and WK040201 lie in GM0402 (CHECKed in 0003).
-- `open_lezen`: the geography (gemeente, wijk, buurt, wijkteam areas) is readable for every role with access to
-- any gemeente, but writable only in its own: boundaries are public anyway (publiek.wijk), and the triggers that
-- derive the buurt and gemeente of a new row, the plan check and QGIS' snapping need the neighbours' borders too.
CREATE VIEW buurt_app.gemeente_koppeling AS
SELECT DISTINCT ON (c.relname) c.relname::text AS tabel, k.kolom, k.rij, k.beleid,
       c.relname IN ('gemeente', 'wijk', 'buurt', 'gebied') AS open_lezen
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'buurt'
  JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  JOIN (VALUES
    (1, 'code', NULL, '%1$s.code', 'code = ANY ((SELECT buurt_app.mijn_gemeenten())::text[])'),
    (2, 'gemeentecode', NULL, '%1$s.gemeentecode', 'gemeentecode = ANY ((SELECT buurt_app.mijn_gemeenten())::text[])'),
    (3, 'buurtcode', NULL, '''GM'' || substr(%1$s.buurtcode, 3, 4)',
        '(''GM'' || substr(buurtcode, 3, 4)) = ANY ((SELECT buurt_app.mijn_gemeenten())::text[])'),
    (4, 'wijkcode', NULL, '''GM'' || substr(%1$s.wijkcode, 3, 4)',
        '(''GM'' || substr(wijkcode, 3, 4)) = ANY ((SELECT buurt_app.mijn_gemeenten())::text[])'),
    -- a row about either a deal or an initiative (statusverloop): whichever it names
    (5, 'buurtdeal_id', 'initiatief_id',
        'coalesce(buurt_app.gemeente_van_buurtdeal(%1$s.buurtdeal_id), buurt_app.gemeente_van_initiatief(%1$s.initiatief_id))',
        '(buurtdeal_id IN (SELECT d.id FROM buurt.buurtdeal d) OR initiatief_id IN (SELECT i.id FROM buurt.initiatief i))'),
    (6, 'buurtdeal_id', NULL, 'buurt_app.gemeente_van_buurtdeal(%1$s.buurtdeal_id)',
        'buurtdeal_id IN (SELECT d.id FROM buurt.buurtdeal d)'),
    (7, 'initiatief_id', NULL, 'buurt_app.gemeente_van_initiatief(%1$s.initiatief_id)',
        'initiatief_id IN (SELECT i.id FROM buurt.initiatief i)'),
    (8, 'wijkagenda_id', NULL, 'buurt_app.gemeente_van_wijkagenda(%1$s.wijkagenda_id)',
        'wijkagenda_id IN (SELECT a.id FROM buurt.wijkagenda a)')
  ) AS k(volgorde, kolom, ook, rij, beleid) ON k.kolom = a.attname AND (k.kolom <> 'code' OR c.relname = 'gemeente')
       AND (k.ook IS NULL OR EXISTS (SELECT 1 FROM pg_catalog.pg_attribute o WHERE o.attrelid = c.oid
                                       AND o.attname = k.ook AND NOT o.attisdropped))
 WHERE c.relkind IN ('r', 'p')
 ORDER BY c.relname, k.volgorde;

-- The refusal, in Dutch, before RLS would refuse in English ("new row violates row-level security policy").
-- Fires only when the WHEN clause found the row's gemeente out of reach. TG_ARGV[0]: the gemeentecode as an
-- expression over $1 (the new row).
CREATE FUNCTION buurt_app.tg_gemeente_toegang() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_code text;
  v_mijn text;
  v_ouder text;
BEGIN
  EXECUTE 'SELECT ' || format(TG_ARGV[0], '($1)') USING NEW INTO v_code;
  SELECT coalesce(nullif(array_to_string(buurt_app.mijn_gemeenten(), ', '), ''), 'geen enkele gemeente')
    INTO v_mijn;
  IF v_code IS NULL AND TG_ARGV[0] LIKE '%gemeente_van_%' THEN
    -- a child row whose parent the caller cannot see: of another gemeente, or not there at all (not told apart)
    v_ouder := substring(TG_ARGV[0] FROM 'gemeente_van_([a-z]+)');
    RAISE EXCEPTION 'Geen toegang: deze % hoort bij een % buiten uw gemeente(n), of die % bestaat niet.',
      TG_TABLE_NAME, v_ouder, v_ouder
      USING ERRCODE = 'check_violation',
            DETAIL = format('Rol %s heeft toegang tot: %s.', current_user, v_mijn),
            HINT = 'Kies er een uit uw eigen gemeente, of vraag een beheerder om toegang (buurt_sys.gemeente_toegang).';
  ELSIF v_code IS NULL THEN
    RAISE EXCEPTION 'Geen toegang: deze rij in % hoort bij geen enkele gemeente; alleen een beheerder mag die opslaan.',
      TG_TABLE_NAME
      USING ERRCODE = 'check_violation',
            DETAIL = format('Rol %s heeft toegang tot: %s.', current_user, v_mijn),
            HINT = 'Teken het binnen uw eigen gemeente.';
  END IF;
  RAISE EXCEPTION 'Geen toegang tot gemeente % (%): u mag geen % van een andere gemeente toevoegen of wijzigen.',
    v_code, coalesce(buurt_app.gemeente_naam(v_code), 'onbekend'), TG_TABLE_NAME
    USING ERRCODE = 'check_violation',
          DETAIL = format('Rol %s heeft toegang tot: %s.', current_user, v_mijn),
          HINT = 'Werk binnen uw eigen gemeente, of vraag een beheerder om toegang (buurt_sys.gemeente_toegang).';
END
$$;

-- A row of the own gemeente that points at a deal, initiative or priority (buurtdeal.initiatief_id,
-- beheerobject.buurtdeal_id, ...: foreign keys other than the row's own gemeente link): the target must be in reach
-- too. A foreign key is checked with the owner's rights, past RLS, so without this an editor could link to another
-- gemeente's hidden rows and learn which ids exist (and count in its public figures). TG_ARGV: parent table, column.
-- The parent's gemeente comes from gemeente_van_* as the caller sees it: NULL when out of reach.
CREATE FUNCTION buurt_app.tg_verwijzing_toegang() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_id integer := (to_jsonb(NEW) ->> TG_ARGV[1])::integer;
  v_code text;
BEGIN
  v_code := CASE TG_ARGV[0] WHEN 'initiatief' THEN buurt_app.gemeente_van_initiatief(v_id)
                            WHEN 'buurtdeal' THEN buurt_app.gemeente_van_buurtdeal(v_id)
                            WHEN 'wijkagenda' THEN buurt_app.gemeente_van_wijkagenda(v_id) END;
  IF buurt_app.mag_gemeente(v_code) THEN
    RETURN NEW;
  END IF;
  -- NULL: of another gemeente, or not there at all; the same answer, so the foreign key tells nothing either
  RAISE EXCEPTION 'Geen toegang: u mag % niet koppelen aan % %: die ligt buiten uw gemeente(n) of bestaat niet.',
    TG_TABLE_NAME, TG_ARGV[0], v_id
    USING ERRCODE = 'check_violation',
          DETAIL = format('Rol %s heeft toegang tot: %s.', current_user,
                          coalesce(nullif(array_to_string(buurt_app.mijn_gemeenten(), ', '), ''),
                                   'geen enkele gemeente')),
          HINT = format('Kies een %s uit uw eigen gemeente, of laat %s leeg.', TG_ARGV[0], TG_ARGV[1]);
END
$$;

-- Enable RLS on every buurt table with a gemeente link and (re)create its policy and refusal trigger. Run on every
-- install (the policies depend on buurt_app functions, so rebuilding buurt_app drops them).
CREATE FUNCTION buurt_app.beveilig_gemeenten() RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  k record;
  n integer := 0;
  v_voorwaarde text;
  v_beleid text;
  v_alle text;
BEGIN
  -- Roles with '*' get a policy of their own (USING true) instead of an OR in the one policy: PostgreSQL applies
  -- only the policies of the roles the user is in, so for them no filter remains, and for everyone else the
  -- condition is a plain `gemeentecode = ANY (...)` on an indexed column. (An OR with "sees all" makes it
  -- unindexable, and the spatial conditions of QGIS and the plan check are not leakproof, so they cannot go
  -- first either: measured, every request then read the whole table.) Rebuilt when the mapping changes.
  SELECT string_agg(DISTINCT quote_ident(r.rolname), ', ') INTO v_alle
    FROM buurt_sys.gemeente_toegang t JOIN pg_catalog.pg_roles r ON r.oid = t.rol_oid
   WHERE t.gemeentecode = '*';
  FOR k IN SELECT * FROM buurt_app.gemeente_koppeling LOOP
    v_voorwaarde := k.beleid;
    EXECUTE format('ALTER TABLE buurt.%I ENABLE ROW LEVEL SECURITY', k.tabel);
    FOREACH v_beleid IN ARRAY ARRAY['gemeente_toegang', 'gemeente_lezen', 'gemeente_toevoegen', 'gemeente_wijzigen',
                                    'gemeente_verwijderen', 'gemeente_alle'] LOOP
      EXECUTE format('DROP POLICY IF EXISTS %I ON buurt.%I', v_beleid, k.tabel);
    END LOOP;
    IF v_alle IS NOT NULL THEN
      EXECUTE format('CREATE POLICY gemeente_alle ON buurt.%I FOR ALL TO %s USING (true) WITH CHECK (true)',
                     k.tabel, v_alle);
    END IF;
    IF k.open_lezen THEN
      EXECUTE format('CREATE POLICY gemeente_lezen ON buurt.%I FOR SELECT USING (true)', k.tabel);
      EXECUTE format('CREATE POLICY gemeente_toevoegen ON buurt.%I FOR INSERT WITH CHECK (%s)',
                     k.tabel, v_voorwaarde);
      EXECUTE format('CREATE POLICY gemeente_wijzigen ON buurt.%I FOR UPDATE USING (%s) WITH CHECK (%s)',
                     k.tabel, v_voorwaarde, v_voorwaarde);
      EXECUTE format('CREATE POLICY gemeente_verwijderen ON buurt.%I FOR DELETE USING (%s)', k.tabel, v_voorwaarde);
    ELSE
      EXECUTE format('CREATE POLICY gemeente_toegang ON buurt.%I FOR ALL USING (%s) WITH CHECK (%s)',
                     k.tabel, v_voorwaarde, v_voorwaarde);
    END IF;
    -- x_: after the BEFORE triggers that derive the gemeente from the geometry (a_geometrie)
    EXECUTE format('DROP TRIGGER IF EXISTS x_gemeente_toegang ON buurt.%I', k.tabel);
    EXECUTE format('CREATE TRIGGER x_gemeente_toegang BEFORE INSERT OR UPDATE ON buurt.%I FOR EACH ROW
                    WHEN (NOT buurt_app.mag_gemeente(%s))
                    EXECUTE FUNCTION buurt_app.tg_gemeente_toegang(%L)',
                   k.tabel, format(k.rij, 'NEW'), k.rij);
    n := n + 1;
  END LOOP;
  FOR k IN SELECT t.relname AS tabel, a.attname AS kolom, p.relname AS ouder
             FROM pg_catalog.pg_constraint c
             JOIN pg_catalog.pg_class t ON t.oid = c.conrelid
             JOIN pg_catalog.pg_namespace s ON s.oid = t.relnamespace AND s.nspname = 'buurt'
             JOIN pg_catalog.pg_class p ON p.oid = c.confrelid AND p.relnamespace = s.oid
             JOIN pg_catalog.pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
            WHERE c.contype = 'f' AND cardinality(c.conkey) = 1
              AND p.relname IN ('initiatief', 'buurtdeal', 'wijkagenda')
              AND t.relname <> 'statusverloop'  -- written by its SECURITY DEFINER trigger only
              AND NOT EXISTS (SELECT 1 FROM buurt_app.gemeente_koppeling g
                               WHERE g.tabel = t.relname AND g.kolom = a.attname) LOOP
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON buurt.%I', 'x_verwijzing_' || k.kolom, k.tabel);
    EXECUTE format('CREATE TRIGGER %I BEFORE INSERT OR UPDATE OF %I ON buurt.%I FOR EACH ROW
                    WHEN (NEW.%I IS NOT NULL AND NOT buurt_app.mag_gemeente(buurt_app.gemeente_van_%s(NEW.%I)))
                    EXECUTE FUNCTION buurt_app.tg_verwijzing_toegang(%L, %L)',
                   'x_verwijzing_' || k.kolom, k.kolom, k.tabel, k.kolom, k.ouder, k.kolom, k.ouder, k.kolom);
  END LOOP;
  -- The audit log: an editor reads the log rows of the own gemeente(n) only (it has no write rights; tg_audit
  -- writes as the owner). Rows without a gemeente (NULL) only for the '*' roles and admins.
  ALTER TABLE buurt_sys.wijziging ENABLE ROW LEVEL SECURITY;
  DROP POLICY IF EXISTS gemeente_lezen ON buurt_sys.wijziging;
  DROP POLICY IF EXISTS gemeente_alle ON buurt_sys.wijziging;
  CREATE POLICY gemeente_lezen ON buurt_sys.wijziging FOR SELECT
    USING (gemeentecode = ANY ((SELECT buurt_app.mijn_gemeenten())::text[]));
  IF v_alle IS NOT NULL THEN
    EXECUTE format('CREATE POLICY gemeente_alle ON buurt_sys.wijziging FOR SELECT TO %s USING (true)', v_alle);
  END IF;
  -- Views in buurt_app (reports) would run with the owner's rights and so bypass RLS: make them read as the
  -- caller. publiek views stay owner's views on purpose (published rows of every gemeente, for the public role).
  -- Not those a publiek view reads (directly or through another view): an invoker view checks its tables as the
  -- current user even inside an owner view, so the public role would be refused.
  FOR k IN WITH RECURSIVE onder_publiek(oid) AS (
             SELECT d.refobjid FROM pg_catalog.pg_depend d
               JOIN pg_catalog.pg_rewrite r ON r.oid = d.objid AND d.classid = 'pg_catalog.pg_rewrite'::regclass
               JOIN pg_catalog.pg_class v ON v.oid = r.ev_class
               JOIN pg_catalog.pg_namespace vn ON vn.oid = v.relnamespace AND vn.nspname = 'publiek'
              WHERE d.refclassid = 'pg_catalog.pg_class'::regclass
             UNION
             SELECT d.refobjid FROM onder_publiek o
               JOIN pg_catalog.pg_rewrite r ON r.ev_class = o.oid
               JOIN pg_catalog.pg_depend d ON d.objid = r.oid AND d.classid = 'pg_catalog.pg_rewrite'::regclass
                                          AND d.refclassid = 'pg_catalog.pg_class'::regclass AND d.refobjid <> o.oid)
           SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace s ON s.oid = c.relnamespace
            WHERE s.nspname = 'buurt_app' AND c.relkind = 'v'
              AND c.oid NOT IN (SELECT oid FROM onder_publiek) LOOP
    EXECUTE format('ALTER VIEW buurt_app.%I SET (security_invoker = true)', k.relname);
  END LOOP;
  RETURN n;
END
$$;

-- The mapping itself: a role reads only its own rows (and those of the group roles it is in), not which other
-- logins work for which gemeente. (Not in beveilig_gemeenten: that runs inside a statement on this table.)
ALTER TABLE buurt_sys.gemeente_toegang ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS eigen_rollen ON buurt_sys.gemeente_toegang;
CREATE POLICY eigen_rollen ON buurt_sys.gemeente_toegang FOR SELECT
  USING (EXISTS (SELECT 1 FROM pg_catalog.pg_roles r
                  WHERE r.oid = rol_oid AND pg_catalog.pg_has_role(current_user, r.oid, 'MEMBER')));

-- A mapping row is saved with the OID of the role it names (admins write the name, as before). A name that is no
-- role is refused: the row would otherwise wait for a role created later under that name.
CREATE FUNCTION buurt_app.tg_gemeente_toegang_rol() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW.rol IS DISTINCT FROM OLD.rol OR NEW.rol_oid IS NULL THEN
    SELECT r.oid INTO NEW.rol_oid FROM pg_catalog.pg_roles r WHERE r.rolname = NEW.rol;
    IF NEW.rol_oid IS NULL THEN
      RAISE EXCEPTION 'Rol "%" bestaat niet: maak eerst de rol, geef haar dan een gemeente.', NEW.rol
        USING ERRCODE = 'check_violation',
              HINT = format('CREATE ROLE %I LOGIN IN ROLE buurtkaart_editor; daarna de regel in '
                            'buurt_sys.gemeente_toegang.', NEW.rol);
    END IF;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER a_rol_oid BEFORE INSERT OR UPDATE ON buurt_sys.gemeente_toegang
  FOR EACH ROW EXECUTE FUNCTION buurt_app.tg_gemeente_toegang_rol();

-- A changed mapping rebuilds the policies (the '*' roles are named in them). Only admins write the mapping, and
-- they own the tables (or are superusers), as CREATE POLICY requires.
CREATE FUNCTION buurt_app.tg_herbouw_beleid() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM buurt_app.beveilig_gemeenten();
  RETURN NULL;
END
$$;
CREATE TRIGGER herbouw_beleid AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON buurt_sys.gemeente_toegang
  FOR EACH STATEMENT EXECUTE FUNCTION buurt_app.tg_herbouw_beleid();

-- Last app file before the grants: runs after every other app file has made its views (names sort: 0xx < 080).
SELECT buurt_app.beveilig_gemeenten();
