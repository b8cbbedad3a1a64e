-- Value lists: QGIS shows them as value relations, the service validates against the same rows.
CREATE TABLE buurt_vl.thema (
  code      text PRIMARY KEY CHECK (code ~ '^[a-z_]+$'),
  naam      text NOT NULL UNIQUE,
  omschrijving text,
  kleur     text NOT NULL CHECK (kleur ~ '^#[0-9a-f]{6}$'),
  volgorde  integer NOT NULL UNIQUE
);
INSERT INTO buurt_vl.thema (code, naam, omschrijving, kleur, volgorde) VALUES
  ('ontmoeten',       'Ontmoeten',       'Ontmoeting, buurthuizen, activiteiten', '#e6550d', 1),
  ('veiligheid',      'Veiligheid',      'Veiligheid en overlast',                '#756bb1', 2),
  ('verkeer',         'Verkeer',         'Verkeer en mobiliteit',                 '#3182bd', 3),
  ('openbare_ruimte', 'Openbare ruimte', 'Openbare ruimte, spelen en groen (groenimpuls)', '#31a354', 4),
  ('zorgbehoefte',    'Zorgbehoefte',    'Zorg en welzijn',                       '#de2d26', 5);

-- The workflow of the Planning buurten 2018 slide. voor_buurtdeal: a deal may carry this status;
-- deal_gesloten: from here on a deal needs commitments on both sides (wederkerigheid).
CREATE TABLE buurt_vl.status (
  code          text PRIMARY KEY CHECK (code ~ '^[a-z_]+$'),
  naam          text NOT NULL UNIQUE,
  kleur         text NOT NULL CHECK (kleur ~ '^#[0-9a-f]{6}$'),
  volgorde      integer NOT NULL UNIQUE,
  eindstatus    boolean NOT NULL DEFAULT false,
  voor_buurtdeal boolean NOT NULL DEFAULT false,
  deal_gesloten boolean NOT NULL DEFAULT false
);
INSERT INTO buurt_vl.status (code, naam, kleur, volgorde, eindstatus, voor_buurtdeal, deal_gesloten) VALUES
  ('initiatief_binnen',      'Initiatief binnen',       '#9ecae1', 1, false, false, false),
  ('check_intern',           'Check intern (wijkteam)', '#6baed6', 2, false, false, false),
  ('gesprek_wederkerigheid', 'Gesprek wederkerigheid',  '#fdae6b', 3, false, true,  false),
  ('buurtdeal_gesloten',     'Buurtdeal gesloten',      '#74c476', 4, false, true,  true),
  ('uitvoering',             'Uitvoering',              '#31a354', 5, false, true,  true),
  ('evaluatie',              'Evaluatie',               '#006d2c', 6, true,  true,  true),
  ('afgewezen',              'Afgewezen',               '#969696', 90, true, true,  false),
  ('ingetrokken',            'Ingetrokken',             '#bdbdbd', 91, true, true,  false);

-- Allowed status changes: one step on, one step back (a correction), or out (afgewezen/ingetrokken).
CREATE TABLE buurt_vl.status_overgang (
  van  text NOT NULL REFERENCES buurt_vl.status,
  naar text NOT NULL REFERENCES buurt_vl.status,
  PRIMARY KEY (van, naar),
  CHECK (van <> naar)
);
INSERT INTO buurt_vl.status_overgang (van, naar)
SELECT a.code, b.code
  FROM buurt_vl.status a JOIN buurt_vl.status b
    ON (a.volgorde < 90 AND b.volgorde < 90 AND abs(a.volgorde - b.volgorde) = 1)
    OR (a.volgorde < 6 AND b.code IN ('afgewezen', 'ingetrokken'))
    OR (a.code IN ('afgewezen', 'ingetrokken') AND b.code = 'initiatief_binnen');

CREATE TABLE buurt_vl.partij (
  code     text PRIMARY KEY CHECK (code ~ '^[a-z_]+$'),
  naam     text NOT NULL UNIQUE,
  volgorde integer NOT NULL UNIQUE
);
INSERT INTO buurt_vl.partij (code, naam, volgorde) VALUES
  ('bewoners', 'Bewoners', 1), ('gemeente', 'Gemeente', 2), ('partner', 'Partner', 3);

-- Kinds of objects in the public space. A new kind (bank, jongerenontmoetingsplek) is a row here.
CREATE TABLE buurt_vl.objectsoort (
  code           text PRIMARY KEY CHECK (code ~ '^[a-z_]+$'),
  naam           text NOT NULL UNIQUE,
  meervoud       text NOT NULL,
  geometrietypes text[] NOT NULL
                 CHECK (geometrietypes <@ ARRAY['POINT', 'LINESTRING', 'MULTIPOLYGON'] AND cardinality(geometrietypes) > 0),
  kleur          text NOT NULL CHECK (kleur ~ '^#[0-9a-f]{6}$'),
  volgorde       integer NOT NULL UNIQUE
);
INSERT INTO buurt_vl.objectsoort (code, naam, meervoud, geometrietypes, kleur, volgorde) VALUES
  ('speelplek', 'Speelplek', 'Speelplekken', ARRAY['POINT', 'MULTIPOLYGON'], '#fd8d3c', 1),
  ('groen',     'Groen',     'Groen',        ARRAY['MULTIPOLYGON'],          '#41ab5d', 2),
  ('zebrapad',  'Zebrapad',  'Zebrapaden',   ARRAY['POINT', 'LINESTRING'],   '#252525', 3);

CREATE TABLE buurt_vl.indicator (
  code     text PRIMARY KEY CHECK (code ~ '^[a-z_]+$'),
  naam     text NOT NULL UNIQUE,
  eenheid  text NOT NULL,
  hoger_is_beter boolean NOT NULL DEFAULT true,
  volgorde integer NOT NULL UNIQUE
);
INSERT INTO buurt_vl.indicator (code, naam, eenheid, hoger_is_beter, volgorde) VALUES
  ('inwoners',                 'Inwoners',                               'aantal',     true, 1),
  ('rapportcijfer_woonomgeving', 'Rapportcijfer buurt/woonomgeving',     'cijfer 1-10', true, 2),
  ('sociale_cohesie',          'Schaalscore sociale cohesie',            'score 0-10', true, 3),
  ('betrokkenheid_buurt',      'Betrokkenheid bij de buurt',             '%',          true, 4);
