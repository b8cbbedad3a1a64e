-- Many gemeenten in one database: which login (or group) role may see and change which gemeente's rows.
-- Row-level security in layers/app/080_rls.sql reads this table; admins (the owner, superusers) keep it.
-- gemeentecode '*' means every gemeente. rol is a role name (not a foreign key: pg_roles is cluster-wide).
CREATE TABLE buurt_sys.gemeente_toegang (
  rol          text NOT NULL CHECK (rol ~ '^[a-z_][a-z0-9_$]*$'),
  gemeentecode text NOT NULL CHECK (gemeentecode ~ '^GM[0-9]{4}$' OR gemeentecode = '*'),
  PRIMARY KEY (rol, gemeentecode)
);
COMMENT ON TABLE buurt_sys.gemeente_toegang IS
  'Welke rol de gegevens van welke gemeente mag zien en wijzigen (* = alle gemeenten); beheerd door beheerders.';

-- One gemeente per machine stays as it was: GIS staff and readers see everything until an admin removes these
-- two rows and maps login roles to their gemeente(n) instead.
INSERT INTO buurt_sys.gemeente_toegang (rol, gemeentecode) VALUES
  ('buurtkaart_editor', '*'),
  ('buurtkaart_lezer', '*');

-- The policies filter on gemeentecode: indexed, so a gemeente's layer in QGIS reads its own rows only.
CREATE INDEX initiatief_gemeente_idx ON buurt.initiatief (gemeentecode);
CREATE INDEX buurtdeal_gemeente_idx ON buurt.buurtdeal (gemeentecode);
CREATE INDEX beheerobject_gemeente_idx ON buurt.beheerobject (gemeentecode);
CREATE INDEX IF NOT EXISTS buurt_gemeente_idx ON buurt.buurt (gemeentecode);  -- 0060 may have made it
