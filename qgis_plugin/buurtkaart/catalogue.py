"""The layer catalogue for the plugin: the shared core's strict reader (spatial_service/core/catalogue.py, bundled
as buurtkaart/core), on the plugin's layers/ folder."""

from __future__ import annotations

from pathlib import Path

from .core.catalogue import VALUE_LIST, Catalogue, CatalogueError, QgisLayer, Relation, relation_id
from .core.catalogue import load as _load
from .resources import layers_dir

Layer = QgisLayer
__all__ = ["VALUE_LIST", "Catalogue", "CatalogueError", "Layer", "Relation", "load", "relation_id"]


def load(directory: Path | None = None) -> Catalogue:
    return _load(directory or layers_dir())
