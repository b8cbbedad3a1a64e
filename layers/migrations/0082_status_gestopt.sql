-- Statuses where the work has stopped (afgewezen, ingetrokken), as a flag instead of literals in SQL and the
-- QGIS style: the plan check leaves such deals and initiatives out, the map fades them. (eindstatus is not the
-- same: evaluatie is an end state of work that was done.)
ALTER TABLE buurt_vl.status ADD COLUMN gestopt boolean NOT NULL DEFAULT false;
UPDATE buurt_vl.status SET gestopt = true WHERE code IN ('afgewezen', 'ingetrokken');
