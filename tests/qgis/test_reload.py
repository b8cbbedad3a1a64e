"""Loading the plugin again without a clean unload (a plugin reloader, a crash) leaves one working provider."""

from __future__ import annotations

from qgis.core import QgsApplication


def test_second_load_replaces_a_stale_provider(bk, qgis_iface, qgis_processing):
    registry = QgsApplication.processingRegistry()
    first = bk.classFactory(qgis_iface)
    first.initGui()
    second = bk.classFactory(qgis_iface)
    second.initGui()
    try:
        assert registry.providerById("buurtkaart") is second.provider
        assert registry.algorithmById("buurtkaart:installeren") is not None
        assert len([p for p in registry.providers() if p.id() == "buurtkaart"]) == 1
    finally:
        second.unload()
    assert registry.providerById("buurtkaart") is None
