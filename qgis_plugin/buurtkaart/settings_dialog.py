"""The plugin's settings (QgsSettings, never a password): the default connection the load dialog starts on, and
the address of the virtuele stad for "Open in de virtuele stad" on a selected feature."""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsProject,
    QgsSettings,
    QgsVectorLayer,
)
from qgis.PyQt.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

SETTING_CONNECTION = "buurtkaart/verbinding"  # a connection NAME or service=..., never a password
SETTING_VIEWER_URL = "buurtkaart/virtuele_stad"
# MapLibre's hash: #zoom/lat/lon; {laag} and {id} are there for a viewer that can open a feature directly
DEFAULT_VIEWER_URL = "http://127.0.0.1:8765/#18/{lat}/{lon}"
PLACEHOLDERS = ("{lat}", "{lon}", "{laag}", "{id}")


def viewer_template() -> str:
    return QgsSettings().value(SETTING_VIEWER_URL, DEFAULT_VIEWER_URL, type=str) or DEFAULT_VIEWER_URL


def viewer_url(layer: QgsVectorLayer, feature: QgsFeature, template: str | None = None) -> str:
    """The virtuele stad at this feature: its centre in WGS84, its catalogue layer id and its number."""
    point = feature.geometry().pointOnSurface()
    transform = QgsCoordinateTransform(layer.crs(), QgsCoordinateReferenceSystem("EPSG:4326"), QgsProject.instance())
    point.transform(transform)
    xy = point.asPoint()
    layer_id = str(layer.customProperty("buurtkaart/id") or layer.name())
    key = feature["id"] if layer.fields().indexOf("id") >= 0 else feature.id()
    return (template or viewer_template()).replace("{lat}", f"{xy.y():.6f}").replace("{lon}", f"{xy.x():.6f}") \
        .replace("{laag}", layer_id).replace("{id}", str(key))


class SettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None, connections: list[str]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Buurtkaart-instellingen")
        settings = QgsSettings()
        self.connection = QComboBox(self)
        self.connection.setObjectName("standaardverbinding")
        self.connection.setEditable(True)
        self.connection.addItems(connections)
        self.connection.setCurrentText(settings.value(SETTING_CONNECTION, "", type=str))
        self.viewer = QLineEdit(viewer_template(), self)
        self.viewer.setObjectName("virtuele_stad")
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Standaardverbinding (naam of service=<naam>):", self.connection)
        form.addRow("Adres van de virtuele stad ({lat}, {lon}, {laag}, {id}):", self.viewer)
        form.addRow(self.problem)
        form.addRow(buttons)

    def accept(self) -> None:
        url = self.viewer.text().strip()
        if not url.startswith(("http://", "https://")) or not any(p in url for p in PLACEHOLDERS):
            self.problem.setText("Het adres begint met http:// of https:// en bevat {lat} en {lon} (of {laag} en "
                                 "{id}), bijvoorbeeld " + DEFAULT_VIEWER_URL)
            return
        if "password=" in self.connection.currentText():
            self.problem.setText("Geen wachtwoord in de verbinding: gebruik een dienst, een authcfg of ~/.pgpass.")
            return
        settings = QgsSettings()
        settings.setValue(SETTING_CONNECTION, self.connection.currentText().strip())
        settings.setValue(SETTING_VIEWER_URL, url)
        super().accept()
