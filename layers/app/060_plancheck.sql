-- Plan check (plantoets) for designers: what does a plan for the public space touch? THE single implementation;
-- the CLI, the HTTP service and the QGIS Processing algorithm all call buurt_app.plantoets (the public service
-- through publiek.plantoets) and only present its rows. Thresholds are rows in buurt_sys.instelling (0030).
--
-- Columns of a finding (one row each):
--   volgnr          order in the report: most severe first
--   categorie       plan | regel | beheerobject | buurtdeal | afspraak | initiatief | wijk | buurt
--   ernst           buurt_vl.ernst: ernstig | waarschuwing | info
--   regel           the rule that gave the severity (e.g. speelplek_verdwijnt), NULL for plain information
--   soort           objectsoort of a beheerobject; else the categorie
--   object_id       id/code of the object, deal, commitment, initiative, wijk or buurt
--   naam            its name (or title)
--   relatie         binnen (entirely in the plan) | overlapt (partly) | nabij (within zoekafstand, outside)
--                   | via_object (a deal reached through an object it governs) | plan
--   oppervlakte_m2  area of the object inside the plan (= m² lost); for wijk/buurt: area of the plan in it
--   aandeel_pct     share of the object inside the plan; for wijk/buurt: share of the plan that lies in it
--   lengte_m        length of a line object inside the plan
--   afstand_m       distance between object and plan (0 when they touch)
--   buurtdeal_id, buurtdeal_titel   the deal at stake (an object maintained by residents under it, ...)
--   melding         one Dutch sentence for the report
--   geom            what to draw: the part inside the plan, or the object itself when it is only near

CREATE FUNCTION buurt_app.plantoets_getal(p_waarde numeric, p_decimalen integer DEFAULT 0) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  -- Dutch notation for messages: decimal comma, no thousands separator
  SELECT replace(round(p_waarde, p_decimalen)::text, '.', ',')
$$;

-- The plan as an area in RD New: reprojected, 2D, repaired, lines/points buffered, dissolved. Refuses (23514)
-- what cannot be checked. Returns the area and, when it was repaired, why.
CREATE FUNCTION buurt_app.plantoets_plangebied(p_plan geometry, p_lijnbuffer_m numeric,
                                               OUT plangebied geometry, OUT reparatie text)
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, public AS $$
DECLARE
  v_invoer geometry;
  v_vlakken geometry;
  v_lijnen geometry;
  v_punten geometry;
  v_max numeric := buurt_app.instelling('plantoets_max_oppervlakte_m2');
  v_opp numeric;
BEGIN
  IF p_plan IS NULL OR ST_IsEmpty(p_plan) THEN
    RAISE EXCEPTION 'Het plan is leeg: er is geen geometrie om te toetsen.' USING ERRCODE = 'check_violation',
      HINT = 'Geef een plan met minstens één vlak, lijn of punt.';
  END IF;
  IF ST_SRID(p_plan) = 0 THEN
    RAISE EXCEPTION 'Het plan heeft geen coördinatenstelsel (SRID 0).' USING ERRCODE = 'check_violation',
      HINT = 'Geef het coördinatenstelsel op, bijvoorbeeld EPSG:28992 (RD New) of EPSG:4326 (WGS84).';
  END IF;
  BEGIN
    v_invoer := ST_Force2D(CASE WHEN ST_SRID(p_plan) = 28992 THEN p_plan ELSE ST_Transform(p_plan, 28992) END);
  EXCEPTION WHEN OTHERS THEN
    RAISE EXCEPTION 'Het plan kan niet van EPSG:% naar EPSG:28992 (RD New) worden omgezet: %.',
      ST_SRID(p_plan), SQLERRM USING ERRCODE = 'check_violation';
  END;
  v_vlakken := ST_CollectionExtract(v_invoer, 3);
  v_lijnen := ST_CollectionExtract(v_invoer, 2);
  v_punten := ST_CollectionExtract(v_invoer, 1);
  -- only areas can be invalid in a way that matters; a repaired area stays an area (a collapsed one is dropped)
  IF NOT ST_IsValid(v_vlakken) THEN
    reparatie := ST_IsValidReason(v_vlakken);
    v_vlakken := ST_CollectionExtract(ST_MakeValid(v_vlakken), 3);
  END IF;
  IF ST_IsEmpty(v_vlakken) AND ST_IsEmpty(v_lijnen) AND ST_IsEmpty(v_punten) THEN
    RAISE EXCEPTION 'Het plan heeft geen oppervlakte (%).', coalesce(reparatie, 'alleen gedegenereerde vlakken')
      USING ERRCODE = 'check_violation', HINT = 'Controleer of het plan gesloten vlakken bevat.';
  END IF;
  IF ST_IsEmpty(v_vlakken) AND coalesce(p_lijnbuffer_m, 0) <= 0 THEN
    RAISE EXCEPTION 'Het plan bevat alleen lijnen of punten en de lijnbuffer is 0 m: er is geen plangebied.'
      USING ERRCODE = 'check_violation', HINT = 'Geef een lijnbuffer groter dan 0 m op of teken het plan als vlak.';
  END IF;
  plangebied := ST_UnaryUnion(ST_Collect(ARRAY[
    v_vlakken,
    CASE WHEN NOT ST_IsEmpty(v_lijnen) AND p_lijnbuffer_m > 0
         THEN ST_Buffer(v_lijnen, p_lijnbuffer_m, 'endcap=flat') END,
    CASE WHEN NOT ST_IsEmpty(v_punten) AND p_lijnbuffer_m > 0 THEN ST_Buffer(v_punten, p_lijnbuffer_m) END]));
  plangebied := ST_Multi(ST_CollectionExtract(ST_MakeValid(plangebied), 3));
  v_opp := ST_Area(plangebied);
  IF plangebied IS NULL OR ST_IsEmpty(plangebied) OR v_opp = 0 THEN
    RAISE EXCEPTION 'Het plan heeft geen oppervlakte (%).', coalesce(reparatie, 'alleen gedegenereerde vlakken')
      USING ERRCODE = 'check_violation', HINT = 'Controleer of het plan gesloten vlakken bevat.';
  END IF;
  IF v_opp > v_max THEN
    RAISE EXCEPTION 'Het plan is te groot: % m², de plantoets neemt maximaal % m².',
      buurt_app.plantoets_getal(v_opp::numeric), buurt_app.plantoets_getal(v_max)
      USING ERRCODE = 'check_violation',
            HINT = 'Toets een kleiner gebied, of verhoog de instelling plantoets_max_oppervlakte_m2.';
  END IF;
