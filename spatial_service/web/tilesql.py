"""Moved to spatial_service.tiles.sql (web/ is HTTP only); this name stays an alias of that module, so imports
of spatial_service.web.tilesql keep working."""

import sys

from spatial_service.tiles import sql as _moved

sys.modules[__name__] = _moved
