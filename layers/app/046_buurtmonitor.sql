-- Buurtmonitor and buurtbudget: figures per area and year with targets, the figure import merge, the choropleth
-- data for the virtuele stad (classes computed here, once) and the budget allocation over wijken.

CREATE FUNCTION buurt_app.instelling_tekst(p_sleutel text) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT waarde FROM buurt_sys.instelling WHERE sleutel = p_sleutel
$$;

-- All figures, whatever the level: buurt.buurtcijfer, buurt.wijkcijfer, buurt.gemeentecijfer.
CREATE VIEW buurt_app.cijfer AS
SELECT 'buurt'::text AS niveau, c.buurtcode AS gebiedcode, b.naam AS gebiednaam, b.wijkcode, b.gemeentecode,
       c.indicator, c.jaar, c.waarde, c.streefwaarde, c.bron  -- smallint as stored: 'jaar = 2019' uses the index
  FROM buurt.buurtcijfer c JOIN buurt.buurt b ON b.code = c.buurtcode
UNION ALL
SELECT 'wijk', c.wijkcode, w.naam, w.code, w.gemeentecode, c.indicator, c.jaar, c.waarde, c.streefwaarde, c.bron
  FROM buurt.wijkcijfer c JOIN buurt.wijk w ON w.code = c.wijkcode
UNION ALL
SELECT 'gemeente', c.gemeentecode, g.naam, NULL, g.code, c.indicator, c.jaar, c.waarde, c.streefwaarde, c.bron
  FROM buurt.gemeentecijfer c JOIN buurt.gemeente g ON g.code = c.gemeentecode;

