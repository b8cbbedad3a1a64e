"""Run INSIDE the real QGIS desktop (tests/qgis/desktop.py starts it; BK_PLUGINS, BK_CASES, BK_OUT): every case
is a Buurtkaart algorithm opened in its Processing Toolbox dialog (the AlgorithmDialog QGIS opens from the
Toolbox), filled with the case's parameters and run with the dialog's Run button, so QGIS runs it as for a person:
in a background task unless the algorithm asks for the main thread. Writes per case: finished, ok, the results,
the dialog's log and what the QGIS message log received meanwhile."""

import json
import os
import sys
import time
import traceback

sys.path.insert(0, os.environ["BK_REPO"])
sys.path.insert(0, os.environ["BK_PLUGINS"])

from qgis.core import QgsApplication, QgsProcessingFeatureSourceDefinition, QgsProject
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QTextEdit
from qgis.utils import iface

from tests.qgis.desktop import pump, wait_for

out: dict = {}


def run_case(case: dict, layers: dict) -> dict:
    import processing

    report: dict = {"log": []}
    params = dict(case["params"])
    if "select" in case:  # an algorithm on "selected features only" of a loaded Buurtkaart layer
        layer = layers[case["select"]["layer"]]
        layer.selectByExpression(case["select"]["where"])
        params[case["select"]["parameter"]] = QgsProcessingFeatureSourceDefinition(layer.id(), True)
    received: list[str] = []

    def grab(text: str, tag: str, _level) -> None:
        received.append(f"{tag}: {text}")

    QgsApplication.messageLog().messageReceived.connect(grab)
    try:
        dialog = processing.createAlgorithmDialog(case["alg"], params)
        dialog.show()
        pump(0.3)
        finished: list = []

        def done(ok: bool, results: dict) -> None:
            # the dialog closes (and is deleted) right after a success: read its log now
            logs = [w.toPlainText() for w in dialog.findChildren(QTextEdit) if w.objectName() == "txtLog"]
            report["dialog_log"] = logs[0][-4000:] if logs else ""
            finished.append((ok, results))

        dialog.algorithmFinished.connect(done)
        report["background"] = not bool(dialog.algorithm().flags() & dialog.algorithm().FlagNoThreading)
        started = time.monotonic()
        dialog.runButton().click()
        report["finished"] = wait_for(lambda: bool(finished), case.get("timeout", 240))
        report["seconds"] = round(time.monotonic() - started, 1)
        if not finished and not sip.isdeleted(dialog):
            logs = [w.toPlainText() for w in dialog.findChildren(QTextEdit) if w.objectName() == "txtLog"]
            report["dialog_log"] = logs[0][-4000:] if logs else ""
        if finished:
            ok, results = finished[0]
            report["ok"] = bool(ok)
            report["results"] = {k: (v if isinstance(v, (int, float, str, bool, type(None))) else str(v))
                                 for k, v in results.items()}
        if not sip.isdeleted(dialog):
            dialog.close()
        pump(0.3)
    finally:
        QgsApplication.messageLog().messageReceived.disconnect(grab)
    report["log"] = received[-200:]
    return report


def run() -> None:
    try:
        import buurtkaart

        plugin = buurtkaart.classFactory(iface)
        plugin.initGui()
        with open(os.environ["BK_CASES"], encoding="utf-8") as fh:
            spec = json.load(fh)
        cases = spec["cases"]
        # the Toolbox dialog offers saved connections only: save them in this fresh profile, as a person has
        from buurtkaart import connection

        for name, dsn in spec["connections"].items():
            connection.save_as_qgis_connection(dsn, name)
        layers = {}
        if spec.get("layers_from"):
            layers = plugin.load_layers(connection=spec["layers_from"]).layers
        for case in cases:
            try:
                out[case["name"]] = run_case(case, layers)
            except Exception:
                out[case["name"]] = {"error": traceback.format_exc()}
        for layer in layers.values():
            layer.removeSelection()
        layers.clear()
        QgsProject.instance().clear()
    except Exception:
        out["error"] = traceback.format_exc()
    finish()


def finish() -> None:
    with open(os.environ["BK_OUT"], "w", encoding="utf-8") as fh:
        json.dump(out, fh, indent=1, default=str)
    os._exit(0)  # the report is written; skip QGIS' own teardown


def watchdog() -> None:
    out["error"] = "de desktop hing: " + json.dumps(out, default=str)[:3000]
    finish()


QTimer.singleShot(int(os.environ.get("BK_WATCHDOG_MS", "900000")), watchdog)
QTimer.singleShot(500, run)