END
$$;

-- One function per finding category; each returns the columns of buurt_app.plantoets_rij, and buurt_app.plantoets
-- joins them with UNION ALL and numbers the whole. The object, deal and commitment findings share intermediate
-- sets (the objects near the plan with their measures, the deals at stake): plantoets computes each once and hands
-- it to the categories that need it as an array.
CREATE TYPE buurt_app.plantoets_rij AS (
  cat text, ern text, rgl text, srt text, oid text, nm text, rel text, opp numeric, pct numeric, len numeric,
  afst numeric, deal_id integer, deal_titel text, mld text, g geometry
);

-- An object in or near the plan with what lies inside it (deel) and how much (opp_deel, len_deel, pct, rel).
CREATE TYPE buurt_app.plantoets_object AS (
  id integer, soort text, soortnaam text, objnaam text, beheerder text, ogeom geometry, gtype text,
  deal_id integer, deal_titel text, afstand numeric, deel geometry, opp_obj numeric, opp_deel numeric,
  len_deel numeric, pct numeric, rel text
);

-- A deal at stake: in or near the plan, or governing an object in it (via: those objects' names).
CREATE TYPE buurt_app.plantoets_deal AS (
  id integer, titel text, status text, geom geometry, statusnaam text, eindstatus boolean, deal_gesloten boolean,
  gestopt boolean, afstand numeric, deel geometry, via text, rel text
);

-- Deals the caller may see: everything for staff, only what publiek shows for the public.
CREATE FUNCTION buurt_app.plantoets_zichtbare_deals(p_publiek boolean)
RETURNS TABLE (id integer, titel text, status text, geom geometry, statusnaam text, eindstatus boolean,
               deal_gesloten boolean, gestopt boolean)
LANGUAGE sql STABLE AS $$
  SELECT d.id, d.titel, d.status, d.geom, s.naam AS statusnaam, s.eindstatus, s.deal_gesloten, s.gestopt
    FROM buurt.buurtdeal d JOIN buurt_vl.status s ON s.code = d.status
   WHERE NOT p_publiek OR EXISTS (SELECT 1 FROM publiek.buurtdeal pd WHERE pd.id = d.id)
$$;

-- The objects within p_zoek of the plan, measured against it.
CREATE FUNCTION buurt_app.plantoets_objectmaten(p_plan geometry, p_zoek numeric, p_publiek boolean)
RETURNS SETOF buurt_app.plantoets_object
LANGUAGE sql STABLE AS $$
  WITH
  obj AS (
    SELECT o.id, o.soort, s.naam AS soortnaam, coalesce(o.naam, s.naam || ' ' || o.id) AS objnaam,
           o.beheerder, o.geom AS ogeom, GeometryType(o.geom) AS gtype,
           zd.id AS deal_id, zd.titel AS deal_titel,
           ST_Distance(o.geom, p_plan)::numeric AS afstand,
           CASE WHEN ST_Intersects(o.geom, p_plan) THEN ST_Intersection(o.geom, p_plan) END AS deel
      FROM buurt.beheerobject o
      JOIN buurt_vl.objectsoort s ON s.code = o.soort
      LEFT JOIN buurt_app.plantoets_zichtbare_deals(p_publiek) zd ON zd.id = o.buurtdeal_id
     WHERE ST_DWithin(o.geom, p_plan, p_zoek)
  ),
  objmaat AS (
    SELECT ob.*,
           CASE WHEN ob.gtype = 'MULTIPOLYGON' THEN ST_Area(ob.ogeom)::numeric END AS opp_obj,
           CASE WHEN ob.gtype = 'MULTIPOLYGON' THEN coalesce(ST_Area(ob.deel), 0)::numeric END AS opp_deel,
           CASE WHEN ob.gtype = 'LINESTRING' THEN coalesce(ST_Length(ob.deel), 0)::numeric END AS len_deel,
           CASE ob.gtype
             WHEN 'MULTIPOLYGON' THEN 100 * coalesce(ST_Area(ob.deel), 0) / nullif(ST_Area(ob.ogeom), 0)
             WHEN 'LINESTRING' THEN 100 * coalesce(ST_Length(ob.deel), 0) / nullif(ST_Length(ob.ogeom), 0)
             ELSE CASE WHEN ob.deel IS NULL THEN 0 ELSE 100 END END::numeric AS pct
      FROM obj ob
  )
  SELECT om.*,
         CASE WHEN om.pct <= 0 THEN 'nabij'
              WHEN om.pct >= 100 OR ST_CoveredBy(om.ogeom, p_plan) THEN 'binnen'
              ELSE 'overlapt' END AS rel
    FROM objmaat om
$$;

-- The deals whose area or point lies near/in the plan, plus the deals governing an object in the plan.
CREATE FUNCTION buurt_app.plantoets_dealrelaties(p_plan geometry, p_zoek numeric, p_publiek boolean,
                                                 p_objecten buurt_app.plantoets_object[])
RETURNS SETOF buurt_app.plantoets_deal
LANGUAGE sql STABLE AS $$
  WITH
  deal AS (
    SELECT zd.*, ST_Distance(zd.geom, p_plan)::numeric AS afstand,
           CASE WHEN ST_Intersects(zd.geom, p_plan) THEN ST_Intersection(zd.geom, p_plan) END AS deel,
           (SELECT string_agg(DISTINCT r.objnaam, ', ') FROM unnest(p_objecten) r
             WHERE r.deal_id = zd.id AND r.rel <> 'nabij') AS via
      FROM buurt_app.plantoets_zichtbare_deals(p_publiek) zd
     WHERE NOT zd.gestopt
       AND (ST_DWithin(zd.geom, p_plan, p_zoek)
            OR zd.id IN (SELECT r.deal_id FROM unnest(p_objecten) r WHERE r.rel <> 'nabij'))
  )
  SELECT d.*,
         CASE WHEN d.deel IS NOT NULL AND (GeometryType(d.geom) = 'POINT' OR ST_Area(d.deel) > 0)
              THEN CASE WHEN ST_CoveredBy(d.geom, p_plan) THEN 'binnen' ELSE 'overlapt' END
              WHEN d.via IS NOT NULL THEN 'via_object'
              ELSE 'nabij' END AS rel
    FROM deal d
$$;

-- The thresholds of the findings (rows in buurt_sys.instelling), as one row.
CREATE FUNCTION buurt_app.plantoets_drempels(OUT groen_m2 numeric, OUT groen_pct numeric, OUT speel_pct numeric,
                                             OUT buiten_pct numeric)
LANGUAGE sql STABLE AS $$
  SELECT buurt_app.instelling('plantoets_groenverlies_m2'), buurt_app.instelling('plantoets_groenverlies_pct'),
         buurt_app.instelling('plantoets_speelplek_pct'), buurt_app.instelling('plantoets_buiten_gemeente_pct')
$$;

-- The plan itself: its area and the buffer and search distance used.
CREATE FUNCTION buurt_app.plantoets_plan(p_plan geometry, p_opp numeric, p_buffer numeric, p_zoek numeric)
RETURNS SETOF buurt_app.plantoets_rij
LANGUAGE sql STABLE AS $$
  SELECT 'plan'::text AS cat, 'info'::text AS ern, NULL::text AS rgl, 'plan'::text AS srt, NULL::text AS oid,
         'Plangebied'::text AS nm, 'plan'::text AS rel, round(p_opp, 2) AS opp, NULL::numeric AS pct,
         NULL::numeric AS len, NULL::numeric AS afst, NULL::integer AS deal_id, NULL::text AS deal_titel,
         format('Plangebied van %s m²; lijnen en punten gebufferd met %s m, zoekafstand %s m.',
                buurt_app.plantoets_getal(p_opp), buurt_app.plantoets_getal(p_buffer, 1),
                buurt_app.plantoets_getal(p_zoek, 1)) AS mld,
         p_plan AS g
$$;

-- Rules over the plan as a whole: total green lost, a repaired plan, a plan partly outside the gemeente
-- (p_binnen: its area inside the gemeenten).
CREATE FUNCTION buurt_app.plantoets_regels(p_objecten buurt_app.plantoets_object[], p_opp numeric, p_binnen numeric,
                                           p_reparatie text)
RETURNS SETOF buurt_app.plantoets_rij
LANGUAGE sql STABLE AS $$
  WITH
  groentotaal AS (
    SELECT sum(r.opp_deel) AS opp, count(*) AS n FROM unnest(p_objecten) r WHERE r.soort = 'groen' AND r.rel <> 'nabij'
  )
  SELECT 'regel'::text AS cat, CASE WHEN gt.opp > i.groen_m2 THEN 'ernstig' ELSE 'info' END AS ern,
         'groenverlies'::text AS rgl, 'groen'::text AS srt, NULL::text AS oid, 'Groenverlies'::text AS nm,
         'binnen'::text AS rel, round(gt.opp, 2) AS opp, round(100 * gt.opp / p_opp, 1) AS pct,
         NULL::numeric AS len, NULL::numeric AS afst, NULL::integer AS deal_id, NULL::text AS deal_titel,
         format('In totaal ligt %s m² groen (%s vlakken) in het plan%s.', buurt_app.plantoets_getal(gt.opp),
                gt.n, CASE WHEN gt.opp > i.groen_m2
                           THEN format(', meer dan de drempel van %s m²', buurt_app.plantoets_getal(i.groen_m2))
                           ELSE '' END) AS mld,
         NULL::geometry AS g
    FROM groentotaal gt CROSS JOIN buurt_app.plantoets_drempels() i WHERE gt.n > 0
  UNION ALL
  SELECT 'regel', 'waarschuwing', 'plan_gerepareerd', 'plan', NULL, 'Plan gerepareerd', 'plan',
         NULL, NULL, NULL, NULL, NULL, NULL,
         format('Het plan was ongeldig (%s) en is automatisch gerepareerd; controleer of het plangebied klopt.',
                p_reparatie),
         NULL::geometry
   WHERE p_reparatie IS NOT NULL
  UNION ALL
  SELECT 'regel', 'waarschuwing', 'plan_buiten_gemeente', 'plan', NULL, 'Plan buiten de gemeente', 'overlapt',
         round(p_opp - p_binnen, 2), round(100 * (p_opp - p_binnen) / p_opp, 1), NULL, NULL, NULL, NULL,
         format('%s%% van het plan (%s m²) ligt buiten de gemeente; daar toetst de plantoets niets.',
                buurt_app.plantoets_getal(100 * (p_opp - p_binnen) / p_opp, 1),
                buurt_app.plantoets_getal(p_opp - p_binnen)),
         NULL::geometry
    FROM buurt_app.plantoets_drempels() i WHERE 100 * (p_opp - p_binnen) / p_opp > i.buiten_pct
$$;

-- Public-space objects in or near the plan, with the rule that gives each its severity.
CREATE FUNCTION buurt_app.plantoets_objecten(p_objecten buurt_app.plantoets_object[])
RETURNS SETOF buurt_app.plantoets_rij
LANGUAGE sql STABLE AS $$
  WITH
  objregel AS (
    SELECT r.*,
           CASE WHEN r.rel = 'nabij' THEN NULL
                WHEN r.beheerder = 'bewoners' THEN 'bewonersbeheer'
                WHEN r.soort = 'speelplek' AND (r.gtype = 'POINT' OR r.pct >= i.speel_pct) THEN 'speelplek_verdwijnt'
                WHEN r.soort = 'speelplek' THEN 'speelplek_geraakt'
                WHEN r.soort = 'groen' AND r.pct > i.groen_pct THEN 'groen_verdwijnt'
                WHEN r.soort = 'groen' THEN 'groen_geraakt'
                WHEN r.soort = 'zebrapad' THEN 'zebrapad_in_plan'
                ELSE 'object_in_plan' END AS regelcode
      FROM unnest(p_objecten) r CROSS JOIN buurt_app.plantoets_drempels() i
  )
  SELECT 'beheerobject'::text AS cat,
         CASE r.regelcode
           WHEN 'bewonersbeheer' THEN 'ernstig' WHEN 'speelplek_verdwijnt' THEN 'ernstig'
           WHEN 'speelplek_geraakt' THEN 'waarschuwing' WHEN 'groen_verdwijnt' THEN 'waarschuwing'
           WHEN 'zebrapad_in_plan' THEN 'waarschuwing' WHEN 'object_in_plan' THEN 'waarschuwing'
           ELSE 'info' END AS ern,
         r.regelcode AS rgl, r.soort AS srt, r.id::text AS oid, r.objnaam AS nm, r.rel,
         round(r.opp_deel, 2) AS opp, round(r.pct, 1) AS pct, round(r.len_deel, 2) AS len,
         round(r.afstand, 2) AS afst, r.deal_id, r.deal_titel,
         format('%s "%s" %s', r.soortnaam, r.objnaam,
           CASE
             WHEN r.rel = 'nabij' THEN format('ligt op %s m van het plan.', buurt_app.plantoets_getal(r.afstand, 1))
             ELSE (CASE WHEN r.rel = 'binnen' THEN 'ligt binnen het plan' ELSE 'overlapt het plan' END)
               || CASE WHEN r.gtype = 'MULTIPOLYGON'
                       THEN format(' (%s m² van %s m², %s%%)', buurt_app.plantoets_getal(r.opp_deel),
                                   buurt_app.plantoets_getal(r.opp_obj), buurt_app.plantoets_getal(r.pct, 1))
                       WHEN r.gtype = 'LINESTRING'
                       THEN format(' (%s m)', buurt_app.plantoets_getal(r.len_deel, 1)) ELSE '' END
               || CASE r.regelcode
                    WHEN 'bewonersbeheer' THEN ': bewoners onderhouden dit'
                      || CASE WHEN r.deal_titel IS NOT NULL
                              THEN format(' onder buurtdeal "%s"', r.deal_titel) ELSE '' END || '.'
                    WHEN 'speelplek_verdwijnt' THEN ': de speelplek verdwijnt.'
                    WHEN 'speelplek_geraakt' THEN ': de speelplek wordt kleiner.'
                    WHEN 'groen_verdwijnt' THEN ': het groen verdwijnt grotendeels.'
                    WHEN 'zebrapad_in_plan' THEN ': het zebrapad ligt in het plangebied.'
                    ELSE '.' END
           END) AS mld,
         CASE WHEN r.rel = 'nabij' THEN r.ogeom ELSE r.deel END AS g
    FROM objregel r
$$;

-- The deals at stake, most severe when one is being carried out now.
CREATE FUNCTION buurt_app.plantoets_deals(p_deals buurt_app.plantoets_deal[])
RETURNS SETOF buurt_app.plantoets_rij
LANGUAGE sql STABLE AS $$
  SELECT 'buurtdeal'::text AS cat,
         CASE WHEN d.rel = 'nabij' OR d.eindstatus THEN 'info'
              WHEN d.status = 'uitvoering' THEN 'ernstig'
              ELSE 'waarschuwing' END AS ern,
         CASE WHEN d.rel = 'nabij' OR d.eindstatus THEN NULL
              WHEN d.status = 'uitvoering' THEN 'deal_in_uitvoering'
              WHEN d.deal_gesloten THEN 'deal_gesloten'
              ELSE 'deal_in_voorbereiding' END AS rgl,
         'buurtdeal'::text AS srt, d.id::text AS oid, d.titel AS nm, d.rel,
         round(CASE WHEN d.deel IS NOT NULL THEN ST_Area(d.deel)::numeric END, 2) AS opp,
         round(CASE WHEN GeometryType(d.geom) = 'MULTIPOLYGON' AND d.deel IS NOT NULL
                    THEN 100 * ST_Area(d.deel)::numeric / nullif(ST_Area(d.geom), 0)::numeric END, 1) AS pct,
         NULL::numeric AS len, round(d.afstand, 2) AS afst, d.id AS deal_id, d.titel AS deal_titel,
         format('Buurtdeal "%s" (%s) %s', d.titel, lower(d.statusnaam),
           CASE d.rel
             WHEN 'nabij' THEN format('ligt op %s m van het plan.', buurt_app.plantoets_getal(d.afstand, 1))
             WHEN 'via_object' THEN format('gaat over %s in het plan.', d.via)
             WHEN 'binnen' THEN 'ligt binnen het plan.'
             ELSE 'overlapt het plan.' END
           || CASE WHEN d.rel <> 'nabij' AND d.status = 'uitvoering'
                   THEN ' De deal wordt nu uitgevoerd: overleg met de bewoners.' ELSE '' END) AS mld,
         CASE WHEN d.rel IN ('binnen', 'overlapt') THEN d.deel ELSE d.geom END AS g
    FROM unnest(p_deals) d
$$;

-- The commitments at stake: those of every deal the plan touches (directly or through its objects).
CREATE FUNCTION buurt_app.plantoets_afspraken(p_deals buurt_app.plantoets_deal[])
RETURNS SETOF buurt_app.plantoets_rij
LANGUAGE sql STABLE AS $$
  SELECT 'afspraak'::text AS cat,
         CASE WHEN NOT a.gereed AND d.deal_gesloten AND NOT d.eindstatus THEN 'waarschuwing' ELSE 'info' END AS ern,
         CASE WHEN NOT a.gereed AND d.deal_gesloten AND NOT d.eindstatus THEN 'afspraak_lopend' END AS rgl,
         a.partij AS srt, a.id::text AS oid, p.naam AS nm, d.rel,
         NULL::numeric AS opp, NULL::numeric AS pct, NULL::numeric AS len, round(d.afstand, 2) AS afst,
         d.id AS deal_id, d.titel AS deal_titel,
         format('Afspraak %s in buurtdeal "%s": %s (%s).', lower(p.naam), d.titel, a.omschrijving,
                CASE WHEN a.gereed THEN 'gereed' ELSE 'nog niet gereed' END) AS mld,
         NULL::geometry AS g
    FROM unnest(p_deals) d
    JOIN buurt.afspraak a ON a.buurtdeal_id = d.id
    JOIN buurt_vl.partij p ON p.code = a.partij
   WHERE d.rel <> 'nabij'
$$;

-- Initiatives in or near the plan (stopped ones left out; the public sees published ones only), each with its
-- support: the latest buurtpeiling and the confirmed supports from the website (issue 21), the two sources of the
-- same figure the report's wijkanalyse shows (buurt_app.wijk_steun). The website's count is read from publiek
-- (only published initiatives can be supported), so every caller of the plan check may read it.
CREATE FUNCTION buurt_app.plantoets_initiatieven(p_plan geometry, p_zoek numeric, p_publiek boolean)
RETURNS SETOF buurt_app.plantoets_rij
LANGUAGE sql STABLE AS $$
  SELECT 'initiatief'::text AS cat,
         CASE WHEN x.rel <> 'nabij' AND NOT x.eindstatus THEN 'waarschuwing' ELSE 'info' END AS ern,
         CASE WHEN x.rel <> 'nabij' AND NOT x.eindstatus THEN 'initiatief_geraakt' END AS rgl,
         'initiatief'::text AS srt, x.id::text AS oid, x.titel AS nm, x.rel,
         round(CASE WHEN x.deel IS NOT NULL AND GeometryType(x.geom) <> 'POINT'
                    THEN ST_Area(x.deel)::numeric END, 2) AS opp,
         NULL::numeric AS pct, NULL::numeric AS len, round(x.afstand, 2) AS afst,
         NULL::integer AS deal_id, NULL::text AS deal_titel,
         format('Initiatief "%s" (%s) %s%s', x.titel, lower(x.statusnaam),
           CASE x.rel WHEN 'nabij' THEN format('ligt op %s m van het plan.', buurt_app.plantoets_getal(x.afstand, 1))
                      WHEN 'binnen' THEN 'ligt binnen het plan.' ELSE 'overlapt het plan.' END,
           CASE WHEN x.steun_pct IS NOT NULL OR x.steun_web > 0 THEN
             ' Draagvlak: ' || concat_ws(', ',
               CASE WHEN x.steun_pct IS NOT NULL THEN format('%s%% voor in de buurtpeiling (%s respondenten)',
                                                             buurt_app.plantoets_getal(x.steun_pct), x.respondenten) END,
               CASE WHEN x.steun_web > 0 THEN format('%s %s via de website', x.steun_web,
                    CASE WHEN x.steun_web = 1 THEN 'steunbetuiging' ELSE 'steunbetuigingen' END) END) || '.'
           ELSE '' END) AS mld,
         CASE WHEN x.rel = 'nabij' THEN x.geom ELSE x.deel END AS g
    FROM (SELECT i.id, i.titel, i.geom, s.naam AS statusnaam, s.eindstatus,
                 ST_Distance(i.geom, p_plan)::numeric AS afstand, y.deel,
                 pe.steun_pct, pe.respondenten, coalesce(pi.steunbetuigingen, 0) AS steun_web,
                 CASE WHEN y.deel IS NULL OR (GeometryType(i.geom) <> 'POINT' AND ST_Area(y.deel) = 0) THEN 'nabij'
                      WHEN ST_CoveredBy(i.geom, p_plan) THEN 'binnen' ELSE 'overlapt' END AS rel
            FROM buurt.initiatief i
            JOIN buurt_vl.status s ON s.code = i.status
            CROSS JOIN LATERAL (SELECT CASE WHEN ST_Intersects(i.geom, p_plan)
                                            THEN ST_Intersection(i.geom, p_plan) END AS deel) y
            LEFT JOIN LATERAL (SELECT round(100.0 * p.voor / nullif(p.voor + p.tegen + p.neutraal, 0)) AS steun_pct,
                                      p.respondenten
                                 FROM buurt.peiling p WHERE p.initiatief_id = i.id
                                ORDER BY p.datum DESC LIMIT 1) pe ON true
            LEFT JOIN publiek.initiatief pi ON pi.id = i.id
           WHERE ST_DWithin(i.geom, p_plan, p_zoek)
             AND NOT s.gestopt
             AND (NOT p_publiek OR EXISTS (SELECT 1 FROM publiek.initiatief pi WHERE pi.id = i.id))) x
$$;

-- The wijken and buurten the plan lies in, with the share of the plan in each.
CREATE FUNCTION buurt_app.plantoets_gebieden(p_plan geometry, p_opp numeric)
RETURNS SETOF buurt_app.plantoets_rij
LANGUAGE sql STABLE AS $$
  SELECT gb.cat, 'info'::text AS ern, NULL::text AS rgl, gb.cat AS srt, gb.code AS oid, gb.gnaam AS nm,
         CASE WHEN ST_CoveredBy(p_plan, gb.ggeom) THEN 'binnen' ELSE 'overlapt' END AS rel,
         round(ST_Area(gb.deel)::numeric, 2) AS opp, round(100 * ST_Area(gb.deel)::numeric / p_opp, 1) AS pct,
         NULL::numeric AS len, 0::numeric AS afst, NULL::integer AS deal_id, NULL::text AS deal_titel,
         format('%s %s (%s): %s%% van het plan (%s m²).', initcap(gb.cat), gb.gnaam, gb.code,
                buurt_app.plantoets_getal(100 * ST_Area(gb.deel)::numeric / p_opp, 1),
                buurt_app.plantoets_getal(ST_Area(gb.deel)::numeric)) AS mld,
         gb.deel AS g
    FROM (SELECT 'wijk'::text AS cat, w.code, w.naam AS gnaam, w.geom AS ggeom, ST_Intersection(w.geom, p_plan) AS deel
            FROM buurt.wijk w WHERE ST_Intersects(w.geom, p_plan)
          UNION ALL
          SELECT 'buurt', b.code, b.naam, b.geom, ST_Intersection(b.geom, p_plan)
            FROM buurt.buurt b WHERE ST_Intersects(b.geom, p_plan)) gb
   WHERE ST_Area(gb.deel) > 0
$$;

CREATE FUNCTION buurt_app.plantoets(p_plan geometry,
                                    p_lijnbuffer_m numeric DEFAULT NULL,
                                    p_zoekafstand_m numeric DEFAULT NULL,
                                    p_publiek boolean DEFAULT false)
RETURNS TABLE (volgnr integer, categorie text, ernst text, regel text, soort text, object_id text, naam text,
               relatie text, oppervlakte_m2 numeric, aandeel_pct numeric, lengte_m numeric, afstand_m numeric,
               buurtdeal_id integer, buurtdeal_titel text, melding text, geom geometry)
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, public AS $$
#variable_conflict use_column
DECLARE
  v_buffer numeric := coalesce(p_lijnbuffer_m, buurt_app.instelling('plantoets_lijnbuffer_m'));
  v_zoek numeric := coalesce(p_zoekafstand_m, buurt_app.instelling('plantoets_zoekafstand_m'));
  v_max_zoek numeric := buurt_app.instelling('plantoets_max_zoekafstand_m');
  v_plan geometry;
  v_reparatie text;
  v_opp numeric;
  v_binnen numeric;
  v_objecten buurt_app.plantoets_object[];
  v_deals buurt_app.plantoets_deal[];
BEGIN
  IF v_buffer < 0 OR v_buffer > v_max_zoek THEN
    RAISE EXCEPTION 'Lijnbuffer % m valt buiten het toegestane bereik 0 tot % m.',
      buurt_app.plantoets_getal(v_buffer, 1), buurt_app.plantoets_getal(v_max_zoek)
      USING ERRCODE = 'check_violation';
  END IF;
  IF v_zoek < 0 OR v_zoek > v_max_zoek THEN
    RAISE EXCEPTION 'Zoekafstand % m valt buiten het toegestane bereik 0 tot % m.',
      buurt_app.plantoets_getal(v_zoek, 1), buurt_app.plantoets_getal(v_max_zoek)
      USING ERRCODE = 'check_violation';
  END IF;
  SELECT pg.plangebied, pg.reparatie INTO v_plan, v_reparatie
    FROM buurt_app.plantoets_plangebied(p_plan, v_buffer) pg;
  v_opp := ST_Area(v_plan);

  IF NOT EXISTS (SELECT 1 FROM buurt.gemeente) THEN
    RAISE EXCEPTION 'De plantoets kan niet: er zijn nog geen gemeentegrenzen geladen.'
      USING ERRCODE = 'check_violation', HINT = 'Importeer eerst de wijk- en buurtkaart.';
  END IF;
  SELECT coalesce(sum(ST_Area(ST_Intersection(g.geom, v_plan))), 0) INTO v_binnen
    FROM buurt.gemeente g WHERE ST_Intersects(g.geom, v_plan);
  IF v_binnen = 0 THEN
    RAISE EXCEPTION 'Het plan ligt buiten de gemeente.' USING ERRCODE = 'check_violation',
      DETAIL = format('Het plan ligt rond x %s, y %s (RD New).',
                      round(ST_X(ST_PointOnSurface(v_plan))), round(ST_Y(ST_PointOnSurface(v_plan)))),
      HINT = 'Controleer het coördinatenstelsel van het planbestand (bijvoorbeeld RD New tegenover WGS84).';
  END IF;

  v_objecten := ARRAY(SELECT o FROM buurt_app.plantoets_objectmaten(v_plan, v_zoek, p_publiek) o);
  v_deals := ARRAY(SELECT d FROM buurt_app.plantoets_dealrelaties(v_plan, v_zoek, p_publiek, v_objecten) d);

  RETURN QUERY
  WITH alles AS (
    SELECT * FROM buurt_app.plantoets_plan(v_plan, v_opp, v_buffer, v_zoek)
    UNION ALL SELECT * FROM buurt_app.plantoets_regels(v_objecten, v_opp, v_binnen, v_reparatie)
    UNION ALL SELECT * FROM buurt_app.plantoets_objecten(v_objecten)
    UNION ALL SELECT * FROM buurt_app.plantoets_deals(v_deals)
    UNION ALL SELECT * FROM buurt_app.plantoets_afspraken(v_deals)
    UNION ALL SELECT * FROM buurt_app.plantoets_initiatieven(v_plan, v_zoek, p_publiek)
    UNION ALL SELECT * FROM buurt_app.plantoets_gebieden(v_plan, v_opp)
  )
  SELECT (row_number() OVER (ORDER BY
            a.cat <> 'plan', e.volgorde,
            array_position(ARRAY['regel', 'beheerobject', 'buurtdeal', 'afspraak', 'initiatief', 'wijk', 'buurt'], a.cat),
            a.srt, a.afst NULLS FIRST, a.oid))::integer,
         a.cat, a.ern, a.rgl, a.srt, a.oid, a.nm, a.rel, a.opp, a.pct, a.len, a.afst, a.deal_id, a.deal_titel,
         a.mld, a.g
    FROM alles a JOIN buurt_vl.ernst e ON e.code = a.ern
   ORDER BY 1;
END
$$;
COMMENT ON FUNCTION buurt_app.plantoets(geometry, numeric, numeric, boolean) IS
  'Plantoets: alle bevindingen (objecten, buurtdeals, afspraken, initiatieven, wijken/buurten, regels) voor een plan.';

-- The public entry point for the tile/HTTP service (buurtkaart_publiek reads only publiek): published deals and
-- initiatives only, never personal data. Runs with the owner's rights; the caller cannot widen it.
CREATE FUNCTION publiek.plantoets(p_plan geometry, p_lijnbuffer_m numeric DEFAULT NULL,
                                  p_zoekafstand_m numeric DEFAULT NULL)
RETURNS TABLE (volgnr integer, categorie text, ernst text, regel text, soort text, object_id text, naam text,
               relatie text, oppervlakte_m2 numeric, aandeel_pct numeric, lengte_m numeric, afstand_m numeric,
               buurtdeal_id integer, buurtdeal_titel text, melding text, geom geometry)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT * FROM buurt_app.plantoets(p_plan, p_lijnbuffer_m, p_zoekafstand_m, true)
$$;
REVOKE ALL ON FUNCTION publiek.plantoets(geometry, numeric, numeric) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION publiek.plantoets(geometry, numeric, numeric) TO buurtkaart_publiek, buurtkaart_lezer;

-- Severity colours for clients that style findings (the public service cannot read buurt_vl).
CREATE VIEW publiek.plantoets_ernst AS SELECT e.code, e.naam, e.kleur, e.volgorde FROM buurt_vl.ernst e;