-- The target that applies to an area in a year: its own, else its wijk's, else its gemeente's. A gemeente sets
-- one target (Amersfoort's Stadspeiling) and every wijk and buurt is measured against it.
CREATE FUNCTION buurt_app.streefwaarde(p_code text, p_indicator text, p_jaar integer) RETURNS numeric
LANGUAGE sql STABLE AS $$
  SELECT coalesce(
    (SELECT streefwaarde FROM buurt.buurtcijfer WHERE buurtcode = p_code AND indicator = p_indicator AND jaar = p_jaar),
    (SELECT c.streefwaarde FROM buurt.wijkcijfer c
      WHERE c.indicator = p_indicator AND c.jaar = p_jaar
        AND c.wijkcode = CASE WHEN p_code LIKE 'BU%' THEN 'WK' || substr(p_code, 3, 6) ELSE p_code END),
    (SELECT c.streefwaarde FROM buurt.gemeentecijfer c
      WHERE c.indicator = p_indicator AND c.jaar = p_jaar AND c.gemeentecode = 'GM' || substr(p_code, 3, 4)))
$$;

-- Whether a value meets its target, in the indicator's direction. NULL when either is unknown.
CREATE FUNCTION buurt_app.gehaald(p_waarde numeric, p_streef numeric, p_hoger_is_beter boolean) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN p_hoger_is_beter THEN p_waarde >= p_streef ELSE p_waarde <= p_streef END
$$;

---------------------------------------------------------------------------------------------------------------
-- Import: CBS Kerncijfers wijken en buurten (StatLine/open data CSV, kwb-YYYY spreadsheet) and the long CSV
-- gebiedcode;indicator;jaar;waarde[;streefwaarde]. Same three steps as the other imports (070_import.sql).
---------------------------------------------------------------------------------------------------------------

-- Which columns of a wide CBS file are indicators: the column as written, or without its StatLine number
-- suffix (AantalInwoners_5 -> AantalInwoners), matched against buurt_vl.indicator.cbs_kolommen or the code;
-- p_extra ('kolom=indicator', from --kolom) comes first.
CREATE FUNCTION buurt_app.cijfers_kolommen(p_kolommen text[], p_extra text[] DEFAULT '{}')
RETURNS TABLE (kolom text, indicator text)
LANGUAGE sql STABLE AS $$
  WITH k AS (SELECT btrim(x) AS kolom, o FROM unnest(p_kolommen) WITH ORDINALITY AS u(x, o)),
       extra AS (SELECT btrim(split_part(e, '=', 1)) AS kolom, btrim(split_part(e, '=', 2)) AS indicator
                   FROM unnest(p_extra) e)
  SELECT k.kolom, coalesce(
           (SELECT x.indicator FROM extra x WHERE lower(x.kolom) = lower(k.kolom)),
           (SELECT i.code FROM buurt_vl.indicator i
             WHERE k.kolom = ANY (i.cbs_kolommen) OR k.kolom = i.code
                OR regexp_replace(k.kolom, '_[0-9]+$', '') = ANY (i.cbs_kolommen)
             ORDER BY (k.kolom = ANY (i.cbs_kolommen)) DESC LIMIT 1))
    FROM k ORDER BY k.o
$$;

-- Staging: one row per value; kolom is the field the value came from (its name in messages).
CREATE FUNCTION buurt_app.cijfers_staging() RETURNS void
LANGUAGE sql AS $$
  SELECT buurt_app.maak_importtabel('cijfers_staging',
    'bronrij integer, kolom text, gebiedcode text, indicator text, jaar text, waarde text, streefwaarde text')
$$;

-- CBS marks: '.' (unknown), 'x' (secret), empty: NULL, counted as 'leeg'. '-' is CBS's "nihil": zero.
CREATE FUNCTION buurt_app.cijfer_lezen(p_tekst text) RETURNS numeric
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN btrim(p_tekst) = '-' THEN 0
              WHEN btrim(p_tekst) ~ '^-?[0-9]+([.,][0-9]+)?$' THEN replace(btrim(p_tekst), ',', '.')::numeric END
$$;

CREATE FUNCTION buurt_app.cijfer_geheim(p_tekst text) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(btrim(p_tekst), '') IN ('', '.', 'x', 'X')
$$;

-- Set-based (one pass over the staging table, then one upsert per level): 17,000 areas x 30 indicators are
-- half a million rows, too many for a row-by-row loop. p_buiten_negeren: rows of gemeenten that are not in the
-- database are skipped (actie 'buiten'), as a national CBS file holds every gemeente; without it they are refused.
CREATE FUNCTION buurt_app.cijfers_samenvoegen(p_bron text, p_overslaan boolean DEFAULT false,
                                              p_buiten_negeren boolean DEFAULT false)
RETURNS TABLE (actie text, niveau text, code text, bronrij integer, melding text)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_van integer := buurt_app.instelling('cijfers_eerste_jaar');
  v_tot integer := extract(year FROM now())::integer + buurt_app.instelling('cijfers_jaren_vooruit');
  v_n integer;
  v_fout text;
  v_niveau text;
BEGIN
  IF to_regclass('pg_temp.cijfers_staging') IS NULL THEN
    RAISE EXCEPTION 'Geen importtabel: roep eerst buurt_app.cijfers_staging() aan in dezelfde transactie.';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_temp.cijfers_staging) THEN
    RAISE EXCEPTION 'Het bestand bevat geen cijfers (0 rijen).' USING ERRCODE = 'check_violation';
  END IF;
  DROP TABLE IF EXISTS pg_temp.cijfers_werk;
  CREATE TEMP TABLE cijfers_werk ON COMMIT DROP AS
  WITH s AS (
    SELECT s.bronrij, coalesce(s.kolom, 'waarde') AS kolom, upper(btrim(s.gebiedcode)) AS code,
           btrim(s.gebiedcode) AS code_tekst, lower(btrim(s.indicator)) AS indicator, btrim(s.jaar) AS jaar_tekst,
           s.waarde, s.streefwaarde
      FROM pg_temp.cijfers_staging s),
  t AS (
    SELECT s.*,
           CASE WHEN s.code ~ '^BU[0-9]{8}$' THEN 'buurt' WHEN s.code ~ '^WK[0-9]{6}$' THEN 'wijk'
                WHEN s.code ~ '^GM[0-9]{4}$' THEN 'gemeente' END AS niveau,
           CASE WHEN s.jaar_tekst ~ '^[0-9]{4}$' THEN s.jaar_tekst::integer END AS jaar,
           buurt_app.cijfer_lezen(s.waarde) AS getal,
           buurt_app.cijfer_geheim(s.waarde) AS geheim,
           buurt_app.cijfer_lezen(s.streefwaarde) AS streef
      FROM s),
  u AS (
    SELECT t.*,
           EXISTS (SELECT 1 FROM buurt.gemeente g WHERE g.code = 'GM' || substr(t.code, 3, 4)) AS gemeente_bekend,
           CASE t.niveau WHEN 'buurt' THEN EXISTS (SELECT 1 FROM buurt.buurt b WHERE b.code = t.code)
                         WHEN 'wijk' THEN EXISTS (SELECT 1 FROM buurt.wijk w WHERE w.code = t.code)
                         WHEN 'gemeente' THEN EXISTS (SELECT 1 FROM buurt.gemeente g WHERE g.code = t.code)
                         ELSE false END AS bekend,
           EXISTS (SELECT 1 FROM buurt_vl.indicator i WHERE i.code = t.indicator) AS indicator_bekend
      FROM t),
  -- MATERIALIZED: computed once per row (inlined, each use of fout would re-run its EXISTS lookups)
  f AS MATERIALIZED (  -- the first thing wrong with a row, in one pass (no second pass over half a million rows)
    SELECT x.*, CASE
            WHEN coalesce(x.code, '') = '' THEN 'veld gebiedcode is leeg'
            WHEN x.code ~ '^NL[0-9]{2}$' AND p_buiten_negeren THEN 'buiten:landelijk totaal'
            WHEN x.niveau IS NULL THEN format('veld gebiedcode: "%s" is geen CBS-code van een buurt (BU + 8 cijfers), '
                                              'wijk (WK + 6) of gemeente (GM + 4)', x.code_tekst)
            WHEN NOT x.gemeente_bekend AND p_buiten_negeren
              THEN format('buiten:gemeente %s staat niet in de database', 'GM' || substr(x.code, 3, 4))
            WHEN NOT x.bekend THEN format('veld gebiedcode: %s %s bestaat niet in de database', x.niveau, x.code)
            WHEN coalesce(x.indicator, '') = '' THEN 'veld indicator is leeg'
            WHEN NOT x.indicator_bekend THEN format('veld indicator: "%s" bestaat niet (bekend: %s)', x.indicator,
                   (SELECT string_agg(i.code, ', ' ORDER BY i.volgorde) FROM buurt_vl.indicator i))
            WHEN x.jaar IS NULL THEN format('veld jaar: "%s" is geen jaartal', coalesce(x.jaar_tekst, ''))
            WHEN x.jaar NOT BETWEEN v_van AND v_tot
              THEN format('veld jaar: %s ligt buiten %s–%s', x.jaar, v_van, v_tot)
            WHEN x.getal IS NULL AND NOT x.geheim
              THEN format('veld %s: "%s" is geen getal en geen CBS-teken voor geheim of onbekend (".", "x" of leeg)',
                          x.kolom, btrim(x.waarde))
            WHEN x.streef IS NULL AND coalesce(btrim(x.streefwaarde), '') NOT IN ('', '.', 'x', 'X')
              THEN format('veld streefwaarde: "%s" is geen getal', btrim(x.streefwaarde))
          END AS fout
      FROM u x),
  -- the outcome against what is stored, in the same pass; a target left empty keeps the stored one
  e AS (
    SELECT f.*, coalesce(eb.buurtcode, ew.wijkcode, eg.gemeentecode) IS NOT NULL AS bestaat,
           coalesce(eb.waarde, ew.waarde, eg.waarde) AS oud_waarde,
           coalesce(eb.streefwaarde, ew.streefwaarde, eg.streefwaarde) AS oud_streef,
           coalesce(eb.bron, ew.bron, eg.bron) AS oud_bron
      FROM f
      LEFT JOIN buurt.buurtcijfer eb ON f.fout IS NULL AND f.niveau = 'buurt' AND eb.buurtcode = f.code
                                    AND eb.indicator = f.indicator AND eb.jaar = f.jaar
      LEFT JOIN buurt.wijkcijfer ew ON f.fout IS NULL AND f.niveau = 'wijk' AND ew.wijkcode = f.code
                                   AND ew.indicator = f.indicator AND ew.jaar = f.jaar
      LEFT JOIN buurt.gemeentecijfer eg ON f.fout IS NULL AND f.niveau = 'gemeente' AND eg.gemeentecode = f.code
                                       AND eg.indicator = f.indicator AND eg.jaar = f.jaar)
  SELECT e.bronrij, e.kolom, e.code, e.indicator, e.waarde, e.niveau, e.jaar, e.getal, e.streef,
         CASE WHEN e.fout LIKE 'buiten:%' THEN 'buiten'
              WHEN e.fout IS NOT NULL THEN 'geweigerd'
              WHEN e.getal IS NULL THEN 'leeg'
              WHEN NOT e.bestaat THEN 'nieuw'
              WHEN e.oud_waarde IS NOT DISTINCT FROM e.getal AND e.oud_bron = p_bron
               AND e.oud_streef IS NOT DISTINCT FROM coalesce(e.streef, e.oud_streef) THEN 'ongewijzigd'
              ELSE 'gewijzigd' END AS uitkomst,
         CASE WHEN e.fout IS NOT NULL THEN regexp_replace(e.fout, '^buiten:', '')
              WHEN e.getal IS NULL THEN format('veld %s: geheim of onbekend ("%s"), opgeslagen als leeg', e.kolom,
                                               coalesce(btrim(e.waarde), '')) END AS melding,
         -- a stored value that the file now marks secret is changed to NULL: write it
         e.fout IS NULL AND (NOT e.bestaat OR e.oud_waarde IS DISTINCT FROM e.getal OR e.oud_bron <> p_bron
                             OR e.oud_streef IS DISTINCT FROM coalesce(e.streef, e.oud_streef)) AS schrijven
    FROM e;

  -- the same area, indicator and year twice: both rows are refused, each naming the other
  UPDATE pg_temp.cijfers_werk w
     SET uitkomst = 'geweigerd', schrijven = false,
         melding = format('dubbel: %s, indicator %s, jaar %s staat ook in %s', w.code, w.indicator, w.jaar,
                          coalesce('rij ' || nullif(array_to_string(array_remove(d.rijen, w.bronrij), ', '), ''),
                                   'dezelfde rij (twee kolommen voor deze indicator)'))
    FROM (SELECT x.code, x.indicator, x.jaar, array_agg(DISTINCT x.bronrij ORDER BY x.bronrij) AS rijen
            FROM pg_temp.cijfers_werk x WHERE x.uitkomst NOT IN ('geweigerd', 'buiten')
           GROUP BY 1, 2, 3 HAVING count(*) > 1) d
   WHERE w.code = d.code AND w.indicator = d.indicator AND w.jaar = d.jaar
     AND w.uitkomst NOT IN ('geweigerd', 'buiten');

  IF NOT p_overslaan AND EXISTS (SELECT 1 FROM pg_temp.cijfers_werk w WHERE w.uitkomst = 'geweigerd') THEN
    SELECT count(*), string_agg(format('rij %s: %s', x.bronrij, x.melding), '; ' ORDER BY x.bronrij)
                       FILTER (WHERE x.volgnr <= 10)
      INTO v_n, v_fout
      FROM (SELECT w.*, row_number() OVER (ORDER BY w.bronrij) AS volgnr
              FROM pg_temp.cijfers_werk w WHERE w.uitkomst = 'geweigerd') x;
    RAISE EXCEPTION 'Import geweigerd: % cijfer(s) onbruikbaar: %', v_n, v_fout || CASE WHEN v_n > 10 THEN ' …' ELSE '' END
      USING ERRCODE = 'check_violation',
            HINT = 'Herstel het bestand of sla de onbruikbare rijen over (en krijg een verslag). Er is niets gewijzigd.';
  END IF;

  -- One upsert per level, into buurt.<niveau>cijfer keyed by <niveau>code; unchanged rows are not touched.
  FOREACH v_niveau IN ARRAY ARRAY['buurt', 'wijk', 'gemeente'] LOOP
    EXECUTE format($q$
      INSERT INTO buurt.%1$I AS t (%2$I, indicator, jaar, waarde, streefwaarde, bron)
      SELECT w.code, w.indicator, w.jaar, w.getal, w.streef, $1 FROM pg_temp.cijfers_werk w
       WHERE w.niveau = $2 AND w.schrijven
      ON CONFLICT (%2$I, indicator, jaar) DO UPDATE
         SET waarde = EXCLUDED.waarde, streefwaarde = coalesce(EXCLUDED.streefwaarde, t.streefwaarde),
             bron = EXCLUDED.bron
       WHERE (t.waarde, t.streefwaarde, t.bron) IS DISTINCT FROM
             (EXCLUDED.waarde, coalesce(EXCLUDED.streefwaarde, t.streefwaarde), EXCLUDED.bron)$q$,
      v_niveau || 'cijfer', v_niveau || 'code') USING p_bron, v_niveau;
  END LOOP;

  RETURN QUERY
  SELECT w.uitkomst, coalesce(w.niveau, 'onbekend'), w.code, w.bronrij,
         CASE WHEN w.uitkomst IN ('nieuw', 'gewijzigd', 'ongewijzigd') THEN NULL ELSE w.melding END
    FROM pg_temp.cijfers_werk w ORDER BY w.bronrij;
