-- Triggers that derive data and refuse what is wrong, in Dutch, whichever client writes.
-- Refusals use SQLSTATE 23514 (check_violation) so clients can tell a rule from a crash.

-- Geometry: 2D, Polygon -> MultiPolygon, valid, an allowed type; then derive buurt/wijk/gemeente.
-- TG_ARGV[0]: the entity's name in messages; TG_ARGV[1]: 'binnen_gemeente' to refuse geometry outside
-- every gemeente (initiatives, deals), 'afleiden' to only derive (objects imported at the edge).
CREATE FUNCTION buurt_app.tg_geometrie() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_wat      text := TG_ARGV[0];
  v_toegestaan text[];
  v_type     text;
  v_buurt    record;
  v_code     text;
  v_gemeente text;
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.geom IS NOT DISTINCT FROM OLD.geom
     AND to_jsonb(NEW) ->> 'soort' IS NOT DISTINCT FROM to_jsonb(OLD) ->> 'soort'
     AND current_setting('buurtkaart.herbereken', true) IS DISTINCT FROM 'aan' THEN
    -- derived columns are read-only: keep them unless the geometry changed or buurt_app.herbereken_gebieden runs
    NEW.buurtcode := OLD.buurtcode;
    NEW.wijkcode := OLD.wijkcode;
    NEW.gemeentecode := OLD.gemeentecode;
    IF TG_ARGV[1] = 'binnen_gemeente' AND to_jsonb(NEW) ? 'buiten_gemeente' THEN
      NEW.buiten_gemeente := OLD.buiten_gemeente;
    END IF;
    RETURN NEW;
  END IF;
  IF NEW.geom IS NULL OR ST_IsEmpty(NEW.geom) THEN
    RAISE EXCEPTION '% zonder geometrie: teken een punt of vlak.', v_wat USING ERRCODE = 'check_violation';
  END IF;
  IF ST_SRID(NEW.geom) <> 28992 THEN
    RAISE EXCEPTION '% heeft coördinaten in EPSG:%, verwacht EPSG:28992 (RD New).', v_wat, ST_SRID(NEW.geom)
      USING ERRCODE = 'check_violation';
  END IF;
  NEW.geom := ST_Force2D(NEW.geom);
  IF GeometryType(NEW.geom) = 'POLYGON' THEN
    NEW.geom := ST_Multi(NEW.geom);
  ELSIF GeometryType(NEW.geom) IN ('MULTIPOINT', 'MULTILINESTRING') AND ST_NumGeometries(NEW.geom) = 1 THEN
    NEW.geom := ST_GeometryN(NEW.geom, 1);
  END IF;
  v_type := GeometryType(NEW.geom);

  IF TG_TABLE_NAME = 'beheerobject' THEN
    SELECT geometrietypes INTO v_toegestaan FROM buurt_vl.objectsoort WHERE code = NEW.soort;
    v_wat := coalesce(initcap(NEW.soort), v_wat);
  ELSE
    v_toegestaan := ARRAY['POINT', 'MULTIPOLYGON'];
  END IF;
  IF v_toegestaan IS NOT NULL AND NOT v_type = ANY (v_toegestaan) THEN
    RAISE EXCEPTION '% moet een % zijn, geen %.', v_wat,
      (SELECT string_agg(DISTINCT buurt_app.geometrietype_naam(t), ' of ') FROM unnest(v_toegestaan) t),
      buurt_app.geometrietype_naam(v_type)
      USING ERRCODE = 'check_violation';
  END IF;
  IF NOT ST_IsValid(NEW.geom) THEN
    RAISE EXCEPTION '% heeft een ongeldige geometrie: %.', v_wat, ST_IsValidReason(NEW.geom)
      USING ERRCODE = 'check_violation',
            HINT = 'Herstel de geometrie (in QGIS: Vector > Geometrie > Geometrieën repareren) en sla opnieuw op.';
  END IF;

  -- buurt_van as a PL/pgSQL expression, then the row by key: called inside the query, the SQL function's body was
  -- planned again on every execution, i.e. per row (measured on a bulk import: 85 µs per row, now 31 µs)
  v_code := buurt_app.buurt_van(NEW.geom);
  SELECT b.code, b.wijkcode, b.gemeentecode INTO v_buurt FROM buurt.buurt b WHERE b.code = v_code;
  -- a point in a buurt lies in the gemeente; an area may stick out, so initiatives and deals check coverage
  IF v_buurt.code IS NULL OR (TG_ARGV[1] = 'binnen_gemeente' AND v_type <> 'POINT') THEN
    v_gemeente := buurt_app.gemeente_van(NEW.geom);
  ELSE
    v_gemeente := v_buurt.gemeentecode;
  END IF;
  IF TG_ARGV[1] = 'binnen_gemeente' AND to_jsonb(NEW) ? 'buiten_gemeente' THEN
    NEW.buiten_gemeente := v_gemeente IS NULL;
  END IF;
  -- new boundaries (herbereken_gebieden) do not refuse a row here: they flag it, and the import decides
  IF v_gemeente IS NULL AND TG_ARGV[1] = 'binnen_gemeente'
     AND current_setting('buurtkaart.herbereken', true) IS DISTINCT FROM 'aan' THEN
    IF NOT EXISTS (SELECT 1 FROM buurt.gemeente) THEN
      RAISE EXCEPTION '% kan niet worden opgeslagen: er zijn nog geen gemeentegrenzen geladen.', v_wat
        USING ERRCODE = 'check_violation', HINT = 'Importeer eerst de wijk- en buurtkaart.';
    END IF;
    RAISE EXCEPTION '% ligt (deels) buiten de gemeente.', v_wat
      USING ERRCODE = 'check_violation',
            DETAIL = format('Het zwaartepunt ligt op x %s, y %s (RD New).',
                            round(ST_X(ST_PointOnSurface(NEW.geom))), round(ST_Y(ST_PointOnSurface(NEW.geom)))),
            HINT = 'Teken het binnen de gemeentegrens.';
  END IF;

  NEW.buurtcode := v_buurt.code;
  NEW.wijkcode := v_buurt.wijkcode;
  NEW.gemeentecode := coalesce(v_buurt.gemeentecode, v_gemeente);
  RETURN NEW;
