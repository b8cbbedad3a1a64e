-- The buurtcyclus: wijkagenda rules, the status history, monitoring and the figures of the wijkanalyse,
-- buurtactiviteitenplan and jaarrapportage. Every report (CLI, QGIS, viewer) reads these; Python adds nothing.

-- === rules ================================================================================================

-- An initiative or deal may only serve a priority of its own wijk. Fires after a_geometrie derived the wijk.
CREATE FUNCTION buurt_app.tg_prioriteit_wijk() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_wat text := CASE TG_TABLE_NAME WHEN 'buurtdeal' THEN 'Buurtdeal' ELSE 'Initiatief' END;
  v_prio record;
BEGIN
  IF NEW.wijkagenda_id IS NULL
     OR (TG_OP = 'UPDATE' AND NEW.wijkagenda_id IS NOT DISTINCT FROM OLD.wijkagenda_id
         AND NEW.wijkcode IS NOT DISTINCT FROM OLD.wijkcode) THEN
    RETURN NEW;
  END IF;
  SELECT a.prioriteit, a.wijkcode, w.naam AS wijknaam INTO v_prio
    FROM buurt.wijkagenda a JOIN buurt.wijk w ON w.code = a.wijkcode WHERE a.id = NEW.wijkagenda_id;
  IF FOUND AND v_prio.wijkcode IS DISTINCT FROM NEW.wijkcode
     AND current_setting('buurtkaart.herbereken', true) = 'aan' THEN
    -- new boundaries moved it out of the wijk (buurt_app.herbereken_gebieden): not the editor's doing, so the
    -- link goes (it counts as spontaneous from now on) instead of refusing the whole boundary update
    RAISE NOTICE '% "%" ligt na de nieuwe grenzen niet meer in wijk %: de koppeling met prioriteit "%" is vervallen.',
      v_wat, NEW.titel, v_prio.wijknaam, v_prio.prioriteit;
    NEW.wijkagenda_id := NULL;
  ELSIF FOUND AND v_prio.wijkcode IS DISTINCT FROM NEW.wijkcode THEN
    RAISE EXCEPTION '% "%" ligt in %, maar prioriteit "%" hoort bij de wijkagenda van %.', v_wat, NEW.titel,
      coalesce('wijk ' || (SELECT naam FROM buurt.wijk WHERE code = NEW.wijkcode), 'geen wijk'),
      v_prio.prioriteit, v_prio.wijknaam
      USING ERRCODE = 'check_violation',
            DETAIL = format('Prioriteit %s hoort bij wijk %s.', NEW.wijkagenda_id, v_prio.wijkcode),
            HINT = 'Kies een prioriteit uit de wijkagenda van de eigen wijk, of laat de prioriteit leeg '
                   '(een spontaan initiatief).';
  END IF;
  RETURN NEW;
END
$$;

-- A priority keeps its wijk while initiatives or deals serve it (at once), and its period keeps its jaarschijven.
-- The period rule and the jaarschijf rule below are checked at COMMIT (deferred constraint triggers): in one form
-- a person extends the period and adds the new year's jaarschijf, and QGIS writes the child before the parent's
-- change; what counts is how the priority and its jaarschijven stand together when the work is saved. The rules
-- read the rows as they are then (NEW is the row as it was written, perhaps changed again since).
CREATE FUNCTION buurt_app.tg_wijkagenda() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.wijkcode IS DISTINCT FROM OLD.wijkcode
     AND (EXISTS (SELECT 1 FROM buurt.initiatief WHERE wijkagenda_id = NEW.id)
          OR EXISTS (SELECT 1 FROM buurt.buurtdeal WHERE wijkagenda_id = NEW.id)) THEN
    RAISE EXCEPTION 'Prioriteit "%" kan niet naar een andere wijk: er zijn initiatieven of buurtdeals die haar dienen.',
      NEW.prioriteit
      USING ERRCODE = 'check_violation',
            HINT = 'Maak een nieuwe prioriteit in de wijkagenda van de andere wijk.';
  END IF;
  RETURN NEW;
END
$$;

CREATE FUNCTION buurt_app.tg_wijkagenda_looptijd() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_prio record;
  v_buiten text;
