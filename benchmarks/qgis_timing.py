"""What the QGIS benchmarks time, in headless QGIS: loading the Buurtkaart layer set through the plugin's loader
(styles, forms, relations, transaction group) and rendering the city it covers.
The plugin comes from its source folder (spatial_service.plugin_tools puts it on sys.path)."""

from __future__ import annotations

import time
from dataclasses import dataclass

from qgis.core import QgsApplication, QgsProject
from qgis.gui import QgsGui

import spatial_service.plugin_tools  # noqa: F401  (the source plugin on sys.path)


@dataclass(frozen=True)
class LoadRender:
    loads: list[float]  # seconds per run; the first is cold (new connections)
    renders: list[float]
    layers: int
    features: int


def start_qgis() -> QgsApplication:
    """Keep the returned application referenced for as long as QGIS is used."""
    app = QgsApplication([], True)
    app.initQgis()
    QgsGui.editorWidgetRegistry().initEditors()
    return app


def load_and_render(dsn: str, runs: int, size: tuple[int, int]) -> LoadRender:
    from buurtkaart import loader

    from spatial_service.plugin_tools.render_map import city_extent, map_layers, map_settings, render_image

    project = QgsProject.instance()
    loads, renders = [], []
    try:
        for _ in range(runs):
            project.clear()
            start = time.perf_counter()
            result = loader.load_layer_set(dsn, project)
            loads.append(time.perf_counter() - start)
            settings = map_settings(map_layers(result), city_extent(result), *size)
            start = time.perf_counter()
            image = render_image(settings)
            renders.append(time.perf_counter() - start)
            assert not image.isNull()
        return LoadRender(loads, renders, len(result.layers),
                          sum(layer.featureCount() for layer in result.layers.values()))
    finally:
        project.clear()
