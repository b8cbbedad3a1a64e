"""The [[qgis]] part of layers/catalogue.toml, read without spatial_service.

The build writes catalogue.json beside catalogue.toml (QGIS on Windows/macOS may run a Python without
tomllib); in the source tree the TOML is read directly.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .resources import layers_dir

VALUE_LIST = "waardelijst"


@dataclass(frozen=True)
class Layer:
    id: str
    titel: str
    tabel: str
    sleutel: str
    geometrie: str | None = None
    filter: str | None = None
    rol: str = "laag"
    alleen_lezen: bool = False
    snappen: bool = False

    @property
    def schema(self) -> str:
        return self.tabel.split(".")[0]

    @property
    def table(self) -> str:
        return self.tabel.split(".")[1]

    @property
    def is_value_list(self) -> bool:
        return self.rol == VALUE_LIST


@dataclass(frozen=True)
class Catalogue:
    group: str
    layers: tuple[Layer, ...]

    @property
    def map_layers(self) -> tuple[Layer, ...]:
        return tuple(layer for layer in self.layers if not layer.is_value_list)

    @property
    def value_lists(self) -> tuple[Layer, ...]:
        return tuple(layer for layer in self.layers if layer.is_value_list)

    def by_id(self, layer_id: str) -> Layer:
        return next(layer for layer in self.layers if layer.id == layer_id)


def read_data(directory: Path) -> dict:
    packaged = directory / "catalogue.json"
    if packaged.exists():
        return json.loads(packaged.read_text(encoding="utf-8"))
    import tomllib

    return tomllib.loads((directory / "catalogue.toml").read_text(encoding="utf-8"))


def load(directory: Path | None = None) -> Catalogue:
    data = read_data(directory or layers_dir())
    known = set(Layer.__dataclass_fields__)
    layers = tuple(Layer(**{k: v for k, v in entry.items() if k in known}) for entry in data.get("qgis", []))
    return Catalogue(group=data["groep"]["naam"], layers=layers)
