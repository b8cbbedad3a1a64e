"""Where the plugin finds layers/: inside the built plugin, or in the source tree.

The build (spatial_service/plugin_tools/build.py) puts layers/ and the shared packages (buurtkaart.core,
buurtkaart.reports) inside the package. Run from the source tree (a dev link, algorithm tests) layers/ is read
from the repository by path and the shared packages are links to spatial_service/core and /reports, so the
plugin never imports the spatial_service package.
"""

from __future__ import annotations

import importlib
from functools import cache
from pathlib import Path
from types import ModuleType

from . import reports as _reports
from .core import migrations as _migrations

PLUGIN_DIR = Path(__file__).resolve().parent
_SOURCE_ROOT = PLUGIN_DIR.parent.parent


def layers_dir() -> Path:
    packaged = PLUGIN_DIR / "layers"
    return packaged if packaged.is_dir() else _SOURCE_ROOT / "layers"


def styles_dir() -> Path:
    return layers_dir() / "styles"


def migrations() -> ModuleType:
    """The install/upgrade module of the shared core (the one the CLI runs)."""
    return _migrations


def reports() -> ModuleType:
    """The report package buurtkaart.reports (spatial_service/reports: figures, HTML, the print layout and its
    template)."""
    return _reports


def report_module(name: str) -> ModuleType:
    """A submodule of the report package: 'figures', 'html_report' or 'layout' (layout imports qgis.core, so it
    is imported when a report is made, not when the plugin starts)."""
    return importlib.import_module(f"{_reports.__name__}.{name}")


@cache
def plugin_metadata() -> dict[str, str]:
    """The [general] section of metadata.txt (inside the built plugin, or at the repository root)."""
    import configparser

    packaged = PLUGIN_DIR / "metadata.txt"
    path = packaged if packaged.exists() else _SOURCE_ROOT / "metadata.txt"
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys as written (qgisMinimumVersion)
    parser.read(path, encoding="utf-8")
    return dict(parser.items("general")) if parser.has_section("general") else {}


def help_url(anchor: str) -> str:
    """Where an algorithm's help lives: docs/qgis/algoritmen.md in the repository named by metadata.txt."""
    repository = plugin_metadata().get("repository", "").rstrip("/")
    return f"{repository}/blob/main/docs/qgis/algoritmen.md#{anchor}" if repository else ""
