"""The real QGIS 3.22 desktop (qgis under xvfb-run, a fresh profile): QGIS' own "Laagwijzigingen opslaan"
action, triggered on the real iface, keeps the edit the deferred wederkerigheid rule refuses, and nothing
reaches the database. The other save paths are driven through the feature forms in test_forms.py."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

from tests.qgis.conftest import REPO


def test_qgis_desktop_save_action_keeps_a_refused_edit(plugins_dir, fresh_db, tmp_path):
    assert shutil.which("xvfb-run") and shutil.which("qgis"), "xvfb-run en qgis (Debian-pakketten) ontbreken"
    out = tmp_path / "uitkomst.json"
    env = dict(os.environ, BK_PLUGINS=str(plugins_dir), BK_DSN=fresh_db.editor_dsn, BK_ADMIN_DSN=fresh_db.admin_dsn,
               BK_OUT=str(out), QT_QPA_PLATFORM="xcb")
    run = subprocess.run(["xvfb-run", "-a", "qgis", "--nologo", "--noversioncheck", "--noplugins",
                          "--profiles-path", str(tmp_path / "profielen"),
                          "--code", str(REPO / "tests" / "qgis" / "desktop_save.py")],
                         env=env, capture_output=True, text=True, timeout=240)
    assert out.exists(), (run.returncode, run.stderr[-3000:])
    report = json.loads(out.read_text(encoding="utf-8"))
    assert "error" not in report, report.get("error")
    assert report["action"]  # the desktop's own action (its text is translated)
    assert report["editable"] and report["shown"] == "partner", report
    assert report["database"] == "gemeente", report
    assert any("zonder wederkerigheid" in r and "Niet opgeslagen" in r for r in report["refusals"]), report