END
$$;

---------------------------------------------------------------------------------------------------------------
-- Public: figures, classes and trends for the virtuele stad (the public role reads these, nothing else)
---------------------------------------------------------------------------------------------------------------

CREATE VIEW publiek.indicator AS
SELECT i.code, i.naam, i.eenheid, i.decimalen, i.hoger_is_beter, i.bron, i.omschrijving, i.volgorde,
       i.kleurenschaal, CASE WHEN i.hoger_is_beter THEN k.kleuren
                             ELSE ARRAY(SELECT k.kleuren[n] FROM generate_series(5, 1, -1) n) END AS kleuren
  FROM buurt_vl.indicator i JOIN buurt_vl.kleurenschaal k ON k.code = i.kleurenschaal;

-- Areas by level without geometry (names for the legend and the chart; tiles carry the shapes).
CREATE VIEW publiek.gebied AS
SELECT 'buurt'::text AS niveau, b.code, b.naam, b.wijkcode, b.gemeentecode, b.water FROM buurt.buurt b
UNION ALL
SELECT 'wijk', w.code, w.naam, w.code, w.gemeentecode, false FROM buurt.wijk w
UNION ALL
SELECT 'gemeente', g.code, g.naam, NULL, g.code, false FROM buurt.gemeente g;

-- Figures with the target that applies (own, else the wijk's, else the gemeente's: as buurt_app.streefwaarde,
-- written as joins here because the public role may call no buurt_app function) and whether it is met.
CREATE VIEW publiek.cijfer AS
SELECT c.niveau, c.gebiedcode, c.gebiednaam, c.gemeentecode, c.indicator, c.jaar, c.waarde, s.streefwaarde,
       CASE WHEN i.hoger_is_beter THEN c.waarde >= s.streefwaarde ELSE c.waarde <= s.streefwaarde END AS gehaald,
       c.bron
  -- the three tables directly, not buurt_app.cijfer: views in buurt_app read as the caller (080_rls.sql), and
  -- the public role may read no buurt table; a publiek view reads with its owner's rights
  FROM (SELECT 'buurt'::text AS niveau, c.buurtcode AS gebiedcode, b.naam AS gebiednaam, b.wijkcode, b.gemeentecode,
               c.indicator, c.jaar, c.waarde, c.streefwaarde, c.bron
          FROM buurt.buurtcijfer c JOIN buurt.buurt b ON b.code = c.buurtcode
        UNION ALL
        SELECT 'wijk', c.wijkcode, w.naam, w.code, w.gemeentecode, c.indicator, c.jaar, c.waarde, c.streefwaarde,
               c.bron
          FROM buurt.wijkcijfer c JOIN buurt.wijk w ON w.code = c.wijkcode
        UNION ALL
        SELECT 'gemeente', c.gemeentecode, g.naam, NULL, g.code, c.indicator, c.jaar, c.waarde, c.streefwaarde, c.bron
          FROM buurt.gemeentecijfer c JOIN buurt.gemeente g ON g.code = c.gemeentecode) c
  JOIN buurt_vl.indicator i ON i.code = c.indicator
  LEFT JOIN buurt.wijkcijfer wc ON c.niveau = 'buurt' AND wc.wijkcode = c.wijkcode AND wc.indicator = c.indicator
                               AND wc.jaar = c.jaar
  LEFT JOIN buurt.gemeentecijfer gc ON c.niveau <> 'gemeente' AND gc.gemeentecode = c.gemeentecode
                                   AND gc.indicator = c.indicator AND gc.jaar = c.jaar
  CROSS JOIN LATERAL (SELECT coalesce(c.streefwaarde, wc.streefwaarde, gc.streefwaarde) AS streefwaarde) s;

