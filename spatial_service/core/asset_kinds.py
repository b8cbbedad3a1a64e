"""Which OSM tags and which BGT/IMGeo classes make which kind of public-space object (beheerobject): the one
mapping both clients use (the CLI readers spatial_service/importers/osm.py and bgt.py, and the QGIS Processing
algorithms osm_objecten_importeren and bgt_objecten_importeren). Standard library only: the plugin bundles it.

OSM: which key=value makes which kind is data (buurt_vl.objectsoort.osm_tags, read with KINDS_SQL and
osm_kinds): a node becomes a point of a kind that allows points, a closed way or multipolygon an area of a kind
that allows areas. Zebra crossings are the one composite rule kept here (highway=crossing or footway=crossing,
with crossing=zebra or crossing_ref=zebra -> zebrapad, a node or the crossing way as a line). Tags are anything
with .get(key) and `key in tags` (osmium's TagList or a dict).

BGT: which class makes which kind is data too (buurt_vl.objectsoort.bgt_regels, Klasse.attribuut=waarde, read
with BGT_SQL and bgt_kinds), e.g. BegroeidTerreindeel.fysiekVoorkomen=groenvoorziening -> groen. The class comes
from the layer name (bgt_begroeidterreindeel, Straatmeubilair, ...); class, attribute names and values are compared
without case, attribute names without the bgt-/plus-/imgeo- prefixes that the GML downloads carry. Objects with an
eindRegistratie are history and are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

ZEBRA = "zebrapad"
KINDS_SQL = "SELECT code, osm_tags, geometrietypes FROM buurt_vl.objectsoort ORDER BY volgorde"
BGT_SQL = "SELECT code, bgt_regels FROM buurt_vl.objectsoort ORDER BY volgorde"


class Tags(Protocol):
    def get(self, key: str, default: Any = None) -> Any: ...
    def __contains__(self, key: object) -> bool: ...


@dataclass(frozen=True)
class OsmKinds:
    """(key, value) -> kind, for nodes (kinds that allow points) and areas (kinds that allow areas)."""
    points: dict[tuple[str, str], str] = field(default_factory=dict)
    areas: dict[tuple[str, str], str] = field(default_factory=dict)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(sorted({k for k, _ in (*self.points, *self.areas)} | {"highway", "footway"}))


def osm_kinds(rows: Iterable[tuple[str, Iterable[str], Iterable[str]]]) -> OsmKinds:
    """rows: (code, osm_tags, geometrietypes) as KINDS_SQL returns them."""
    kinds = OsmKinds()
    for code, tags, types in rows:
        types = list(types)
        for tag in tags:
            key, _, value = tag.partition("=")
            if "POINT" in types:
                kinds.points.setdefault((key, value), code)
            if "MULTIPOLYGON" in types:
                kinds.areas.setdefault((key, value), code)
    return kinds


def is_zebra(tags: Tags) -> bool:
    crossing = tags.get("highway") == "crossing" or tags.get("footway") == "crossing"
    return crossing and (tags.get("crossing") == "zebra" or tags.get("crossing_ref") == "zebra")


def _kind(tags: Tags, table: dict[tuple[str, str], str]) -> str | None:
    return next((kind for (key, value), kind in table.items() if tags.get(key) == value), None)


def node_kind(tags: Tags, kinds: OsmKinds) -> str | None:
    return _kind(tags, kinds.points) or (ZEBRA if is_zebra(tags) else None)


def area_kind(tags: Tags, kinds: OsmKinds) -> str | None:
    return _kind(tags, kinds.areas)


def open_way_kind(tags: Tags) -> str | None:
    """An open way is an object only as a zebra crossing (a line)."""
    return ZEBRA if is_zebra(tags) else None


def osm_description(tags: Tags, kinds: OsmKinds) -> str | None:
    order = dict.fromkeys(("leisure", "landuse", "highway", "footway", "crossing", *kinds.keys))
    found = [f"{k}={tags.get(k)}" for k in order if k in tags]
    return "OSM " + ", ".join(found) if found else None


_OTHER_TAG = re.compile(r'"((?:[^"\\]|\\.)*)"=>"((?:[^"\\]|\\.)*)"')


def parse_other_tags(text: str | None) -> dict[str, str]:
    """GDAL's OSM driver puts the tags it has no column for in other_tags: "k"=>"v","k2"=>"v2"."""
    if not text:
        return {}
    unescape = lambda s: s.replace('\\"', '"').replace("\\\\", "\\")  # noqa: E731
    return {unescape(k): unescape(v) for k, v in _OTHER_TAG.findall(text)}


