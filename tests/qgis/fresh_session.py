"""Run in a NEW process (python -m tests.qgis.fresh_session PLUGINS_DIR DSN): a fresh QGIS session loads the
layer set through the installed plugin, opens the feature form of every editable layer on one feature, and
prints JSON with everything the message log received and each form's size. A fresh process matters: QGIS logs
some warnings only the first time in a session (the srid-0 NOTICE), which an earlier test would hide."""

from __future__ import annotations

import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import QgsApplication, QgsProject
from qgis.gui import QgsAttributeDialog, QgsAttributeEditorContext, QgsGui


def main(plugins_dir: str, dsn: str) -> dict:
    app = QgsApplication([], True)
    app.initQgis()
    QgsGui.editorWidgetRegistry().initEditors()
    messages: list[dict] = []
    QgsApplication.messageLog().messageReceived.connect(
        lambda text, tag, level: messages.append({"tag": tag, "level": int(level), "text": text}))
    sys.path.insert(0, plugins_dir)
    from buurtkaart import catalogue, loader

    project = QgsProject.instance()
    result = loader.load_layer_set(dsn, project)
    sizes = {}
    for entry in catalogue.load().map_layers:
        if entry.alleen_lezen:
            continue
        layer = result.layers[entry.id]
        feature = next(layer.getFeatures())
        dialog = QgsAttributeDialog(layer, feature, False, None, True, QgsAttributeEditorContext())
        dialog.show()
        for _ in range(5):
            app.processEvents()
        hint = dialog.sizeHint()
        sizes[entry.id] = [hint.width(), hint.height()]
        dialog.close()
        dialog.deleteLater()
        app.processEvents()
    out = {"messages": messages, "sizes": sizes, "style_errors": result.style_errors}
    del result, layer, feature, dialog
    project.clear()
    return out


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2])))
    sys.stdout.flush()
    os._exit(0)  # skip QGIS' exit teardown: this process only reports
