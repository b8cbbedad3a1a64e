"""Vector tiles apart from HTTP: the tile SQL compiled from the catalogue (sql.py) and the static export of the
same tiles to PMTiles/MBTiles (export.py). spatial_service/web serves them; spatial_service/exporters holds the
open-data export next to this package."""