-- Five classes by quantiles (percentile_cont, linear interpolation, as numpy's default), over the areas of
-- the level (buurt or wijk) in the chosen gemeente (NULL: all) that have a value. grenzen holds 6 bounds
-- (minimum, 20 %, 40 %, 60 %, 80 %, maximum); an area's class is 1 + the number of inner bounds <= its value.
-- Dynamic SQL with the values as literals: each call is planned for its own gemeente and indicator (the service
-- forces generic plans, and a generic plan of "gemeente = $1 OR $1 IS NULL" scans the whole country).
CREATE FUNCTION publiek.cijfer_klassen(p_indicator text, p_jaar integer, p_niveau text, p_gemeente text DEFAULT NULL)
RETURNS numeric[]
LANGUAGE plpgsql STABLE AS $$
DECLARE
  v_grenzen numeric[];
BEGIN
  EXECUTE format($q$
    SELECT percentile_cont(ARRAY[0, 0.2, 0.4, 0.6, 0.8, 1]::float8[]) WITHIN GROUP (ORDER BY c.waarde::float8)::numeric[]
      FROM publiek.cijfer c
     WHERE c.indicator = %L AND c.jaar = %s AND c.niveau = %L AND c.waarde IS NOT NULL %s$q$,
    p_indicator, p_jaar, p_niveau, CASE WHEN p_gemeente IS NOT NULL THEN format('AND c.gemeentecode = %L', p_gemeente)
                                        ELSE '' END)
    INTO v_grenzen;
  RETURN v_grenzen;
END
$$;

-- Everything the map needs for one indicator, year, level and gemeente as one JSON document: the indicator,
-- the class bounds and colours, every area's value and class, and the areas without a value by name.
CREATE FUNCTION publiek.cijferkaart(p_indicator text, p_jaar integer, p_niveau text, p_gemeente text DEFAULT NULL)
RETURNS json
LANGUAGE plpgsql STABLE AS $$
DECLARE
  v_gemeente text := CASE WHEN p_gemeente IS NOT NULL THEN format('AND x.gemeentecode = %L', p_gemeente) ELSE '' END;
  v_uit json;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM publiek.indicator WHERE code = p_indicator) THEN
    RETURN NULL;
  END IF;
  EXECUTE format($q$
  WITH ind AS (SELECT * FROM publiek.indicator WHERE code = %1$L),
  k AS (SELECT publiek.cijfer_klassen(%1$L, %2$s, %3$L, %4$L) AS g),
  gebied AS MATERIALIZED (
    SELECT x.code, x.naam FROM publiek.gebied x WHERE x.niveau = %3$L AND NOT x.water %5$s),
  c AS MATERIALIZED (
    SELECT x.gebiedcode, x.waarde, x.streefwaarde, x.gehaald FROM publiek.cijfer x
     WHERE x.indicator = %1$L AND x.jaar = %2$s AND x.niveau = %3$L %5$s),
  v AS (
    SELECT a.code, a.naam, c.waarde, c.streefwaarde, c.gehaald,
           CASE WHEN c.waarde IS NOT NULL THEN 1 + width_bucket(c.waarde, (SELECT g[2:5] FROM k)) END AS klasse
      FROM gebied a LEFT JOIN c ON c.gebiedcode = a.code)
  SELECT json_build_object(
    'indicator', (SELECT json_build_object('code', code, 'naam', naam, 'eenheid', eenheid, 'decimalen', decimalen,
                                           'hoger_is_beter', hoger_is_beter, 'bron', bron, 'kleuren', kleuren)
                    FROM ind),
    'jaar', %2$s, 'niveau', %3$L, 'gemeente', %4$L::text,
    'methode', 'kwantielen',
    'grenzen', (SELECT g FROM k),
    'jaren', (SELECT json_agg(DISTINCT x.jaar ORDER BY x.jaar) FROM publiek.cijfer x
               WHERE x.indicator = %1$L AND x.niveau = %3$L AND x.waarde IS NOT NULL %5$s),
    'waarden', coalesce((SELECT json_object_agg(v.code, json_build_object('naam', v.naam, 'waarde', v.waarde,
                                                'klasse', v.klasse, 'streefwaarde', v.streefwaarde,
                                                'gehaald', v.gehaald))
                           FROM v WHERE v.waarde IS NOT NULL), '{}'::json),
    'zonder_waarde', coalesce((SELECT json_agg(json_build_object('code', v.code, 'naam', v.naam) ORDER BY v.naam)
                                 FROM v WHERE v.waarde IS NULL), '[]'::json))$q$,
    p_indicator, p_jaar, p_niveau, p_gemeente, v_gemeente)
    INTO v_uit;
  RETURN v_uit;