BEGIN
  SELECT id, prioriteit, jaar_van, jaar_tot INTO v_prio FROM buurt.wijkagenda WHERE id = NEW.id;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  SELECT string_agg(j.jaar::text, ', ' ORDER BY j.jaar) INTO v_buiten
    FROM buurt.jaarschijf j
   WHERE j.wijkagenda_id = v_prio.id AND (j.jaar < v_prio.jaar_van OR j.jaar > v_prio.jaar_tot);
  IF v_buiten IS NOT NULL THEN
    RAISE EXCEPTION 'Prioriteit "%" loopt dan van % tot en met %, maar heeft jaarschijven voor %.',
      v_prio.prioriteit, v_prio.jaar_van, v_prio.jaar_tot, v_buiten
      USING ERRCODE = 'check_violation',
            HINT = 'Verwijder ook de jaarschijven buiten de nieuwe looptijd.';
  END IF;
  RETURN NULL;
END
$$;

-- A jaarschijf lies inside the period of its priority (at COMMIT, see above).
CREATE FUNCTION buurt_app.tg_jaarschijf() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_prio record;
BEGIN
  SELECT j.jaar, w.prioriteit, w.jaar_van, w.jaar_tot INTO v_prio
    FROM buurt.jaarschijf j JOIN buurt.wijkagenda w ON w.id = j.wijkagenda_id WHERE j.id = NEW.id;
  IF FOUND AND (v_prio.jaar < v_prio.jaar_van OR v_prio.jaar > v_prio.jaar_tot) THEN
    RAISE EXCEPTION 'Jaarschijf % valt buiten de looptijd van prioriteit "%" (% tot en met %).',
      v_prio.jaar, v_prio.prioriteit, v_prio.jaar_van, v_prio.jaar_tot
      USING ERRCODE = 'check_violation',
            HINT = 'Kies een jaar binnen de looptijd, of verleng de looptijd van de prioriteit.';
  END IF;
  RETURN NULL;
END
$$;

-- Status history, per statement from the transition tables (a bulk import pays one INSERT ... SELECT).
-- SECURITY DEFINER: editors cannot write buurt.statusverloop themselves.
CREATE FUNCTION buurt_app.tg_statusverloop() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  v_door text := buurt_app.wie();  -- the person, also when the werkbak's pool role acts for a user
BEGIN
  IF TG_TABLE_NAME = 'initiatief' THEN
    IF TG_OP = 'INSERT' THEN
      INSERT INTO buurt.statusverloop (initiatief_id, status, door) SELECT n.id, n.status, v_door FROM rijen n;
    ELSE
      INSERT INTO buurt.statusverloop (initiatief_id, status_van, status, door)
      SELECT n.id, o.status, n.status, v_door FROM rijen n JOIN rijen_oud o ON o.id = n.id
       WHERE n.status IS DISTINCT FROM o.status;
    END IF;
  ELSE
    IF TG_OP = 'INSERT' THEN
      INSERT INTO buurt.statusverloop (buurtdeal_id, status, door) SELECT n.id, n.status, v_door FROM rijen n;
    ELSE
      INSERT INTO buurt.statusverloop (buurtdeal_id, status_van, status, door)
      SELECT n.id, o.status, n.status, v_door FROM rijen n JOIN rijen_oud o ON o.id = n.id
       WHERE n.status IS DISTINCT FROM o.status;
    END IF;
  END IF;
  RETURN NULL;
END
$$;

SELECT buurt_app.maak_rijtriggers('b_prioriteit', 'BEFORE INSERT OR UPDATE', 'buurt_app.tg_prioriteit_wijk()',
                                  'initiatief', 'buurtdeal');
CREATE TRIGGER b_wijkagenda BEFORE UPDATE ON buurt.wijkagenda
  FOR EACH ROW EXECUTE FUNCTION buurt_app.tg_wijkagenda();
CREATE CONSTRAINT TRIGGER d_wijkagenda_looptijd AFTER UPDATE OF jaar_van, jaar_tot ON buurt.wijkagenda
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION buurt_app.tg_wijkagenda_looptijd();
CREATE CONSTRAINT TRIGGER d_jaarschijf AFTER INSERT OR UPDATE OF jaar, wijkagenda_id ON buurt.jaarschijf
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION buurt_app.tg_jaarschijf();
SELECT buurt_app.maak_rijtriggers('c_bijhouden', 'BEFORE INSERT OR UPDATE', 'buurt_app.tg_bijhouden()',
                                  'wijkagenda', 'jaarschijf', 'jaarverslag');
-- no DELETE trigger: a deleted initiative or deal takes its history with it
SELECT buurt_app.maak_statementtriggers(t, 'y_statusverloop', 'buurt_app.tg_statusverloop()',
                                        p_gebeurtenissen => ARRAY['INSERT', 'UPDATE'])
  FROM unnest(ARRAY['initiatief', 'buurtdeal']) t;

