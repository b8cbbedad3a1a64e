"""Where the plugin finds layers/: inside the built plugin, or in the source tree.

The build (qgis_plugin/build.py) puts layers/, the shared core (spatial_service/core, as buurtkaart/core)
and a copy of the report package spatial_service/reports/ inside the package. Run from the source tree (a dev
link, other engineers' algorithm tests) the same files are read from the repository by path (the core is loaded
by buurtkaart/__init__.py), so the plugin never imports the spatial_service package.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

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


@cache
def reports() -> ModuleType:
    """The report package (a copy of spatial_service/reports: figures, HTML, the print layout and its template)."""
    try:
        from . import reports as packaged  # type: ignore[attr-defined]

        return packaged
    except ImportError:
        init = _SOURCE_ROOT / "spatial_service" / "reports" / "__init__.py"
        spec = importlib.util.spec_from_file_location("buurtkaart_reports", init,
                                                      submodule_search_locations=[str(init.parent)])
        if spec is None or spec.loader is None or not init.exists():
            raise ImportError("reports/ ontbreekt in de plugin: bouw hem met 'buurtkaart plugin build'.") from None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
        return module


def report_module(name: str) -> ModuleType:
    """A submodule of the report package: 'figures', 'html_report' or 'layout'."""
    package = reports()
    return importlib.import_module(f"{package.__name__}.{name}")


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
