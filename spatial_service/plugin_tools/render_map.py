"""Renders the layer set through the plugin's own styles to a PNG, headless (QgsMapRendererParallelJob), with
a title and a theme legend painted on top. Used by `buurtkaart plugin render` and the benchmark."""

from __future__ import annotations

from pathlib import Path

from buurtkaart import loader
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsMapLayer,
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsProject,
    QgsRectangle,
)
from qgis.PyQt.QtCore import QRectF, QSize, Qt
from qgis.PyQt.QtGui import QColor, QFont, QImage, QPainter

TITLE = "Hilversum: buurtdeals, initiatieven en openbare ruimte"


def map_layers(result: loader.LoadResult) -> list[QgsMapLayer]:
    """Drawable layers in layer-tree order (top first), value lists and tables left out."""
    return [node.layer() for node in result.group.findLayers()
            if node.layer() is not None and node.layer().isSpatial()]


def map_settings(layers: list[QgsMapLayer], extent: QgsRectangle, width: int, height: int) -> QgsMapSettings:
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:28992"))
    settings.setOutputSize(QSize(width, height))
    settings.setOutputDpi(110)
    settings.setBackgroundColor(QColor("#ffffff"))
    settings.setFlag(QgsMapSettings.Antialiasing, True)
    settings.setExtent(extent)
    return settings


def render_image(settings: QgsMapSettings) -> QImage:
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    return job.renderedImage()


def city_extent(result: loader.LoadResult) -> QgsRectangle:
    extent = QgsRectangle(result.layers["wijk"].extent())
    extent.scale(1.04)
    return extent


def _legend(image: QImage, result: loader.LoadResult) -> None:
    painter = QPainter(image)
    painter.setRenderHint(QPainter.Antialiasing)
    font = QFont("DejaVu Sans")
    font.setPixelSize(22)
    font.setBold(True)
    painter.setFont(font)
    painter.fillRect(QRectF(0, 0, image.width(), 48), QColor(255, 255, 255, 225))
    painter.setPen(QColor("#222222"))
    painter.drawText(QRectF(18, 0, image.width() - 36, 48), Qt.AlignVCenter | Qt.AlignLeft, TITLE)

    themes = result.layers["initiatief_punt"].renderer().categories()
    entries = [(c.label(), c.symbol().color(), "rond") for c in themes]
    entries += [("Initiatief (rond) / buurtdeal (vierkant)", QColor("#555555"), "beide"),
                ("Speelplek", QColor("#fd8d3c"), "driehoek"), ("Groen", QColor("#41ab5d"), "vlak"),
                ("Zebrapad", QColor("#252525"), "vierkant")]
    font.setPixelSize(16)
    font.setBold(False)
    painter.setFont(font)
    row, pad = 24, 12
    box = QRectF(14, image.height() - pad * 2 - row * len(entries) - 8, 360, pad * 2 + row * len(entries))
    painter.setPen(QColor("#bbbbbb"))
    painter.setBrush(QColor(255, 255, 255, 230))
    painter.drawRoundedRect(box, 6, 6)
    for i, (label, colour, shape) in enumerate(entries):
        y = box.top() + pad + i * row
        painter.setPen(QColor("#ffffff"))
        painter.setBrush(colour)
        swatch = QRectF(box.left() + 12, y + 4, 15, 15)
        if shape == "rond":
            painter.drawEllipse(swatch)
        else:
            painter.drawRect(swatch)
        painter.setPen(QColor("#222222"))
        painter.drawText(QRectF(box.left() + 38, y, box.width() - 44, row), Qt.AlignVCenter | Qt.AlignLeft, label)
    painter.end()


def render(name_or_uri: str, out: Path, width: int = 1200, height: int = 1500) -> Path:
    project = QgsProject.instance()
    result = loader.load_layer_set(name_or_uri, project)
    image = render_image(map_settings(map_layers(result), city_extent(result), width, height))
    _legend(image, result)
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(out), "PNG"):
        raise OSError(f"Kan {out} niet schrijven.")
    return out
