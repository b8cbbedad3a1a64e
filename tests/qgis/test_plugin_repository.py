"""The zip against the rules of the QGIS plugin repository's validator (qgis/QGIS-Django, plugins/validator.py):
no paths outside the folder, no .pyc/__pycache__/.git/__MACOSX, one top folder with a valid name, __init__.py
and metadata.txt with every required key, usable http(s) links, the icon inside the zip, a LICENSE file; plus
what the issue adds: EUPL-1.2, changelog and tags, a helpUrl per algorithm into the repository's docs, one icon
per action, the settings dialog and "Open in de virtuele stad". (The validator also fetches each URL; there is
no internet here, so that one check is left to the upload.)"""

from __future__ import annotations

import configparser
import hashlib
import io
import re
import tomllib
import zipfile
from urllib.parse import urlparse

from qgis.core import QgsApplication, QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject
from qgis.PyQt.QtCore import QObject, QTimer, QUrl, pyqtSlot
from qgis.PyQt.QtGui import QDesktopServices, QIcon
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QDialogButtonBox

from tests.qgis.conftest import REPO

REQUIRED = ("name", "description", "version", "qgisMinimumVersion", "author", "email", "about", "tracker",
            "repository")
FORBIDDEN_URLS = {"tracker": "http://bugs", "repository": "http://repo", "homepage": "http://homepage"}


def metadata_of(archive: zipfile.ZipFile) -> dict[str, str]:
    parser = configparser.ConfigParser()
    parser.optionxform = str
    parser.read_file(io.StringIO(archive.read("buurtkaart/metadata.txt").decode("utf-8")))
    assert parser.has_section("general")
    return dict(parser.items("general"))


def test_zip_passes_the_plugin_repository_validator_rules(plugin_zip):
    assert plugin_zip.stat().st_size <= 25_000_000
    with zipfile.ZipFile(plugin_zip) as archive:
        names = archive.namelist()
        assert archive.testzip() is None
        for name in names:
            assert ".." not in name and not name.startswith("/"), name
            assert ".pyc" not in name, name
            assert not {"__MACOSX", ".git", "__pycache__"} & set(name.split("/")), name
        assert {n.split("/")[0] for n in names} == {"buurtkaart"}
        assert re.match(r"^[A-Za-z][A-Za-z0-9-_]+$", "buurtkaart")
        assert "buurtkaart/__init__.py" in names and "buurtkaart/metadata.txt" in names
        meta = metadata_of(archive)
        for key in REQUIRED:
            assert meta.get(key, "").strip(), key
        assert "/" not in meta["author"] and "@" in meta["email"]
        for key in ("tracker", "repository", "homepage"):
            url = urlparse(meta[key])
            assert url.scheme in ("http", "https") and url.netloc, key
            assert meta[key] != FORBIDDEN_URLS[key] and "example" not in url.netloc, key
        assert meta["tracker"].startswith(meta["repository"])
        icon = archive.read(f"buurtkaart/{meta['icon']}")
        assert icon.lstrip().startswith(b"<svg")
        license_text = archive.read("buurtkaart/LICENSE").decode("utf-8")
    assert license_text.startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2")
    assert license_text == (REPO / "LICENSE").read_text(encoding="utf-8")
    assert tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["license"] == "EUPL-1.2"
    # complete metadata as the issue asks: changelog for this version, tags, experimental flag as a boolean
    assert meta["changelog"].strip().startswith(meta["version"])
    assert len([t for t in meta["tags"].split(",") if t.strip()]) >= 5
    assert meta["experimental"].lower() in ("true", "false") and meta["qgisMinimumVersion"] == "3.22"


def test_every_algorithm_has_a_help_url_into_the_docs(plugin, plugin_zip):
    with zipfile.ZipFile(plugin_zip) as archive:
        repository = metadata_of(archive)["repository"]
    docs = (REPO / "docs" / "qgis" / "algoritmen.md").read_text(encoding="utf-8")
    provider = QgsApplication.processingRegistry().providerById("buurtkaart")
    algorithms = provider.algorithms()
    assert len(algorithms) >= 8
    for algorithm in algorithms:
        url = algorithm.helpUrl()
        assert url == f"{repository}/blob/main/docs/qgis/algoritmen.md#{algorithm.name()}", algorithm.id()
        assert f'<a id="{algorithm.name()}"></a>' in docs, f"docs/qgis/algoritmen.md mist {algorithm.name()}"
        assert algorithm.shortHelpString().strip(), algorithm.id()


def test_each_action_has_its_own_icon(plugin):
    digests = {}
    for action in plugin.actions:
        assert not action.icon().isNull(), action.text()
        name = action.objectName().removeprefix("buurtkaart_")
        content = (REPO / "qgis_plugin" / "buurtkaart" / "icons" / f"{name}.svg").read_bytes()
        digests[action.text()] = hashlib.sha256(content).hexdigest()
    assert len(digests) == len(plugin.actions) >= 6
    assert len(set(digests.values())) == len(digests), digests
    assert not QIcon(str(REPO / "qgis_plugin" / "buurtkaart" / "icon.svg")).isNull()


class UrlRecorder(QObject):
    """Stands in for the web browser: QDesktopServices hands it every http URL the plugin opens."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @pyqtSlot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url.toString())


def test_settings_dialog_sets_the_viewer_and_open_in_virtuele_stad(bk, plugin, project, gis_connection, qgis_iface):
    template = "https://kaart.gemeente.example.nl/#18/{lat}/{lon}?laag={laag}&id={id}"

    def fill() -> None:
        dialog = plugin.settings_dialog
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(20, fill)
            return
        dialog.viewer.selectAll()
        QTest.keyClicks(dialog.viewer, template)
        dialog.connection.lineEdit().selectAll()
        QTest.keyClicks(dialog.connection.lineEdit(), gis_connection)
        QTest.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok), 1)

    QTimer.singleShot(0, fill)
    assert plugin.open_settings()
    assert bk.settings_dialog.viewer_template() == template

    result = plugin.load_layers(connection=gis_connection)
    deals = result.layers["buurtdeal_punt"]
    deal = next(deals.getFeatures())
    deals.selectByIds([deal.id()])
    qgis_iface.setActiveLayer(deals)
    recorder = UrlRecorder()
    QDesktopServices.setUrlHandler("https", recorder, "open")
    try:
        url = plugin.open_in_viewer()
    finally:
        QDesktopServices.unsetUrlHandler("https")
    point = deal.geometry().asPoint()
    wgs = QgsCoordinateTransform(deals.crs(), QgsCoordinateReferenceSystem("EPSG:4326"), QgsProject.instance()
                                 ).transform(point)
    assert recorder.urls == [url]
    assert url == (f"https://kaart.gemeente.example.nl/#18/{wgs.y():.6f}/{wgs.x():.6f}?laag=buurtdeal_punt"
                   f"&id={deal['id']}")
    assert 52.1 < wgs.y() < 52.3 and 5.1 < wgs.x() < 5.3  # Hilversum
