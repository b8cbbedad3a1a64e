-- The shape a theme has on the public map (with its colour, so the map can be read without colour), as data:
-- the viewer (symbolen.js) took it from the theme's place in the list, so a new theme or another order changed
-- every shape after it. These are the shapes that order gave.
ALTER TABLE buurt_vl.thema ADD COLUMN vorm text NOT NULL DEFAULT 'cirkel'
  CHECK (vorm IN ('cirkel', 'vierkant', 'driehoek', 'ruit', 'zeshoek', 'ster'));
COMMENT ON COLUMN buurt_vl.thema.vorm IS 'Vorm van het symbool op de publieke kaart (met de kleur)';
COMMENT ON CONSTRAINT thema_vorm_check ON buurt_vl.thema IS
  'Vorm "{vorm}" van thema {code} is onbekend: kies cirkel, vierkant, driehoek, ruit, zeshoek of ster.';
UPDATE buurt_vl.thema t
   SET vorm = (ARRAY['cirkel', 'vierkant', 'driehoek', 'ruit', 'zeshoek', 'ster'])[(n.rang - 1) % 6 + 1]
  FROM (SELECT code, row_number() OVER (ORDER BY volgorde, code) AS rang FROM buurt_vl.thema) n
 WHERE n.code = t.code;
