-- Functions the QGIS plugin calls inside its editing transaction.

-- The deferred rules (wederkerigheid: constraint triggers checked at COMMIT) run now, in ONE statement that
-- never leaves the transaction aborted. QGIS shares the transaction's connection with map rendering and feature
-- lists in other threads; a refusal raised as an error would abort the transaction until a ROLLBACK TO, and a
-- cursor opened in that gap makes QGIS 3.22 roll the whole transaction back (every unsaved edit lost). So the
-- checks run in a subtransaction that is always undone (they stay pending for COMMIT), and a refusal comes back
-- as a WARNING marked 'buurtkaart-weigering:' with the rule's own message, DETAIL and HINT; the result says
-- whether all rules hold.
CREATE FUNCTION buurt_app.controleer_uitgesteld() RETURNS boolean
LANGUAGE plpgsql SET client_min_messages = warning AS $$
DECLARE
  v_melding text;
  v_detail text;
  v_hint text;
BEGIN
  BEGIN
    SET CONSTRAINTS ALL IMMEDIATE;
    -- all rules hold: undo the subtransaction anyway, so the rules are checked again at COMMIT
    RAISE EXCEPTION USING ERRCODE = 'BK001', MESSAGE = 'uitgestelde regels kloppen';
  EXCEPTION
    WHEN SQLSTATE 'BK001' THEN
      RETURN true;
    WHEN check_violation OR foreign_key_violation OR not_null_violation OR unique_violation OR raise_exception THEN
      GET STACKED DIAGNOSTICS v_melding = MESSAGE_TEXT, v_detail = PG_EXCEPTION_DETAIL, v_hint = PG_EXCEPTION_HINT;
      RAISE WARNING '%', concat_ws(E'\n', 'buurtkaart-weigering: ' || v_melding, 'DETAIL: ' || nullif(v_detail, ''),
                                   'HINT: ' || nullif(v_hint, ''));
      RETURN false;
  END;
END
$$;

-- The history of one feature from the audit log (buurt_sys.wijziging): one row per changed field, oldest first.
-- Who and when as the log recorded them; geometry shown as WKT. The bookkeeping columns (gewijzigd_*) are left
-- out: they change on every edit. The log never holds indiener_* (privacy), so neither does this.
CREATE FUNCTION buurt_app.geschiedenis(p_tabel text, p_id text)
RETURNS TABLE (wijziging bigint, op timestamptz, door text, actie text, veld text, oud text, nieuw text)
LANGUAGE sql STABLE AS $$
  WITH log AS (
    SELECT w.* FROM buurt_sys.wijziging w WHERE w.tabel = 'buurt.' || p_tabel AND w.rij_id = p_id
  ), velden AS (
    SELECT l.id, l.op, l.door, l.actie, k AS veld, l.oud -> k AS o, l.nieuw -> k AS n
      FROM log l, LATERAL (SELECT jsonb_object_keys(coalesce(l.nieuw, '{}') || coalesce(l.oud, '{}')) AS k) keys
  )
  SELECT v.id, v.op, v.door,
         CASE v.actie WHEN 'I' THEN 'nieuw' WHEN 'U' THEN 'gewijzigd' ELSE 'verwijderd' END,
         v.veld,
         CASE WHEN v.veld = 'geom' AND jsonb_typeof(v.o) = 'object' THEN ST_AsText(ST_GeomFromGeoJSON(v.o))
              ELSE v.o #>> '{}' END,
         CASE WHEN v.veld = 'geom' AND jsonb_typeof(v.n) = 'object' THEN ST_AsText(ST_GeomFromGeoJSON(v.n))
              ELSE v.n #>> '{}' END
    FROM velden v
   WHERE v.o IS DISTINCT FROM v.n AND v.veld NOT IN ('gewijzigd_op', 'gewijzigd_door')
     AND NOT (v.actie = 'I' AND v.n = 'null'::jsonb)
   ORDER BY v.id, v.veld
$$;

