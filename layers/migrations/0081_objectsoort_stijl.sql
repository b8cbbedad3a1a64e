-- How each kind of public-space object looks and where it comes from, as data: the QGIS renderers, the viewer
-- style and the OSM import read these columns, so a new kind (a bank) is one row here plus catalogue entries.
--   symbool:  the marker of a point (QGIS simple marker names; the viewer draws a circle with this colour)
--   grootte:  the marker size of a point in mm (QGIS; the viewer's circle radius in px follows from it)
--   rand:     the outline colour of a point or area (NULL: white around points, kleur around areas)
--   osm_tags: OSM key=value tags that make an object of this kind (an area when the way is closed)
ALTER TABLE buurt_vl.objectsoort
  ADD COLUMN symbool  text NOT NULL DEFAULT 'circle'
      CHECK (symbool IN ('circle', 'square', 'triangle', 'diamond', 'star', 'pentagon', 'hexagon')),
  ADD COLUMN grootte  numeric NOT NULL DEFAULT 2.8 CHECK (grootte > 0 AND grootte <= 10),
  ADD COLUMN rand     text CHECK (rand ~ '^#[0-9a-f]{6}$'),
  ADD COLUMN osm_tags text[] NOT NULL DEFAULT '{}'
      CHECK (array_position(osm_tags, NULL) IS NULL);
COMMENT ON COLUMN buurt_vl.objectsoort.osm_tags IS
  'OSM-tags (sleutel=waarde) die een object van deze soort maken, bv. {amenity=bench}; zebrapaden herkent de import zelf (oversteek met crossing=zebra)';

UPDATE buurt_vl.objectsoort SET symbool = 'triangle', rand = '#7f2704', osm_tags = '{leisure=playground}'
 WHERE code = 'speelplek';
UPDATE buurt_vl.objectsoort SET rand = '#238b45', osm_tags = '{leisure=park,leisure=garden,landuse=grass}'
 WHERE code = 'groen';
UPDATE buurt_vl.objectsoort SET symbool = 'square', grootte = 1.8 WHERE code = 'zebrapad';