class BgtRule(NamedTuple):
    """Features of a class whose attribute has one of the values are objects of soort (all lower case)."""
    attribute: str
    values: frozenset[str]
    soort: str


@dataclass(frozen=True)
class BgtKinds:
    """class (lower case, as found in a layer name) -> its rules, in the value list's order; names: the classes as
    the value list writes them (for messages)."""
    rules: dict[str, tuple[BgtRule, ...]] = field(default_factory=dict)
    names: tuple[str, ...] = ()


def bgt_kinds(rows: Iterable[tuple[str, Iterable[str]]]) -> BgtKinds:
    """rows: (code, bgt_regels) as BGT_SQL returns them; a rule is Klasse.attribuut=waarde (the CHECK on
    bgt_regels guarantees the shape). Values for the same class, attribute and kind form one rule."""
    grouped: dict[str, dict[tuple[str, str], list[str]]] = {}
    names: dict[str, str] = {}
    for code, rules in rows:
        for rule in rules:
            target, _, value = rule.partition("=")
            cls, _, attribute = target.partition(".")
            names.setdefault(cls.lower(), cls)
            values = grouped.setdefault(cls.lower(), {}).setdefault((attribute.lower(), code), [])
            values.append(value.strip().lower())
    return BgtKinds({cls: tuple(BgtRule(attribute, frozenset(values), soort)
                                for (attribute, soort), values in by_rule.items())
                     for cls, by_rule in grouped.items()}, tuple(names.values()))


BGT_ID_FIELDS = ("lokaalid", "identificatie", "identificatie.lokaalid", "gml_id", "id")
_PREFIX = re.compile(r"^(bgt|plus|imgeo)[-_]")


class BgtObject(NamedTuple):
    bron_id: str | None
    soort: str
    naam: str | None
    omschrijving: str


def bgt_class(layer: str, kinds: BgtKinds) -> str | None:
    name = layer.lower().replace("_", "")
    return next((cls for cls in kinds.rules if cls in name), None)


def no_bgt_layer(file_name: str, layers: Iterable[str], kinds: BgtKinds) -> str:
    *first, last = kinds.names or ("een klasse uit buurt_vl.objectsoort.bgt_regels (die is leeg)",)
    expected = f"{', '.join(first)} of {last}" if first else last
    return (f"{file_name}: geen BGT-laag gevonden (verwacht {expected} in de laagnaam; "
            f"lagen: {', '.join(layers)}).")


def _normal(name: str) -> str:
    return _PREFIX.sub("", name.lower())


def _values(props: Mapping[str, Any], name: str) -> list[str]:
    return [str(v).strip().lower() for k, v in props.items() if _normal(k) == name and v not in (None, "")]


def _first(props: Mapping[str, Any], names: tuple[str, ...]) -> str | None:
    for name in names:
        for k, v in props.items():
            if _normal(k) == name and v not in (None, ""):
                return str(v)
    return None


def bgt_object(cls: str, props: Mapping[str, Any], kinds: BgtKinds) -> BgtObject | None:
    """The object a BGT feature of class cls is (the first rule of the class that matches), or None when it is
    none of our kinds (or history)."""
    if _first(props, ("eindregistratie",)):
        return None
    for attribute, accepted, soort in kinds.rules.get(cls, ()):
        matched = accepted.intersection(_values(props, attribute))
        if matched:
            return BgtObject(_first(props, BGT_ID_FIELDS), soort, _first(props, ("naam",)),
                             f"BGT {cls} {attribute}={'/'.join(sorted(matched))}")
    return None