END
$$;

-- aangemaakt/gewijzigd door/op: set here, whatever the client sent. The person is buurt_app.wie() (the login, or
-- the werkbak user the werkbak's pool role acts as: 048_werkbak_toegang.sql).
CREATE FUNCTION buurt_app.tg_bijhouden() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.aangemaakt_door := buurt_app.wie();
    NEW.aangemaakt_op := now();
  ELSE
    NEW.aangemaakt_door := OLD.aangemaakt_door;
    NEW.aangemaakt_op := OLD.aangemaakt_op;
  END IF;
  NEW.gewijzigd_door := buurt_app.wie();
  NEW.gewijzigd_op := now();
  RETURN NEW;
END
$$;

-- One audit row per changed row, written per statement from the transition tables (a bulk import of 100,000
-- rows costs one INSERT ... SELECT, not 100,000 trigger calls). Every audited table has three triggers that name
-- their transition tables alike: `rijen` (the new rows; the old rows on DELETE) and, on UPDATE, `rijen_oud`.
-- SECURITY DEFINER: editors may not write buurt_sys.wijziging themselves. TG_ARGV[0]: the key column(s),
-- comma-separated. Personal data (indiener_*) is left out: the log is kept for good and the gemeente's editors read it,
-- so it must not keep what an erasure request (AVG) removes from the row.
CREATE FUNCTION buurt_app.audit_rij(p_rij jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
  SELECT p_rij - ARRAY['indiener_naam', 'indiener_email', 'indiener_telefoon']
$$;

CREATE FUNCTION buurt_app.rij_sleutel(p_rij jsonb, p_sleutels text[]) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT string_agg(p_rij ->> k, '/' ORDER BY o) FROM unnest(p_sleutels) WITH ORDINALITY AS u(k, o)
$$;

-- The gemeente of a logged row (buurt_sys.wijziging.gemeentecode, which row-level security in 080_rls.sql keys
-- on), in the order of buurt_app.gemeente_koppeling: the gemeente's own code, a gemeentecode, the CBS buurt/wijk
-- code (BU04020101 and WK040201 lie in GM0402), else the parent's. A parent deleted in the same statement (ON DELETE
-- CASCADE) is found in its own log rows. Called by tg_audit, which runs as the owner, so it sees every parent.
CREATE FUNCTION buurt_app.audit_ouder(p_tabel text, p_id text) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT coalesce(
    CASE p_tabel
      WHEN 'buurt.buurtdeal' THEN (SELECT d.gemeentecode FROM buurt.buurtdeal d WHERE d.id = p_id::integer)
      WHEN 'buurt.initiatief' THEN (SELECT i.gemeentecode FROM buurt.initiatief i WHERE i.id = p_id::integer)
      WHEN 'buurt.wijkagenda' THEN (SELECT 'GM' || substr(a.wijkcode, 3, 4) FROM buurt.wijkagenda a
                                     WHERE a.id = p_id::integer) END,
    (SELECT w.gemeentecode FROM buurt_sys.wijziging w WHERE w.tabel = p_tabel AND w.rij_id = p_id
        AND w.gemeentecode IS NOT NULL ORDER BY w.id DESC LIMIT 1))
$$;

CREATE FUNCTION buurt_app.audit_gemeente(p_tabel text, p_rij jsonb) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN p_rij IS NULL THEN NULL
              WHEN p_tabel = 'buurt.gemeente' THEN p_rij ->> 'code'
              WHEN p_rij ? 'gemeentecode' THEN p_rij ->> 'gemeentecode'
              WHEN p_rij ? 'buurtcode' THEN 'GM' || substr(p_rij ->> 'buurtcode', 3, 4)
              WHEN p_rij ? 'wijkcode' THEN 'GM' || substr(p_rij ->> 'wijkcode', 3, 4)
              WHEN p_rij ? 'buurtdeal_id' THEN buurt_app.audit_ouder('buurt.buurtdeal', p_rij ->> 'buurtdeal_id')
              WHEN p_rij ? 'initiatief_id' THEN buurt_app.audit_ouder('buurt.initiatief', p_rij ->> 'initiatief_id')
              WHEN p_rij ? 'wijkagenda_id' THEN buurt_app.audit_ouder('buurt.wijkagenda', p_rij ->> 'wijkagenda_id')
         END
$$;

-- The gemeente column of each log row is one more expression in the same INSERT ... SELECT: no extra statement,
-- no per-row trigger. An update that moves a row to another gemeente (admins only) belongs to neither: NULL.
-- OFFSET 0 keeps each row's JSON a computed column: without it the planner flattens the subquery and copies
-- to_jsonb(x) into every place that reads j (the key, the log column and each test in audit_gemeente, which is
-- inlined), so a row with a geometry was turned into JSON several times over (measured: 13.8 s instead of 2.1 s
-- for 16,600 objects; the log without the gemeente took 6.5 s, as it already did it twice).
CREATE FUNCTION buurt_app.tg_audit() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  v_tabel text := TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME;
  v_sleutels text[] := string_to_array(TG_ARGV[0], ',');
  v_door text := buurt_app.wie();  -- the person, also when the werkbak's pool role acts for a user
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO buurt_sys.wijziging (tabel, rij_id, actie, nieuw, gemeentecode, door)
    SELECT v_tabel, buurt_app.rij_sleutel(r.j, v_sleutels), 'I', r.j, buurt_app.audit_gemeente(v_tabel, r.j), v_door
      FROM (SELECT buurt_app.audit_rij(to_jsonb(x)) AS j FROM rijen x OFFSET 0) r;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO buurt_sys.wijziging (tabel, rij_id, actie, oud, gemeentecode, door)
    SELECT v_tabel, buurt_app.rij_sleutel(r.j, v_sleutels), 'D', r.j, buurt_app.audit_gemeente(v_tabel, r.j), v_door
      FROM (SELECT buurt_app.audit_rij(to_jsonb(x)) AS j FROM rijen x OFFSET 0) r;
  ELSE
    -- pair old and new by key; a changed key (a CBS code renamed) gives one row with both sides
    INSERT INTO buurt_sys.wijziging (tabel, rij_id, actie, oud, nieuw, gemeentecode, door)
    SELECT v_tabel, coalesce(n.k, o.k), 'U', o.j, n.j,
           CASE WHEN o.j IS NOT NULL AND n.j IS NOT NULL AND o.g IS DISTINCT FROM n.g THEN NULL
                ELSE coalesce(n.g, o.g) END, v_door
      FROM (SELECT j, buurt_app.rij_sleutel(j, v_sleutels) AS k, buurt_app.audit_gemeente(v_tabel, j) AS g
              FROM (SELECT buurt_app.audit_rij(to_jsonb(x)) AS j FROM rijen_oud x OFFSET 0) y) o
      FULL JOIN (SELECT j, buurt_app.rij_sleutel(j, v_sleutels) AS k, buurt_app.audit_gemeente(v_tabel, j) AS g
                   FROM (SELECT buurt_app.audit_rij(to_jsonb(x)) AS j FROM rijen x OFFSET 0) y) n ON n.k = o.k;
  END IF;
  RETURN NULL;
END
$$;

-- The workflow: a status change must follow buurt_vl.status_overgang; a deal only carries deal statuses.
CREATE FUNCTION buurt_app.tg_status() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_van text;
  v_naar text;
  v_mogelijk text;
BEGIN
  IF TG_TABLE_NAME = 'buurtdeal'
     AND NOT (SELECT voor_buurtdeal FROM buurt_vl.status WHERE code = NEW.status) THEN
    RAISE EXCEPTION 'Een buurtdeal kan niet de status "%" hebben.',
      (SELECT naam FROM buurt_vl.status WHERE code = NEW.status)
      USING ERRCODE = 'check_violation',
            HINT = 'Een buurtdeal begint bij "Gesprek wederkerigheid".';
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.status IS DISTINCT FROM OLD.status
     AND NOT EXISTS (SELECT 1 FROM buurt_vl.status_overgang WHERE van = OLD.status AND naar = NEW.status) THEN
    SELECT naam INTO v_van FROM buurt_vl.status WHERE code = OLD.status;
    SELECT naam INTO v_naar FROM buurt_vl.status WHERE code = NEW.status;
    SELECT string_agg('"' || s.naam || '"', ', ' ORDER BY s.volgorde) INTO v_mogelijk
      FROM buurt_vl.status_overgang o JOIN buurt_vl.status s ON s.code = o.naar
     WHERE o.van = OLD.status
       AND (TG_TABLE_NAME <> 'buurtdeal' OR s.voor_buurtdeal);
    RAISE EXCEPTION 'Statuswijziging van "%" naar "%" slaat een stap in het proces over.', v_van, v_naar
      USING ERRCODE = 'check_violation',
            HINT = format('Vanuit "%s" kan de status naar: %s.', v_van, coalesce(v_mogelijk, 'geen andere status'));
  END IF;
  RETURN NEW;
END
$$;

-- Wederkerigheid: a closed deal (status with deal_gesloten) has at least one commitment by the residents and
-- one by the municipality. Deferred to commit, so QGIS can save a deal and its commitments in one transaction.
CREATE FUNCTION buurt_app.controleer_wederkerigheid(p_deal integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_deal record;
  v_mist text[];
BEGIN
  SELECT d.id, d.titel, s.naam AS statusnaam, s.deal_gesloten INTO v_deal
    FROM buurt.buurtdeal d JOIN buurt_vl.status s ON s.code = d.status WHERE d.id = p_deal;
  IF NOT FOUND OR NOT v_deal.deal_gesloten THEN
    RETURN;
  END IF;
  SELECT array_agg(p.naam ORDER BY p.volgorde) INTO v_mist
    FROM buurt_vl.partij p
   WHERE p.code IN ('bewoners', 'gemeente')
     AND NOT EXISTS (SELECT 1 FROM buurt.afspraak a WHERE a.buurtdeal_id = p_deal AND a.partij = p.code);
  IF v_mist IS NOT NULL THEN
    RAISE EXCEPTION 'Buurtdeal "%" kan niet de status "%" hebben zonder wederkerigheid: er is geen afspraak voor %.',
      v_deal.titel, v_deal.statusnaam, array_to_string(v_mist, ' en ')
      USING ERRCODE = 'check_violation',
            HINT = 'Leg vast wat de bewoners en wat de gemeente doen (afspraken), of laat de status op "Gesprek wederkerigheid".';
  END IF;
END
$$;

CREATE FUNCTION buurt_app.tg_wederkerigheid() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'buurtdeal' THEN
    PERFORM buurt_app.controleer_wederkerigheid(NEW.id);
  ELSE
    IF TG_OP <> 'INSERT' THEN
      PERFORM buurt_app.controleer_wederkerigheid(OLD.buurtdeal_id);
    END IF;
    IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.buurtdeal_id <> OLD.buurtdeal_id) THEN
      PERFORM buurt_app.controleer_wederkerigheid(NEW.buurtdeal_id);
    END IF;
  END IF;
  RETURN NULL;
END
$$;

-- Attach the triggers. Trigger names sort in the order they must fire (BEFORE triggers fire by name).
CREATE TRIGGER a_geometrie BEFORE INSERT OR UPDATE ON buurt.initiatief
  FOR EACH ROW EXECUTE FUNCTION buurt_app.tg_geometrie('Initiatief', 'binnen_gemeente');
CREATE TRIGGER a_geometrie BEFORE INSERT OR UPDATE ON buurt.buurtdeal
  FOR EACH ROW EXECUTE FUNCTION buurt_app.tg_geometrie('Buurtdeal', 'binnen_gemeente');
CREATE TRIGGER a_geometrie BEFORE INSERT OR UPDATE ON buurt.beheerobject
  FOR EACH ROW EXECUTE FUNCTION buurt_app.tg_geometrie('Object', 'afleiden');

SELECT buurt_app.maak_rijtriggers('b_status', 'BEFORE INSERT OR UPDATE OF status', 'buurt_app.tg_status()',
                                  'initiatief', 'buurtdeal');
-- c_bijhouden also on the buurtcyclus tables (045_buurtcyclus.sql)
SELECT buurt_app.maak_rijtriggers('c_bijhouden', 'BEFORE INSERT OR UPDATE', 'buurt_app.tg_bijhouden()',
                                  'initiatief', 'buurtdeal', 'afspraak', 'beheerobject');

CREATE CONSTRAINT TRIGGER d_wederkerigheid AFTER INSERT OR UPDATE OF status ON buurt.buurtdeal
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION buurt_app.tg_wederkerigheid();
CREATE CONSTRAINT TRIGGER d_wederkerigheid AFTER INSERT OR UPDATE OR DELETE ON buurt.afspraak
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION buurt_app.tg_wederkerigheid();

-- Audit on every data table that people edit.
DO $audit$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
      ('gemeente', 'code'), ('gebied', 'code'), ('wijk', 'code'), ('buurt', 'code'),
      ('initiatief', 'id'), ('buurtdeal', 'id'), ('afspraak', 'id'), ('beheerobject', 'id'),
      ('budget', 'gemeentecode,jaar'), ('peiling', 'id'), ('wijkagenda', 'id'),
      ('buurtcijfer', 'buurtcode,indicator,jaar'),
      ('jaarschijf', 'id'), ('jaarverslag', 'gemeentecode,jaar'),
      ('wijkcijfer', 'wijkcode,indicator,jaar'), ('gemeentecijfer', 'gemeentecode,indicator,jaar'),
      ('prioriteitswijk', 'wijkcode,jaar'), ('budgetverdeling', 'wijkcode,jaar')) AS v(tabel, sleutel)
  LOOP
    PERFORM buurt_app.maak_statementtriggers(t.tabel, 'z_audit', format('buurt_app.tg_audit(%L)', t.sleutel));
  END LOOP;
END
$audit$;
