-- Geography with CBS codes as keys (wijk- en buurtkaart). All geometry in RD New (EPSG:28992).
CREATE TABLE buurt.gemeente (
  code    text PRIMARY KEY CHECK (code ~ '^GM[0-9]{4}$'),
  naam    text NOT NULL,
  geom    geometry(MultiPolygon, 28992) NOT NULL,
  bron    text NOT NULL DEFAULT 'handmatig',
  peiljaar integer
);
CREATE INDEX gemeente_geom_idx ON buurt.gemeente USING gist (geom);

-- Wijkteam areas (gebieden): Hilversum has four; a wijk belongs to at most one.
CREATE TABLE buurt.gebied (
  code         text PRIMARY KEY CHECK (code ~ '^[A-Za-z0-9_-]+$'),
  naam         text NOT NULL,
  gemeentecode text NOT NULL REFERENCES buurt.gemeente ON UPDATE CASCADE,
  UNIQUE (gemeentecode, naam)
);

CREATE TABLE buurt.wijk (
  code         text PRIMARY KEY CHECK (code ~ '^WK[0-9]{6}$'),
  naam         text NOT NULL,
  gemeentecode text NOT NULL REFERENCES buurt.gemeente ON UPDATE CASCADE,
  gebiedcode   text REFERENCES buurt.gebied ON UPDATE CASCADE ON DELETE SET NULL,
  geom         geometry(MultiPolygon, 28992) NOT NULL,
  bron         text NOT NULL DEFAULT 'handmatig',
  peiljaar     integer,
  CONSTRAINT wijk_code_in_gemeente CHECK (substr(code, 3, 4) = substr(gemeentecode, 3, 4))
);
CREATE INDEX wijk_geom_idx ON buurt.wijk USING gist (geom);
CREATE INDEX wijk_gemeente_idx ON buurt.wijk (gemeentecode);

CREATE TABLE buurt.buurt (
  code         text PRIMARY KEY CHECK (code ~ '^BU[0-9]{8}$'),
  naam         text NOT NULL,
  wijkcode     text NOT NULL REFERENCES buurt.wijk ON UPDATE CASCADE,
  gemeentecode text NOT NULL REFERENCES buurt.gemeente ON UPDATE CASCADE,
  water        boolean NOT NULL DEFAULT false,
  geom         geometry(MultiPolygon, 28992) NOT NULL,
  bron         text NOT NULL DEFAULT 'handmatig',
  peiljaar     integer,
  CONSTRAINT buurt_code_in_wijk CHECK (substr(code, 3, 6) = substr(wijkcode, 3, 6))
);
CREATE INDEX buurt_geom_idx ON buurt.buurt USING gist (geom);
CREATE INDEX buurt_wijk_idx ON buurt.buurt (wijkcode);
