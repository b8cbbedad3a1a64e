"""QGIS fixtures: the plugin built into dist-like zip and installed into a fresh profile, saved QGIS
connections to the session's test databases, a clean project per test. Real QGIS 3.22 headless (pytest-qgis),
real PostGIS; nothing is mocked or skipped."""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from qgis.core import QgsProcessingProvider, QgsProject

from spatial_service.plugin_tools import build
from tests.qgis_registry import registered_provider, saved_connection
from tests.support import TestDatabase

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def plugin_zip(tmp_path_factory) -> Path:
    return build.build(tmp_path_factory.mktemp("dist") / "buurtkaart.zip")


@pytest.fixture(scope="session")
def plugins_dir(plugin_zip, tmp_path_factory) -> Path:
    """<fresh profile>/python/plugins with the zip unpacked, first on sys.path: tests use the built plugin."""
    target = tmp_path_factory.mktemp("profiel") / "python" / "plugins"
    build.install(plugin_zip, target)
    sys.path.insert(0, str(target))
    return target


@pytest.fixture(scope="session")
def bk(plugins_dir) -> ModuleType:
    """The installed `buurtkaart` plugin package (not the source tree)."""
    for name in [m for m in sys.modules if m == "buurtkaart" or m.startswith("buurtkaart.")]:
        del sys.modules[name]
    module = importlib.import_module("buurtkaart")
    assert Path(module.__file__).resolve().is_relative_to(plugins_dir.resolve())
    for sub in ("connection", "loader", "editing", "catalogue", "processing.provider"):
        importlib.import_module(f"buurtkaart.{sub}")
    return module


@pytest.fixture(scope="session")
def gis_connection(demo_db: TestDatabase) -> Iterator[str]:
    """A saved QGIS connection (GIS staff login, no password) to the demo database."""
    with saved_connection(f"Buurtkaart test {os.getpid()}", demo_db.editor_dsn) as name:
        yield name


@pytest.fixture(scope="session")
def admin_connection(demo_db: TestDatabase) -> Iterator[str]:
    with saved_connection(f"Buurtkaart beheer test {os.getpid()}", demo_db.admin_dsn) as name:
        yield name


@pytest.fixture
def fresh_connection(fresh_db: TestDatabase) -> Iterator[str]:
    """A saved connection to a private copy of the demo, for tests that commit."""
    with saved_connection(f"Buurtkaart vers {os.getpid()} {fresh_db.name}", fresh_db.editor_dsn) as name:
        yield name


@pytest.fixture(scope="module")
def provider(bk, qgis_processing) -> Iterator[QgsProcessingProvider]:
    """The Processing provider of the installed plugin, registered as the plugin does."""
    with registered_provider(bk.processing.provider) as instance:
        yield instance


@pytest.fixture
def project(qgis_iface) -> Iterator[QgsProject]:
    project = QgsProject.instance()
    project.clear()
    qgis_iface.messageBar().clear_messages()
    yield project
    for layer in project.mapLayers().values():
        if layer.isEditable():
            layer.rollBack()
    project.clear()


@pytest.fixture
def plugin(bk, qgis_iface, qgis_processing) -> Iterator[object]:
    """The plugin started the way QGIS starts it: classFactory + initGui on the (stub) iface."""
    instance = bk.classFactory(qgis_iface)
    instance.initGui()
    yield instance
    instance.unload()


@contextlib.contextmanager
def plugin_started_from(plugins: Path) -> Iterator[object]:
    """QGIS finds, loads and starts the buurtkaart plugin in `plugins` the way the plugin manager does; the
    instance is yielded, and afterwards the plugin is unloaded and the session's own buurtkaart modules are back."""
    import qgis.utils

    saved = {k: v for k, v in sys.modules.items() if k == "buurtkaart" or k.startswith("buurtkaart.")}
    for name in saved:
        del sys.modules[name]
    sys.path.insert(0, str(plugins))
    qgis.utils.plugin_paths.insert(0, str(plugins))
    try:
        qgis.utils.updateAvailablePlugins()
        assert "buurtkaart" in qgis.utils.available_plugins
        assert qgis.utils.pluginMetadata("buurtkaart", "qgisMinimumVersion") == "3.22"
        assert qgis.utils.loadPlugin("buurtkaart") and qgis.utils.startPlugin("buurtkaart")
        yield qgis.utils.plugins["buurtkaart"]
        assert qgis.utils.unloadPlugin("buurtkaart")
    finally:
        qgis.utils.plugin_paths.remove(str(plugins))
        sys.path.remove(str(plugins))
        for name in [k for k in sys.modules if k == "buurtkaart" or k.startswith("buurtkaart.")]:
            del sys.modules[name]
        sys.modules.update(saved)