END
$$;

-- One area's trend for an indicator: every year with value, applicable target and whether it is met.
CREATE FUNCTION publiek.cijfertrend(p_code text, p_indicator text) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object(
    'code', p_code,
    'naam', (SELECT min(a.naam) FROM publiek.gebied a WHERE a.code = p_code),
    'indicator', (SELECT json_build_object('code', code, 'naam', naam, 'eenheid', eenheid, 'decimalen', decimalen,
                                           'hoger_is_beter', hoger_is_beter)
                    FROM publiek.indicator WHERE code = p_indicator),
    'reeks', coalesce((SELECT json_agg(json_build_object('jaar', c.jaar, 'waarde', c.waarde,
                                                         'streefwaarde', c.streefwaarde, 'gehaald', c.gehaald)
                                       ORDER BY c.jaar)
                         FROM publiek.cijfer c WHERE c.gebiedcode = p_code AND c.indicator = p_indicator), '[]'::json))
   WHERE EXISTS (SELECT 1 FROM publiek.indicator WHERE code = p_indicator)
$$;

---------------------------------------------------------------------------------------------------------------
-- Buurtbudget: allocation over wijken
---------------------------------------------------------------------------------------------------------------

-- A wijk's value for an indicator in a year: its own figure, else the mean of its buurten weighted by their
-- inhabitants that year (unweighted when inhabitants are unknown).
CREATE FUNCTION buurt_app.wijkwaarde(p_wijk text, p_indicator text, p_jaar integer) RETURNS numeric
LANGUAGE sql STABLE AS $$
  SELECT coalesce(
    (SELECT waarde FROM buurt.wijkcijfer WHERE wijkcode = p_wijk AND indicator = p_indicator AND jaar = p_jaar),
    (SELECT CASE WHEN sum(i.waarde) FILTER (WHERE c.waarde IS NOT NULL) > 0
                 THEN sum(c.waarde * i.waarde) / sum(i.waarde) FILTER (WHERE c.waarde IS NOT NULL)
                 ELSE avg(c.waarde) END
       FROM buurt.buurt b
       JOIN buurt.buurtcijfer c ON c.buurtcode = b.code AND c.indicator = p_indicator AND c.jaar = p_jaar
       LEFT JOIN buurt.buurtcijfer i ON i.buurtcode = b.code AND i.indicator = 'inwoners' AND i.jaar = p_jaar
      WHERE b.wijkcode = p_wijk AND c.waarde IS NOT NULL))
