-- Budget, buurtmonitor figures, polls (buurtpeilingen) and the wijkagenda.
CREATE TABLE buurt.budget (
  gemeentecode text NOT NULL REFERENCES buurt.gemeente ON UPDATE CASCADE,
  jaar         smallint NOT NULL CHECK (jaar BETWEEN 2000 AND 2100),
  bedrag       numeric(12, 2) NOT NULL CHECK (bedrag >= 0),
  omschrijving text,
  PRIMARY KEY (gemeentecode, jaar)
);

CREATE TABLE buurt.buurtcijfer (
  buurtcode    text NOT NULL REFERENCES buurt.buurt ON UPDATE CASCADE ON DELETE CASCADE,
  indicator    text NOT NULL REFERENCES buurt_vl.indicator ON UPDATE CASCADE,
  jaar         smallint NOT NULL CHECK (jaar BETWEEN 2000 AND 2100),
  waarde       numeric,
  streefwaarde numeric,
  bron         text NOT NULL DEFAULT 'handmatig',
  PRIMARY KEY (buurtcode, indicator, jaar)
);

CREATE TABLE buurt.peiling (
  id            serial PRIMARY KEY,
  initiatief_id integer NOT NULL REFERENCES buurt.initiatief ON DELETE CASCADE,
  datum         date NOT NULL,
  voor          integer NOT NULL CHECK (voor >= 0),
  tegen         integer NOT NULL CHECK (tegen >= 0),
  neutraal      integer NOT NULL DEFAULT 0 CHECK (neutraal >= 0),
  respondenten  integer NOT NULL,
  bron          text NOT NULL DEFAULT 'handmatig',
  bron_ref      text,
  CONSTRAINT peiling_respondenten CHECK (respondenten >= voor + tegen + neutraal),
  CONSTRAINT peiling_uniek UNIQUE (initiatief_id, datum, bron)
);
CREATE INDEX peiling_initiatief_idx ON buurt.peiling (initiatief_id);

CREATE TABLE buurt.wijkagenda (
  id         serial PRIMARY KEY,
  wijkcode   text NOT NULL REFERENCES buurt.wijk ON UPDATE CASCADE ON DELETE CASCADE,
  thema      text NOT NULL REFERENCES buurt_vl.thema ON UPDATE CASCADE,
  prioriteit text NOT NULL CHECK (btrim(prioriteit) <> ''),
  jaar_van   smallint NOT NULL,
  jaar_tot   smallint NOT NULL,
  CHECK (jaar_tot >= jaar_van)
);
