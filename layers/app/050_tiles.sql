-- The spatial service (tiles, viewer): public value lists for the legend, and cache invalidation.
--
-- Tile SQL itself is built by the service from layers/catalogue.toml (spatial_service/web/tilesql.py) with
-- identifiers checked against the catalogue and every user value bound as a parameter: the public role then
-- needs nothing but SELECT on publiek, and no function taking SQL fragments exists for it to call.

-- Value lists with their colours, so the viewer styles themes and statuses from the same rows as QGIS.
CREATE VIEW publiek.thema AS
SELECT code, naam, omschrijving, kleur, volgorde, vorm FROM buurt_vl.thema;

CREATE VIEW publiek.status AS
SELECT code, naam, kleur, volgorde, eindstatus, gestopt FROM buurt_vl.status;

-- The years a deal may have, read from the CHECK on buurt.buurtdeal.jaar (the one place the range is written), so
-- the tile service refuses an impossible ?jaar= with the same bounds without keeping its own copy.
CREATE VIEW publiek.jaarbereik AS
SELECT min(m[1]::integer) AS van, max(m[2]::integer) AS tot
  FROM pg_constraint c,
       regexp_match(pg_get_constraintdef(c.oid), 'jaar >= (\d+)\).*\(jaar <= (\d+)') AS m
 WHERE c.conrelid = 'buurt.buurtdeal'::regclass AND c.contype = 'c';

CREATE VIEW publiek.objectsoort AS
SELECT code, naam, meervoud, kleur, volgorde, geometrietypes, symbool, grootte, rand FROM buurt_vl.objectsoort;

