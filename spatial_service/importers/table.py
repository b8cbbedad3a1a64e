"""Any GeoJSON, GeoPackage, Shapefile or CSV as public-space objects, with a field mapping from the command line.

mapping: our field -> the file's field, for id (required), soort, naam, omschrijving; CSV also x, y or wkt.
soort is either a field (its values must be objectsoort codes) or one constant for the whole file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spatial_service.importers import sources
from spatial_service.importers.assets import AssetRecord, ReadStats
from spatial_service.importers.ewkb import to_ewkb_hex

TARGETS = ("id", "soort", "naam", "omschrijving", "x", "y", "wkt")


@dataclass(frozen=True)
class FieldMapping:
    fields: dict[str, str] = field(default_factory=dict)
    soort: str | None = None

    @classmethod
    def parse(cls, items: list[str], soort: str | None) -> FieldMapping:
        fields: dict[str, str] = {}
        for item in items:
            target, sep, source = item.partition("=")
            if not sep or not source or target not in TARGETS:
                raise sources.FileProblem(
                    f"--veld {item}: verwacht DOEL=BRONVELD met DOEL een van {', '.join(TARGETS)}.")
            fields[target] = source
        if "id" not in fields:
            raise sources.FileProblem("--veld id=BRONVELD is verplicht: zonder bron-id kan een herimport "
                                      "niet bijwerken en ontstaan dubbele objecten.")
        if "soort" not in fields and not soort:
            raise sources.FileProblem("Geef de soort: --soort speelplek (één soort voor het hele bestand) "
                                      "of --veld soort=BRONVELD.")
        return cls(fields, soort)


def _open_options(path: Path, mapping: FieldMapping) -> dict[str, Any]:
    if path.suffix.lower() != ".csv":
        return {}
    opts: dict[str, Any] = {}
    if "wkt" in mapping.fields:
        opts["GEOM_POSSIBLE_NAMES"] = mapping.fields["wkt"]
    elif "x" in mapping.fields and "y" in mapping.fields:
        opts["X_POSSIBLE_NAMES"] = mapping.fields["x"]
        opts["Y_POSSIBLE_NAMES"] = mapping.fields["y"]
    else:
        raise sources.FileProblem(f"{path.name}: geef bij een CSV de geometrie op met --veld x=.. --veld y=.. "
                                  "of --veld wkt=..")
    return opts


def read_table(path: Path, mapping: FieldMapping, stats: ReadStats, crs: str | None = None,
               layer: str | None = None) -> Iterator[AssetRecord]:
    names = sources.layers(path, [layer] if layer else None)
    for name in names:
        with sources.open_layer(path, name, **_open_options(path, mapping)) as collection:
            available = list(collection.schema["properties"])
            for target in ("id", "soort", "naam", "omschrijving"):
                wanted = mapping.fields.get(target)
                if wanted and wanted not in available:
                    raise sources.FileProblem(f"{path.name}, laag {name}: veld '{wanted}' (voor {target}) bestaat "
                                              f"niet; velden: {', '.join(available)}.")
            srid = sources.source_srid(collection, f"{path.name}, laag {name}", crs)
            for feature in collection:
                props = feature.properties

                def get(target: str, props: Any = props) -> str | None:
                    src = mapping.fields.get(target)
                    value = props.get(src) if src else None
                    return None if value in (None, "") else str(value)

                yield AssetRecord(name, get("id"),
                                  get("soort") or mapping.soort, get("naam"), get("omschrijving"),
                                  to_ewkb_hex(feature.geometry, srid))
