-- Initiatives and deals. One table each with a geometry that is a point or an area (CHECK + trigger);
-- QGIS shows each as two layers (type=Point / type=MultiPolygon on the same table), so the map, the
-- reports and the commitments relation all see one set. The derived columns (buurtcode, wijkcode,
-- gemeentecode, aangemaakt_*, gewijzigd_*) are filled by triggers in buurt_app.
CREATE TABLE buurt.initiatief (
  id                serial PRIMARY KEY,
  titel             text NOT NULL CHECK (btrim(titel) <> ''),
  omschrijving      text,
  thema             text NOT NULL REFERENCES buurt_vl.thema ON UPDATE CASCADE,
  status            text NOT NULL DEFAULT 'initiatief_binnen' REFERENCES buurt_vl.status ON UPDATE CASCADE,
  ingediend_op      date NOT NULL DEFAULT current_date,
  -- personal data: never in publiek, a tile or an export
  indiener_naam     text,
  indiener_email    text,
  indiener_telefoon text,
  gepubliceerd      boolean NOT NULL DEFAULT false,
  geom              geometry(Geometry, 28992) NOT NULL,
  buurtcode         text REFERENCES buurt.buurt ON UPDATE CASCADE ON DELETE SET NULL,
  wijkcode          text REFERENCES buurt.wijk ON UPDATE CASCADE ON DELETE SET NULL,
  gemeentecode      text REFERENCES buurt.gemeente ON UPDATE CASCADE ON DELETE SET NULL,
  aangemaakt_door   text,
  aangemaakt_op     timestamptz,
  gewijzigd_door    text,
  gewijzigd_op      timestamptz,
  CONSTRAINT initiatief_geometrietype CHECK (GeometryType(geom) IN ('POINT', 'MULTIPOLYGON'))
);
CREATE INDEX initiatief_geom_idx ON buurt.initiatief USING gist (geom);
CREATE INDEX initiatief_buurt_idx ON buurt.initiatief (buurtcode);
CREATE INDEX initiatief_wijk_idx ON buurt.initiatief (wijkcode);

CREATE TABLE buurt.buurtdeal (
  id              serial PRIMARY KEY,
  titel           text NOT NULL CHECK (btrim(titel) <> ''),
  omschrijving    text,
  jaar            smallint NOT NULL CHECK (jaar BETWEEN 2000 AND 2100),
  thema           text NOT NULL REFERENCES buurt_vl.thema ON UPDATE CASCADE,
  status          text NOT NULL DEFAULT 'gesprek_wederkerigheid' REFERENCES buurt_vl.status ON UPDATE CASCADE,
  initiatief_id   integer REFERENCES buurt.initiatief ON DELETE SET NULL,
  budget_gemeente numeric(12, 2) NOT NULL DEFAULT 0 CHECK (budget_gemeente >= 0),
  gepubliceerd    boolean NOT NULL DEFAULT false,
  geom            geometry(Geometry, 28992) NOT NULL,
  buurtcode       text REFERENCES buurt.buurt ON UPDATE CASCADE ON DELETE SET NULL,
  wijkcode        text REFERENCES buurt.wijk ON UPDATE CASCADE ON DELETE SET NULL,
  gemeentecode    text REFERENCES buurt.gemeente ON UPDATE CASCADE ON DELETE SET NULL,
  aangemaakt_door text,
  aangemaakt_op   timestamptz,
  gewijzigd_door  text,
  gewijzigd_op    timestamptz,
  CONSTRAINT buurtdeal_geometrietype CHECK (GeometryType(geom) IN ('POINT', 'MULTIPOLYGON'))
);
CREATE INDEX buurtdeal_geom_idx ON buurt.buurtdeal USING gist (geom);
CREATE INDEX buurtdeal_wijk_jaar_idx ON buurt.buurtdeal (wijkcode, jaar);
CREATE INDEX buurtdeal_initiatief_idx ON buurt.buurtdeal (initiatief_id);

-- Commitments (afspraken): who does what in a deal. One deal, many commitments.
CREATE TABLE buurt.afspraak (
  id              serial PRIMARY KEY,
  buurtdeal_id    integer NOT NULL REFERENCES buurt.buurtdeal ON DELETE CASCADE,
  partij          text NOT NULL REFERENCES buurt_vl.partij ON UPDATE CASCADE,
  omschrijving    text NOT NULL CHECK (btrim(omschrijving) <> ''),
  gereed          boolean NOT NULL DEFAULT false,
  aangemaakt_door text,
  aangemaakt_op   timestamptz,
  gewijzigd_door  text,
  gewijzigd_op    timestamptz
);
CREATE INDEX afspraak_buurtdeal_idx ON buurt.afspraak (buurtdeal_id);
