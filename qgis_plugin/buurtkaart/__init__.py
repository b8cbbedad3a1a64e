"""Buurtkaart QGIS plugin: load, edit and report on the Buurtkaart layers in PostGIS."""

from pathlib import Path as _Path

# The packages the plugin shares with the service (spatial_service/core and /reports) are `buurtkaart.core` and
# `buurtkaart.reports`: copies in the built zip, symbolic links in the source folder (made by `buurtkaart plugin
# link` and by the development tools; spatial_service/plugin_tools SHARED_PACKAGES is the one list of them).
if not (_Path(__file__).resolve().parent / "core" / "__init__.py").exists():
    raise ImportError("buurtkaart/core ontbreekt: bouw de plugin ('buurtkaart plugin build') of koppel de bronmap "
                      "('buurtkaart plugin link').")


def classFactory(iface):
    from .plugin import BuurtkaartPlugin

    return BuurtkaartPlugin(iface)