$$;

-- Inhabitants of a wijk in the latest year up to p_jaar: its own figure, else the sum over its buurten.
CREATE FUNCTION buurt_app.wijkinwoners(p_wijk text, p_jaar integer) RETURNS numeric
LANGUAGE sql STABLE AS $$
  SELECT coalesce(
    (SELECT waarde FROM buurt.wijkcijfer WHERE wijkcode = p_wijk AND indicator = 'inwoners' AND jaar <= p_jaar
        AND waarde IS NOT NULL ORDER BY jaar DESC LIMIT 1),
    (SELECT sum(c.waarde) FROM buurt.buurt b JOIN buurt.buurtcijfer c ON c.buurtcode = b.code
      WHERE b.wijkcode = p_wijk AND c.indicator = 'inwoners'
        AND c.jaar = (SELECT max(x.jaar) FROM buurt.buurtcijfer x JOIN buurt.buurt y ON y.code = x.buurtcode
                       WHERE y.wijkcode = p_wijk AND x.indicator = 'inwoners' AND x.jaar <= p_jaar
                         AND x.waarde IS NOT NULL)),
    0)
$$;

-- Which wijken are priority in a budget year, and why: a manual flag (buurt.prioriteitswijk), or the latest
-- measurement before the budget year of an indicator in budget_prioriteit_indicatoren that misses its target.
CREATE FUNCTION buurt_app.prioriteitswijken(p_gemeente text, p_jaar integer)
RETURNS TABLE (wijkcode text, prioriteit boolean, redenen text[])
LANGUAGE sql STABLE AS $$
  WITH ind AS (
    SELECT i.code, i.naam, i.hoger_is_beter, i.decimalen
      FROM buurt_vl.indicator i
     WHERE i.code = ANY (string_to_array(replace(coalesce(buurt_app.instelling_tekst('budget_prioriteit_indicatoren'),
                                                           ''), ' ', ''), ','))),
  meting AS (
    SELECT w.code AS wijkcode, ind.naam, ind.decimalen, ind.hoger_is_beter, j.jaar,
           buurt_app.wijkwaarde(w.code, ind.code, j.jaar) AS waarde,
           buurt_app.streefwaarde(w.code, ind.code, j.jaar) AS streef
      FROM buurt.wijk w CROSS JOIN ind
      CROSS JOIN LATERAL (
            SELECT max(c.jaar) AS jaar FROM buurt_app.cijfer c
             WHERE c.indicator = ind.code AND c.jaar < p_jaar AND c.waarde IS NOT NULL
               AND (c.wijkcode = w.code)) j
     WHERE w.gemeentecode = p_gemeente AND j.jaar IS NOT NULL),
  reden AS (
    SELECT m.wijkcode, format('%s %s: %s, streefwaarde %s (niet gehaald)', m.naam, m.jaar,
                              round(m.waarde, m.decimalen), round(m.streef, m.decimalen)) AS tekst
      FROM meting m WHERE buurt_app.gehaald(m.waarde, m.streef, m.hoger_is_beter) IS FALSE
    UNION ALL
    SELECT p.wijkcode, 'handmatig: ' || p.reden FROM buurt.prioriteitswijk p WHERE p.jaar = p_jaar)
  SELECT w.code, count(r.tekst) > 0, coalesce(array_agg(r.tekst ORDER BY r.tekst) FILTER (WHERE r.tekst IS NOT NULL),
                                              '{}')
    FROM buurt.wijk w LEFT JOIN reden r ON r.wijkcode = w.code
   WHERE w.gemeentecode = p_gemeente
   GROUP BY w.code
