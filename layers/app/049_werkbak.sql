-- The werkbak (issue 22): what the pages under /werkbak/ read and write, for buurtcoördinatoren and wijkteams.
-- Every function here is SECURITY INVOKER on purpose: it runs as the person (the werkbak's pool sets their role), so
-- row-level security per gemeente, the workflow, wederkerigheid and every other rule apply exactly as in QGIS. A row
-- of another gemeente and a row that does not exist give the same (empty) answer. Rebuilt on every install.
-- (The schema itself is made in 048_werkbak_toegang.sql.)

-- The wijken the inbox covers: the person's own (werkbak.mijn_wijken, kept by admins), or, for someone without any,
-- every wijk of the gemeenten they may use. PL/pgSQL: the RLS functions it calls are made later (080_rls.sql).
CREATE FUNCTION werkbak.werkwijken() RETURNS TABLE (wijkcode text, wijknaam text, gemeentecode text)
LANGUAGE plpgsql STABLE AS $$
DECLARE
  v_eigen text[] := ARRAY(SELECT m FROM werkbak.mijn_wijken() m);
BEGIN
  RETURN QUERY
  SELECT w.code, w.naam, w.gemeentecode FROM buurt.wijk w
   WHERE w.code = ANY (v_eigen)
      OR (cardinality(v_eigen) = 0
          AND (w.gemeentecode = ANY (buurt_app.mijn_gemeenten()) OR buurt_app.alle_gemeenten()))
   ORDER BY w.code;
END
$$;

-- One initiative or deal as its page shows it (no row: not there, or not in reach). `soort` is 'initiatief' or
-- 'buurtdeal'; buurtdeal_id is an initiative's deal, initiatief_id a deal's initiative; the submitter's contact is
-- for the person who phones them back (never public).
CREATE FUNCTION werkbak.item(p_soort text, p_id integer)
RETURNS TABLE (soort text, id integer, titel text, omschrijving text, thema text, thema_naam text, status text,
               status_naam text, eindstatus boolean, deal_gesloten boolean, jaar integer, budget numeric,
               ingediend_op date, indiener_naam text, indiener_email text, indiener_telefoon text,
               gepubliceerd boolean, buurtcode text, buurtnaam text, wijkcode text, wijknaam text, gemeentecode text,
               wijkagenda_id integer, prioriteit text, initiatief_id integer, buurtdeal_id integer,
               geometrietype text, gewijzigd_door text, gewijzigd_op timestamptz)
LANGUAGE sql STABLE AS $$
  SELECT 'initiatief'::text, i.id, i.titel, i.omschrijving, i.thema, t.naam, i.status, s.naam, s.eindstatus,
         s.deal_gesloten, coalesce(i.planjaar::integer, extract(year FROM i.ingediend_op)::integer), i.begroting,
         i.ingediend_op, i.indiener_naam, i.indiener_email, i.indiener_telefoon, i.gepubliceerd, i.buurtcode, b.naam,
         i.wijkcode, w.naam, i.gemeentecode, i.wijkagenda_id, a.prioriteit, NULL::integer,
         (SELECT d.id FROM buurt.buurtdeal d WHERE d.initiatief_id = i.id ORDER BY d.jaar DESC, d.id DESC LIMIT 1),
         buurt_app.geometrietype_naam(GeometryType(i.geom)), i.gewijzigd_door, i.gewijzigd_op
    FROM buurt.initiatief i
    JOIN buurt_vl.thema t ON t.code = i.thema
    JOIN buurt_vl.status s ON s.code = i.status
    LEFT JOIN buurt.buurt b ON b.code = i.buurtcode
    LEFT JOIN buurt.wijk w ON w.code = i.wijkcode
    LEFT JOIN buurt.wijkagenda a ON a.id = i.wijkagenda_id
   WHERE p_soort = 'initiatief' AND i.id = p_id
  UNION ALL
  SELECT 'buurtdeal', d.id, d.titel, d.omschrijving, d.thema, t.naam, d.status, s.naam, s.eindstatus,
         s.deal_gesloten, d.jaar::integer, d.budget_gemeente, NULL, NULL, NULL, NULL, d.gepubliceerd, d.buurtcode,
         b.naam, d.wijkcode, w.naam, d.gemeentecode, d.wijkagenda_id, a.prioriteit, d.initiatief_id, NULL,
         buurt_app.geometrietype_naam(GeometryType(d.geom)), d.gewijzigd_door, d.gewijzigd_op
    FROM buurt.buurtdeal d
    JOIN buurt_vl.thema t ON t.code = d.thema
    JOIN buurt_vl.status s ON s.code = d.status
    LEFT JOIN buurt.buurt b ON b.code = d.buurtcode
    LEFT JOIN buurt.wijk w ON w.code = d.wijkcode
    LEFT JOIN buurt.wijkagenda a ON a.id = d.wijkagenda_id
   WHERE p_soort = 'buurtdeal' AND d.id = p_id
$$;

-- The item's geometry for its map, as GeoJSON in WGS84 (the map's coordinates).
CREATE FUNCTION werkbak.geometrie(p_soort text, p_id integer) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object('type', 'Feature', 'id', g.id, 'properties', jsonb_build_object('titel', g.titel),
                            'geometry', ST_AsGeoJSON(ST_Transform(g.geom, 4326), 6)::jsonb)
    FROM (SELECT i.id, i.titel, i.geom FROM buurt.initiatief i WHERE p_soort = 'initiatief' AND i.id = p_id
          UNION ALL
          SELECT d.id, d.titel, d.geom FROM buurt.buurtdeal d WHERE p_soort = 'buurtdeal' AND d.id = p_id) g
