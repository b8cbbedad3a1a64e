"""QGIS renderers of the Buurtkaart layers, from the value lists: initiatives and deals by theme (buurt_vl.thema)
with the status colour as outline (buurt_vl.status; stopped work faded), and a layer of one kind of public-space
object (its catalogue `soort`) from its buurt_vl.objectsoort row (kleur, rand, symbool, grootte). So a new kind or a new
colour is a row, not code. Used by style_builder (which writes layers/styles/<id>.qml); the form is not here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsFeatureRenderer,
    QgsFillSymbol,
    QgsLineSymbol,
    QgsMarkerSymbol,
    QgsProperty,
    QgsRendererCategory,
    QgsSingleSymbolRenderer,
    QgsSymbol,
    QgsSymbolLayer,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtGui import QColor

from .core.kaartstijl import FADED_OPACITY

KIND_QUERY = "SELECT code, naam, kleur, rand, symbool, grootte FROM buurt_vl.objectsoort ORDER BY volgorde"
KIND_COLUMNS = ("code", "naam", "kleur", "rand", "symbool", "grootte")
STATUS_QUERY = "SELECT code, kleur, gestopt FROM buurt_vl.status ORDER BY volgorde"
THEME_QUERY = "SELECT code, naam, kleur FROM buurt_vl.thema ORDER BY volgorde"


def rgba(hex_colour: str, alpha: int) -> str:
    c = QColor(hex_colour)
    return f"{c.red()},{c.green()},{c.blue()},{alpha}"


def _status_expression(statuses: Sequence[Sequence[Any]]) -> str:
    # the searched CASE: QGIS 3.22 cannot parse the simple form (CASE "status" WHEN 'x' THEN ...)
    whens = " ".join(f"WHEN \"status\" = '{code}' THEN '{colour}'" for code, colour, *_ in statuses)
    return f"CASE {whens} ELSE '#ffffff' END"


def _faded_expression(statuses: Sequence[Sequence[Any]]) -> str:
    stopped = ", ".join(f"'{code}'" for code, _, gestopt in statuses if gestopt)
    return f'CASE WHEN "status" IN ({stopped}) THEN {round(FADED_OPACITY * 100)} ELSE 100 END' if stopped else "100"


def theme_renderer(layer: QgsVectorLayer, themes: Sequence[Sequence[Any]], statuses: Sequence[Sequence[Any]],
                   deal: bool) -> QgsCategorizedSymbolRenderer:
    """themes: (code, naam, kleur); statuses: (code, kleur, gestopt)."""
    status_colour = QgsProperty.fromExpression(_status_expression(statuses))
    # stopped work fades: the map shows what is alive
    faded = QgsProperty.fromExpression(_faded_expression(statuses))
    categories = []
    for code, name, colour in themes:
        if layer.geometryType() == QgsWkbTypes.PointGeometry:
            symbol = QgsMarkerSymbol.createSimple({
                "name": "square" if deal else "circle", "color": colour, "size": "4.2" if deal else "3.4",
                "outline_color": "#ffffff", "outline_width": "0.7"})
        else:
            symbol = QgsFillSymbol.createSimple({
                "color": rgba(colour, 110 if deal else 70), "style": "solid" if deal else "b_diagonal",
                "outline_color": colour, "outline_width": "0.8"})
        symbol.symbolLayer(0).setDataDefinedProperty(QgsSymbolLayer.PropertyStrokeColor, status_colour)
        symbol.setDataDefinedProperty(QgsSymbol.PropertyOpacity, faded)
        categories.append(QgsRendererCategory(code, symbol, name))
    return QgsCategorizedSymbolRenderer("thema", categories)


def kind_symbol(geometry_type: int, kind: Mapping[str, Any]) -> QgsSymbol:
    """The symbol of one object kind for a point, line or area layer."""
    colour, edge = kind["kleur"], kind["rand"]
    if geometry_type == QgsWkbTypes.PointGeometry:
        return QgsMarkerSymbol.createSimple({
            "name": kind["symbool"] or "circle", "color": colour, "size": str(kind["grootte"]),
            "outline_color": edge or "#ffffff",
            "outline_width": "0.4"})
    if geometry_type == QgsWkbTypes.LineGeometry:
        return QgsLineSymbol.createSimple({"color": colour, "width": "0.8"})
    return QgsFillSymbol.createSimple({"color": rgba(colour, 150), "outline_color": edge or colour,
                                       "outline_width": "0.4"})


def kind_renderer(layer: QgsVectorLayer, kind: Mapping[str, Any]) -> QgsFeatureRenderer:
    """A layer of one object kind. Areas also show who looks after them: residents' care (beheerder bewoners)
    in a lighter, bolder-edged variant, visible at a glance."""
    symbol = kind_symbol(layer.geometryType(), kind)
    if layer.geometryType() != QgsWkbTypes.PolygonGeometry or layer.fields().indexOf("beheerder") < 0:
        return QgsSingleSymbolRenderer(symbol)
    residents = symbol.clone()
    residents.setColor(QColor(kind["kleur"]).lighter(150))
    residents.symbolLayer(0).setStrokeWidth(0.5)
    residents.symbolLayer(0).setStrokeColor(QColor(kind["rand"] or kind["kleur"]).darker(130))
    name = kind["naam"]
    return QgsCategorizedSymbolRenderer("beheerder", [
        QgsRendererCategory("gemeente", symbol, f"{name} (beheer gemeente)"),
        QgsRendererCategory("bewoners", residents, f"{name} (beheer bewoners)"),
        QgsRendererCategory("partner", symbol.clone(), f"{name} (beheer partner)"),
    ])


def boundary_renderer(table: str) -> QgsFeatureRenderer | None:
    """Buurten: a dashed grey outline over everything; wijken: a light fill with a dark edge."""
    if table == "buurt":
        return QgsSingleSymbolRenderer(QgsFillSymbol.createSimple({
            "color": "255,255,255,0", "style": "no", "outline_color": "#737373", "outline_width": "0.25",
            "outline_style": "dash"}))
    if table == "wijk":
        return QgsSingleSymbolRenderer(QgsFillSymbol.createSimple({
            "color": "247,247,247,255", "outline_color": "#252525", "outline_width": "0.7"}))
    return None
