"""The public part of the layer catalogue (layers/catalogue.toml, [[publiek]]) as typed objects, loaded once.

The [[qgis]] part is read by the QGIS plugin alone (qgis_plugin/buurtkaart/catalogue.py), which cannot import
this package."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from spatial_service.paths import LAYERS_DIR


@dataclass(frozen=True)
class PublicLayer:
    id: str
    titel: str
    bron: str
    sleutel: str
    velden: tuple[str, ...]
    minzoom: int = 0
    maxzoom: int = 22
    filter: str | None = None
    filters: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Catalogue:
    group: str
    public: tuple[PublicLayer, ...]

    def public_layer(self, layer_id: str) -> PublicLayer | None:
        return next((layer for layer in self.public if layer.id == layer_id), None)


def parse(path: Path) -> Catalogue:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    public = tuple(
        PublicLayer(**{**entry, "velden": tuple(entry["velden"]), "filters": tuple(entry.get("filters", ()))})
        for entry in data.get("publiek", [])
    )
    return Catalogue(group=data["groep"]["naam"], public=public)


@cache
def load(path: Path = LAYERS_DIR / "catalogue.toml") -> Catalogue:
    return parse(path)