-- === monitoring ============================================================================================

-- Each step an initiative or deal reached, with the days it stayed there (until the next step, or until now
-- for the current one).
CREATE VIEW buurt_app.statusstap AS
SELECT v.id, CASE WHEN v.initiatief_id IS NULL THEN 'buurtdeal' ELSE 'initiatief' END AS soort,
       coalesce(v.initiatief_id, v.buurtdeal_id) AS object_id, v.status, s.naam AS status_naam, s.volgorde,
       s.eindstatus, v.op AS bereikt_op, v.volgende_op,
       v.volgende_op IS NULL AS huidig,
       round((extract(epoch FROM coalesce(v.volgende_op, now()) - v.op) / 86400)::numeric, 1) AS dagen
  FROM (SELECT sv.*, lead(sv.op) OVER (PARTITION BY sv.initiatief_id, sv.buurtdeal_id ORDER BY sv.op, sv.id)
               AS volgende_op
          FROM buurt.statusverloop sv) v
  JOIN buurt_vl.status s ON s.code = v.status;

-- Initiatives and deals not finished whose status did not change for `vastgelopen_na_dagen` days.
CREATE FUNCTION buurt_app.vastgelopen(p_peilmoment timestamptz DEFAULT now())
RETURNS TABLE (soort text, id integer, titel text, wijkcode text, gemeentecode text, status text, status_naam text,
               sinds timestamptz, dagen integer)
LANGUAGE sql STABLE AS $$
  WITH laatste AS (
    SELECT DISTINCT ON (sv.initiatief_id, sv.buurtdeal_id) sv.initiatief_id, sv.buurtdeal_id, sv.op
      FROM buurt.statusverloop sv WHERE sv.op <= p_peilmoment
     ORDER BY sv.initiatief_id, sv.buurtdeal_id, sv.op DESC, sv.id DESC)
  SELECT x.soort, x.id, x.titel, x.wijkcode, x.gemeentecode, x.status, s.naam, l.op,
         floor(extract(epoch FROM p_peilmoment - l.op) / 86400)::integer
    FROM (SELECT 'initiatief'::text AS soort, i.id, i.titel, i.wijkcode, i.gemeentecode, i.status
            FROM buurt.initiatief i
           WHERE NOT EXISTS (SELECT 1 FROM buurt.buurtdeal d WHERE d.initiatief_id = i.id)
          UNION ALL
          SELECT 'buurtdeal', d.id, d.titel, d.wijkcode, d.gemeentecode, d.status FROM buurt.buurtdeal d) x
    JOIN laatste l ON (x.soort = 'initiatief' AND l.initiatief_id = x.id) OR (x.soort = 'buurtdeal' AND l.buurtdeal_id = x.id)
    JOIN buurt_vl.status s ON s.code = x.status
   WHERE NOT s.eindstatus
     AND p_peilmoment - l.op > make_interval(days => buurt_app.instelling('vastgelopen_na_dagen')::integer)
   ORDER BY l.op, x.soort, x.id
$$;

-- === the cycle year of an initiative ===============================================================================

-- The year an initiative belongs to in the cycle: the year of its deal, else the year it is planned for, else the
-- year it was submitted. Agenda-driven when it or its deal serves a priority; spontaneous otherwise.
CREATE VIEW buurt_app.cyclus_initiatief AS
SELECT i.id, i.titel, i.thema, i.status, i.wijkcode, i.gemeentecode,
       coalesce(d.jaar::integer, i.planjaar::integer, extract(year FROM i.ingediend_op)::integer) AS jaar,
       coalesce(d.wijkagenda_id, i.wijkagenda_id) AS wijkagenda_id,
       coalesce(d.wijkagenda_id, i.wijkagenda_id) IS NULL AS spontaan,
       d.id AS buurtdeal_id
  FROM buurt.initiatief i
  LEFT JOIN LATERAL (SELECT dd.id, dd.jaar, dd.wijkagenda_id FROM buurt.buurtdeal dd WHERE dd.initiatief_id = i.id
                      ORDER BY dd.jaar DESC, dd.id DESC LIMIT 1) d ON true;

