-- The spatial service (tiles, viewer): public value lists for the legend, and cache invalidation.
--
-- Tile SQL itself is built by the service from layers/catalogue.toml (spatial_service/web/tilesql.py) with
-- identifiers checked against the catalogue and every user value bound as a parameter: the public role then
-- needs nothing but SELECT on publiek, and no function taking SQL fragments exists for it to call.

-- Value lists with their colours, so the viewer styles themes and statuses from the same rows as QGIS.
CREATE VIEW publiek.thema AS
SELECT code, naam, omschrijving, kleur, volgorde FROM buurt_vl.thema;

CREATE VIEW publiek.status AS
SELECT code, naam, kleur, volgorde, eindstatus FROM buurt_vl.status;

CREATE VIEW publiek.objectsoort AS
SELECT code, naam, meervoud, kleur, volgorde FROM buurt_vl.objectsoort;

-- Cache invalidation. Every change to data the public map shows NOTIFYs channel 'buurtkaart_tegels' with
--   {"tabel": "buurt.buurtdeal", "items": [{"bron": "publiek.buurtdeal", "soorten": [...], "bbox": [...]}, ...]}
-- bron: the publiek view whose rows changed; soorten: the beheerobject kinds involved (else null); bbox: the
-- extent of old and new geometry in EPSG:3857 (the tile grid's own CRS, so the service needs no transform).
-- The service maps bron+soort to catalogue layers and drops exactly the cached tiles that bbox touches.
-- NOTIFY is transactional: nothing is sent for a rolled-back edit, and listeners hear it after the commit.

CREATE FUNCTION buurt_app.tegel_item(p_bron text, p_soorten text[], p_geoms geometry[]) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN x.e IS NOT NULL THEN jsonb_build_object(
           'bron', p_bron,
           'soorten', to_jsonb(p_soorten),
           'bbox', jsonb_build_array(round(ST_XMin(b)::numeric, 2), round(ST_YMin(b)::numeric, 2),
                                     round(ST_XMax(b)::numeric, 2), round(ST_YMax(b)::numeric, 2))) END
    FROM (SELECT ST_Extent(g)::geometry AS e FROM unnest(p_geoms) g WHERE g IS NOT NULL) x
    -- 1 m margin: rounding and the (tiny) curvature of the RD box edges in Web Mercator
    LEFT JOIN LATERAL (SELECT ST_Transform(ST_SetSRID(ST_Expand(x.e, 1), 28992), 3857)::box2d AS b) y ON true
$$;

CREATE FUNCTION buurt_app.tg_tegels() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  items jsonb[] := ARRAY[]::jsonb[];
BEGIN
  -- OLD is NULL on INSERT and NEW on DELETE (PostgreSQL >= 11), so one code path serves all three.

  CASE TG_TABLE_NAME
  WHEN 'initiatief' THEN
    items := items
      || buurt_app.tegel_item('publiek.initiatief', NULL, ARRAY[OLD.geom, NEW.geom])
      || buurt_app.tegel_item('publiek.buurt', NULL,
           ARRAY(SELECT b.geom FROM buurt.buurt b WHERE b.code IN (OLD.buurtcode, NEW.buurtcode)))
      || buurt_app.tegel_item('publiek.buurtdeal', NULL,
           ARRAY(SELECT d.geom FROM buurt.buurtdeal d WHERE d.initiatief_id IN (OLD.id, NEW.id)));
  WHEN 'buurtdeal' THEN
    items := items
      || buurt_app.tegel_item('publiek.buurtdeal', NULL, ARRAY[OLD.geom, NEW.geom])
      || buurt_app.tegel_item('publiek.buurt', NULL,
           ARRAY(SELECT b.geom FROM buurt.buurt b WHERE b.code IN (OLD.buurtcode, NEW.buurtcode)))
      || buurt_app.tegel_item('publiek.beheerobject',
           ARRAY(SELECT DISTINCT bo.soort FROM buurt.beheerobject bo WHERE bo.buurtdeal_id IN (OLD.id, NEW.id)),
           ARRAY(SELECT bo.geom FROM buurt.beheerobject bo WHERE bo.buurtdeal_id IN (OLD.id, NEW.id)));
  WHEN 'afspraak' THEN
    items := items || buurt_app.tegel_item('publiek.buurtdeal', NULL,
           ARRAY(SELECT d.geom FROM buurt.buurtdeal d WHERE d.id IN (OLD.buurtdeal_id, NEW.buurtdeal_id)));
  WHEN 'beheerobject' THEN
    items := items || buurt_app.tegel_item('publiek.beheerobject',
           ARRAY(SELECT DISTINCT s FROM unnest(ARRAY[OLD.soort, NEW.soort]) s WHERE s IS NOT NULL),
           ARRAY[OLD.geom, NEW.geom]);
  WHEN 'peiling' THEN
    items := items || buurt_app.tegel_item('publiek.initiatief', NULL,
           ARRAY(SELECT i.geom FROM buurt.initiatief i WHERE i.id IN (OLD.initiatief_id, NEW.initiatief_id)));
  WHEN 'buurtcijfer' THEN
    items := items || buurt_app.tegel_item('publiek.buurt', NULL,
           ARRAY(SELECT b.geom FROM buurt.buurt b WHERE b.code IN (OLD.buurtcode, NEW.buurtcode)));
  WHEN 'buurt' THEN
    items := items || buurt_app.tegel_item('publiek.buurt', NULL, ARRAY[OLD.geom, NEW.geom]);
  WHEN 'wijk' THEN
    -- publiek.buurt carries the wijk name
    items := items
      || buurt_app.tegel_item('publiek.wijk', NULL, ARRAY[OLD.geom, NEW.geom])
      || buurt_app.tegel_item('publiek.buurt', NULL, ARRAY[OLD.geom, NEW.geom]);
  END CASE;

  items := array_remove(items, NULL);
  IF cardinality(items) > 0 THEN
    PERFORM pg_notify('buurtkaart_tegels', jsonb_build_object(
      'tabel', TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME, 'items', to_jsonb(items))::text);
  END IF;
  RETURN NULL;
END
$$;

DO $tegels$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['initiatief', 'buurtdeal', 'afspraak', 'beheerobject', 'peiling', 'buurtcijfer',
                           'buurt', 'wijk'] LOOP
    EXECUTE format('CREATE TRIGGER y_tegels AFTER INSERT OR UPDATE OR DELETE ON buurt.%I
                    FOR EACH ROW EXECUTE FUNCTION buurt_app.tg_tegels()', t);
  END LOOP;
END
$tegels$;
