-- Which BGT/IMGeo classes make an object of a kind, as data beside osm_tags (issue #23): the CLI's BGT reader,
-- its file detection and the QGIS algorithm bgt_objecten_importeren read this column, so a new kind with a BGT
-- class needs no Python. A rule is Klasse.attribuut=waarde: a feature of a layer whose name contains the class
-- (bgt_begroeidterreindeel, Straatmeubilair, ...) is of this kind when the attribute has that value (class,
-- attribute and value compared without case, attributes without their bgt-/plus-/imgeo- prefix).
-- Filled with exactly the rules that were code until now (spatial_service/core/asset_kinds.py).
ALTER TABLE buurt_vl.objectsoort
  ADD COLUMN bgt_regels text[] NOT NULL DEFAULT '{}'
      CHECK (array_position(bgt_regels, NULL) IS NULL
             AND array_to_string(bgt_regels, E'\n') ~ '^([A-Za-z]+\.[A-Za-z]+=[^\n=]+(\n|$))*$');
COMMENT ON COLUMN buurt_vl.objectsoort.bgt_regels IS
  'BGT/IMGeo-regels (Klasse.attribuut=waarde) die een object van deze soort maken, bv. {Straatmeubilair.type=bank}';
COMMENT ON CONSTRAINT objectsoort_bgt_regels_check ON buurt_vl.objectsoort IS
  'De BGT-regels {bgt_regels} van objectsoort {code} kloppen niet. | Schrijf elke regel als Klasse.attribuut=waarde (bv. Straatmeubilair.type=bank), zonder lege waarden.';

UPDATE buurt_vl.objectsoort SET bgt_regels = '{BegroeidTerreindeel.fysiekVoorkomen=groenvoorziening}'
 WHERE code = 'groen';
UPDATE buurt_vl.objectsoort
   SET bgt_regels = '{Straatmeubilair.type=speelvoorziening,FunctioneelGebied.type=speeltuin,FunctioneelGebied.type=speelterrein}'
 WHERE code = 'speelplek';
