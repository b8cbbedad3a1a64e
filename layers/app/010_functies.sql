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
CREATE FUNCTION buurt_app.buurt_van(p_geom geometry) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT b.code
    FROM buurt.buurt b
   WHERE ST_Intersects(b.geom, p_geom)
   ORDER BY CASE GeometryType(p_geom)
              WHEN 'POINT' THEN 0
              WHEN 'LINESTRING' THEN -ST_Length(ST_Intersection(b.geom, p_geom))
              ELSE -ST_Area(ST_Intersection(b.geom, p_geom)) END,
            b.code
   LIMIT 1
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
CREATE FUNCTION buurt_app.herbereken_gebieden() RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  n integer := 0;
  m integer;
BEGIN
  PERFORM set_config('buurtkaart.herbereken', 'aan', true);
  UPDATE buurt.initiatief SET geom = geom;
  GET DIAGNOSTICS m = ROW_COUNT; n := n + m;
  UPDATE buurt.buurtdeal SET geom = geom;
  GET DIAGNOSTICS m = ROW_COUNT; n := n + m;
  UPDATE buurt.beheerobject SET geom = geom;
  GET DIAGNOSTICS m = ROW_COUNT; n := n + m;
  PERFORM set_config('buurtkaart.herbereken', 'uit', true);
  RETURN n;
END
$$;