-- The monitoring of a wijk and year: each deal of the year and each initiative of the cycle year without a deal,
-- with the moment it reached each step, how long it has been in its current step at the peilmoment (the end of the
-- year, or now for the running year) and whether that makes it stuck.
CREATE FUNCTION buurt_app.wijk_monitoring(p_wijk text, p_jaar integer)
RETURNS TABLE (soort text, id integer, titel text, status_naam text, stappen text, sinds date, dagen integer,
               vastgelopen boolean)
LANGUAGE sql STABLE AS $$
  WITH peil AS (SELECT least(now(), make_timestamptz(p_jaar, 12, 31, 23, 59, 59)) AS moment),
  items AS (
    SELECT 'buurtdeal'::text AS soort, d.id, d.titel, d.status, d.initiatief_id FROM buurt.buurtdeal d
     WHERE d.wijkcode = p_wijk AND d.jaar = p_jaar
    UNION ALL
    SELECT 'initiatief', ci.id, ci.titel, ci.status, NULL FROM buurt_app.cyclus_initiatief ci
     WHERE ci.wijkcode = p_wijk AND ci.jaar = p_jaar AND ci.buurtdeal_id IS NULL)
  SELECT i.soort, i.id, i.titel, s.naam,
         -- a deal's steps start with those of its initiative before it became a deal
         (SELECT string_agg(v.naam || ' ' || to_char(sv.op, 'DD-MM-YYYY'), ' → ' ORDER BY sv.op, sv.id)
            FROM buurt.statusverloop sv JOIN buurt_vl.status v ON v.code = sv.status, peil
           WHERE sv.op <= peil.moment
             AND CASE WHEN i.soort = 'buurtdeal' THEN sv.buurtdeal_id = i.id
                        OR (sv.initiatief_id = i.initiatief_id AND NOT v.voor_buurtdeal)
                      ELSE sv.initiatief_id = i.id END),
         l.op::date,
         floor(extract(epoch FROM (SELECT moment FROM peil) - l.op) / 86400)::integer,
         NOT s.eindstatus AND (SELECT moment FROM peil) - l.op
             > make_interval(days => buurt_app.instelling('vastgelopen_na_dagen')::integer)
    FROM items i
    JOIN buurt_vl.status s ON s.code = i.status
    LEFT JOIN LATERAL (
          SELECT sv.op FROM buurt.statusverloop sv, peil
           WHERE (i.soort = 'buurtdeal' AND sv.buurtdeal_id = i.id OR i.soort = 'initiatief' AND sv.initiatief_id = i.id)
             AND sv.op <= peil.moment
           ORDER BY sv.op DESC, sv.id DESC LIMIT 1) l ON true
   ORDER BY i.soort = 'initiatief', i.titel, i.id
$$;

-- === buurtactiviteitenplan ===================================================================================

-- The plan of a wijk and year: the deals of that year and the initiatives planned for it that have no deal yet,
-- with their planned budget and the priority they serve. Composed from the data, never copied.
CREATE VIEW buurt_app.buurtactiviteitenplan AS
SELECT d.wijkcode, d.gemeentecode, d.jaar::integer AS jaar, 'buurtdeal'::text AS soort, d.id, d.titel,
       d.thema, t.naam AS thema_naam, d.status, s.naam AS status_naam, d.budget_gemeente AS gepland_budget,
       d.wijkagenda_id, a.prioriteit, d.groene_deal
  FROM buurt.buurtdeal d
  JOIN buurt_vl.thema t ON t.code = d.thema
  JOIN buurt_vl.status s ON s.code = d.status
  LEFT JOIN buurt.wijkagenda a ON a.id = d.wijkagenda_id
 WHERE NOT s.gestopt
UNION ALL
SELECT i.wijkcode, i.gemeentecode, i.planjaar::integer, 'initiatief', i.id, i.titel, i.thema, t.naam, i.status,
       s.naam, coalesce(i.begroting, 0), i.wijkagenda_id, a.prioriteit, false
  FROM buurt.initiatief i
  JOIN buurt_vl.thema t ON t.code = i.thema
  JOIN buurt_vl.status s ON s.code = i.status
  LEFT JOIN buurt.wijkagenda a ON a.id = i.wijkagenda_id
 WHERE i.planjaar IS NOT NULL AND NOT s.eindstatus
   AND NOT EXISTS (SELECT 1 FROM buurt.buurtdeal d WHERE d.initiatief_id = i.id);

-- === jaarrapportage ===========================================================================================

