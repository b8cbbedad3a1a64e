-- The werkbak (issue 22): who is who without a password store of our own. A werkbak user is a PostgreSQL login
-- role in buurtkaart_wijkteam (layers/prelude.sql); its password (or LDAP) is PostgreSQL's business, pg_hba.conf
-- decides. These tables hold only what the web application needs besides: its sessions, its failed logins (for
-- throttling) and which wijken or gebieden each user serves. The pool role buurtkaart_werkbak keeps the first two
-- (layers/app/090_rechten.sql); admins keep the third.

-- A session: the cookie's random token is never stored, only its SHA-256 (a copy of this table opens no session).
CREATE TABLE buurt_sys.werkbak_sessie (
  sleutel  bytea PRIMARY KEY CHECK (length(sleutel) = 32),
  rol_oid  oid NOT NULL,
  rol      text NOT NULL,
  begonnen timestamptz NOT NULL DEFAULT now(),
  gezien   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX werkbak_sessie_rol_idx ON buurt_sys.werkbak_sessie (rol_oid);
COMMENT ON TABLE buurt_sys.werkbak_sessie IS
  'Sessies van de werkbak: de SHA-256 van het token in het cookie, van wie, begonnen en laatst gezien.';
COMMENT ON CONSTRAINT werkbak_sessie_sleutel_check ON buurt_sys.werkbak_sessie IS
  'Een sessiesleutel is de SHA-256 van het token (32 bytes), niet het token zelf. | Sla nooit het token op.';

-- Failed logins, per account and per address, both as SHA-256 (no names or addresses kept in the clear);
-- counted over a window (settings BUURTKAART_WERKBAK_POGING_*), older rows are removed as new ones come in.
CREATE TABLE buurt_sys.werkbak_poging (
  id      bigserial PRIMARY KEY,
  soort   text NOT NULL CHECK (soort IN ('account', 'adres')),
  sleutel bytea NOT NULL,
  op      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX werkbak_poging_sleutel_idx ON buurt_sys.werkbak_poging (soort, sleutel, op);
COMMENT ON TABLE buurt_sys.werkbak_poging IS
  'Mislukte aanmeldingen bij de werkbak (SHA-256 van de naam of het adres), voor het afremmen van raden.';
COMMENT ON CONSTRAINT werkbak_poging_soort_check ON buurt_sys.werkbak_poging IS
  'Een poging telt voor een account of een adres, niet voor {soort}.';

-- Which wijken or gebieden (wijkteam areas) a user serves: the inbox shows what happens there. A row names one
-- wijk or one gebied (all its wijken). The role by OID, like buurt_sys.gemeente_toegang (changelog 0077).
CREATE TABLE buurt_sys.werkgebied (
  rol        text NOT NULL,
  rol_oid    oid NOT NULL,
  wijkcode   text REFERENCES buurt.wijk ON UPDATE CASCADE ON DELETE CASCADE,
  gebiedcode text REFERENCES buurt.gebied ON UPDATE CASCADE ON DELETE CASCADE,
  CONSTRAINT werkgebied_wijk_of_gebied CHECK (num_nonnulls(wijkcode, gebiedcode) = 1),
  UNIQUE NULLS NOT DISTINCT (rol_oid, wijkcode, gebiedcode)
);
CREATE INDEX werkgebied_wijk_idx ON buurt_sys.werkgebied (wijkcode);
CREATE INDEX werkgebied_gebied_idx ON buurt_sys.werkgebied (gebiedcode);
COMMENT ON TABLE buurt_sys.werkgebied IS
  'Welke wijken of gebieden een werkbakgebruiker bedient (voor zijn inbox); beheerd door beheerders.';
COMMENT ON CONSTRAINT werkgebied_wijk_of_gebied ON buurt_sys.werkgebied IS
  'Een werkgebied is een wijk of een gebied, niet beide en niet geen van beide. | Vul wijkcode of gebiedcode in.';