$$;

-- The allocation: gewicht = grondslag x (1 + budget_prioriteit_extra when priority), where grondslag is the
-- wijk's inhabitants (budget_grondslag 'inwoners') or 1 ('gelijk'); bedrag = budget x gewicht / sum of gewicht.
-- Rounding to the cent by largest remainder: every wijk gets its amount rounded down to the cent, and the cents
-- left over go one each to the wijken with the largest remainder (ties: lowest wijkcode), so the amounts add up
-- to the budget exactly. The result replaces the stored allocation of that gemeente and year.
CREATE FUNCTION buurt_app.budget_verdelen(p_gemeente text, p_jaar integer)
RETURNS TABLE (wijkcode text, wijknaam text, grondslag numeric, prioriteit boolean, gewicht numeric,
               bedrag numeric, toelichting text)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_budget numeric;
  v_basis text := coalesce(buurt_app.instelling_tekst('budget_grondslag'), 'inwoners');
  v_extra numeric := coalesce(buurt_app.instelling('budget_prioriteit_extra'), 0);
  v_som numeric;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM buurt.gemeente g WHERE g.code = p_gemeente) THEN
    RAISE EXCEPTION 'Gemeente % bestaat niet.', p_gemeente USING ERRCODE = 'check_violation',
      HINT = 'Geef een CBS-gemeentecode uit de database, bv. GM0307.';
  END IF;
  SELECT b.bedrag INTO v_budget FROM buurt.budget b WHERE b.gemeentecode = p_gemeente AND b.jaar = p_jaar;
  IF v_budget IS NULL THEN
    RAISE EXCEPTION 'Gemeente % heeft geen buurtbudget voor %.', p_gemeente, p_jaar USING ERRCODE = 'check_violation',
      HINT = 'Voer eerst het budget van dat jaar in (tabel buurt.budget).';
  END IF;
  IF v_basis NOT IN ('inwoners', 'gelijk') THEN
    RAISE EXCEPTION 'Instelling budget_grondslag is "%", verwacht inwoners of gelijk.', v_basis
      USING ERRCODE = 'check_violation';
  END IF;
  IF v_extra < 0 THEN
    RAISE EXCEPTION 'Instelling budget_prioriteit_extra is %, verwacht 0 of meer.', v_extra
      USING ERRCODE = 'check_violation';
  END IF;

  DROP TABLE IF EXISTS pg_temp.budget_werk;
  CREATE TEMP TABLE budget_werk ON COMMIT DROP AS
  SELECT w.code AS wijkcode, w.naam AS wijknaam,
         CASE v_basis WHEN 'gelijk' THEN 1 ELSE buurt_app.wijkinwoners(w.code, p_jaar) END AS grondslag,
         p.prioriteit, p.redenen
    FROM buurt.wijk w JOIN buurt_app.prioriteitswijken(p_gemeente, p_jaar) p ON p.wijkcode = w.code
   WHERE w.gemeentecode = p_gemeente;
  ALTER TABLE pg_temp.budget_werk ADD COLUMN gewicht numeric, ADD COLUMN exact numeric, ADD COLUMN bedrag numeric;
  UPDATE pg_temp.budget_werk w SET gewicht = w.grondslag * (1 + CASE WHEN w.prioriteit THEN v_extra ELSE 0 END);
  SELECT sum(w.gewicht) INTO v_som FROM pg_temp.budget_werk w;
  IF coalesce(v_som, 0) = 0 THEN
    RAISE EXCEPTION 'Budget % % kan niet verdeeld worden: geen wijk met een gewicht (inwoners onbekend?).',
      p_gemeente, p_jaar USING ERRCODE = 'check_violation',
      HINT = 'Importeer inwoneraantallen (buurtkaart import cijfers) of zet budget_grondslag op gelijk.';
  END IF;
  UPDATE pg_temp.budget_werk w SET exact = v_budget * w.gewicht / v_som;
  UPDATE pg_temp.budget_werk w SET bedrag = floor(w.exact * 100) / 100;
  UPDATE pg_temp.budget_werk w SET bedrag = w.bedrag + 0.01
    FROM (SELECT x.wijkcode, row_number() OVER (ORDER BY x.exact - x.bedrag DESC, x.wijkcode) AS rang
            FROM pg_temp.budget_werk x) r
   WHERE r.wijkcode = w.wijkcode
     AND r.rang <= round((v_budget - (SELECT sum(y.bedrag) FROM pg_temp.budget_werk y)) * 100);

  DELETE FROM buurt.budgetverdeling v WHERE v.gemeentecode = p_gemeente AND v.jaar = p_jaar;
  INSERT INTO buurt.budgetverdeling (wijkcode, jaar, gemeentecode, grondslag, prioriteit, gewicht, bedrag, toelichting)
  SELECT w.wijkcode, p_jaar, p_gemeente, w.grondslag, w.prioriteit, w.gewicht, w.bedrag,
         format('%s; %s; gewicht %s van %s; %s',
                CASE v_basis WHEN 'gelijk' THEN 'basisdeel gelijk per wijk'
                             ELSE format('basisdeel naar inwoners (%s)', round(w.grondslag)) END,
                CASE WHEN w.prioriteit THEN format('prioriteitswijk (+%s %%): %s', round(v_extra * 100),
                                                   array_to_string(w.redenen, '; '))
                     ELSE 'geen prioriteitswijk' END,
                round(w.gewicht, 2), round(v_som, 2),
                format('budget %s x %s / %s', v_budget, round(w.gewicht, 2), round(v_som, 2)))
    FROM pg_temp.budget_werk w;

  RETURN QUERY
  SELECT v.wijkcode, w.naam, v.grondslag, v.prioriteit, v.gewicht, v.bedrag, v.toelichting
    FROM buurt.budgetverdeling v JOIN buurt.wijk w ON w.code = v.wijkcode
   WHERE v.gemeentecode = p_gemeente AND v.jaar = p_jaar ORDER BY v.wijkcode;
