-- Objects in the public space (beheerobjecten, after BOR): speelplekken, groen, zebrapaden and any kind added
-- to buurt_vl.objectsoort. The allowed geometry types per kind live in the value list; a trigger enforces them.
CREATE TABLE buurt.beheerobject (
  id              serial PRIMARY KEY,
  soort           text NOT NULL REFERENCES buurt_vl.objectsoort ON UPDATE CASCADE,
  naam            text,
  omschrijving    text,
  -- who maintains it; bewoners + buurtdeal_id = residents look after it under that deal
  beheerder       text NOT NULL DEFAULT 'gemeente' REFERENCES buurt_vl.partij ON UPDATE CASCADE,
  buurtdeal_id    integer REFERENCES buurt.buurtdeal ON DELETE SET NULL,
  bron            text NOT NULL DEFAULT 'handmatig',
  bron_id         text,
  geom            geometry(Geometry, 28992) NOT NULL,
  buurtcode       text REFERENCES buurt.buurt ON UPDATE CASCADE ON DELETE SET NULL,
  wijkcode        text REFERENCES buurt.wijk ON UPDATE CASCADE ON DELETE SET NULL,
  gemeentecode    text REFERENCES buurt.gemeente ON UPDATE CASCADE ON DELETE SET NULL,
  aangemaakt_door text,
  aangemaakt_op   timestamptz,
  gewijzigd_door  text,
  gewijzigd_op    timestamptz,
  CONSTRAINT beheerobject_bron_uniek UNIQUE (bron, bron_id),
  CONSTRAINT beheerobject_geometrietype CHECK (GeometryType(geom) IN ('POINT', 'LINESTRING', 'MULTIPOLYGON'))
);
CREATE INDEX beheerobject_geom_idx ON buurt.beheerobject USING gist (geom);
CREATE INDEX beheerobject_soort_idx ON buurt.beheerobject (soort);
CREATE INDEX beheerobject_buurtdeal_idx ON buurt.beheerobject (buurtdeal_id);
