"""Run INSIDE the real QGIS desktop (qgis --code tests/qgis/desktop_save.py, under xvfb-run) with BK_PLUGINS,
BK_DSN, BK_ADMIN_DSN and BK_OUT set: the plugin is started on the real iface, the layer set loaded, a commitment
changed so that its closed deal loses wederkerigheid, and QGIS' own action "Laagwijzigingen opslaan"
(iface.actionSaveActiveLayerEdits) triggered. Writes JSON with what the user then has, and quits QGIS."""

import json
import os
import sys
import traceback

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QTimer
from qgis.utils import iface

out = {}


def finish():
    with open(os.environ["BK_OUT"], "w", encoding="utf-8") as fh:
        json.dump(out, fh)
    os._exit(0)  # the report is written; skip QGIS' own teardown


def run():
    try:
        sys.path.insert(0, os.environ["BK_PLUGINS"])
        import buurtkaart
        from buurtkaart import connection

        plugin = buurtkaart.classFactory(iface)
        plugin.initGui()
        result = plugin.load_layers(connection=os.environ["BK_DSN"])
        commitments = result.layers["afspraak"]
        admin = connection.connect(os.environ["BK_ADMIN_DSN"])
        deal_id, commitment_id = connection.run_sql(admin, """
            SELECT d.id, min(a.id) FROM buurt.buurtdeal d JOIN buurt.afspraak a ON a.buurtdeal_id = d.id
             WHERE d.status = 'buurtdeal_gesloten' AND a.partij = 'gemeente' GROUP BY d.id HAVING count(*) = 1
             ORDER BY d.id LIMIT 1""")[0]
        iface.setActiveLayer(commitments)
        assert commitments.startEditing()
        index = commitments.fields().indexOf("partij")
        assert commitments.changeAttributeValue(commitment_id, index, "partner")
        action = iface.actionSaveActiveLayerEdits()
        out["action"] = action.text()
        action.trigger()
        for _ in range(20):
            QgsApplication.processEvents()
        out["editable"] = commitments.isEditable()
        out["shown"] = commitments.getFeature(commitment_id)["partij"]
        out["database"] = connection.run_sql(
            admin, f"SELECT partij FROM buurt.afspraak WHERE id = {commitment_id}")[0][0]
        out["refusals"] = list(getattr(getattr(plugin, "guard", None), "refusals", []))
        out["deal"] = deal_id
        commitments.rollBack()
        QgsProject.instance().clear()
    except Exception:
        out["error"] = traceback.format_exc()
    finish()


QTimer.singleShot(500, run)
