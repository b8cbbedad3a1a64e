-- The audit log per gemeente (issue 19): every row of buurt_sys.wijziging names the gemeente of the row it logs,
-- so row-level security (layers/app/080_rls.sql) shows an editor only the history of the own gemeente(n).
-- Written by buurt_app.tg_audit from now on; NULL = no gemeente (a row outside every gemeente, or a change that
-- moved a row from one gemeente to another): only admins see those.
ALTER TABLE buurt_sys.wijziging ADD COLUMN gemeentecode text;
COMMENT ON COLUMN buurt_sys.wijziging.gemeentecode IS
  'De gemeente van de gelogde rij (NULL: geen of wisselend; alleen beheerders zien die regels).';

-- The existing rows, derived as the trigger derives them: from the logged row itself (code, gemeentecode, or the
-- CBS buurt/wijk code, which holds the gemeente's number), and for a child row from its parent.
UPDATE buurt_sys.wijziging w
   SET gemeentecode = CASE WHEN w.nieuw IS NOT NULL AND w.oud IS NOT NULL AND g.oud IS DISTINCT FROM g.nieuw
                           THEN NULL ELSE coalesce(g.nieuw, g.oud) END
  FROM (SELECT x.id,
               CASE WHEN x.tabel = 'buurt.gemeente' THEN x.nieuw ->> 'code'
                    WHEN x.nieuw ? 'gemeentecode' THEN x.nieuw ->> 'gemeentecode'
                    WHEN x.nieuw ? 'buurtcode' THEN 'GM' || substr(x.nieuw ->> 'buurtcode', 3, 4)
                    WHEN x.nieuw ? 'wijkcode' THEN 'GM' || substr(x.nieuw ->> 'wijkcode', 3, 4) END AS nieuw,
               CASE WHEN x.tabel = 'buurt.gemeente' THEN x.oud ->> 'code'
                    WHEN x.oud ? 'gemeentecode' THEN x.oud ->> 'gemeentecode'
                    WHEN x.oud ? 'buurtcode' THEN 'GM' || substr(x.oud ->> 'buurtcode', 3, 4)
                    WHEN x.oud ? 'wijkcode' THEN 'GM' || substr(x.oud ->> 'wijkcode', 3, 4) END AS oud
          FROM buurt_sys.wijziging x) g
 WHERE g.id = w.id;

-- Child rows (afspraak, peiling, jaarschijf): the parent's gemeente, from the parent's own log rows (the parent
-- may be gone) or else from the parent table.
UPDATE buurt_sys.wijziging w
   SET gemeentecode = coalesce(
         (SELECT p.gemeentecode FROM buurt_sys.wijziging p
           WHERE p.tabel = o.ouder AND p.rij_id = o.ouder_id AND p.gemeentecode IS NOT NULL
           ORDER BY p.id DESC LIMIT 1),
         CASE o.ouder
           WHEN 'buurt.buurtdeal' THEN (SELECT d.gemeentecode FROM buurt.buurtdeal d WHERE d.id::text = o.ouder_id)
           WHEN 'buurt.initiatief' THEN (SELECT i.gemeentecode FROM buurt.initiatief i WHERE i.id::text = o.ouder_id)
           WHEN 'buurt.wijkagenda' THEN (SELECT 'GM' || substr(a.wijkcode, 3, 4) FROM buurt.wijkagenda a
                                          WHERE a.id::text = o.ouder_id) END)
  FROM (SELECT x.id, r.ouder, coalesce(x.nieuw, x.oud) ->> r.kolom AS ouder_id
          FROM buurt_sys.wijziging x
          CROSS JOIN LATERAL (
                SELECT k.ouder, k.kolom FROM (VALUES (1, 'buurtdeal_id', 'buurt.buurtdeal'),
                                                     (2, 'initiatief_id', 'buurt.initiatief'),
                                                     (3, 'wijkagenda_id', 'buurt.wijkagenda')) k(volgorde, kolom, ouder)
                 WHERE coalesce(x.nieuw, x.oud) ? k.kolom ORDER BY k.volgorde LIMIT 1) r
         WHERE x.gemeentecode IS NULL
           AND NOT (coalesce(x.nieuw, x.oud) ?| ARRAY['gemeentecode', 'buurtcode', 'wijkcode'])
           AND x.tabel <> 'buurt.gemeente') o
 WHERE o.id = w.id;

-- No index on gemeentecode: the log is read per feature (wijziging_tabel_rij_idx), where the policy is a filter
-- on a handful of rows, and every extra index costs each audit row of a 1,000,000-row import.
