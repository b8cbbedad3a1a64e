-- buurt_app is dropped and rebuilt on every install/upgrade (views and functions never need migrating).
CREATE SCHEMA buurt_app;
COMMENT ON SCHEMA buurt_app IS 'Buurtkaart: functies, triggers en views; wordt bij elke installatie opnieuw opgebouwd';

CREATE FUNCTION buurt_app.instelling(p_sleutel text) RETURNS numeric
LANGUAGE sql STABLE AS $$
  SELECT waarde::numeric FROM buurt_sys.instelling WHERE sleutel = p_sleutel
$$;

-- Dutch word for a geometry type, for messages GIS staff read.
CREATE FUNCTION buurt_app.geometrietype_naam(p_type text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE upper(p_type)
    WHEN 'POINT' THEN 'punt' WHEN 'MULTIPOINT' THEN 'multipunt'
    WHEN 'LINESTRING' THEN 'lijn' WHEN 'MULTILINESTRING' THEN 'multilijn'
    WHEN 'POLYGON' THEN 'vlak' WHEN 'MULTIPOLYGON' THEN 'vlak'
    WHEN 'GEOMETRYCOLLECTION' THEN 'geometrieverzameling'
    ELSE lower(p_type) END
$$;

-- The buurt a geometry belongs to. Rule: a point takes the buurt it lies in (on a shared boundary: the
-- lowest code); an area takes the buurt it overlaps most (ties: lowest code); a line likewise by length.
-- Most objects lie inside one buurt: that case is one indexed ST_Covers, the overlap sort only runs otherwise.
CREATE FUNCTION buurt_app.buurt_van(p_geom geometry) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT coalesce(
    (SELECT b.code FROM buurt.buurt b WHERE ST_Covers(b.geom, p_geom) ORDER BY b.code LIMIT 1),
    (SELECT b.code
       FROM buurt.buurt b
      WHERE ST_Intersects(b.geom, p_geom)
      ORDER BY CASE GeometryType(p_geom)
                 WHEN 'POINT' THEN 0
                 WHEN 'LINESTRING' THEN -ST_Length(ST_Intersection(b.geom, p_geom))
                 ELSE -ST_Area(ST_Intersection(b.geom, p_geom)) END,
               b.code
      LIMIT 1))
$$;

-- The gemeente a geometry lies in, within the tolerance; NULL when it lies outside every gemeente.
CREATE FUNCTION buurt_app.gemeente_van(p_geom geometry) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT g.code
    FROM buurt.gemeente g
   WHERE ST_Intersects(g.geom, p_geom)
     AND (ST_CoveredBy(p_geom, g.geom)
          OR ST_CoveredBy(p_geom, ST_Buffer(g.geom, buurt_app.instelling('gemeentegrens_tolerantie_m'))))
   ORDER BY g.code
   LIMIT 1
$$;

-- Re-derive buurt/wijk/gemeente of everything after new boundaries were imported. Returns rows touched.
-- Initiatives and deals the new boundaries leave outside every gemeente are flagged (buiten_gemeente) by
-- tg_geometrie instead of refused. pg_temp.buiten_gemeente lists every flagged one afterwards (al_buiten: it was
-- flagged before this run); unless p_buiten_toestaan, a newly flagged one refuses the whole import with a
-- message naming each (kind, id, title), so a boundary import never hides what it does to them.
CREATE FUNCTION buurt_app.herbereken_gebieden(p_buiten_toestaan boolean DEFAULT false) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  n integer := 0;
  m integer;
  v_nieuw integer;
  v_lijst text;
BEGIN
  DROP TABLE IF EXISTS pg_temp.buiten_voor;
  CREATE TEMP TABLE buiten_voor ON COMMIT DROP AS
  SELECT 'initiatief'::text AS soort, i.id FROM buurt.initiatief i WHERE i.buiten_gemeente
  UNION ALL
  SELECT 'buurtdeal', d.id FROM buurt.buurtdeal d WHERE d.buiten_gemeente;

  PERFORM set_config('buurtkaart.herbereken', 'aan', true);
  UPDATE buurt.initiatief SET geom = geom;
  GET DIAGNOSTICS m = ROW_COUNT; n := n + m;
  UPDATE buurt.buurtdeal SET geom = geom;
  GET DIAGNOSTICS m = ROW_COUNT; n := n + m;
  UPDATE buurt.beheerobject SET geom = geom;
  GET DIAGNOSTICS m = ROW_COUNT; n := n + m;
  PERFORM set_config('buurtkaart.herbereken', 'uit', true);

  DROP TABLE IF EXISTS pg_temp.buiten_gemeente;
  CREATE TEMP TABLE buiten_gemeente ON COMMIT DROP AS
  SELECT o.soort, o.id, o.titel, o.geom, EXISTS (SELECT 1 FROM pg_temp.buiten_voor v
                                                  WHERE v.soort = o.soort AND v.id = o.id) AS al_buiten
    FROM (SELECT 'initiatief'::text AS soort, i.id, i.titel, i.geom FROM buurt.initiatief i WHERE i.buiten_gemeente
          UNION ALL
          SELECT 'buurtdeal', d.id, d.titel, d.geom FROM buurt.buurtdeal d WHERE d.buiten_gemeente) o;

  SELECT count(*), string_agg(format('%s %s "%s"', b.soort, b.id, b.titel), '; ' ORDER BY b.soort DESC, b.id)
    INTO v_nieuw, v_lijst
    FROM pg_temp.buiten_gemeente b WHERE NOT b.al_buiten;
  IF v_nieuw > 0 AND NOT p_buiten_toestaan THEN
    RAISE EXCEPTION 'Import geweigerd: met de nieuwe grenzen liggen % initiatieven/buurtdeals (deels) buiten de gemeente: %.',
      v_nieuw, v_lijst
      USING ERRCODE = 'check_violation',
            HINT = 'Pas ze eerst aan, of importeer toch met "buiten de gemeente toestaan" (--buiten-gemeente-toestaan): '
                   'dan blijven ze staan, gemarkeerd in de kolom buiten_gemeente, en staan ze in het verslag. '
                   'Er is niets gewijzigd.';
  END IF;
  RETURN n;
END
$$;

-- Statement-level AFTER triggers with transition tables need one trigger per event; this makes them
-- (<naam>_i, <naam>_u, <naam>_d, for the events in p_gebeurtenissen) with the transition tables named alike, so one
-- trigger function serves all: `rijen` = the inserted, updated (new) or deleted rows, `rijen_oud` = the old rows of
-- an UPDATE.
CREATE FUNCTION buurt_app.maak_statementtriggers(p_tabel text, p_naam text, p_functie text,
                                                p_schema text DEFAULT 'buurt',
                                                p_gebeurtenissen text[] DEFAULT ARRAY['INSERT', 'UPDATE', 'DELETE'])
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_gebeurtenis text;
BEGIN
  FOREACH v_gebeurtenis IN ARRAY p_gebeurtenissen LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER %s ON %I.%I REFERENCING %s FOR EACH STATEMENT EXECUTE FUNCTION %s',
                   p_naam || '_' || lower(left(v_gebeurtenis, 1)), v_gebeurtenis, p_schema, p_tabel,
                   CASE v_gebeurtenis WHEN 'INSERT' THEN 'NEW TABLE AS rijen'
                                      WHEN 'UPDATE' THEN 'OLD TABLE AS rijen_oud NEW TABLE AS rijen'
                                      ELSE 'OLD TABLE AS rijen' END,
                   p_functie);
  END LOOP;
END
$$;

-- The same row-level trigger (name, timing and events, function) on each of the tables p_tabellen in buurt:
-- the trigger lists of 020_triggers.sql and 045_buurtcyclus.sql. Trigger names sort in the order they must fire.
CREATE FUNCTION buurt_app.maak_rijtriggers(p_naam text, p_wanneer text, p_functie text, VARIADIC p_tabellen text[])
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_tabel text;
BEGIN
  FOREACH v_tabel IN ARRAY p_tabellen LOOP
    EXECUTE format('CREATE TRIGGER %I %s ON buurt.%I FOR EACH ROW EXECUTE FUNCTION %s',
                   p_naam, p_wanneer, v_tabel, p_functie);
  END LOOP;
END
$$;

-- The staging table of an import (070_import.sql, buurtcijfers in 046_buurtmonitor.sql): a temporary table the
-- client fills in the same transaction, dropped at commit. p_kolommen: its columns, as in CREATE TABLE.
CREATE FUNCTION buurt_app.maak_importtabel(p_naam text, p_kolommen text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('DROP TABLE IF EXISTS pg_temp.%I', p_naam);
  EXECUTE format('CREATE TEMP TABLE %I (%s) ON COMMIT DROP', p_naam, p_kolommen);
END
$$;