-- Cache invalidation. Every change to data the public map shows NOTIFYs channel 'buurtkaart_tegels' with
--   {"tabel": "buurt.buurtdeal", "items": [{"bron": "publiek.buurtdeal", "soorten": [...], "bbox": [...]}, ...]}
-- bron: the publiek view whose rows changed; soorten: the beheerobject kinds involved (else null); bbox: the
-- extent of old and new geometry in EPSG:3857 (the tile grid's own CRS, so the service needs no transform).
-- The service maps bron+soort to catalogue layers and drops exactly the cached tiles that bbox touches.
-- NOTIFY is transactional: nothing is sent for a rolled-back edit, and listeners hear it after the commit.

-- Per statement, not per row: a bulk import sends one notification whose boxes cover everything it changed
-- (the service then drops those layers' tiles over that area), a QGIS edit one with the box of that edit.
-- The rules: which publiek view each table feeds, and where the geometry that changed there lies: in the changed
-- rows themselves (via NULL), or in the rows of table `via` whose column `kolom` holds a value of the changed rows'
-- column `sleutel`. A rule for publiek.beheerobject also names the kinds (soort) involved. In the query, %1$I is
-- the transition table (`rijen`, and on UPDATE also `rijen_oud`, see buurt_app.maak_statementtriggers).
-- Only published initiatives and deals count (on either side of an update, so publishing and withdrawing do): every
-- login may LISTEN, and a box around an unpublished row of another gemeente would tell where it lies (issue 19).
-- Unpublished rows are in no public tile, so leaving them out drops no tile that changed.
CREATE FUNCTION buurt_app.tegel_regels(p_tabel text) RETURNS TABLE (bron text, query text)
LANGUAGE sql IMMUTABLE AS $$
  SELECT r.bron,
         format('SELECT %s, ST_Extent(x.geom) FROM %s',
                CASE WHEN r.bron = 'publiek.beheerobject' THEN 'array_agg(DISTINCT x.soort)' ELSE 'NULL::text[]' END,
                CASE WHEN r.via IS NULL THEN '%1$I x' || CASE WHEN p.eigen THEN ' WHERE x.gepubliceerd' ELSE '' END
                     ELSE format('%s x WHERE x.%I IN (SELECT r.%I FROM %%1$I r%s)%s', r.via, r.kolom, r.sleutel,
                                 CASE WHEN p.eigen THEN ' WHERE r.gepubliceerd' ELSE '' END,
                                 CASE WHEN r.via IN ('buurt.initiatief', 'buurt.buurtdeal')
                                      THEN ' AND x.gepubliceerd' ELSE '' END) END)
    FROM (VALUES
      ('initiatief', 'publiek.initiatief', NULL, NULL, NULL),
      ('initiatief', 'publiek.buurt', 'buurt.buurt', 'code', 'buurtcode'),
      ('initiatief', 'publiek.buurtdeal', 'buurt.buurtdeal', 'initiatief_id', 'id'),
      ('buurtdeal', 'publiek.buurtdeal', NULL, NULL, NULL),
      ('buurtdeal', 'publiek.buurt', 'buurt.buurt', 'code', 'buurtcode'),
      ('buurtdeal', 'publiek.beheerobject', 'buurt.beheerobject', 'buurtdeal_id', 'id'),
      ('afspraak', 'publiek.buurtdeal', 'buurt.buurtdeal', 'id', 'buurtdeal_id'),
      ('beheerobject', 'publiek.beheerobject', NULL, NULL, NULL),
      ('peiling', 'publiek.initiatief', 'buurt.initiatief', 'id', 'initiatief_id'),
      -- confirmed supports from the website (buurt_loket.steun, trigger in 047_loket.sql)
      ('steun', 'publiek.initiatief', 'buurt.initiatief', 'id', 'initiatief_id'),
      ('buurtcijfer', 'publiek.buurt', 'buurt.buurt', 'code', 'buurtcode'),
      ('buurt', 'publiek.buurt', NULL, NULL, NULL),
      -- the national overview (085_landelijk.sql): a gemeente's counts change with its initiatives and deals
      ('gemeente', 'publiek.gemeente_overzicht', NULL, NULL, NULL),
      ('initiatief', 'publiek.gemeente_overzicht', 'buurt.gemeente', 'code', 'gemeentecode'),
      ('buurtdeal', 'publiek.gemeente_overzicht', 'buurt.gemeente', 'code', 'gemeentecode'),
      -- publiek.buurt carries the wijk name
      ('wijk', 'publiek.wijk', NULL, NULL, NULL),
      ('wijk', 'publiek.buurt', NULL, NULL, NULL),
      -- names from value lists and wijkteam areas travel in the tiles too (thema_naam, status_naam, gebied, ...)
      ('thema', 'publiek.initiatief', 'buurt.initiatief', 'thema', 'code'),
      ('thema', 'publiek.buurtdeal', 'buurt.buurtdeal', 'thema', 'code'),
      ('status', 'publiek.initiatief', 'buurt.initiatief', 'status', 'code'),
      ('status', 'publiek.buurtdeal', 'buurt.buurtdeal', 'status', 'code'),
      ('objectsoort', 'publiek.beheerobject', 'buurt.beheerobject', 'soort', 'code'),
      ('partij', 'publiek.beheerobject', 'buurt.beheerobject', 'beheerder', 'code'),
      ('gebied', 'publiek.wijk', 'buurt.wijk', 'gebiedcode', 'code')
    ) AS r(tabel, bron, via, kolom, sleutel)
   CROSS JOIN LATERAL (SELECT r.tabel IN ('initiatief', 'buurtdeal') AS eigen) p
   WHERE r.tabel = p_tabel
$$;

CREATE FUNCTION buurt_app.tg_tegels() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_regel record;
  v_rel text;
  v_soorten text[];
  v_alle_soorten text[];
  v_box box2d;
  v_extent box2d;
  v_items jsonb := '[]';
BEGIN
  FOR v_regel IN SELECT * FROM buurt_app.tegel_regels(TG_TABLE_NAME) LOOP
    v_extent := NULL;
    v_alle_soorten := NULL;
    FOREACH v_rel IN ARRAY CASE WHEN TG_OP = 'UPDATE' THEN ARRAY['rijen', 'rijen_oud'] ELSE ARRAY['rijen'] END LOOP
      EXECUTE format(v_regel.query, v_rel) INTO v_soorten, v_box;
      IF v_box IS NOT NULL THEN
        v_extent := CASE WHEN v_extent IS NULL THEN v_box ELSE ST_CombineBBox(v_extent, v_box) END;
        v_alle_soorten := ARRAY(SELECT DISTINCT s FROM unnest(v_alle_soorten || v_soorten) s WHERE s IS NOT NULL
                                ORDER BY 1);
      END IF;
    END LOOP;
    IF v_extent IS NOT NULL THEN
      -- to EPSG:3857, the tile grid's own CRS; 1 m margin for rounding and the curved RD box edges
      v_box := ST_Transform(ST_SetSRID(ST_Expand(v_extent::geometry, 1), 28992), 3857)::box2d;
      v_items := v_items || jsonb_build_object(
        'bron', v_regel.bron,
        'soorten', CASE WHEN v_regel.bron = 'publiek.beheerobject' THEN to_jsonb(v_alle_soorten) END,
        'bbox', jsonb_build_array(round(ST_XMin(v_box)::numeric, 2), round(ST_YMin(v_box)::numeric, 2),
                                  round(ST_XMax(v_box)::numeric, 2), round(ST_YMax(v_box)::numeric, 2)));
    END IF;
  END LOOP;
  IF jsonb_array_length(v_items) > 0 THEN
    -- lsn: the primary's WAL position now, before the commit record. A service reading a replica takes the
    -- position again when the notification arrives (after the commit) and uses this only as a lower bound.
    PERFORM pg_notify('buurtkaart_tegels', jsonb_build_object(
      'tabel', TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME, 'items', v_items,
      'lsn', pg_current_wal_lsn()::text)::text);
  END IF;
  RETURN NULL;
END
$$;

DO $tegels$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['initiatief', 'buurtdeal', 'afspraak', 'beheerobject', 'peiling', 'buurtcijfer',
                           'buurt', 'wijk', 'gebied', 'gemeente'] LOOP
    PERFORM buurt_app.maak_statementtriggers(t, 'y_tegels', 'buurt_app.tg_tegels()');
  END LOOP;
  FOREACH t IN ARRAY ARRAY['thema', 'status', 'objectsoort', 'partij'] LOOP
    PERFORM buurt_app.maak_statementtriggers(t, 'y_tegels', 'buurt_app.tg_tegels()', 'buurt_vl');
  END LOOP;
  -- a confirmed support from the website changes publiek.initiatief.steunbetuigingen (issue 21, 047_loket.sql)
  PERFORM buurt_app.maak_statementtriggers('steun', 'y_tegels', 'buurt_app.tg_tegels()', 'buurt_loket');
END
$tegels$;
