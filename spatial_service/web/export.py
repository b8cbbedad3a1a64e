"""Moved to spatial_service.tiles.export (web/ is HTTP only); this name stays an alias of that module, so imports
of spatial_service.web.export keep working."""

import sys

from spatial_service.tiles import export as _moved

sys.modules[__name__] = _moved
