-- The buurtcyclus (issue 10): the wijkagenda becomes a list of priorities with an origin and a publish flag,
-- each priority gets yearly slices (jaarschijven) with a goal and an evaluation, initiatives and deals may
-- serve a priority, every status change is kept (statusverloop), and each gemeente writes its lessons per year.
-- The rules (own wijk, year inside the period, history by trigger) live in layers/app/045_buurtcyclus.sql.

-- Where a priority comes from.
CREATE TABLE buurt_vl.herkomst (
  code     text PRIMARY KEY CHECK (code ~ '^[a-z0-9_]+$'),
  naam     text NOT NULL UNIQUE,
  volgorde integer NOT NULL UNIQUE
);
INSERT INTO buurt_vl.herkomst (code, naam, volgorde) VALUES
  ('wijkanalyse', 'Wijkanalyse', 1),
  ('b100', 'B100 (gesprekken met bewoners)', 2),
  ('bewoners', 'Bewoners', 3),
  ('organisatie', 'Organisatie', 4);

-- How a jaarschijf turned out.
CREATE TABLE buurt_vl.evaluatie (
  code     text PRIMARY KEY CHECK (code ~ '^[a-z_]+$'),
  naam     text NOT NULL UNIQUE,
  kleur    text NOT NULL CHECK (kleur ~ '^#[0-9a-f]{6}$'),
  volgorde integer NOT NULL UNIQUE
);
INSERT INTO buurt_vl.evaluatie (code, naam, kleur, volgorde) VALUES
  ('behaald', 'Behaald', '#31a354', 1),
  ('deels', 'Deels behaald', '#fdae6b', 2),
  ('niet_behaald', 'Niet behaald', '#de2d26', 3);

-- A row of buurt.wijkagenda is one priority of the wijk: `prioriteit` is its title. No personal data here.
ALTER TABLE buurt.wijkagenda
  ADD COLUMN omschrijving    text,
  ADD COLUMN herkomst        text NOT NULL DEFAULT 'wijkanalyse' REFERENCES buurt_vl.herkomst ON UPDATE CASCADE,
  ADD COLUMN gepubliceerd    boolean NOT NULL DEFAULT false,
  ADD COLUMN aangemaakt_door text,
  ADD COLUMN aangemaakt_op   timestamptz,
  ADD COLUMN gewijzigd_door  text,
  ADD COLUMN gewijzigd_op    timestamptz,
  ADD CONSTRAINT wijkagenda_jaren CHECK (jaar_van >= 2000 AND jaar_tot <= 2100);
CREATE INDEX wijkagenda_wijk_idx ON buurt.wijkagenda (wijkcode);
COMMENT ON TABLE buurt.wijkagenda IS 'Wijkagenda: de prioriteiten van een wijk per thema, meerjarig (jaar_van t/m jaar_tot)';

-- One slice per priority and year inside its period. indicator/streefwaarde: the measurable goal from the
-- buurtmonitor (buurt_vl.indicator, extended by the buurtmonitor work); both optional.
CREATE TABLE buurt.jaarschijf (
  id                    serial PRIMARY KEY,
  wijkagenda_id         integer NOT NULL REFERENCES buurt.wijkagenda ON DELETE CASCADE,
  jaar                  smallint NOT NULL,
  doel                  text NOT NULL CHECK (btrim(doel) <> ''),
  indicator             text REFERENCES buurt_vl.indicator ON UPDATE CASCADE,
  streefwaarde          numeric,
  evaluatie             text REFERENCES buurt_vl.evaluatie ON UPDATE CASCADE,
  evaluatie_toelichting text,
  aangemaakt_door       text,
  aangemaakt_op         timestamptz,
  gewijzigd_door        text,
  gewijzigd_op          timestamptz,
  CONSTRAINT jaarschijf_uniek UNIQUE (wijkagenda_id, jaar),
  CONSTRAINT jaarschijf_streefwaarde CHECK (streefwaarde IS NULL OR indicator IS NOT NULL)
);

-- Initiatives and deals may serve a priority (NULL = spontaneous). An initiative may be planned for a year
-- with a planned budget before it becomes a deal (the buurtactiviteitenplan). Green deals are counted apart.
ALTER TABLE buurt.initiatief
  ADD COLUMN wijkagenda_id integer REFERENCES buurt.wijkagenda ON DELETE SET NULL,
  ADD COLUMN planjaar      smallint CHECK (planjaar BETWEEN 2000 AND 2100),
  ADD COLUMN begroting     numeric(12, 2) CHECK (begroting >= 0);
CREATE INDEX initiatief_wijkagenda_idx ON buurt.initiatief (wijkagenda_id);
ALTER TABLE buurt.buurtdeal
  ADD COLUMN wijkagenda_id integer REFERENCES buurt.wijkagenda ON DELETE SET NULL,
  ADD COLUMN groene_deal   boolean NOT NULL DEFAULT false;
CREATE INDEX buurtdeal_wijkagenda_idx ON buurt.buurtdeal (wijkagenda_id);

-- Every status an initiative or deal reached, with its moment; written by a trigger only.
CREATE TABLE buurt.statusverloop (
  id            bigserial PRIMARY KEY,
  initiatief_id integer REFERENCES buurt.initiatief ON DELETE CASCADE,
  buurtdeal_id  integer REFERENCES buurt.buurtdeal ON DELETE CASCADE,
  status_van    text REFERENCES buurt_vl.status ON UPDATE CASCADE,
  status        text NOT NULL REFERENCES buurt_vl.status ON UPDATE CASCADE,
  op            timestamptz NOT NULL DEFAULT now(),
  door          text NOT NULL DEFAULT session_user,
  CONSTRAINT statusverloop_een_object CHECK (num_nonnulls(initiatief_id, buurtdeal_id) = 1)
);
CREATE INDEX statusverloop_initiatief_idx ON buurt.statusverloop (initiatief_id, op);
CREATE INDEX statusverloop_buurtdeal_idx ON buurt.statusverloop (buurtdeal_id, op);
-- what exists already starts its history at its creation
INSERT INTO buurt.statusverloop (initiatief_id, status, op, door)
SELECT id, status, coalesce(aangemaakt_op, now()), coalesce(aangemaakt_door, session_user) FROM buurt.initiatief;
INSERT INTO buurt.statusverloop (buurtdeal_id, status, op, door)
SELECT id, status, coalesce(aangemaakt_op, now()), coalesce(aangemaakt_door, session_user) FROM buurt.buurtdeal;

-- The lessons a gemeente draws from a year (free text in the jaarrapportage).
CREATE TABLE buurt.jaarverslag (
  gemeentecode    text NOT NULL REFERENCES buurt.gemeente ON UPDATE CASCADE ON DELETE CASCADE,
  jaar            smallint NOT NULL CHECK (jaar BETWEEN 2000 AND 2100),
  lessen          text NOT NULL CHECK (btrim(lessen) <> ''),
  aangemaakt_door text,
  aangemaakt_op   timestamptz,
  gewijzigd_door  text,
  gewijzigd_op    timestamptz,
  PRIMARY KEY (gemeentecode, jaar)
);

INSERT INTO buurt_sys.instelling (sleutel, waarde, eenheid, omschrijving) VALUES
  ('vastgelopen_na_dagen', '90', 'dagen',
   'Een initiatief of buurtdeal waarvan de status zo lang niet veranderde (en die niet is afgerond) geldt in de '
   'monitoring als vastgelopen.');
