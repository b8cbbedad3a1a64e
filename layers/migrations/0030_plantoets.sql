-- Plan check (plantoets): severities as a value list (QGIS styles the findings layer from it) and the
-- thresholds the rules in layers/app/060_plancheck.sql read. Thresholds are settings, never literals.
CREATE TABLE buurt_vl.ernst (
  code      text PRIMARY KEY CHECK (code ~ '^[a-z_]+$'),
  naam      text NOT NULL UNIQUE,
  kleur     text NOT NULL CHECK (kleur ~ '^#[0-9a-f]{6}$'),
  volgorde  integer NOT NULL UNIQUE
);
INSERT INTO buurt_vl.ernst (code, naam, kleur, volgorde) VALUES
  ('ernstig',      'Ernstig',      '#d7191c', 1),
  ('waarschuwing', 'Waarschuwing', '#fdae61', 2),
  ('info',         'Informatie',   '#2c7bb6', 3);

INSERT INTO buurt_sys.instelling (sleutel, waarde, eenheid, omschrijving) VALUES
  ('plantoets_lijnbuffer_m', '3', 'm',
   'Plantoets: lijnen en punten in een plan worden aan weerszijden met deze afstand gebufferd (lijn van 6 m breed).'),
  ('plantoets_zoekafstand_m', '25', 'm',
   'Plantoets: objecten, buurtdeals en initiatieven binnen deze afstand van het plan worden gemeld als "nabij".'),
  ('plantoets_max_zoekafstand_m', '500', 'm',
   'Plantoets: grootste zoekafstand (en lijnbuffer) die een aanvrager mag opgeven.'),
  ('plantoets_max_oppervlakte_m2', '2000000', 'm²',
   'Plantoets: grotere plannen (na buffering) worden geweigerd; 2 km² is een hele wijk.'),
  ('plantoets_groenverlies_m2', '100', 'm²',
   'Plantoets: verdwijnt er in totaal meer groen dan dit in het plangebied, dan is dat een ernstige bevinding.'),
  ('plantoets_groenverlies_pct', '25', '%',
   'Plantoets: een groenvlak dat voor meer dan dit deel in het plan ligt, verdwijnt grotendeels (waarschuwing).'),
  ('plantoets_speelplek_pct', '50', '%',
   'Plantoets: een speelplek(vlak) dat voor meer dan dit deel in het plan ligt, verdwijnt (ernstig); minder: waarschuwing.'),
  ('plantoets_buiten_gemeente_pct', '1', '%',
   'Plantoets: ligt meer dan dit deel van het plan buiten de gemeente, dan volgt een waarschuwing (alles erbuiten: geweigerd).');
