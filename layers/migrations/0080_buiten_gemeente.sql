-- Initiatives and deals that new boundaries leave outside every gemeente: kept (when the import is asked to)
-- and flagged, so GIS staff find them in QGIS instead of the boundary import being refused as a whole.
-- Derived by buurt_app.tg_geometrie, like buurtcode; never set by a client.
ALTER TABLE buurt.initiatief ADD COLUMN buiten_gemeente boolean NOT NULL DEFAULT false;
ALTER TABLE buurt.buurtdeal ADD COLUMN buiten_gemeente boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN buurt.initiatief.buiten_gemeente IS
  'Ligt (deels) buiten de gemeente sinds een grenzenimport (met "buiten de gemeente toestaan"); verplaats het of pas het aan';
COMMENT ON COLUMN buurt.buurtdeal.buiten_gemeente IS
  'Ligt (deels) buiten de gemeente sinds een grenzenimport (met "buiten de gemeente toestaan"); verplaats het of pas het aan';
