-- The residents' pages (issue 21): submit, follow and support initiatives from the virtuele stad.
-- What a resident leaves here is private: schema buurt_loket is read and written only by the owner, i.e. by
-- the SECURITY DEFINER functions of schema loket (layers/app/047_loket.sql) and by the mail sender's functions.
-- No editor, reader or public role has any right on it. Tokens are kept only as their SHA-256 hash; client
-- addresses (for the rate limit) and support addresses only as a keyed hash (HMAC with buurt_loket.geheim).
CREATE SCHEMA buurt_loket;
COMMENT ON SCHEMA buurt_loket IS
  'Buurtkaart: wat bewoners via de website achterlaten (aanmeldingen, volglinks, steun, uitgaande mail); privé';

-- Where an initiative came from: typed in by GIS staff, or submitted by a resident on the website.
CREATE TABLE buurt_vl.oorsprong (
  code     text PRIMARY KEY CHECK (code ~ '^[a-z_]+$'),
  naam     text NOT NULL UNIQUE,
  volgorde integer NOT NULL UNIQUE
);
COMMENT ON CONSTRAINT oorsprong_code_check ON buurt_vl.oorsprong IS
  'Oorsprongcode "{code}" mag alleen kleine letters en _ bevatten.';
INSERT INTO buurt_vl.oorsprong (code, naam, volgorde) VALUES
  ('gis', 'Ingevoerd door de gemeente', 1),
  ('web', 'Ingediend door een bewoner (website)', 2);
ALTER TABLE buurt.initiatief
  ADD COLUMN oorsprong text NOT NULL DEFAULT 'gis' REFERENCES buurt_vl.oorsprong ON UPDATE CASCADE;

-- The key of the keyed hashes: made once, never leaves the database.
CREATE TABLE buurt_loket.geheim (
  id      boolean PRIMARY KEY DEFAULT true CHECK (id),
  sleutel bytea NOT NULL
);
COMMENT ON CONSTRAINT geheim_id_check ON buurt_loket.geheim IS
  'Er is precies één geheime sleutel voor de bewonerspagina''s.';
INSERT INTO buurt_loket.geheim (sleutel) VALUES (public.gen_random_bytes(32));