END
$$;

-- The stored allocation against what the wijk's deals of that year commit (closed deals: toegezegd; in
-- negotiation: in_gesprek), as rapport_budget does per gemeente.
CREATE FUNCTION buurt_app.rapport_budgetverdeling(p_gemeente text, p_jaar integer)
RETURNS TABLE (wijkcode text, wijknaam text, prioriteit boolean, bedrag numeric, toegezegd numeric,
               in_gesprek numeric, resterend numeric, toelichting text)
LANGUAGE sql STABLE AS $$
  SELECT v.wijkcode, w.naam, v.prioriteit, v.bedrag,
         coalesce(sum(d.budget_gemeente) FILTER (WHERE s.deal_gesloten), 0),
         coalesce(sum(d.budget_gemeente) FILTER (WHERE NOT s.deal_gesloten AND NOT s.eindstatus), 0),
         v.bedrag - coalesce(sum(d.budget_gemeente) FILTER (WHERE s.deal_gesloten), 0),
         v.toelichting
    FROM buurt.budgetverdeling v
    JOIN buurt.wijk w ON w.code = v.wijkcode
    LEFT JOIN buurt.buurtdeal d ON d.wijkcode = v.wijkcode AND d.jaar = v.jaar
    LEFT JOIN buurt_vl.status s ON s.code = d.status
   WHERE v.gemeentecode = p_gemeente AND v.jaar = p_jaar
   GROUP BY v.wijkcode, w.naam, v.prioriteit, v.bedrag, v.toelichting
   ORDER BY v.wijkcode
$$;

-- For the viewer: the allocation per wijk with what published deals commit.
CREATE VIEW publiek.budgetverdeling AS
SELECT v.wijkcode, w.naam AS wijknaam, v.gemeentecode, v.jaar, v.prioriteit, v.bedrag, v.toelichting,
       coalesce((SELECT sum(d.budget_gemeente) FROM publiek.buurtdeal d JOIN buurt_vl.status s ON s.code = d.status
                  WHERE d.wijkcode = v.wijkcode AND d.jaar = v.jaar AND s.deal_gesloten), 0) AS toegezegd
  FROM buurt.budgetverdeling v JOIN buurt.wijk w ON w.code = v.wijkcode;

GRANT SELECT ON buurt_app.cijfer TO buurtkaart_lezer;
