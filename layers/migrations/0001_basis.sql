-- Schemas (after TEKSI): data, value lists, system tables. buurt_app and publiek are rebuilt by layers/app.
CREATE SCHEMA buurt;
COMMENT ON SCHEMA buurt IS 'Buurtkaart: gegevens (geografie, initiatieven, buurtdeals, beheerobjecten)';
CREATE SCHEMA buurt_vl;
COMMENT ON SCHEMA buurt_vl IS 'Buurtkaart: waardelijsten (thema''s, statussen, partijen, objectsoorten)';
CREATE SCHEMA buurt_sys;
COMMENT ON SCHEMA buurt_sys IS 'Buurtkaart: schemaversie, wijzigingslog, instellingen';

CREATE TABLE buurt_sys.schema_versie (
  versie      integer PRIMARY KEY,
  bestand     text NOT NULL,
  controlesom text NOT NULL,
  toegepast_op timestamptz NOT NULL DEFAULT now(),
  toegepast_door text NOT NULL DEFAULT session_user
);

-- Every change to a data table, written by a SECURITY DEFINER trigger so editors cannot forge it.
CREATE TABLE buurt_sys.wijziging (
  id         bigserial PRIMARY KEY,
  tabel      text NOT NULL,
  rij_id     text NOT NULL,
  actie      char(1) NOT NULL CHECK (actie IN ('I', 'U', 'D')),
  oud        jsonb,
  nieuw      jsonb,
  door       text NOT NULL DEFAULT session_user,
  op         timestamptz NOT NULL DEFAULT now(),
  transactie bigint NOT NULL DEFAULT txid_current()
);
CREATE INDEX wijziging_tabel_rij_idx ON buurt_sys.wijziging (tabel, rij_id);

-- Settings the rules read (tolerances, thresholds): values, never literals in SQL or Python.
CREATE TABLE buurt_sys.instelling (
  sleutel      text PRIMARY KEY,
  waarde       text NOT NULL,
  eenheid      text,
  omschrijving text NOT NULL
);
INSERT INTO buurt_sys.instelling (sleutel, waarde, eenheid, omschrijving) VALUES
  ('gemeentegrens_tolerantie_m', '1', 'm',
   'Hoe ver een initiatief of buurtdeal buiten de gemeentegrens mag liggen (digitalisatieruis).');
