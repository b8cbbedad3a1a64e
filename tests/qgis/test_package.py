"""dist/buurtkaart.zip: what it holds, and that it installs into a fresh QGIS profile and starts."""

from __future__ import annotations

import re
import sys
import tomllib
import zipfile
from pathlib import Path

from qgis.core import QgsApplication

from tests.qgis.conftest import REPO, plugin_started_from


def test_zip_holds_plugin_metadata_layers_and_migrations(plugin_zip):
    with zipfile.ZipFile(plugin_zip) as archive:
        names = set(archive.namelist())
        assert archive.read("buurtkaart/metadata.txt") == (REPO / "metadata.txt").read_bytes()
        for path in (REPO / "spatial_service" / "core").glob("*.py"):  # the shared core, byte for byte
            assert archive.read(f"buurtkaart/core/{path.name}") == path.read_bytes(), path.name
        assert "buurtkaart/core/migrations.py" in names
        catalogue = archive.read("buurtkaart/layers/catalogue.toml").decode()
    for required in ("buurtkaart/__init__.py", "buurtkaart/plugin.py", "buurtkaart/connection.py",
                     "buurtkaart/processing/provider.py", "buurtkaart/layers/prelude.sql",
                     "buurtkaart/layers/catalogue.json", "buurtkaart/layers/app/040_rapportage.sql"):
        assert required in names, required
    for path in (REPO / "layers" / "migrations").glob("*.sql"):
        assert f"buurtkaart/layers/migrations/{path.name}" in names
    for layer_id in tomllib.loads(catalogue)["qgis"]:
        assert f"buurtkaart/layers/styles/{layer_id['id']}.qml" in names
    assert not any("__pycache__" in n or n.endswith(".pyc") for n in names)
    # the plugin never imports the service package
    with zipfile.ZipFile(plugin_zip) as archive:
        for name in names:
            if name.endswith(".py"):
                assert not re.search(r"^\s*(from|import)\s+spatial_service", archive.read(name).decode(), re.M), name


def test_zip_installs_into_fresh_profile_and_starts(plugin_zip, tmp_path, qgis_iface, qgis_processing):
    from spatial_service.plugin_tools import build

    plugins = tmp_path / "profiles" / "default" / "python" / "plugins"
    build.install(plugin_zip, plugins)
    assert (plugins / "buurtkaart" / "metadata.txt").exists()
    with plugin_started_from(plugins) as instance:
        assert Path(sys.modules["buurtkaart"].__file__).parent == plugins / "buurtkaart"
        assert [a.text() for a in instance.actions][:2] == ["Buurtkaart-lagen laden", "Buurtkaart-wijzigingen opslaan"]
        provider = QgsApplication.processingRegistry().providerById("buurtkaart")
        assert provider is not None
        assert {"buurtkaart:installeren", "buurtkaart:rapportage"} <= {a.id() for a in provider.algorithms()}
    assert QgsApplication.processingRegistry().providerById("buurtkaart") is None
