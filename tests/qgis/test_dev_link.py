"""Developing the plugin in place: `buurtkaart plugin link` links the source folder into a QGIS profile, and QGIS
finds, loads and starts it without a build, with the repository's one metadata.txt and the core from the source
tree (spatial_service/core)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from qgis.core import QgsApplication

from spatial_service.cli import main
from spatial_service.plugin_tools import SHARED_PACKAGES
from tests.qgis.conftest import REPO, plugin_started_from


def test_source_folder_loads_as_a_plugin_through_the_dev_link(tmp_path, qgis_iface, qgis_processing, capsys):
    plugins = tmp_path / "profiles" / "default" / "python" / "plugins"
    assert main(["plugin", "link", "--plugins", str(plugins)]) == 0
    assert main(["plugin", "link", "--plugins", str(plugins)]) == 0  # again: nothing to do, no error
    linked = plugins / "buurtkaart"
    assert linked.is_symlink() and linked.resolve() == (REPO / "qgis_plugin" / "buurtkaart").resolve()
    assert (linked / "metadata.txt").read_bytes() == (REPO / "metadata.txt").read_bytes()
    for name in SHARED_PACKAGES:  # no copy of a shared package in the source: a link, git-ignored
        shared = REPO / "qgis_plugin" / "buurtkaart" / name
        assert shared.is_symlink() and shared.resolve() == (REPO / "spatial_service" / name).resolve()
        assert subprocess.run(["git", "-C", str(REPO), "check-ignore", "-q", str(shared)]).returncode == 0, name

    with plugin_started_from(plugins):
        core = sys.modules["buurtkaart.core.migrations"]
        assert Path(core.__file__).resolve() == (REPO / "spatial_service" / "core" / "migrations.py").resolve()
        reports = sys.modules["buurtkaart.resources"].reports()  # one name, as in the zip
        assert reports.__name__ == "buurtkaart.reports"
        assert Path(reports.__file__).resolve() == (REPO / "spatial_service" / "reports" / "__init__.py").resolve()
        provider = QgsApplication.processingRegistry().providerById("buurtkaart")
        assert provider is not None and "buurtkaart:plantoets" in {a.id() for a in provider.algorithms()}
