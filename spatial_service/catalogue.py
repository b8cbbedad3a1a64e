"""The layer catalogue (layers/catalogue.toml) for the service, loaded once: the shared core's strict reader,
the same one the QGIS plugin uses (spatial_service/core/catalogue.py)."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from spatial_service.core import catalogue as core
from spatial_service.core.catalogue import Catalogue, CatalogueError, PublicLayer, QgisLayer
from spatial_service.paths import LAYERS_DIR

__all__ = ["Catalogue", "CatalogueError", "PublicLayer", "QgisLayer", "load", "parse"]


def parse(path: Path) -> Catalogue:
    return core.parse(tomllib.loads(path.read_text(encoding="utf-8")))


@cache
def load(path: Path = LAYERS_DIR / "catalogue.toml") -> Catalogue:
    return parse(path)
