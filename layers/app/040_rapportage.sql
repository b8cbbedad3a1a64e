-- Reports per wijk and year (QGIS Processing "Rapportage per wijk en jaar", CLI and service alike).
-- Initiatives count in the year they were submitted (ingediend_op), deals in their jaar. A deal's municipal
-- budget counts as committed (toegezegd) once the deal is closed (status with deal_gesloten), as planned
-- (in_gesprek) while it is being negotiated, and not at all once rejected or withdrawn.

CREATE VIEW buurt_app.rapport_item AS
SELECT 'buurtdeal'::text AS soort, d.id, d.jaar::integer AS jaar, d.wijkcode, d.gemeentecode, d.thema, d.status,
       d.budget_gemeente
  FROM buurt.buurtdeal d
UNION ALL
SELECT 'initiatief', i.id, extract(year FROM i.ingediend_op)::integer, i.wijkcode, i.gemeentecode, i.thema,
       i.status, 0::numeric
  FROM buurt.initiatief i;

-- One row per wijk, kind, theme and status with at least one item in the year; p_wijk NULL = every wijk.
CREATE FUNCTION buurt_app.rapport_wijk_jaar(p_jaar integer, p_wijk text DEFAULT NULL)
RETURNS TABLE (wijkcode text, wijknaam text, jaar integer, soort text, thema text, thema_naam text,
               status text, status_naam text, aantal integer, budget_gemeente numeric)
LANGUAGE sql STABLE AS $$
  SELECT coalesce(r.wijkcode, '-'), coalesce(w.naam, 'Buiten de wijken'), r.jaar, r.soort,
         r.thema, t.naam, r.status, s.naam, count(*)::integer, sum(r.budget_gemeente)
    FROM buurt_app.rapport_item r
    JOIN buurt_vl.thema t ON t.code = r.thema
    JOIN buurt_vl.status s ON s.code = r.status
    LEFT JOIN buurt.wijk w ON w.code = r.wijkcode
   WHERE r.jaar = p_jaar AND (p_wijk IS NULL OR r.wijkcode = p_wijk)
   GROUP BY r.wijkcode, w.naam, r.jaar, r.soort, r.thema, t.naam, t.volgorde, r.status, s.naam, s.volgorde
   ORDER BY r.wijkcode, r.soort, t.volgorde, s.volgorde
$$;

-- Municipal budget of the year (buurt.budget) against what the deals of that year use, per gemeente.
CREATE FUNCTION buurt_app.rapport_budget(p_jaar integer, p_wijk text DEFAULT NULL)
RETURNS TABLE (gemeentecode text, gemeentenaam text, jaar integer, budget numeric, toegezegd numeric,
               in_gesprek numeric, resterend numeric, benut_pct numeric)
LANGUAGE sql STABLE AS $$
  WITH gebruik AS (
    SELECT d.gemeentecode,
           coalesce(sum(d.budget_gemeente) FILTER (WHERE s.deal_gesloten), 0) AS toegezegd,
           coalesce(sum(d.budget_gemeente) FILTER (WHERE NOT s.deal_gesloten AND NOT s.eindstatus), 0) AS in_gesprek
      FROM buurt.buurtdeal d JOIN buurt_vl.status s ON s.code = d.status
     WHERE d.jaar = p_jaar AND (p_wijk IS NULL OR d.wijkcode = p_wijk)
     GROUP BY d.gemeentecode)
  SELECT g.code, g.naam, p_jaar, b.bedrag, coalesce(u.toegezegd, 0), coalesce(u.in_gesprek, 0),
         b.bedrag - coalesce(u.toegezegd, 0),
         CASE WHEN b.bedrag > 0 THEN round(100 * coalesce(u.toegezegd, 0) / b.bedrag, 1) END
    FROM buurt.gemeente g
    LEFT JOIN buurt.budget b ON b.gemeentecode = g.code AND b.jaar = p_jaar
    LEFT JOIN gebruik u ON u.gemeentecode = g.code
   WHERE b.bedrag IS NOT NULL OR u.gemeentecode IS NOT NULL
   ORDER BY g.code
$$;

-- The report functions run with the caller's rights: readers (and editors, who are readers) read the view.
GRANT SELECT ON buurt_app.rapport_item TO buurtkaart_lezer;