$$;

-- The steps the workflow table (buurt_vl.status_overgang) allows from the item's current status: the buttons of its
-- page. A deal only takes deal statuses (buurt_vl.status.voor_buurtdeal, as buurt_app.tg_status refuses otherwise).
-- richting: 'verder' (one step on), 'terug' (a correction) or 'uit' (declined, withdrawn: a final status outside
-- the line).
CREATE FUNCTION werkbak.volgende_stappen(p_soort text, p_id integer)
RETURNS TABLE (status text, status_naam text, volgorde integer, richting text)
LANGUAGE sql STABLE AS $$
  SELECT n.code, n.naam, n.volgorde,
         CASE WHEN n.eindstatus AND NOT n.deal_gesloten AND n.volgorde > v.volgorde + 1 THEN 'uit'
              WHEN n.volgorde > v.volgorde THEN 'verder' ELSE 'terug' END
    FROM werkbak.item(p_soort, p_id) it
    JOIN buurt_vl.status v ON v.code = it.status
    JOIN buurt_vl.status_overgang o ON o.van = it.status
    JOIN buurt_vl.status n ON n.code = o.naar
   WHERE p_soort <> 'buurtdeal' OR n.voor_buurtdeal
   ORDER BY CASE WHEN n.volgorde > v.volgorde AND n.volgorde <= v.volgorde + 1 THEN 0
                 WHEN n.volgorde < v.volgorde THEN 2 ELSE 1 END, n.volgorde
$$;

-- The steps the item went through (buurt.statusverloop: who set each status, when, and how long it stayed there).
CREATE FUNCTION werkbak.stappen(p_soort text, p_id integer)
RETURNS TABLE (status text, status_naam text, status_van_naam text, op timestamptz, door text, dagen numeric,
               huidig boolean)
LANGUAGE sql STABLE AS $$
  SELECT sv.status, s.naam, sv_van.naam, sv.op, sv.door,
         round((extract(epoch FROM coalesce(lead(sv.op) OVER w, now()) - sv.op) / 86400)::numeric, 1),
         lead(sv.op) OVER w IS NULL
    FROM buurt.statusverloop sv
    JOIN buurt_vl.status s ON s.code = sv.status
    LEFT JOIN buurt_vl.status sv_van ON sv_van.code = sv.status_van
   WHERE (p_soort = 'initiatief' AND sv.initiatief_id = p_id) OR (p_soort = 'buurtdeal' AND sv.buurtdeal_id = p_id)
  WINDOW w AS (ORDER BY sv.op, sv.id)
   ORDER BY sv.op, sv.id
