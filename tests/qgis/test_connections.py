"""Connecting as GIS staff do: a service name checked against pg_service.conf before connecting (a Dutch message,
never QGIS' credential prompt), the load dialog saving what was typed as a QGIS PostgreSQL connection that
Processing then offers, the last choice remembered, and an authcfg from QGIS' password store end to end."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import psycopg
import pytest
from qgis.core import Qgis, QgsCredentials, QgsProviderRegistry, QgsSettings
from qgis.PyQt.QtCore import Qt, QTimer
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QApplication, QDialogButtonBox

from tests.qgis.conftest import REPO
from tests.qgis_registry import delete_connection


class CredentialRecorder(QgsCredentials):
    """Stands where QGIS' user/password dialog would: records every prompt and answers 'cancel'."""

    def __init__(self) -> None:
        super().__init__()
        self.prompts: list[str] = []
        self.setInstance(self)

    def request(self, realm, username, password, message=None, requestCredentials=True):
        self.prompts.append(realm)
        return False, username, password

    def requestMasterPassword(self, password, stored=False):
        return False, password


_RECORDER: list[CredentialRecorder] = []


@pytest.fixture
def credentials() -> CredentialRecorder:
    """One recorder for the whole session, never collected: QGIS keeps the instance pointer after setInstance, and a
    prompt reaching a deleted recorder would crash QGIS."""
    if not _RECORDER:
        _RECORDER.append(CredentialRecorder())
    _RECORDER[0].prompts.clear()
    return _RECORDER[0]


@pytest.fixture
def service_file(tmp_path, monkeypatch, demo_db):
    s = demo_db.settings
    path = tmp_path / "pg_service.conf"
    path.write_text(f"[bk_dienst]\nhost={s.socket_dir}\nport={s.port}\ndbname={demo_db.name}\nuser=buurtkaart_gis\n",
                    encoding="utf-8")
    monkeypatch.setenv("PGSERVICEFILE", str(path))
    monkeypatch.setenv("PGSYSCONFDIR", str(tmp_path / "geen-systeembestand"))
    return path


def test_unknown_service_gets_a_dutch_message_and_no_prompt(bk, plugin, project, service_file, credentials):
    credentials.prompts.clear()
    with pytest.raises(bk.connection.BuurtkaartDbError,
                       match=re.escape("De dienst 'bk_dienstt' staat niet in pg_service.conf")) as refused:
        bk.connection.connect("service=bk_dienstt")
    assert str(service_file) in str(refused.value) and "Bedoelt u bk_dienst?" in str(refused.value)
    assert plugin.load_layers(connection="service=bk_dienstt") is None
    messages = plugin.iface.messageBar().get_messages(Qgis.Critical)
    assert any("staat niet in pg_service.conf" in m for m in messages), messages
    assert credentials.prompts == []
    assert project.mapLayers() == {}
    # the right name connects
    assert bk.connection.run_sql(bk.connection.connect("service=bk_dienst"), "SELECT current_user") == [
        ["buurtkaart_gis"]]


def drive_dialog(plugin, text: str, save: bool, name: str | None = None, then_cancel: bool = False) -> list:
    """Type into the load dialog the way a person does and press OK (or Cancel), from inside its event loop."""
    seen: list = []

    def act() -> None:
        dialog = plugin.dialog
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(20, act)
            return
        seen.append(dialog.connection.currentText())
        combo = dialog.connection
        combo.lineEdit().selectAll()
        QTest.keyClicks(combo.lineEdit(), text)
        if save:
            dialog.save.setFocus()
            QTest.keyClick(dialog.save, Qt.Key_Space)
            seen.append(("bewaren", dialog.save.isChecked()))
        if name is not None:
            dialog.name.selectAll()
            QTest.keyClicks(dialog.name, name)
        buttons = dialog.findChild(QDialogButtonBox)
        button = buttons.button(QDialogButtonBox.Cancel if then_cancel else QDialogButtonBox.Ok)
        QTest.mouseClick(button, Qt.LeftButton)
        if dialog.isVisible():  # refused: read the message, then leave with Cancel
            seen.append(dialog.problem.text())
            QTest.mouseClick(buttons.button(QDialogButtonBox.Cancel), Qt.LeftButton)

    QTimer.singleShot(0, act)
    return seen


def test_load_dialog_saves_the_service_as_a_connection_processing_offers(bk, plugin, project, service_file,
                                                                         credentials, tmp_path):
    import processing

    name = "Buurtkaart dienst (test)"
    md = QgsProviderRegistry.instance().providerMetadata("postgres")
    try:
        seen = drive_dialog(plugin, "service=bk_dienst", save=True, name=name)
        result = plugin.load_layers()
        QApplication.processEvents()
        assert result is not None and result.layers["wijk"].featureCount() > 0, seen
        assert name in md.connections()
        saved = md.connections()[name].uri()
        assert "service='bk_dienst'" in saved and "password" not in saved
        # remembered: the next dialog starts on it
        assert QgsSettings().value(bk.plugin.SETTING_CONNECTION) == name
        seen_next = drive_dialog(plugin, "", save=False, then_cancel=True)
        assert plugin.choose_connection() is None
        assert seen_next[0] == name
        # Processing offers it: a saved connection is a valid value of every algorithm's connection parameter
        report = processing.run("buurtkaart:rapportage", {"VERBINDING": name, "JAAR": 2018, "OUTPUT": "memory:",
                                                           "OUTPUT_HTML": str(tmp_path / "r.html")})
        assert report["OUTPUT"].featureCount() > 0
        assert credentials.prompts == []
    finally:
        delete_connection(name)


def test_load_dialog_refuses_an_unknown_service_in_dutch_and_stays_open(bk, plugin, project, service_file):
    seen = drive_dialog(plugin, "service=bestaat_niet", save=True, name="Nooit bewaard")
    assert plugin.choose_connection() is None
    assert any("De dienst 'bestaat_niet' staat niet in pg_service.conf" in s for s in seen), seen
    assert "Nooit bewaard" not in QgsProviderRegistry.instance().providerMetadata("postgres").connections()


def test_authcfg_end_to_end_in_a_fresh_profile(plugins_dir, demo_db, tmp_path):
    """QGIS' password store (QgsAuthManager, its own auth database in a new profile) supplies the user; the
    URI, the layers and the saved connection carry only authcfg=..., never a user or password."""
    s = demo_db.settings
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QGIS_AUTH_DB_DIR_PATH=str(tmp_path / "auth"))
    (tmp_path / "auth").mkdir()
    run = subprocess.run([sys.executable, "-m", "tests.qgis.authcfg_session", str(plugins_dir), str(s.socket_dir),
                          str(s.port), demo_db.name], cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    report = json.loads(run.stdout.strip().splitlines()[-1])
    assert report["current_user"] == "buurtkaart_gis"
    assert report["layers"] >= 15 and report["wijken"] > 0
    for source in (report["uri"], report["layer_source"], report["saved"]):
        assert f"authcfg={report['authcfg']}" in source.replace("'", "")
        assert "password" not in source and "buurtkaart_gis" not in source
    assert (tmp_path / "auth" / "qgis-auth.db").exists()
    with psycopg.connect(demo_db.admin_dsn) as conn:
        assert conn.execute("SELECT count(*) FROM buurt.wijk").fetchone()[0] == report["wijken"]
