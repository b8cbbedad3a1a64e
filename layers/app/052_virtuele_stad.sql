-- The virtuele stad's list view and details panel: one row per published deal or initiative, with what the map
-- tiles do not carry (commitments with done/not done, the initiative a deal came from, poll support) and a
-- point and box for the list that follows the map extent. The live service answers it as /details.json and
-- `buurtkaart export-site` writes the same rows to data/details.json, so both viewers tell the same story.
-- Built on the publiek views (plus buurt names): no submitter data can reach it. gemeentecode: /g/GM0402/ and
-- `export-site --gemeente` show one gemeente's items.
CREATE VIEW publiek.kaartitem AS
WITH item AS (
  SELECT 'buurtdeal'::text AS soort, d.id, d.titel, d.omschrijving, d.thema, d.thema_naam, d.status,
         d.status_naam, d.jaar, d.budget_gemeente, NULL::date AS ingediend_op, d.wijkcode, d.buurtcode,
         d.initiatief_id, d.gemeentecode, d.geom
    FROM publiek.buurtdeal d
  UNION ALL
  SELECT 'initiatief', i.id, i.titel, i.omschrijving, i.thema, i.thema_naam, i.status, i.status_naam,
         NULL::integer, NULL::numeric, i.ingediend_op, i.wijkcode, i.buurtcode, i.id, i.gemeentecode, i.geom
    FROM publiek.initiatief i
)
SELECT it.soort, it.id, it.titel, it.omschrijving, it.thema, it.thema_naam, it.status, it.status_naam, it.jaar,
       it.budget_gemeente, it.ingediend_op, it.wijkcode, w.naam AS wijknaam, it.buurtcode, b.naam AS buurtnaam,
       it.gemeentecode,
       CASE WHEN it.soort = 'buurtdeal' THEN it.initiatief_id END AS initiatief_id,
       CASE WHEN it.soort = 'buurtdeal' THEN ini.titel END AS initiatief_titel,
       ini.steun_pct, ini.respondenten, ini.steunbetuigingen,
       CASE WHEN it.soort = 'buurtdeal' THEN coalesce(af.afspraken, '[]'::json) END AS afspraken,
       round(ST_X(pt)::numeric, 6)::float8 AS lon, round(ST_Y(pt)::numeric, 6)::float8 AS lat,
       ARRAY[round(ST_XMin(bx)::numeric, 6), round(ST_YMin(bx)::numeric, 6),
             round(ST_XMax(bx)::numeric, 6), round(ST_YMax(bx)::numeric, 6)]::float8[] AS bbox
  FROM item it
  LEFT JOIN publiek.initiatief ini ON ini.id = it.initiatief_id
  LEFT JOIN publiek.wijk w ON w.code = it.wijkcode
  LEFT JOIN buurt.buurt b ON b.code = it.buurtcode
  LEFT JOIN LATERAL (
        SELECT json_agg(json_build_object('partij', a.partij, 'partij_naam', a.partij_naam,
                                          'omschrijving', a.omschrijving, 'gereed', a.gereed) ORDER BY a.id)
               AS afspraken
          FROM publiek.afspraak a WHERE a.buurtdeal_id = it.id) af ON it.soort = 'buurtdeal'
  CROSS JOIN LATERAL (SELECT ST_Transform(ST_PointOnSurface(it.geom), 4326) AS pt,
                             ST_Transform(ST_Envelope(it.geom), 4326)::box2d AS bx) g;

-- The step line of the workflow as the details panel draws it: the steps an item walks through in order;
-- the ends outside the line (afgewezen, ingetrokken) are final without a closed deal.
CREATE VIEW publiek.workflowstap AS
SELECT s.code, s.naam, s.volgorde FROM buurt_vl.status s
 WHERE NOT s.eindstatus OR s.deal_gesloten;
