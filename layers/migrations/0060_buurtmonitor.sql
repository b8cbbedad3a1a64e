-- Buurtmonitor: indicators at buurt, wijk and gemeente level per year with a target (streefwaarde), and the
-- value list of indicators with everything the map and the import need (unit, decimals, direction, source,
-- colour ramp, the CBS column names). buurt.buurtcijfer stays the buurt level (its readers keep working);
-- wijkcijfer and gemeentecijfer have the same shape. A row may carry only a target (waarde NULL): a target for
-- a year that has not been measured yet.

-- Colour ramps for the choropleth: 5 classes, light to dark, all ColorBrewer sequential single-hue schemes or
-- viridis (colour-blind safe). Where lower is better the map runs the ramp the other way round.
CREATE TABLE buurt_vl.kleurenschaal (
  code    text PRIMARY KEY CHECK (code ~ '^[a-z_]+$'),
  naam    text NOT NULL UNIQUE,
  kleuren text[] NOT NULL CHECK (cardinality(kleuren) = 5
                                 AND array_to_string(kleuren, ',') ~ '^(#[0-9a-f]{6},){4}#[0-9a-f]{6}$')
);
INSERT INTO buurt_vl.kleurenschaal (code, naam, kleuren) VALUES
  ('blauw',   'Blauw (ColorBrewer Blues)',     ARRAY['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c']),
  ('groen',   'Groen (ColorBrewer Greens)',    ARRAY['#edf8e9', '#bae4b3', '#74c476', '#31a354', '#006d2c']),
  ('paars',   'Paars (ColorBrewer Purples)',   ARRAY['#f2f0f7', '#cbc9e2', '#9e9ac8', '#756bb1', '#54278f']),
  ('oranje',  'Oranje (ColorBrewer Oranges)',  ARRAY['#feedde', '#fdbe85', '#fd8d3c', '#e6550d', '#a63603']),
  ('viridis', 'Viridis',                       ARRAY['#fde725', '#5ec962', '#21918c', '#3b528b', '#440154']);

ALTER TABLE buurt_vl.indicator
  ADD COLUMN decimalen    smallint NOT NULL DEFAULT 1 CHECK (decimalen BETWEEN 0 AND 4),
  ADD COLUMN bron         text NOT NULL DEFAULT 'eigen meting',
  ADD COLUMN kleurenschaal text NOT NULL DEFAULT 'blauw' REFERENCES buurt_vl.kleurenschaal ON UPDATE CASCADE,
  ADD COLUMN omschrijving text,
  -- column names in CBS Kerncijfers wijken en buurten: StatLine/open data without its numbered suffix
  -- (AantalInwoners for AantalInwoners_5) and the kwb-YYYY spreadsheet name (a_inw)
  ADD COLUMN cbs_kolommen text[] NOT NULL DEFAULT '{}';

UPDATE buurt_vl.indicator SET decimalen = 0, bron = 'CBS Kerncijfers wijken en buurten', kleurenschaal = 'viridis',
       cbs_kolommen = ARRAY['AantalInwoners', 'a_inw'] WHERE code = 'inwoners';
UPDATE buurt_vl.indicator SET decimalen = 1, bron = 'Stadspeiling', kleurenschaal = 'groen'
 WHERE code = 'rapportcijfer_woonomgeving';
UPDATE buurt_vl.indicator SET decimalen = 1, bron = 'Stadspeiling', kleurenschaal = 'blauw'
 WHERE code = 'sociale_cohesie';
UPDATE buurt_vl.indicator SET decimalen = 0, bron = 'Stadspeiling', kleurenschaal = 'paars'
 WHERE code = 'betrokkenheid_buurt';

INSERT INTO buurt_vl.indicator (code, naam, eenheid, hoger_is_beter, volgorde, decimalen, bron, kleurenschaal,
                                cbs_kolommen) VALUES
  ('huishoudens', 'Huishoudens', 'aantal', true, 5, 0, 'CBS Kerncijfers wijken en buurten', 'viridis',
   ARRAY['HuishoudensTotaal', 'a_hh']),
  ('bevolkingsdichtheid', 'Bevolkingsdichtheid', 'inwoners per km²', true, 6, 0,
   'CBS Kerncijfers wijken en buurten', 'viridis', ARRAY['Bevolkingsdichtheid', 'bev_dich']),
  ('woz_waarde', 'Gemiddelde WOZ-waarde woningen', 'x 1000 euro', true, 7, 0,
   'CBS Kerncijfers wijken en buurten', 'blauw', ARRAY['GemiddeldeWoningwaarde', 'g_woz']),
  ('inkomen_per_inwoner', 'Gemiddeld inkomen per inwoner', 'x 1000 euro', true, 8, 1,
   'CBS Kerncijfers wijken en buurten', 'groen', ARRAY['GemiddeldInkomenPerInwoner', 'g_ink_pi']),
  ('huishoudens_laag_inkomen', 'Huishoudens met een laag inkomen', '%', false, 9, 1,
   'CBS Kerncijfers wijken en buurten', 'oranje', ARRAY['HuishoudensMetEenLaagInkomen', 'p_hh_li']);

CREATE TABLE buurt.wijkcijfer (
  wijkcode     text NOT NULL REFERENCES buurt.wijk ON UPDATE CASCADE ON DELETE CASCADE,
  indicator    text NOT NULL REFERENCES buurt_vl.indicator ON UPDATE CASCADE,
  jaar         smallint NOT NULL CHECK (jaar BETWEEN 2000 AND 2100),
  waarde       numeric,
  streefwaarde numeric,
  bron         text NOT NULL DEFAULT 'handmatig',
  PRIMARY KEY (wijkcode, indicator, jaar)
);

CREATE TABLE buurt.gemeentecijfer (
  gemeentecode text NOT NULL REFERENCES buurt.gemeente ON UPDATE CASCADE ON DELETE CASCADE,
  indicator    text NOT NULL REFERENCES buurt_vl.indicator ON UPDATE CASCADE,
  jaar         smallint NOT NULL CHECK (jaar BETWEEN 2000 AND 2100),
  waarde       numeric,
  streefwaarde numeric,
  bron         text NOT NULL DEFAULT 'handmatig',
  PRIMARY KEY (gemeentecode, indicator, jaar)
);
CREATE INDEX buurtcijfer_indicator_jaar_idx ON buurt.buurtcijfer (indicator, jaar);
CREATE INDEX wijkcijfer_indicator_jaar_idx ON buurt.wijkcijfer (indicator, jaar);

INSERT INTO buurt_sys.instelling (sleutel, waarde, eenheid, omschrijving) VALUES
  ('cijfers_eerste_jaar', '2000', 'jaar', 'Vroegste jaar dat de cijferimport accepteert.'),
  ('cijfers_jaren_vooruit', '10', 'jaar',
   'Hoeveel jaar na het huidige jaar een cijfer of streefwaarde mag liggen (streefwaarden voor later).');
CREATE INDEX buurt_gemeente_idx ON buurt.buurt (gemeentecode);
