"""The real QGIS 3.22 desktop for tests: `qgis --code SCRIPT` under xvfb-run with a fresh profile and the plugin
built from the tree. A script (tests/qgis/desktop_*.py) runs inside the desktop, drives it the way a person does
(the iface actions, the feature forms QGIS opens, the Processing Toolbox dialog) and writes what the person then
sees as JSON to BK_OUT; `run` starts the desktop once and returns that JSON. Helpers for the scripts below
(they run inside QGIS, with qgis.utils.iface)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def run(script: str, plugins_dir: Path, tmp_path: Path, timeout: int = 600, **env: str) -> dict:
    """Start the desktop with tests/qgis/<script>; the report it wrote (fails with QGIS' stderr if none)."""
    assert shutil.which("xvfb-run") and shutil.which("qgis"), "xvfb-run en qgis (Debian-pakketten) ontbreken"
    out = tmp_path / f"{Path(script).stem}.json"
    full_env = dict(os.environ, BK_PLUGINS=str(plugins_dir), BK_REPO=str(REPO), BK_OUT=str(out),
                    QT_QPA_PLATFORM="xcb", **env)
    done = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1280x1024x24", "qgis", "--nologo",
                           "--noversioncheck", "--noplugins", "--profiles-path", str(tmp_path / "profielen"),
                           "--code", str(REPO / "tests" / "qgis" / script)],
                          env=full_env, capture_output=True, text=True, timeout=timeout)
    assert out.exists(), (done.returncode, done.stderr[-4000:])
    report = json.loads(out.read_text(encoding="utf-8"))
    assert "error" not in report, report["error"]
    return report


# --- inside the desktop ---------------------------------------------------------------------------------------

def pump(seconds: float = 0.3) -> None:
    """Let QGIS work (signals queued with QTimer, background list fills) for a moment."""
    from qgis.core import QgsApplication

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QgsApplication.processEvents()
        time.sleep(0.01)


def wait_for(condition: Callable[[], bool], seconds: float = 60) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        pump(0.05)
    return condition()


def bar_messages() -> list[dict]:
    """What the message bar shows, top first: title, text (whole), level."""
    from qgis.utils import iface

    return [{"title": item.title(), "text": item.text(), "level": int(item.level())}
            for item in iface.messageBar().items()]


def full_message() -> str | None:
    """Click the plugin's 'Hele melding…' on the newest message and read the window it opens (then close it)."""
    from qgis.PyQt.QtWidgets import QApplication, QMessageBox, QPushButton
    from qgis.utils import iface

    items = iface.messageBar().items()
    buttons = [b for item in items for b in item.findChildren(QPushButton, "buurtkaart_hele_melding")]
    if not buttons:
        return None
    buttons[0].click()
    pump(0.2)
    boxes = [w for w in QApplication.topLevelWidgets() if w.objectName() == "buurtkaart_melding" and w.isVisible()]
    if not boxes:
        return None
    from qgis.PyQt import sip

    box = sip.cast(boxes[0], QMessageBox)
    text = box.text()
    box.close()
    pump(0.1)
    return text


def shown_dialogs(layer=None) -> list:
    """The feature-form dialogs on screen (of one layer)."""
    from qgis.gui import QgsAttributeDialog
    from qgis.PyQt import sip
    from qgis.PyQt.QtWidgets import QApplication

    found = [sip.cast(w, QgsAttributeDialog) for w in QApplication.topLevelWidgets()
             if w.metaObject().className() == "QgsAttributeDialog" and w.isVisible()]
    return [d for d in found if layer is None or d.attributeForm().layer().id() == layer.id()]


def open_form(layer, feature):
    """The feature form the way QGIS opens it ('Open form' / identify): through the iface, not a dialog of ours."""
    from qgis.PyQt import sip
    from qgis.utils import iface

    before = {sip.unwrapinstance(d) for d in shown_dialogs(layer)}
    iface.openFeatureForm(layer, feature, False, False)
    pump(0.3)
    shown = shown_dialogs(layer)
    assert shown, f"{layer.name()}: geen formulier zichtbaar na 'formulier openen'"
    return next((d for d in shown if sip.unwrapinstance(d) not in before), shown[-1])


class ModalAnswer:
    """Answer the next modal dialog QGIS puts up (a QMessageBox question) with the button `answer` (its
    StandardButton), remembering its text: arm before the action that asks."""

    def __init__(self, answer) -> None:
        from qgis.PyQt.QtCore import QTimer

        self.answer = answer
        self.text: str | None = None
        self.timer = QTimer()
        self.timer.setInterval(100)
        self.timer.timeout.connect(self._check)
        self.timer.start()

    def _check(self) -> None:
        from qgis.PyQt import sip
        from qgis.PyQt.QtWidgets import QApplication, QMessageBox

        widget = QApplication.activeModalWidget()
        if widget is None or widget.metaObject().className() != "QMessageBox":
            return
        box = sip.cast(widget, QMessageBox)
        self.text = box.text()
        self.timer.stop()
        box.button(self.answer).click()
