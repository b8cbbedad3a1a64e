"""Builds layers/styles/<id>.qml for every [[qgis]] layer: symbology and labels here, the attribute form
(widgets, defaults, constraints, layout, relation widgets) in form_builder.py. Run by `buurtkaart plugin styles`
against an installed database; the QML files are the source the plugin loads, and GIS staff may refine them in
QGIS and save them back over these files.

Colours come from the value lists (buurt_vl.thema, buurt_vl.status, buurt_vl.objectsoort), so a recoloured
theme is a row update plus a rebuild of the styles.
"""

from __future__ import annotations

from pathlib import Path

import form_builder
from buurtkaart import loader
from buurtkaart.connection import connect, run_sql
from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsFillSymbol,
    QgsMapLayer,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsProject,
    QgsProperty,
    QgsRendererCategory,
    QgsSingleSymbolRenderer,
    QgsSymbol,
    QgsSymbolLayer,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtGui import QColor, QFont

END_STATUSES = ("afgewezen", "ingetrokken")


def _rgba(hex_colour: str, alpha: int) -> str:
    c = QColor(hex_colour)
    return f"{c.red()},{c.green()},{c.blue()},{alpha}"


def _status_expression(statuses: list[list]) -> str:
    # the searched CASE: QGIS 3.22 cannot parse the simple form (CASE "status" WHEN 'x' THEN ...)
    whens = " ".join(f"WHEN \"status\" = '{code}' THEN '{colour}'" for code, colour in statuses)
    return f"CASE {whens} ELSE '#ffffff' END"


def _theme_renderer(layer: QgsVectorLayer, themes: list[list], statuses: list[list], deal: bool):
    status_colour = QgsProperty.fromExpression(_status_expression(statuses))
    # closed and rejected work fades: the map shows what is alive
    faded = QgsProperty.fromExpression(
        "CASE WHEN \"status\" IN ('afgewezen', 'ingetrokken') THEN 35 ELSE 100 END")
    categories = []
    for code, name, colour in themes:
        if layer.geometryType() == 0:  # point
            symbol = QgsMarkerSymbol.createSimple({
                "name": "square" if deal else "circle", "color": colour, "size": "4.2" if deal else "3.4",
                "outline_color": "#ffffff", "outline_width": "0.7"})
        else:
            symbol = QgsFillSymbol.createSimple({
                "color": _rgba(colour, 110 if deal else 70), "style": "solid" if deal else "b_diagonal",
                "outline_color": colour, "outline_width": "0.8"})
        symbol.symbolLayer(0).setDataDefinedProperty(QgsSymbolLayer.PropertyStrokeColor, status_colour)
        symbol.setDataDefinedProperty(QgsSymbol.PropertyOpacity, faded)
        categories.append(QgsRendererCategory(code, symbol, name))
    return QgsCategorizedSymbolRenderer("thema", categories)


def _simple_renderer(layer_id: str, colours: dict[str, str]):
    if layer_id == "zebrapad":
        return QgsSingleSymbolRenderer(QgsMarkerSymbol.createSimple({
            "name": "square", "color": colours["zebrapad"], "size": "1.8", "outline_color": "#ffffff",
            "outline_width": "0.5"}))
    if layer_id == "speelplek_punt":
        return QgsSingleSymbolRenderer(QgsMarkerSymbol.createSimple({
            "name": "triangle", "color": colours["speelplek"], "size": "2.8", "outline_color": "#7f2704",
            "outline_width": "0.4"}))
    if layer_id == "speelplek_vlak":
        return QgsSingleSymbolRenderer(QgsFillSymbol.createSimple({
            "color": _rgba(colours["speelplek"], 150), "outline_color": "#a63603", "outline_width": "0.4"}))
    if layer_id == "groen":
        # residents' green (beheerder bewoners) hatched: visible at a glance who looks after it
        gemeente = QgsFillSymbol.createSimple({"color": _rgba(colours["groen"], 150),
                                               "outline_color": "#238b45", "outline_width": "0.2"})
        bewoners = QgsFillSymbol.createSimple({"color": _rgba("#a1d99b", 200), "outline_color": "#006d2c",
                                               "outline_width": "0.5", "style": "solid"})
        return QgsCategorizedSymbolRenderer("beheerder", [
            QgsRendererCategory("gemeente", gemeente, "Groen (beheer gemeente)"),
            QgsRendererCategory("bewoners", bewoners, "Groen (beheer bewoners)"),
            QgsRendererCategory("partner", gemeente.clone(), "Groen (beheer partner)"),
        ])
    if layer_id == "buurt":
        return QgsSingleSymbolRenderer(QgsFillSymbol.createSimple({
            "color": "255,255,255,0", "style": "no", "outline_color": "#737373", "outline_width": "0.25",
            "outline_style": "dash"}))
    if layer_id == "wijk":
        return QgsSingleSymbolRenderer(QgsFillSymbol.createSimple({
            "color": "247,247,247,255", "outline_color": "#252525", "outline_width": "0.7"}))
    return None


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
    themes = run_sql(conn, "SELECT code, naam, kleur FROM buurt_vl.thema ORDER BY volgorde")
    statuses = run_sql(conn, "SELECT code, kleur FROM buurt_vl.status ORDER BY volgorde")
    kinds = dict(run_sql(conn, "SELECT code, kleur FROM buurt_vl.objectsoort"))
    result = loader.load_layer_set(name_or_uri, QgsProject.instance())
    written = []
    out_dir.mkdir(parents=True, exist_ok=True)
    for layer_id, layer in result.layers.items():
        schema, table = layer.dataProvider().uri().schema(), layer.dataProvider().uri().table()
        table_key = "buurt_vl" if schema == "buurt_vl" else table
        form_builder.configure_fields(layer, layer_id, table_key)
        form_builder.build_form(layer, layer_id, table_key, loader.DEAL_RELATIONS.get(layer_id))
        if table in ("initiatief", "buurtdeal"):
            layer.setRenderer(_theme_renderer(layer, themes, statuses, deal=table == "buurtdeal"))
        elif layer.isSpatial():
            renderer = _simple_renderer(layer_id, kinds)
            if renderer is not None:
                layer.setRenderer(renderer)
        if layer_id in ("buurt", "wijk"):
            layer.setLabeling(_labels("naam", 7.0 if layer_id == "buurt" else 9.5,
                                      "#525252" if layer_id == "buurt" else "#000000", layer_id == "wijk"))
            layer.setLabelsEnabled(True)
            if layer_id == "buurt":
                layer.labeling().settings().minimumScale = 0
        path = out_dir / f"{layer_id}.qml"
        categories = QgsMapLayer.StyleCategories(QgsMapLayer.AllStyleCategories & ~QgsMapLayer.CustomProperties)
        message, ok = layer.saveNamedStyle(str(path), categories)
        if not ok:
            raise RuntimeError(f"{path.name}: {message}")
        written.append(path)
    return written
