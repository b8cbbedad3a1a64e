-- Whether an initiative with this status is on the public map, as a flag instead of a literal in publiek: a
-- withdrawn initiative (ingetrokken) is no longer public. This is not `gestopt`: a refused initiative (afgewezen)
-- stays public (faded), so residents can see it was considered.
ALTER TABLE buurt_vl.status ADD COLUMN openbaar boolean NOT NULL DEFAULT true;
COMMENT ON COLUMN buurt_vl.status.openbaar IS
  'Een initiatief met deze status staat op de publieke kaart (ingetrokken: niet meer)';
UPDATE buurt_vl.status SET openbaar = false WHERE code = 'ingetrokken';