-- Restore the state a feature had right after wijziging p_wijziging, as a NEW edit: one UPDATE of the editable
-- columns (not the key, not what the database derives), so every rule checks it again (workflow, geometry,
-- wederkerigheid at commit) and the audit log records it. indiener_* are not in the log and stay as they are.
CREATE FUNCTION buurt_app.versie_herstellen(p_tabel text, p_id text, p_wijziging bigint) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  v_staat jsonb;
  v_sets text[];
  v_kolom record;
  v_n integer;
BEGIN
  IF p_tabel NOT IN ('initiatief', 'buurtdeal', 'afspraak', 'beheerobject') THEN
    RAISE EXCEPTION 'Herstellen kan voor initiatieven, buurtdeals, afspraken en objecten, niet voor "%".', p_tabel
      USING ERRCODE = 'check_violation';
  END IF;
  -- read as the caller: row-level security shows only the log rows of the own gemeente(n) (080_rls.sql)
  SELECT w.nieuw INTO v_staat FROM buurt_sys.wijziging w
   WHERE w.id = p_wijziging AND w.tabel = 'buurt.' || p_tabel AND w.rij_id = p_id;
  IF NOT FOUND AND NOT buurt_app.alle_gemeenten() THEN
    -- another gemeente's version and a wrong number get the same answer: the log is not an oracle either
    RAISE EXCEPTION 'Geen toegang: wijziging % hoort niet bij % % of niet bij uw gemeente(n).', p_wijziging,
      p_tabel, p_id
      USING ERRCODE = 'check_violation',
            DETAIL = format('Rol %s heeft toegang tot: %s.', current_user,
                            coalesce(nullif(array_to_string(buurt_app.mijn_gemeenten(), ', '), ''),
                                     'geen enkele gemeente')),
            HINT = 'Kies een wijziging uit de geschiedenis van dit object (alleen die van uw eigen gemeente).';
  ELSIF NOT FOUND THEN
    RAISE EXCEPTION 'Wijziging % hoort niet bij % %.', p_wijziging, p_tabel, p_id
      USING ERRCODE = 'check_violation', HINT = 'Kies een wijziging uit de geschiedenis van dit object.';
  ELSIF v_staat IS NULL THEN
    RAISE EXCEPTION 'Wijziging % is het verwijderen van % %: die versie kan niet terug.', p_wijziging, p_tabel,
      p_id USING ERRCODE = 'check_violation';
  END IF;
  FOR v_kolom IN
    SELECT a.attname FROM pg_attribute a
     WHERE a.attrelid = ('buurt.' || p_tabel)::regclass AND a.attnum > 0 AND NOT a.attisdropped
       AND a.attname NOT IN ('id', 'buurtcode', 'wijkcode', 'gemeentecode', 'aangemaakt_door', 'aangemaakt_op',
                             'gewijzigd_door', 'gewijzigd_op')
       AND a.attname NOT LIKE 'indiener\_%' AND v_staat ? a.attname
  LOOP
    v_sets := v_sets || format('%I = %s', v_kolom.attname, CASE WHEN v_kolom.attname = 'geom'
      THEN 'ST_SetSRID(ST_GeomFromGeoJSON($1 -> ''geom''), 28992)'
      ELSE format('(jsonb_populate_record(NULL::buurt.%I, $1)).%I', p_tabel, v_kolom.attname) END);
  END LOOP;
  EXECUTE format('UPDATE buurt.%I SET %s WHERE id = $2::integer', p_tabel, array_to_string(v_sets, ', '))
    USING v_staat, p_id;
  GET DIAGNOSTICS v_n = ROW_COUNT;
  IF v_n = 0 THEN
    RAISE EXCEPTION '% % bestaat niet meer.', initcap(p_tabel), p_id USING ERRCODE = 'check_violation';
  END IF;
  RETURN format('%s %s staat weer zoals na wijziging %s (%s kolommen).', initcap(p_tabel), p_id, p_wijziging,
                cardinality(v_sets));
END
$$;
