"""The layer catalogue (layers/catalogue.toml), read strictly by both clients: [[qgis]] layers for the plugin,
[[publiek]] layers for tiles, viewer and open data. An unknown key is refused with a message naming the entry and
the key, whichever client reads the file: a typo must not silently drop a setting in one client only.

The build writes catalogue.json next to the TOML (QGIS on Windows/macOS may run a Python without tomllib); the
JSON is read when present, the TOML otherwise.
"""

from __future__ import annotations

import json
from dataclasses import MISSING, dataclass, field, fields
from pathlib import Path
from typing import Any

VALUE_LIST = "waardelijst"
SECTIONS = ("groep", "qgis", "publiek")


class CatalogueError(ValueError):
    """layers/catalogue.toml does not fit the catalogue's shape; the message says where."""


@dataclass(frozen=True)
class QgisLayer:
    id: str
    titel: str
    tabel: str
    sleutel: str
    geometrie: str | None = None
    filter: str | None = None
    soort: str | None = None  # the buurt_vl.objectsoort code of a beheerobject layer
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
class PublicLayer:
    id: str
    titel: str
    bron: str
    sleutel: str
    velden: tuple[str, ...]
    minzoom: int = 0
    maxzoom: int = 22
    filter: str | None = None
    soort: str | None = None
    filters: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Catalogue:
    group: str
    layers: tuple[QgisLayer, ...]
    public: tuple[PublicLayer, ...]

    @property
    def map_layers(self) -> tuple[QgisLayer, ...]:
        return tuple(layer for layer in self.layers if not layer.is_value_list)

    @property
    def value_lists(self) -> tuple[QgisLayer, ...]:
        return tuple(layer for layer in self.layers if layer.is_value_list)

    def by_id(self, layer_id: str) -> QgisLayer:
        return next(layer for layer in self.layers if layer.id == layer_id)

    def public_layer(self, layer_id: str) -> PublicLayer | None:
        return next((layer for layer in self.public if layer.id == layer_id), None)


def _entry(cls: type, section: str, number: int, raw: Any) -> Any:
    if not isinstance(raw, dict):
        raise CatalogueError(f"catalogue.toml: [[{section}]] nr. {number} is geen tabel.")
    known = {f.name: f for f in fields(cls)}
    name = raw.get("id", f"nr. {number}")
    unknown = sorted(set(raw) - set(known))
    if unknown:
        raise CatalogueError(f"catalogue.toml: [[{section}]] '{name}' heeft onbekende sleutel(s) "
                             f"{', '.join(unknown)}; toegestaan: {', '.join(known)}.")
    missing = [n for n, f in known.items() if f.default is MISSING and f.default_factory is MISSING
               and n not in raw]
    if missing:
        raise CatalogueError(f"catalogue.toml: [[{section}]] '{name}' mist {', '.join(missing)}.")
    values = {k: tuple(v) if isinstance(v, list) else v for k, v in raw.items()}
    kind = values.get("soort")
    if kind is not None:
        # a layer of one kind shows exactly that kind: the filter follows from soort (or must say the same)
        expected = f"soort = '{kind}'"
        if values.setdefault("filter", expected) != expected:
            raise CatalogueError(f"catalogue.toml: [[{section}]] '{name}' heeft soort = \"{kind}\" maar filter = "
                                 f"\"{values['filter']}\"; laat filter weg of maak het {expected}.")
    return cls(**values)


def parse(data: dict[str, Any]) -> Catalogue:
    unknown = sorted(set(data) - set(SECTIONS))
    if unknown:
        raise CatalogueError(f"catalogue.toml: onbekende sectie(s) {', '.join(unknown)}; "
                             f"toegestaan: {', '.join(SECTIONS)}.")
    group = data.get("groep", {})
    if not isinstance(group, dict) or set(group) != {"naam"}:
        raise CatalogueError("catalogue.toml: [groep] moet precies één sleutel 'naam' hebben.")
    layers = tuple(_entry(QgisLayer, "qgis", i, e) for i, e in enumerate(data.get("qgis", []), start=1))
    public = tuple(_entry(PublicLayer, "publiek", i, e) for i, e in enumerate(data.get("publiek", []), start=1))
    for section, entries in (("qgis", layers), ("publiek", public)):
        ids = [e.id for e in entries]
        doubles = sorted({i for i in ids if ids.count(i) > 1})
        if doubles:
            raise CatalogueError(f"catalogue.toml: [[{section}]] id {', '.join(doubles)} komt vaker voor.")
    return Catalogue(group=group["naam"], layers=layers, public=public)


def read_data(directory: Path) -> dict[str, Any]:
    packaged = directory / "catalogue.json"
    if packaged.exists():
        return json.loads(packaged.read_text(encoding="utf-8"))
    import tomllib

    return tomllib.loads((directory / "catalogue.toml").read_text(encoding="utf-8"))


def load(directory: Path) -> Catalogue:
    return parse(read_data(directory))