-- A submission waiting for the resident's click on the confirmation link (double opt-in). Nothing of it is
-- public or an initiative yet; it is deleted when confirmed, and by `buurtkaart opschonen` once expired.
CREATE TABLE buurt_loket.aanmelding (
  id            bigserial PRIMARY KEY,
  token_hash    bytea NOT NULL UNIQUE,
  pagina        text REFERENCES buurt.gemeente ON UPDATE CASCADE ON DELETE SET NULL,
  titel         text NOT NULL,
  omschrijving  text,
  thema         text NOT NULL REFERENCES buurt_vl.thema ON UPDATE CASCADE,
  geom          geometry(Geometry, 28992) NOT NULL,
  naam          text NOT NULL,
  email         text NOT NULL,
  -- its confirmation mail, which belongs to the initiative once confirmed (erased with the resident's data)
  uitgaand_id   bigint,
  aangemaakt_op timestamptz NOT NULL DEFAULT now(),
  verloopt_op   timestamptz NOT NULL,
  CONSTRAINT aanmelding_verloopt CHECK (verloopt_op > aangemaakt_op)
);
COMMENT ON CONSTRAINT aanmelding_verloopt ON buurt_loket.aanmelding IS
  'Een aanmelding moet later verlopen ({verloopt_op}) dan ze is gemaakt ({aangemaakt_op}).';
CREATE INDEX aanmelding_verloopt_idx ON buurt_loket.aanmelding (verloopt_op);

-- Follow links: one per mail that carries one (each status mail brings a fresh link; all stay valid).
CREATE TABLE buurt_loket.volgsleutel (
  token_hash    bytea PRIMARY KEY,
  initiatief_id integer NOT NULL REFERENCES buurt.initiatief ON DELETE CASCADE,
  aangemaakt_op timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX volgsleutel_initiatief_idx ON buurt_loket.volgsleutel (initiatief_id);

-- A support waiting for its confirmation click.
CREATE TABLE buurt_loket.steunaanvraag (
  token_hash    bytea PRIMARY KEY,
  initiatief_id integer NOT NULL REFERENCES buurt.initiatief ON DELETE CASCADE,
  adres_hash    bytea NOT NULL,
  uitgaand_id   bigint,  -- its confirmation mail (erased with it once expired)
  aangemaakt_op timestamptz NOT NULL DEFAULT now(),
  verloopt_op   timestamptz NOT NULL,
  CONSTRAINT steunaanvraag_verloopt CHECK (verloopt_op > aangemaakt_op)
);
COMMENT ON CONSTRAINT steunaanvraag_verloopt ON buurt_loket.steunaanvraag IS
  'Een steunaanvraag moet later verlopen ({verloopt_op}) dan ze is gemaakt ({aangemaakt_op}).';
CREATE INDEX steunaanvraag_verloopt_idx ON buurt_loket.steunaanvraag (verloopt_op);

-- Confirmed supports: one per address per initiative (the keyed hash of the address, erased after the retention
-- period; the support itself stays counted).
CREATE TABLE buurt_loket.steun (
  id            bigserial PRIMARY KEY,
  initiatief_id integer NOT NULL REFERENCES buurt.initiatief ON DELETE CASCADE,
  adres_hash    bytea,
  bevestigd_op  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT steun_een_per_adres UNIQUE (initiatief_id, adres_hash)
);
CREATE INDEX steun_initiatief_idx ON buurt_loket.steun (initiatief_id);

-- Requests per client address (keyed hash only) for the rate limits; rows older than a day are erased.
CREATE TABLE buurt_loket.verzoek (
  afzender_hash bytea NOT NULL,
  soort         text NOT NULL,
  op            timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT verzoek_soort CHECK (soort IN ('indienen', 'steunen'))
);
COMMENT ON CONSTRAINT verzoek_soort ON buurt_loket.verzoek IS
  'Soort verzoek "{soort}" is onbekend: alleen indienen of steunen.';
CREATE INDEX verzoek_afzender_idx ON buurt_loket.verzoek (afzender_hash, soort, op);

-- The outbox: every mail to a resident, written in the same transaction as what it tells (a submission, a
-- confirmation, a status change). The sender (spatial_service/mail/) delivers it, with retries; `token` is the raw
-- token of the mail's link, erased once the mail is sent. `pagina`: the gemeente whose /g/<code> the links use.
CREATE TABLE buurt_loket.uitgaand (
  id              bigserial PRIMARY KEY,
  soort           text NOT NULL,
  aan             text NOT NULL,
  pagina          text,
  initiatief_id   integer REFERENCES buurt.initiatief ON DELETE SET NULL,
  gegevens        jsonb NOT NULL DEFAULT '{}',
  token           text,
  aangemaakt_op   timestamptz NOT NULL DEFAULT now(),
  pogingen        integer NOT NULL DEFAULT 0,
  volgende_poging timestamptz NOT NULL DEFAULT now(),
  laatste_fout    text,
  verzonden_op    timestamptz,
  CONSTRAINT uitgaand_soort CHECK (soort IN ('indienen_bevestigen', 'ontvangen', 'status', 'deal_status',
                                             'steun_bevestigen')),
  CONSTRAINT uitgaand_pogingen CHECK (pogingen >= 0),
  CONSTRAINT uitgaand_token_weg CHECK (verzonden_op IS NULL OR token IS NULL)
);
COMMENT ON CONSTRAINT uitgaand_soort ON buurt_loket.uitgaand IS
  'Soort mail "{soort}" is onbekend: alleen indienen_bevestigen, ontvangen, status, deal_status of steun_bevestigen.';
COMMENT ON CONSTRAINT uitgaand_pogingen ON buurt_loket.uitgaand IS
  'Het aantal verzendpogingen ({pogingen}) kan niet negatief zijn.';
COMMENT ON CONSTRAINT uitgaand_token_weg ON buurt_loket.uitgaand IS
  'Een verzonden mail bewaart geen link-token meer: wis het token bij het verzenden.';
CREATE INDEX uitgaand_wachtrij_idx ON buurt_loket.uitgaand (volgende_poging, id) WHERE verzonden_op IS NULL;
CREATE INDEX uitgaand_verzonden_idx ON buurt_loket.uitgaand (verzonden_op) WHERE verzonden_op IS NOT NULL;

INSERT INTO buurt_sys.instelling (sleutel, waarde, eenheid, omschrijving) VALUES
  ('loket_bewaartermijn_dagen', '365', 'dagen',
   'Zo lang na de laatste statuswijziging van een via de website ingediend initiatief blijven naam en e-mailadres '
   'van de indiener bewaard; daarna wist buurtkaart opschonen ze (met de volglinks), en ook de adressen van '
   'steunbetuigingen die zo oud zijn.'),
  ('loket_mail_bewaartermijn_dagen', '30', 'dagen',
   'Zo lang blijft een verzonden mail (met het e-mailadres) in de uitgaande post; daarna wist buurtkaart opschonen hem.'),
  ('loket_bevestigen_binnen_uren', '48', 'uren',
   'Zo lang is een bevestigingslink (indienen of steunen) geldig; een onbevestigde aanmelding wordt daarna gewist.'),
  ('loket_indienen_per_uur', '5', 'aantal',
   'Zoveel initiatieven mag één adres (IP) per uur indienen via de website.'),
  ('loket_steunen_per_uur', '20', 'aantal',
   'Zoveel steunbetuigingen mag één adres (IP) per uur aanvragen via de website.'),
  ('loket_max_punten', '500', 'aantal',
   'Zoveel hoekpunten mag een op de website getekend gebied hoogstens hebben.'),
  ('loket_max_oppervlakte_m2', '2000000', 'm²',
   'Zo groot mag een op de website getekend gebied hoogstens zijn.'),
  ('mail_herhaal_na_s', '30', 's',
   'Wachttijd voor de eerste nieuwe poging als een mail niet verstuurd kon worden; elke volgende poging wacht '
   'twee keer zo lang (hoogstens een uur).'),
  ('mail_max_pogingen', '50', 'aantal',
   'Na zoveel mislukte pogingen geeft de verzender een mail op (hij blijft met de fout in de uitgaande post staan).');
