"""BGT/IMGeo-style files (GML or GeoPackage per object class) as public-space objects.

Which class a layer holds comes from its name (bgt_begroeidterreindeel, Straatmeubilair, ...). Attribute names
are compared without case and without the bgt-/plus-/imgeo- prefixes that the GML downloads carry.
  BegroeidTerreindeel with fysiekVoorkomen = groenvoorziening -> groen
  Straatmeubilair with type = speelvoorziening              -> speelplek
  FunctioneelGebied with type = speeltuin (or speelterrein)  -> speelplek
Objects with an eindRegistratie are history and are left out (counted as genegeerd).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from spatial_service.importers import sources
from spatial_service.importers.assets import AssetRecord, ReadStats
from spatial_service.importers.ewkb import to_ewkb_hex

# class (as in the layer name) -> (attribute, accepted values, soort)
RULES: dict[str, tuple[str, frozenset[str], str]] = {
    "begroeidterreindeel": ("fysiekvoorkomen", frozenset({"groenvoorziening"}), "groen"),
    "straatmeubilair": ("type", frozenset({"speelvoorziening"}), "speelplek"),
    "functioneelgebied": ("type", frozenset({"speeltuin", "speelterrein"}), "speelplek"),
}
ID_FIELDS = ("lokaalid", "identificatie", "identificatie.lokaalid", "gml_id", "id")
_PREFIX = re.compile(r"^(bgt|plus|imgeo)[-_]")


def bgt_class(layer: str) -> str | None:
    name = layer.lower().replace("_", "")
    return next((cls for cls in RULES if cls in name), None)


def _normal(name: str) -> str:
    return _PREFIX.sub("", name.lower())


def _values(props: dict[str, Any], field: str) -> list[str]:
    return [str(v).strip().lower() for k, v in props.items() if _normal(k) == field and v not in (None, "")]


def _first(props: dict[str, Any], fields: tuple[str, ...]) -> str | None:
    for field in fields:
        for k, v in props.items():
            if _normal(k) == field and v not in (None, ""):
                return str(v)
    return None


def bgt_layers(path: Path, only: list[str] | None = None) -> list[str]:
    names = sources.layers(path, only)
    found = [n for n in names if bgt_class(n)]
    if not found:
        raise sources.FileProblem(
            f"{path.name}: geen BGT-laag gevonden (verwacht BegroeidTerreindeel, Straatmeubilair of "
            f"FunctioneelGebied in de laagnaam; lagen: {', '.join(names)}).")
    return found


def read_bgt(path: Path, stats: ReadStats, crs: str | None = None,
             only: list[str] | None = None) -> Iterator[AssetRecord]:
    for layer in bgt_layers(path, only):
        cls = bgt_class(layer)
        assert cls is not None
        field, accepted, soort = RULES[cls]
        with sources.open_layer(path, layer) as collection:
            srid = sources.source_srid(collection, f"{path.name}, laag {layer}", crs)
            for feature in collection:
                props = dict(feature.properties)
                values = _values(props, field)
                if not accepted.intersection(values) or _first(props, ("eindregistratie",)):
                    stats.ignored += 1
                    continue
                ident = _first(props, ID_FIELDS)
                yield AssetRecord(layer, ident, soort, _first(props, ("naam",)),
                                  f"BGT {cls} {field}={'/'.join(sorted(accepted.intersection(values)))}",
                                  to_ewkb_hex(feature.geometry, srid))