-- Deals closed in a year per wijk and theme (every wijk of the gemeente, also without deals); green deals apart.
CREATE FUNCTION buurt_app.jaar_deals(p_gemeente text, p_jaar integer)
RETURNS TABLE (wijkcode text, wijknaam text, thema text, thema_naam text, buurtdeals integer, groene_deals integer,
               budget numeric)
LANGUAGE sql STABLE AS $$
  SELECT w.code, w.naam, t.code, t.naam,
         count(d.id) FILTER (WHERE NOT d.groene_deal)::integer,
         count(d.id) FILTER (WHERE d.groene_deal)::integer,
         coalesce(sum(d.budget_gemeente), 0)
    FROM buurt.wijk w CROSS JOIN buurt_vl.thema t
    LEFT JOIN (buurt.buurtdeal d JOIN buurt_vl.status s ON s.code = d.status AND s.deal_gesloten)
           ON d.wijkcode = w.code AND d.thema = t.code AND d.jaar = p_jaar
   WHERE w.gemeentecode = p_gemeente
   GROUP BY w.code, w.naam, t.code, t.naam, t.volgorde
   ORDER BY w.code, t.volgorde
$$;

-- The headline figures of a gemeente and year, in one row.
CREATE FUNCTION buurt_app.jaar_kerncijfers(p_gemeente text, p_jaar integer)
RETURNS TABLE (gemeentecode text, gemeentenaam text, jaar integer, budget numeric, besteed numeric,
               in_gesprek numeric, resterend numeric, benut_pct numeric, buurtdeals integer, groene_deals integer,
               initiatieven integer, agenda integer, spontaan integer, spontaan_pct numeric, vastgelopen integer)
LANGUAGE sql STABLE AS $$
  SELECT g.code, g.naam, p_jaar, b.budget, b.toegezegd, b.in_gesprek, b.resterend, b.benut_pct,
         (SELECT coalesce(sum(x.buurtdeals), 0)::integer FROM buurt_app.jaar_deals(p_gemeente, p_jaar) x),
         (SELECT coalesce(sum(x.groene_deals), 0)::integer FROM buurt_app.jaar_deals(p_gemeente, p_jaar) x),
         c.totaal, c.agenda, c.spontaan,
         CASE WHEN c.totaal > 0 THEN round(100.0 * c.spontaan / c.totaal, 1) END,
         (SELECT count(*)::integer FROM buurt_app.vastgelopen(make_timestamptz(p_jaar, 12, 31, 23, 59, 59))
           WHERE gemeentecode = p_gemeente)
    FROM buurt.gemeente g
    LEFT JOIN buurt_app.rapport_budget(p_jaar) b ON b.gemeentecode = g.code
    CROSS JOIN LATERAL (
          SELECT count(*)::integer AS totaal, count(*) FILTER (WHERE NOT ci.spontaan)::integer AS agenda,
                 count(*) FILTER (WHERE ci.spontaan)::integer AS spontaan
            FROM buurt_app.cyclus_initiatief ci WHERE ci.gemeentecode = g.code AND ci.jaar = p_jaar) c
   WHERE g.code = p_gemeente
$$;

-- Initiatives of the year per workflow step (where they are now), and the days spent per step by the initiatives
-- and deals of that year (finished steps only: the average and median of how long a step took).
CREATE FUNCTION buurt_app.jaar_stappen(p_gemeente text, p_jaar integer)
RETURNS TABLE (status text, status_naam text, volgorde integer, initiatieven integer, stappen integer,
               gemiddeld_dagen numeric, mediaan_dagen numeric)
LANGUAGE sql STABLE AS $$
  WITH items AS (
    SELECT 'initiatief'::text AS soort, ci.id FROM buurt_app.cyclus_initiatief ci
     WHERE ci.gemeentecode = p_gemeente AND ci.jaar = p_jaar
    UNION ALL
    SELECT 'buurtdeal', d.id FROM buurt.buurtdeal d WHERE d.gemeentecode = p_gemeente AND d.jaar = p_jaar),
  duur AS (
    SELECT st.status, st.dagen FROM buurt_app.statusstap st JOIN items i ON i.soort = st.soort AND i.id = st.object_id
     WHERE NOT st.huidig)
  SELECT s.code, s.naam, s.volgorde,
         (SELECT count(*)::integer FROM buurt_app.cyclus_initiatief ci
           WHERE ci.gemeentecode = p_gemeente AND ci.jaar = p_jaar AND ci.status = s.code),
         (SELECT count(*)::integer FROM duur WHERE duur.status = s.code),
         (SELECT round(avg(duur.dagen), 1) FROM duur WHERE duur.status = s.code),
         (SELECT round((percentile_cont(0.5) WITHIN GROUP (ORDER BY duur.dagen))::numeric, 1)
            FROM duur WHERE duur.status = s.code)
    FROM buurt_vl.status s
   ORDER BY s.volgorde
