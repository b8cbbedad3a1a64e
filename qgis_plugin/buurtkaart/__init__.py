"""Buurtkaart QGIS plugin: load, edit and report on the Buurtkaart layers in PostGIS."""


def classFactory(iface):
    from .plugin import BuurtkaartPlugin

    return BuurtkaartPlugin(iface)
