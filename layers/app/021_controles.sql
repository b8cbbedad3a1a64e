-- Every CHECK constraint refuses in Dutch. PostgreSQL's own refusal of a CHECK is English ("new row for relation
-- ... violates check constraint ..."), so each table with CHECKs in buurt, buurt_vl and buurt_sys gets a BEFORE
-- trigger `zz_controle` (the last BEFORE trigger, so it sees the row as the others derived it) that fires only
-- when one of its CHECKs would fail: its WHEN clause is the CHECKs themselves, evaluated by PostgreSQL without
-- calling a function, so a bulk import pays nothing for the rows that pass. The function then names the first
-- failing constraint with the Dutch text from its comment (changelog 0084). The CHECK stays the rule: the trigger
-- only says it first. Built from pg_constraint on every install, so a CHECK added in a changelog is covered.

-- The message of a failing CHECK: its comment with {kolom} replaced by the row's value and {bereik} by the
-- range a "x >= a ... y <= b" CHECK allows; the part after " | " is the hint.
CREATE FUNCTION buurt_app.controle_melding(p_tekst text, p_rij jsonb, p_regel text, OUT melding text, OUT hint text)
LANGUAGE plpgsql STABLE AS $$
DECLARE
  v_kolom text;
  v_bereik text[] := regexp_match(p_regel, '>= \(?(\d+)\)?.*<= \(?(\d+)\)?');
BEGIN
  melding := coalesce(p_tekst, '');
  FOR v_kolom IN SELECT m[1] FROM regexp_matches(melding, '\{([a-z_]+)\}', 'g') m LOOP
    melding := replace(melding, '{' || v_kolom || '}',
                       CASE WHEN v_kolom = 'bereik' AND v_bereik IS NOT NULL
                            THEN v_bereik[1] || ' tot en met ' || v_bereik[2]
                            ELSE coalesce(p_rij ->> v_kolom, 'leeg') END);
  END LOOP;
  IF position(' | ' IN melding) > 0 THEN
    hint := split_part(melding, ' | ', 2);
    melding := split_part(melding, ' | ', 1);
  END IF;
END
$$;

CREATE FUNCTION buurt_app.tg_controle() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_regel record;
  v_faalt boolean;
  v_tekst record;
BEGIN
  FOR v_regel IN
    SELECT c.conname, pg_get_expr(c.conbin, c.conrelid) AS expr, obj_description(c.oid, 'pg_constraint') AS tekst
      FROM pg_constraint c WHERE c.conrelid = TG_RELID AND c.contype = 'c' ORDER BY c.conname
  LOOP
    EXECUTE format('SELECT (%s) IS FALSE FROM (SELECT ($1).*) r', v_regel.expr) INTO v_faalt USING NEW;
    IF v_faalt THEN
      v_tekst := buurt_app.controle_melding(
        coalesce(v_regel.tekst, format('De waarde past niet bij de regel %s van %s.', v_regel.conname, TG_TABLE_NAME)),
        to_jsonb(NEW), v_regel.expr);
      RAISE EXCEPTION '%', v_tekst.melding
        USING ERRCODE = 'check_violation', CONSTRAINT = v_regel.conname, TABLE = TG_TABLE_NAME,
              SCHEMA = TG_TABLE_SCHEMA, DETAIL = format('Er is niets opgeslagen (regel %s).', v_regel.conname),
              HINT = coalesce(v_tekst.hint, 'Pas de waarde aan en sla opnieuw op.');
    END IF;
  END LOOP;
  RETURN NEW;
END
$$;

-- A CHECK's expression with its columns as NEW.<kolom>, for a trigger's WHEN clause (string literals untouched).
CREATE FUNCTION buurt_app.als_nieuwe_rij(p_expr text, p_tabel regclass) RETURNS text
LANGUAGE plpgsql STABLE AS $$
DECLARE
  v_kolommen text := (SELECT string_agg(a.attname, '|') FROM pg_attribute a
                       WHERE a.attrelid = p_tabel AND a.attnum > 0 AND NOT a.attisdropped);
  v_delen text[] := regexp_split_to_array(p_expr, '(''(?:[^'']|'''')*'')');
  v_literals text[] := ARRAY(SELECT m[1] FROM regexp_matches(p_expr, '(''(?:[^'']|'''')*'')', 'g') m);
  v_uit text := '';
BEGIN
  FOR i IN 1 .. cardinality(v_delen) LOOP
    v_uit := v_uit || regexp_replace(v_delen[i], '(^|[^.\w"])"?(' || v_kolommen || ')"?(?![\w(])', '\1NEW.\2', 'g')
                   || coalesce(v_literals[i], '');
  END LOOP;
  RETURN v_uit;
END
$$;

CREATE FUNCTION buurt_app.maak_controletriggers() RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_tabel record;
BEGIN
  FOR v_tabel IN
    SELECT c.conrelid::regclass AS tabel,
           string_agg(format('(%s) IS FALSE', buurt_app.als_nieuwe_rij(pg_get_expr(c.conbin, c.conrelid), c.conrelid)),
                      ' OR ' ORDER BY c.conname) AS wanneer
      FROM pg_constraint c
      JOIN pg_class t ON t.oid = c.conrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE c.contype = 'c' AND n.nspname IN ('buurt', 'buurt_vl', 'buurt_sys', 'buurt_loket') AND t.relkind = 'r'
     GROUP BY c.conrelid
  LOOP
    EXECUTE format('CREATE TRIGGER zz_controle BEFORE INSERT OR UPDATE ON %s FOR EACH ROW WHEN (%s) '
                   'EXECUTE FUNCTION buurt_app.tg_controle()', v_tabel.tabel, v_tabel.wanneer);
  END LOOP;
END
$$;

SELECT buurt_app.maak_controletriggers();