$$;

-- Reciprocity made measurable: the commitments in the closed deals of the year per party, and the share done.
CREATE FUNCTION buurt_app.jaar_wederkerigheid(p_gemeente text, p_jaar integer, p_wijk text DEFAULT NULL)
RETURNS TABLE (partij text, partij_naam text, afspraken integer, gereed integer, gereed_pct numeric,
               per_deal numeric)
LANGUAGE sql STABLE AS $$
  WITH deals AS (
    SELECT d.id FROM buurt.buurtdeal d JOIN buurt_vl.status s ON s.code = d.status AND s.deal_gesloten
     WHERE d.gemeentecode = p_gemeente AND d.jaar = p_jaar AND (p_wijk IS NULL OR d.wijkcode = p_wijk))
  SELECT p.code, p.naam, count(a.id)::integer, count(a.id) FILTER (WHERE a.gereed)::integer,
         CASE WHEN count(a.id) > 0 THEN round(100.0 * count(a.id) FILTER (WHERE a.gereed) / count(a.id), 1) END,
         round(count(a.id)::numeric / nullif((SELECT count(*) FROM deals), 0), 2)
    FROM buurt_vl.partij p
    LEFT JOIN buurt.afspraak a ON a.partij = p.code AND a.buurtdeal_id IN (SELECT id FROM deals)
   GROUP BY p.code, p.naam, p.volgorde
   ORDER BY p.volgorde
$$;

-- Progress per priority active in the year: its jaarschijf (goal, evaluation) and what serves it.
CREATE FUNCTION buurt_app.prioriteit_voortgang(p_gemeente text, p_jaar integer, p_wijk text DEFAULT NULL)
RETURNS TABLE (wijkagenda_id integer, wijkcode text, wijknaam text, thema text, thema_naam text, prioriteit text,
               herkomst_naam text, jaar_van integer, jaar_tot integer, doel text, evaluatie text, evaluatie_naam text,
               evaluatie_toelichting text, buurtdeals integer, initiatieven integer, budget numeric)
LANGUAGE sql STABLE AS $$
  SELECT a.id, a.wijkcode, w.naam, a.thema, t.naam, a.prioriteit, h.naam, a.jaar_van, a.jaar_tot,
         j.doel, j.evaluatie, e.naam, j.evaluatie_toelichting,
         (SELECT count(*)::integer FROM buurt.buurtdeal d
           JOIN buurt_vl.status s ON s.code = d.status AND NOT s.gestopt
           WHERE d.wijkagenda_id = a.id AND d.jaar = p_jaar),
         (SELECT count(*)::integer FROM buurt_app.cyclus_initiatief ci WHERE ci.wijkagenda_id = a.id
             AND ci.jaar = p_jaar),
         (SELECT coalesce(sum(d.budget_gemeente), 0) FROM buurt.buurtdeal d
           JOIN buurt_vl.status s ON s.code = d.status AND s.deal_gesloten
           WHERE d.wijkagenda_id = a.id AND d.jaar = p_jaar)
    FROM buurt.wijkagenda a
    JOIN buurt.wijk w ON w.code = a.wijkcode
    JOIN buurt_vl.thema t ON t.code = a.thema
    JOIN buurt_vl.herkomst h ON h.code = a.herkomst
    LEFT JOIN buurt.jaarschijf j ON j.wijkagenda_id = a.id AND j.jaar = p_jaar
    LEFT JOIN buurt_vl.evaluatie e ON e.code = j.evaluatie
   WHERE w.gemeentecode = p_gemeente AND p_jaar BETWEEN a.jaar_van AND a.jaar_tot
     AND (p_wijk IS NULL OR a.wijkcode = p_wijk)
   ORDER BY a.wijkcode, t.volgorde, a.id
$$;

-- === wijkanalyse ================================================================================================

-- The buurtcijfers of a wijk per indicator and year up to p_jaar: counts add up, scores are weighted by inwoners;
-- verschil = change against the year before (the trend).
CREATE FUNCTION buurt_app.wijk_cijfers(p_wijk text, p_jaar integer)
RETURNS TABLE (indicator text, indicator_naam text, eenheid text, jaar integer, waarde numeric,
               streefwaarde numeric, verschil numeric)
