"""Where the plugin finds layers/: inside the built plugin, or in the source tree.

The build (qgis_plugin/build.py) puts layers/ and the shared core (spatial_service/core, as buurtkaart/core)
inside the package. Run from the source tree (a dev link, other engineers' algorithm tests) layers/ is read from
the repository by path and the core is loaded from there by buurtkaart/__init__.py, so the plugin never imports
the spatial_service package.
"""

from __future__ import annotations

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
