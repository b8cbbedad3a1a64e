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
SECTIONS = ("groep", "qgis", "publiek", "relatie")


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
    weergave: str | None = None  # the display expression (lists, relation widgets); None: QGIS' default

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
class Relation:
    """A foreign key shown in QGIS forms: `veld` of table `van` refers to the key of table `naar` ([[relatie]])."""
    van: str
    veld: str
    naar: str
    naam: str
    editor: bool = False
    samenstelling: bool = False
    tabblad: str | None = None  # the title of the relation editor's tab in the parent's form; None: naam
    verwijzing: bool = True  # False: no relation-reference widget, the field keeps its list (form_builder.PICKERS)

    @property
    def tab_title(self) -> str:
        return self.tabblad or self.naam


def relation_id(child_id: str, parent_id: str) -> str:
    """Fixed QGIS relation ids, so that QML forms can name them: '<referencing layer>_<referenced layer>'."""
    return f"{child_id}_{parent_id}"


@dataclass(frozen=True)
class Catalogue:
    group: str
    layers: tuple[QgisLayer, ...]
    public: tuple[PublicLayer, ...]
    relations: tuple[Relation, ...] = ()

    def on_table(self, table: str) -> tuple[QgisLayer, ...]:
        return tuple(layer for layer in self.layers if layer.tabel == table)

    def reference_list(self, relation: Relation) -> QgisLayer:
        """The layer a relation-reference widget picks from: the one on `naar` without geometry (it holds every
        row), or else the only layer on that table."""
        candidates = self.on_table(relation.naar)
        return next((layer for layer in candidates if not layer.geometrie), candidates[0])

    def layer_relations(self) -> list[tuple[str, Relation, QgisLayer, QgisLayer]]:
        """(relation id, relation, referencing layer, referenced layer): each editable layer on `van` to the list
        of `naar` (its relation-reference widget) and, for a relation editor, to every map layer on `naar`."""
        pairs = []
        for relation in self.relations:
            target = self.reference_list(relation)
            for child in self.on_table(relation.van):
                if child.is_value_list:
                    continue
                for parent in self.on_table(relation.naar):
                    if parent == target or (relation.editor and not parent.is_value_list):
                        pairs.append((relation_id(child.id, parent.id), relation, child, parent))
        return pairs

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
    relations = tuple(_entry(Relation, "relatie", i, e) for i, e in enumerate(data.get("relatie", []), start=1))
    tables = {layer.tabel for layer in layers}
    for rel in relations:
        for side in (rel.van, rel.naar):
            if side not in tables:
                raise CatalogueError(f"catalogue.toml: [[relatie]] {rel.van}.{rel.veld} noemt tabel {side}, die geen "
                                     "[[qgis]]-laag heeft.")
    return Catalogue(group=group["naam"], layers=layers, public=public, relations=relations)


def read_data(directory: Path) -> dict[str, Any]:
    packaged = directory / "catalogue.json"
    if packaged.exists():
        return json.loads(packaged.read_text(encoding="utf-8"))
    import tomllib

    return tomllib.loads((directory / "catalogue.toml").read_text(encoding="utf-8"))


def load(directory: Path) -> Catalogue:
    return parse(read_data(directory))