LANGUAGE sql STABLE AS $$
  WITH inw AS (
    SELECT c.buurtcode, c.jaar, c.waarde FROM buurt.buurtcijfer c
      JOIN buurt.buurt b ON b.code = c.buurtcode WHERE b.wijkcode = p_wijk AND c.indicator = 'inwoners'),
  per_jaar AS (
    SELECT c.indicator, c.jaar::integer AS jaar,
           CASE WHEN i.eenheid = 'aantal' THEN sum(c.waarde)
                ELSE round(sum(c.waarde * coalesce(n.waarde, 1)) / nullif(sum(coalesce(n.waarde, 1)), 0), 2) END
             AS waarde,
           CASE WHEN i.eenheid = 'aantal' THEN sum(c.streefwaarde)
                ELSE round(avg(c.streefwaarde), 2) END AS streefwaarde
      FROM buurt.buurtcijfer c
      JOIN buurt.buurt b ON b.code = c.buurtcode
      JOIN buurt_vl.indicator i ON i.code = c.indicator
      LEFT JOIN inw n ON n.buurtcode = c.buurtcode AND n.jaar = c.jaar
     WHERE b.wijkcode = p_wijk AND c.jaar <= p_jaar AND c.waarde IS NOT NULL
     GROUP BY c.indicator, c.jaar, i.eenheid)
  SELECT p.indicator, i.naam, i.eenheid, p.jaar, p.waarde, p.streefwaarde,
         p.waarde - lag(p.waarde) OVER (PARTITION BY p.indicator ORDER BY p.jaar)
    FROM per_jaar p JOIN buurt_vl.indicator i ON i.code = p.indicator
   ORDER BY i.volgorde, p.jaar
$$;

-- Support for the initiatives of a wijk in the cycle year, from two sources side by side: the latest poll
-- (buurtpeiling, imported) and the confirmed supports from the website (issue 21: publiek.initiatief.steunbetuigingen,
-- counted for published initiatives only, the only ones residents can support). An initiative with either is listed.
CREATE FUNCTION buurt_app.wijk_steun(p_wijk text, p_jaar integer)
RETURNS TABLE (initiatief_id integer, titel text, thema_naam text, datum date, voor integer, tegen integer,
               neutraal integer, respondenten integer, steun_pct numeric, steunbetuigingen integer)
LANGUAGE sql STABLE AS $$
  SELECT ci.id, ci.titel, t.naam, p.datum, p.voor, p.tegen, p.neutraal, p.respondenten,
         round(100.0 * p.voor / nullif(p.voor + p.tegen + p.neutraal, 0), 1), coalesce(pi.steunbetuigingen, 0)
    FROM buurt_app.cyclus_initiatief ci
    JOIN buurt_vl.thema t ON t.code = ci.thema
    LEFT JOIN LATERAL (SELECT * FROM buurt.peiling pe WHERE pe.initiatief_id = ci.id ORDER BY pe.datum DESC LIMIT 1) p
      ON true
    LEFT JOIN publiek.initiatief pi ON pi.id = ci.id
   WHERE ci.wijkcode = p_wijk AND ci.jaar = p_jaar AND (p.id IS NOT NULL OR pi.steunbetuigingen > 0)
   ORDER BY ci.titel, ci.id
$$;

-- Years for which a report can be made: a budget row, or a deal in that year.
CREATE FUNCTION buurt_app.rapport_jaren(p_gemeente text)
RETURNS TABLE (jaar integer, heeft_budget boolean)
LANGUAGE sql STABLE AS $$
  SELECT y.jaar, EXISTS (SELECT 1 FROM buurt.budget b WHERE b.gemeentecode = p_gemeente AND b.jaar = y.jaar)
    FROM (SELECT b.jaar::integer AS jaar FROM buurt.budget b WHERE b.gemeentecode = p_gemeente
          UNION SELECT d.jaar FROM buurt.buurtdeal d WHERE d.gemeentecode = p_gemeente) y
   ORDER BY y.jaar
$$;

GRANT SELECT ON buurt_app.statusstap, buurt_app.cyclus_initiatief, buurt_app.buurtactiviteitenplan
  TO buurtkaart_lezer;

-- === publiek ===================================================================================================

