"""A picture of a feature form as GIS staff see it (the README screenshot): the layer set loaded through the
plugin, the form of one feature opened on a tab, grabbed headless. Used by `buurtkaart plugin formulier`."""

from __future__ import annotations

import time
from pathlib import Path

from buurtkaart import loader
from qgis.core import QgsProject
from qgis.gui import QgsAttributeDialog, QgsAttributeEditorContext
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtWidgets import QTabWidget


def render(dsn: str, out: Path, layer_id: str = "buurtdeal_punt", where: str = "status = 'uitvoering'",
           tab: str = "Afspraken (wederkerigheid)") -> Path:
    result = loader.load_layer_set(dsn, QgsProject.instance())
    layer = result.layers[layer_id]
    feature = next(layer.getFeatures(where))
    layer.startEditing()
    dialog = QgsAttributeDialog(layer, feature, False, None, True, QgsAttributeEditorContext())
    try:
        dialog.setWindowTitle(f"{layer.name()} — objectattributen")
        dialog.show()
        # as wide as a 1024 px screen allows: long labels and lists then show without scrolling sideways
        dialog.resize(max(dialog.sizeHint().width(), 1000), dialog.sizeHint().height())
        tabs = dialog.findChild(QTabWidget)
        titles = [tabs.tabText(i) for i in range(tabs.count())]
        if tab in titles:
            tabs.setCurrentIndex(titles.index(tab))
        for _ in range(50):  # relation-reference lists fill in the background
            QCoreApplication.processEvents()
            time.sleep(0.02)
        out.parent.mkdir(parents=True, exist_ok=True)
        if not dialog.grab().save(str(out)):
            raise RuntimeError(f"{out}: niet geschreven")
    finally:
        dialog.close()
        dialog.deleteLater()
        layer.rollBack()
        QCoreApplication.processEvents()
    return out
