"""Builds layers/styles/<id>.qml for every [[qgis]] layer: symbology and labels here, the attribute form
(widgets, defaults, constraints, layout, relation widgets) in form_builder.py. Run by `buurtkaart plugin styles`
against an installed database; the QML files are the source the plugin loads, and GIS staff may refine them in
QGIS and save them back over these files.

Colours come from the value lists (buurt_vl.thema, buurt_vl.status, buurt_vl.objectsoort), so a recoloured
theme or a new kind is a row plus a rebuild of the styles; the renderers themselves are buurtkaart/renderers.py.
"""

from __future__ import annotations

from pathlib import Path

from buurtkaart import catalogue, loader, renderers
from buurtkaart.connection import connect, run_sql
from qgis.core import (
    QgsMapLayer,
    QgsPalLayerSettings,
    QgsProject,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtGui import QColor, QFont

from . import form_builder


def _labels(field: str, size: float, colour: str, bold: bool) -> QgsVectorLayerSimpleLabeling:
    settings = QgsPalLayerSettings()
    settings.fieldName = field
    settings.enabled = True
    fmt = QgsTextFormat()
    font = QFont("DejaVu Sans")
    font.setBold(bold)
    fmt.setFont(font)
    fmt.setSize(size)
    fmt.setColor(QColor(colour))
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(0.8)
    buffer.setColor(QColor("#ffffff"))
    fmt.setBuffer(buffer)
    settings.setFormat(fmt)
    settings.placement = QgsPalLayerSettings.Horizontal
    return QgsVectorLayerSimpleLabeling(settings)


def build_styles(name_or_uri: str, out_dir: Path) -> list[Path]:
    """Write one QML per catalogue layer into out_dir; returns the paths written."""
    conn = connect(name_or_uri)
    themes = run_sql(conn, renderers.THEME_QUERY)
    statuses = run_sql(conn, renderers.STATUS_QUERY)
    kinds = {r[0]: dict(zip(renderers.KIND_COLUMNS, r, strict=True)) for r in run_sql(conn, renderers.KIND_QUERY)}
    entries = {entry.id: entry for entry in catalogue.load().layers}
    years = tuple(int(v) for v in run_sql(conn, "SELECT van, tot FROM publiek.jaarbereik")[0])
    result = loader.load_layer_set(name_or_uri, QgsProject.instance())
    cat = catalogue.load()
    written = []
    out_dir.mkdir(parents=True, exist_ok=True)
    for layer_id, layer in result.layers.items():
        schema, table = layer.dataProvider().uri().schema(), layer.dataProvider().uri().table()
        table_key = "buurt_vl" if schema == "buurt_vl" else table
        soort = entries[layer_id].soort
        entry = cat.by_id(layer_id)
        form_builder.configure_fields(layer, layer_id, table_key, soort, years)
        form_builder.build_form(layer, layer_id, table_key, form_builder.editor_relations(cat, entry))
        form_builder.finish_form(layer, entry, cat)
        if table in ("initiatief", "buurtdeal") and layer.isSpatial():
            layer.setRenderer(renderers.theme_renderer(layer, themes, statuses, deal=table == "buurtdeal"))
        elif soort:
            layer.setRenderer(renderers.kind_renderer(layer, kinds[soort]))
        elif layer.isSpatial():
            renderer = renderers.boundary_renderer(table)
            if renderer is not None:
                layer.setRenderer(renderer)
        if layer_id in ("buurt", "wijk"):
            layer.setLabeling(_labels("naam", 7.0 if layer_id == "buurt" else 9.5,
                                      "#525252" if layer_id == "buurt" else "#000000", layer_id == "wijk"))
            layer.setLabelsEnabled(True)
            if layer_id == "buurt":
                layer.labeling().settings().minimumScale = 0
        path = out_dir / f"{layer_id}.qml"
        # no Relations: the loader makes them from the catalogue, and QGIS would write this machine's data source
        categories = QgsMapLayer.StyleCategories(QgsMapLayer.AllStyleCategories & ~QgsMapLayer.CustomProperties
                                                 & ~QgsMapLayer.Relations)
        message, ok = layer.saveNamedStyle(str(path), categories)
        if not ok:
            raise RuntimeError(f"{path.name}: {message}")
        written.append(path)
    return written