$$;

-- Who did what, when: the audit log (buurt_sys.wijziging, read under row-level security) of the item and, for a
-- deal, of its commitments, one row per change with the fields it changed (old → new; status codes by their name,
-- the geometry only as "gewijzigd"). The log never holds indiener_* (buurt_app.audit_rij), so neither does this.
CREATE FUNCTION werkbak.geschiedenis(p_soort text, p_id integer)
RETURNS TABLE (wijziging bigint, op timestamptz, door text, wat text, velden text)
LANGUAGE sql STABLE AS $$
  WITH log AS (
    SELECT w.* FROM buurt_sys.wijziging w
     WHERE w.tabel = 'buurt.' || p_soort AND w.rij_id = p_id::text AND p_soort IN ('initiatief', 'buurtdeal')
    UNION ALL
    SELECT w.* FROM buurt_sys.wijziging w
     WHERE p_soort = 'buurtdeal' AND w.tabel = 'buurt.afspraak'
       AND (coalesce(w.nieuw, w.oud) ->> 'buurtdeal_id') = p_id::text),
  velden AS (
    SELECT l.id, k AS veld, l.oud -> k AS o, l.nieuw -> k AS n
      FROM log l, LATERAL jsonb_object_keys(coalesce(l.nieuw, '{}') || coalesce(l.oud, '{}')) k
     WHERE k NOT IN ('gewijzigd_op', 'gewijzigd_door', 'aangemaakt_op', 'aangemaakt_door', 'id', 'buurtcode',
                     'wijkcode', 'gemeentecode', 'buiten_gemeente')),
  tekst AS (
    SELECT v.id, v.veld,
           CASE WHEN v.veld = 'geom' THEN 'geometrie gewijzigd'
                WHEN v.veld = 'status' THEN v.veld || ': '
                     || coalesce((SELECT s.naam FROM buurt_vl.status s WHERE s.code = v.o #>> '{}'), '–') || ' → '
                     || coalesce((SELECT s.naam FROM buurt_vl.status s WHERE s.code = v.n #>> '{}'), '–')
                ELSE v.veld || ': ' || coalesce(left(v.o #>> '{}', 80), '–') || ' → '
                     || coalesce(left(v.n #>> '{}', 80), '–') END AS t
      FROM velden v WHERE v.o IS DISTINCT FROM v.n AND NOT (v.o IS NULL AND v.n = 'null'::jsonb))
  SELECT l.id, l.op, l.door,
         CASE l.tabel WHEN 'buurt.afspraak' THEN 'afspraak ' ELSE '' END
           || CASE l.actie WHEN 'I' THEN 'aangemaakt' WHEN 'U' THEN 'gewijzigd' ELSE 'verwijderd' END,
         (SELECT string_agg(t.t, '; ' ORDER BY t.veld = 'status' DESC, t.veld) FROM tekst t WHERE t.id = l.id)
    FROM log l
   ORDER BY l.op DESC, l.id DESC
$$;

-- What needs the person now, in their wijken (werkwijken): new initiatives (still in the first step), items that
-- stayed in a step longer than `vastgelopen_na_dagen`, commitments past their date, and deals not evaluated when
-- their year ends (`evaluatie_signaal_dagen` before its end, and after). An initiative that became a deal is
-- followed as the deal (as buurt_app.vastgelopen does). One row per reason: an item may show twice.
CREATE FUNCTION werkbak.inbox(p_peilmoment timestamptz DEFAULT now())
RETURNS TABLE (reden text, reden_naam text, soort text, id integer, titel text, wijkcode text, wijknaam text,
               status_naam text, sinds timestamptz, dagen integer, toelichting text)
LANGUAGE sql STABLE AS $$
  WITH wijken AS (SELECT * FROM werkbak.werkwijken()),
  items AS (
    SELECT 'initiatief'::text AS soort, i.id, i.titel, i.wijkcode, i.status, l.op
      FROM buurt.initiatief i
      LEFT JOIN LATERAL (SELECT sv.op FROM buurt.statusverloop sv WHERE sv.initiatief_id = i.id
                          ORDER BY sv.op DESC, sv.id DESC LIMIT 1) l ON true
     WHERE i.wijkcode IN (SELECT wijkcode FROM wijken)
       AND NOT EXISTS (SELECT 1 FROM buurt.buurtdeal d WHERE d.initiatief_id = i.id)
    UNION ALL
    SELECT 'buurtdeal', d.id, d.titel, d.wijkcode, d.status, l.op
      FROM buurt.buurtdeal d
      LEFT JOIN LATERAL (SELECT sv.op FROM buurt.statusverloop sv WHERE sv.buurtdeal_id = d.id
                          ORDER BY sv.op DESC, sv.id DESC LIMIT 1) l ON true
     WHERE d.wijkcode IN (SELECT wijkcode FROM wijken)),
  redenen AS (
    SELECT 'nieuw'::text AS reden, 1 AS volgorde, it.soort, it.id, it.titel, it.wijkcode, s.naam AS status_naam,
           it.op AS sinds, NULL::text AS toelichting
      FROM items it JOIN buurt_vl.status s ON s.code = it.status
     WHERE it.soort = 'initiatief' AND s.volgorde = (SELECT min(x.volgorde) FROM buurt_vl.status x)
    UNION ALL
    SELECT 'vastgelopen', 2, it.soort, it.id, it.titel, it.wijkcode, s.naam, it.op, NULL
      FROM items it JOIN buurt_vl.status s ON s.code = it.status
     WHERE NOT s.eindstatus
       AND p_peilmoment - it.op > make_interval(days => buurt_app.instelling('vastgelopen_na_dagen')::integer)
    UNION ALL
    SELECT 'afspraak_verlopen', 3, 'buurtdeal', d.id, d.titel, d.wijkcode, s.naam, a.uiterlijk::timestamptz,
           p.naam || ': ' || a.omschrijving
      FROM buurt.afspraak a
      JOIN buurt.buurtdeal d ON d.id = a.buurtdeal_id
      JOIN buurt_vl.status s ON s.code = d.status
      JOIN buurt_vl.partij p ON p.code = a.partij
     WHERE d.wijkcode IN (SELECT wijkcode FROM wijken)
       AND NOT a.gereed AND NOT s.gestopt AND a.uiterlijk < p_peilmoment::date
    UNION ALL
    SELECT 'evaluatie_ontbreekt', 4, it.soort, it.id, it.titel, it.wijkcode, s.naam,
           make_timestamptz(d.jaar, 12, 31, 23, 59, 59), 'buurtdeal van ' || d.jaar
      FROM items it
      JOIN buurt.buurtdeal d ON it.soort = 'buurtdeal' AND d.id = it.id
      JOIN buurt_vl.status s ON s.code = it.status
     WHERE NOT s.eindstatus
       AND p_peilmoment::date >= make_date(d.jaar, 12, 31)
                                 - buurt_app.instelling('evaluatie_signaal_dagen')::integer)
  SELECT r.reden,
         CASE r.reden WHEN 'nieuw' THEN 'Nieuw initiatief' WHEN 'vastgelopen' THEN 'Staat lang stil'
                      WHEN 'afspraak_verlopen' THEN 'Afspraak over de datum'
                      ELSE 'Nog niet geëvalueerd' END,
         r.soort, r.id, r.titel, r.wijkcode, w.wijknaam, r.status_naam, r.sinds,
         floor(extract(epoch FROM p_peilmoment - r.sinds) / 86400)::integer, r.toelichting
    FROM redenen r JOIN wijken w ON w.wijkcode = r.wijkcode
   ORDER BY r.volgorde, r.sinds NULLS LAST, r.soort, r.id
$$;

-- A buurtdeal made from an initiative: its title, theme, place (geometry) and priority come from the initiative; the
-- deal starts in its first status (the column's default). Returns the new deal's id; an initiative out of reach and
-- one that does not exist get the same refusal.
CREATE FUNCTION werkbak.buurtdeal_maken(p_initiatief integer, p_titel text, p_jaar integer, p_budget numeric,
                                        p_omschrijving text DEFAULT NULL) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  v_id integer;
BEGIN
  INSERT INTO buurt.buurtdeal (titel, omschrijving, jaar, thema, initiatief_id, budget_gemeente, geom, wijkagenda_id)
  SELECT coalesce(nullif(btrim(p_titel), ''), i.titel), coalesce(p_omschrijving, i.omschrijving), p_jaar, i.thema,
         i.id, coalesce(p_budget, 0), i.geom, i.wijkagenda_id
    FROM buurt.initiatief i WHERE i.id = p_initiatief
  RETURNING id INTO v_id;
  IF v_id IS NULL THEN
    RAISE EXCEPTION 'Initiatief % is er niet (of hoort niet bij uw gemeente): er is geen buurtdeal gemaakt.',
      p_initiatief
      USING ERRCODE = 'check_violation', HINT = 'Kies een initiatief uit uw werkbak.';
  END IF;
  RETURN v_id;
END
$$;

-- What publishing would show the public: the item's row in its publiek view (its columns, exactly) as if it were
-- published, for the confirmation page. Computed by publishing in a subtransaction that is always undone, so the
-- view itself decides (a withdrawn initiative stays hidden, the submitter never shows); NULL when the view would
-- not show it. The geometry is left out (the page says it is shown on the map).
CREATE FUNCTION werkbak.publicatie_voorbeeld(p_soort text, p_id integer) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_rij jsonb;
  v_afspraken jsonb;
BEGIN
  BEGIN
    IF p_soort = 'initiatief' THEN
      UPDATE buurt.initiatief SET gepubliceerd = true WHERE id = p_id;
      SELECT to_jsonb(p) - 'geom' INTO v_rij FROM publiek.initiatief p WHERE p.id = p_id;
    ELSIF p_soort = 'buurtdeal' THEN
      UPDATE buurt.buurtdeal SET gepubliceerd = true WHERE id = p_id;
      SELECT to_jsonb(p) - 'geom' INTO v_rij FROM publiek.buurtdeal p WHERE p.id = p_id;
      SELECT jsonb_agg(to_jsonb(a) ORDER BY a.id) INTO v_afspraken FROM publiek.afspraak a WHERE a.buurtdeal_id = p_id;
      v_rij := v_rij || jsonb_build_object('afspraken', coalesce(v_afspraken, '[]'::jsonb));
    END IF;
    RAISE EXCEPTION USING ERRCODE = 'BK002', MESSAGE = 'voorbeeld ongedaan';
  EXCEPTION
    WHEN SQLSTATE 'BK002' THEN
      RETURN v_rij;
  END;
END
$$;

-- Notes are made in the item's current step unless the writer names another step.
CREATE FUNCTION werkbak.tg_verslag_stap() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status IS NULL THEN
    NEW.status := coalesce((SELECT i.status FROM buurt.initiatief i WHERE i.id = NEW.initiatief_id),
                           (SELECT d.status FROM buurt.buurtdeal d WHERE d.id = NEW.buurtdeal_id));
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER a_verslag_stap BEFORE INSERT ON buurt.gespreksverslag
  FOR EACH ROW EXECUTE FUNCTION werkbak.tg_verslag_stap();
SELECT buurt_app.maak_rijtriggers('c_bijhouden', 'BEFORE INSERT OR UPDATE', 'buurt_app.tg_bijhouden()',
                                  'gespreksverslag');
