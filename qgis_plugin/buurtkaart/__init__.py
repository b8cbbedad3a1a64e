"""Buurtkaart QGIS plugin: load, edit and report on the Buurtkaart layers in PostGIS."""

import importlib.util as _importlib_util
import sys as _sys
from pathlib import Path as _Path


def _core_from_source_tree() -> None:
    """Developing in place: the build copies spatial_service/core into the plugin as `buurtkaart.core`; in the
    source tree (a dev link, tests of other engineers) the same package is loaded from there under that name."""
    here = _Path(__file__).resolve().parent
    if (here / "core" / "__init__.py").exists() or f"{__name__}.core" in _sys.modules:
        return
    source = here.parent.parent / "spatial_service" / "core"
    spec = _importlib_util.spec_from_file_location(f"{__name__}.core", source / "__init__.py",
                                                   submodule_search_locations=[str(source)])
    if spec is None or spec.loader is None:
        raise ImportError("buurtkaart/core ontbreekt: bouw de plugin met 'buurtkaart plugin build'.")
    module = _importlib_util.module_from_spec(spec)
    _sys.modules[spec.name] = module
    spec.loader.exec_module(module)


_core_from_source_tree()


def classFactory(iface):
    from .plugin import BuurtkaartPlugin

    return BuurtkaartPlugin(iface)