-- Published priorities (the wijkagenda the public sees) and their jaarschijven; counts of the published deals
-- and initiatives that serve them.
CREATE VIEW publiek.wijkagenda AS
SELECT a.id, a.wijkcode, w.naam AS wijknaam, w.gemeentecode, a.thema, t.naam AS thema_naam, t.kleur AS thema_kleur,
       a.prioriteit, a.omschrijving, h.naam AS herkomst_naam, a.jaar_van, a.jaar_tot,
       (SELECT count(*)::integer FROM publiek.buurtdeal d JOIN buurt.buurtdeal bd ON bd.id = d.id
         WHERE bd.wijkagenda_id = a.id) AS aantal_buurtdeals
  FROM buurt.wijkagenda a
  JOIN buurt.wijk w ON w.code = a.wijkcode
  JOIN buurt_vl.thema t ON t.code = a.thema
  JOIN buurt_vl.herkomst h ON h.code = a.herkomst
 WHERE a.gepubliceerd;

CREATE VIEW publiek.jaarschijf AS
SELECT j.id, j.wijkagenda_id, a.wijkcode, j.jaar, j.doel, j.indicator, j.streefwaarde, j.evaluatie,
       e.naam AS evaluatie_naam, j.evaluatie_toelichting
  FROM buurt.jaarschijf j
  JOIN buurt.wijkagenda a ON a.id = j.wijkagenda_id AND a.gepubliceerd
  LEFT JOIN buurt_vl.evaluatie e ON e.code = j.evaluatie;

-- Which published deal serves which published priority (NULL = spontaneous), for the viewer's wijk panel.
CREATE VIEW publiek.buurtdeal_prioriteit AS
SELECT d.id AS buurtdeal_id, d.titel, d.jaar, d.wijkcode, d.thema, d.thema_naam, d.status_naam, d.budget_gemeente,
       pa.id AS wijkagenda_id, pa.prioriteit
  FROM publiek.buurtdeal d
  JOIN buurt.buurtdeal bd ON bd.id = d.id
  LEFT JOIN publiek.wijkagenda pa ON pa.id = bd.wijkagenda_id;

-- The viewer's wijk panel in one row per wijk: what the wijk wants (published priorities with their jaarschijven)
-- and which published deals serve which priority; deals without a published priority are the spontaneous ones.
CREATE VIEW publiek.wijkagenda_paneel AS
SELECT w.code AS wijkcode, w.naam AS wijknaam,
       jsonb_build_object(
         'wijkcode', w.code, 'wijknaam', w.naam,
         'prioriteiten', coalesce((
           SELECT jsonb_agg(jsonb_build_object(
                    'id', a.id, 'thema', a.thema, 'thema_naam', a.thema_naam, 'thema_kleur', a.thema_kleur,
                    'prioriteit', a.prioriteit, 'omschrijving', a.omschrijving, 'herkomst', a.herkomst_naam,
                    'jaar_van', a.jaar_van, 'jaar_tot', a.jaar_tot,
                    'jaarschijven', coalesce((
                      SELECT jsonb_agg(jsonb_build_object('jaar', j.jaar, 'doel', j.doel,
                                                          'evaluatie', j.evaluatie_naam,
                                                          'toelichting', j.evaluatie_toelichting) ORDER BY j.jaar)
                        FROM publiek.jaarschijf j WHERE j.wijkagenda_id = a.id), '[]'::jsonb),
                    'buurtdeals', coalesce((
                      SELECT jsonb_agg(jsonb_build_object('id', d.buurtdeal_id, 'titel', d.titel, 'jaar', d.jaar,
                                                          'status_naam', d.status_naam,
                                                          'budget_gemeente', d.budget_gemeente)
                                       ORDER BY d.jaar, d.titel)
                        FROM publiek.buurtdeal_prioriteit d WHERE d.wijkagenda_id = a.id), '[]'::jsonb))
                  ORDER BY t.volgorde, a.id)
             FROM publiek.wijkagenda a JOIN buurt_vl.thema t ON t.code = a.thema
            WHERE a.wijkcode = w.code), '[]'::jsonb),
         'spontaan', coalesce((
           SELECT jsonb_agg(jsonb_build_object('id', d.buurtdeal_id, 'titel', d.titel, 'jaar', d.jaar,
                                               'thema_naam', d.thema_naam, 'status_naam', d.status_naam,
                                               'budget_gemeente', d.budget_gemeente) ORDER BY d.jaar, d.titel)
             FROM publiek.buurtdeal_prioriteit d WHERE d.wijkcode = w.code AND d.wijkagenda_id IS NULL), '[]'::jsonb)
       ) AS paneel
  FROM buurt.wijk w;
