-- The werkbak (issue 22): the programme's own people follow initiatives and deals in the browser. A commitment gets
-- the date by which it should be done (the inbox shows those past it), each step of an item may get notes of the
-- conversations held in it (gespreksverslag), and the inbox flags a deal of the year that is not evaluated shortly
-- before the year ends. The werkbak's functions are in layers/app/049_werkbak.sql.

ALTER TABLE buurt.afspraak
  ADD COLUMN uiterlijk date,
  ADD CONSTRAINT afspraak_uiterlijk CHECK (uiterlijk >= DATE '2000-01-01' AND uiterlijk <= DATE '2100-12-31');
COMMENT ON COLUMN buurt.afspraak.uiterlijk IS 'Datum waarop de afspraak uiterlijk gereed moet zijn (leeg: geen datum)';
COMMENT ON CONSTRAINT afspraak_uiterlijk ON buurt.afspraak IS
  'Datum {uiterlijk} voor afspraak "{omschrijving}" ligt buiten 2000-2100. | Kies een datum tussen 1-1-2000 en 31-12-2100, of laat de datum leeg.';

-- Notes of the conversations in a step of an initiative or a deal. Personal data may be in them (what a resident
-- said): never in publiek, a tile, an export or the audit log (a note can be erased for good).
CREATE TABLE buurt.gespreksverslag (
  id              serial PRIMARY KEY,
  initiatief_id   integer REFERENCES buurt.initiatief ON DELETE CASCADE,
  buurtdeal_id    integer REFERENCES buurt.buurtdeal ON DELETE CASCADE,
  status          text NOT NULL REFERENCES buurt_vl.status ON UPDATE CASCADE,
  gesprek_op      date NOT NULL DEFAULT current_date,
  tekst           text NOT NULL,
  aangemaakt_door text,
  aangemaakt_op   timestamptz,
  gewijzigd_door  text,
  gewijzigd_op    timestamptz,
  CONSTRAINT gespreksverslag_een_object CHECK (num_nonnulls(initiatief_id, buurtdeal_id) = 1),
  CONSTRAINT gespreksverslag_tekst CHECK (btrim(tekst) <> '' AND length(tekst) <= 20000),
  CONSTRAINT gespreksverslag_datum CHECK (gesprek_op >= DATE '2000-01-01' AND gesprek_op <= DATE '2100-12-31')
);
CREATE INDEX gespreksverslag_initiatief_idx ON buurt.gespreksverslag (initiatief_id);
CREATE INDEX gespreksverslag_buurtdeal_idx ON buurt.gespreksverslag (buurtdeal_id);
COMMENT ON TABLE buurt.gespreksverslag IS
  'Gespreksverslagen per stap van een initiatief of buurtdeal (werkbak); persoonlijk, nooit openbaar';
COMMENT ON CONSTRAINT gespreksverslag_een_object ON buurt.gespreksverslag IS
  'Een gespreksverslag hoort bij precies één initiatief of één buurtdeal. | Kies het initiatief of de buurtdeal waarover het gesprek ging.';
COMMENT ON CONSTRAINT gespreksverslag_tekst ON buurt.gespreksverslag IS
  'Het gespreksverslag is leeg of langer dan 20.000 tekens. | Schrijf op wat er besproken is, in hoogstens 20.000 tekens.';
COMMENT ON CONSTRAINT gespreksverslag_datum ON buurt.gespreksverslag IS
  'Gespreksdatum {gesprek_op} ligt buiten 2000-2100. | Kies de datum van het gesprek.';

INSERT INTO buurt_sys.instelling (sleutel, waarde, eenheid, omschrijving) VALUES
  ('evaluatie_signaal_dagen', '31', 'dagen',
   'Zoveel dagen voor het einde van het jaar meldt de werkbak een buurtdeal van dat jaar die nog niet is '
   'geëvalueerd (of afgesloten); een buurtdeal van een voorbij jaar zonder evaluatie blijft gemeld.');

-- The history of a deal on its werkbak page includes its commitments, found by the deal they belong(ed) to.
CREATE INDEX wijziging_afspraak_deal_idx ON buurt_sys.wijziging (((coalesce(nieuw, oud) ->> 'buurtdeal_id')))
  WHERE tabel = 'buurt.afspraak';
