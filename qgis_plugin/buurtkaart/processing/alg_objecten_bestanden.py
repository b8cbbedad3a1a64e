"""Processing: public-space objects from an OpenStreetMap file (.osm/.pbf) or a BGT/IMGeo GeoPackage, the way
`buurtkaart import objecten FILE` does for those formats.

Which tag or class makes which kind is data (buurt_vl.objectsoort.osm_tags and bgt_regels), mapped by the shared
core (buurtkaart/core/asset_kinds.py, the same module the CLI readers use). The file is read with QGIS's own OGR
provider: GDAL's OSM driver (layers points, lines and multipolygons, the tags without a column in other_tags) or
the BGT layers of the GeoPackage. The features become the same staging rows the CLI writes and go through the same
merge (buurt_app.objecten_samenvoegen) as ONE script: a refusal or a cancel leaves the database as it was.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from qgis.core import (
    QgsDataProvider,
    QgsFeature,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterFile,
    QgsVectorLayer,
)

from ..connection import quote_literal, run_sql
from ..core.asset_kinds import (
    OsmKinds,
    area_kind,
    bgt_class,
    bgt_kinds,
    bgt_object,
    no_bgt_layer,
    node_kind,
    open_way_kind,
    osm_description,
    osm_kinds,
    parse_other_tags,
)
from .alg_objecten_import import BATCH, INSERT, STAGING, ImportObjectsAlgorithm
from .errors import refusal_as_error, stop_if_cancelled
from .import_common import SOURCE, ewkb_sql, staging_script
from .import_common import text as _text
from .parameters import connection_from

INPUT = "BESTAND"
WGS84 = 4326
# GDAL OSM driver columns that are no OSM tag
NOT_TAGS = frozenset({"osm_id", "osm_way_id", "z_order", "other_tags"})
KINDS_SQL = ("SELECT code, array_to_json(osm_tags)::text, array_to_json(geometrietypes::text[])::text "
             "FROM buurt_vl.objectsoort ORDER BY volgorde")
BGT_SQL = "SELECT code, array_to_json(bgt_regels)::text FROM buurt_vl.objectsoort ORDER BY volgorde"

# one staging row: (bron_id, soort, naam, omschrijving, geometry SQL)
Row = tuple[str | None, str, str | None, str | None, str]


def _attributes(feature: QgsFeature) -> dict[str, Any]:
    return {name: _text(value) for name, value in zip(feature.fields().names(), feature.attributes(), strict=True)}


def _staging_values(rows: Iterator[Row], feedback: QgsProcessingFeedback) -> Iterator[str]:
    """The VALUES tuple of each row (numbered from 1: the bronrij); stops on a cancel."""
    for read, (bron_id, soort, naam, omschrijving, geom) in enumerate(rows, start=1):
        stop_if_cancelled(feedback)
        yield "(" + ", ".join([str(read), quote_literal(bron_id), quote_literal(soort), quote_literal(naam),
                               quote_literal(omschrijving), geom]) + ")"


def _open(path: str, layer: str, label: str) -> QgsVectorLayer:
    found = QgsVectorLayer(f"{path}|layername={layer}", layer, "ogr")
    if not found.isValid():
        found = None  # a layer kept alive by the traceback segfaults QGIS at exit (DEVELOPING.md)
        raise QgsProcessingException(f"{label}: laag {layer} is niet te lezen.")
    return found


class FileObjectsAlgorithm(ImportObjectsAlgorithm):
    """What the OSM and BGT algorithms share: a file, a source name, the merge; subclasses yield the rows."""
    GROUP = "Importeren"
    FILE_TITLE = ""
    EXTENSION = ""
    DEFAULT_SOURCE = ""

    def add_parameters(self) -> None:
        self.addParameter(QgsProcessingParameterFile(INPUT, self.FILE_TITLE, fileFilter=self.EXTENSION))
        self.add_source_and_report("objecten", self.DEFAULT_SOURCE, (*self.ACTIONS, "genegeerd"))

    def rows(self, path: str, label: str, conn: Any, feedback: QgsProcessingFeedback,
             ignored: list[int]) -> Iterator[Row]:
        raise NotImplementedError

    def processAlgorithm(self, parameters: dict[str, Any], context: QgsProcessingContext,
                         feedback: QgsProcessingFeedback) -> dict[str, Any]:
        path = self.parameterAsFile(parameters, INPUT, context)
        label = Path(path).name if path else "bestand"
        if not path or not Path(path).is_file():
            raise QgsProcessingException(f"Bestand {path or '(geen)'} bestaat niet.")
        bron = (self.parameterAsString(parameters, SOURCE, context) or "").strip() or self.DEFAULT_SOURCE
        conn = connection_from(self, parameters, context)
        ignored = [0]
        rows = self.rows(path, label, conn, feedback, ignored)
        try:
            statements, read = staging_script(STAGING, INSERT, _staging_values(rows, feedback), BATCH)
        finally:
            # the reader's layers are released now, not by a traceback that outlives QGIS (segfault at exit)
            rows.close()
        stop_if_cancelled(feedback)
        results = self.merge(statements, read, bron, label, parameters, context, feedback)
        results["GENEGEERD"] = ignored[0]
        if ignored[0]:
            feedback.pushInfo(f"{ignored[0]} objecten genegeerd (geen bekende soort).")
        return results

    @staticmethod
    def step(feedback: QgsProcessingFeedback, done: int, total: int, share: float, start: float) -> None:
        feedback.setProgress(start + share * done / max(total, 1))


class ImportOsmObjectsAlgorithm(FileObjectsAlgorithm):
    NAME = "osm_objecten_importeren"
    TITLE = "Objecten in de openbare ruimte importeren uit OpenStreetMap (.osm/.pbf)"
    FILE_TITLE = "OpenStreetMap-bestand (.osm of .osm.pbf)"
    EXTENSION = "OpenStreetMap (*.osm *.pbf)"
    DEFAULT_SOURCE = "osm"
    HELP = ("Importeert speelplekken (leisure=playground), groen (leisure=park, leisure=garden, landuse=grass), "
            "zebrapaden (highway=crossing of footway=crossing met crossing=zebra of crossing_ref=zebra) en elke "
            "andere soort met OSM-tags in buurt_vl.objectsoort uit een OpenStreetMap-uittreksel (.osm of "
            ".osm.pbf). Een knoop wordt een punt, een gesloten weg of multipolygoon een vlak, een zebrapad-weg "
            "een lijn. Het bron-id is het OSM-id (node/12, way/34, relation/56): opnieuw importeren werkt bij "
            "en maakt geen dubbelen. Objecten buiten elke gemeente worden gemeld, niet geïmporteerd. Dezelfde "
            "import als `buurtkaart import objecten uittreksel.osm.pbf`.")

    def rows(self, path: str, label: str, conn: Any, feedback: QgsProcessingFeedback,
             ignored: list[int]) -> Iterator[Row]:
        with refusal_as_error():
            kinds = osm_kinds((code, json.loads(tags or "[]"), json.loads(types or "[]"))
                              for code, tags, types in run_sql(conn, KINDS_SQL))
        feedback.pushInfo(f"{label} lezen…")
        source = None
        try:
            for n, layer in enumerate(("points", "lines", "multipolygons")):
                source = _open(path, layer, label)
                if not source.isValid() or source.crs().postgisSrid() not in (0, WGS84):
                    raise QgsProcessingException(f"{label}: geen leesbaar OSM-bestand.")
                for feature in source.getFeatures():
                    stop_if_cancelled(feedback)
                    row = self._row(layer, feature, kinds)
                    if row is None:
                        ignored[0] += self._counts(layer, feature, kinds)
                        continue
                    yield row
                self.step(feedback, n + 1, 3, 70, 0)
        finally:
            source = None

    @staticmethod
    def _tags(feature: QgsFeature) -> dict[str, str]:
        attributes = _attributes(feature)
        tags = parse_other_tags(attributes.get("other_tags"))
        tags.update({k: v for k, v in attributes.items() if k not in NOT_TAGS and v is not None})
        return tags

    def _row(self, layer: str, feature: QgsFeature, kinds: OsmKinds) -> Row | None:
        tags = self._tags(feature)
        osm_id = _text(feature["osm_id"])
        if layer == "points":
            kind, ident = node_kind(tags, kinds), f"node/{osm_id}"
        elif layer == "lines":
            kind, ident = open_way_kind(tags) if not self._closed(feature) else None, f"way/{osm_id}"
        else:
            way_id = _text(feature["osm_way_id"])
            kind = area_kind(tags, kinds)
            ident = f"way/{way_id}" if way_id else f"relation/{osm_id}"
        if kind is None:
            return None
        return ident, kind, tags.get("name"), osm_description(tags, kinds), ewkb_sql(feature.geometry(), WGS84)

    @staticmethod
    def _closed(feature: QgsFeature) -> bool:
        geom = feature.geometry()
        line = geom.constGet()
        return line is not None and hasattr(line, "isClosed") and line.isClosed()

    @staticmethod
    def _counts(layer: str, feature: QgsFeature, kinds: OsmKinds) -> int:
        """Like the CLI: a feature carrying one of the mapped keys but no kind is genegeerd."""
        tags = ImportOsmObjectsAlgorithm._tags(feature)
        return int(layer != "lines" and any(k in tags for k in kinds.keys))


class ImportBgtObjectsAlgorithm(FileObjectsAlgorithm):
    NAME = "bgt_objecten_importeren"
    TITLE = "Objecten in de openbare ruimte importeren uit de BGT/IMGeo (GeoPackage)"
    FILE_TITLE = "BGT/IMGeo-GeoPackage (lagen per objectklasse)"
    EXTENSION = "GeoPackage (*.gpkg)"
    DEFAULT_SOURCE = "bgt"
    HELP = ("Importeert groen (BegroeidTerreindeel met fysiekVoorkomen groenvoorziening), speelplekken "
            "(Straatmeubilair met type speelvoorziening, FunctioneelGebied met type speeltuin of speelterrein) "
            "en elke andere soort met BGT-regels in buurt_vl.objectsoort uit een BGT/IMGeo-GeoPackage met een "
            "laag per objectklasse (de klasse staat in de laagnaam, bv. "
            "bgt_begroeidterreindeel). Objecten met een eindRegistratie zijn historie en worden genegeerd. Het "
            "bron-id is het lokaalID: opnieuw importeren werkt bij en maakt geen dubbelen. Dezelfde import als "
            "`buurtkaart import objecten bgt.gpkg`.")

    def rows(self, path: str, label: str, conn: Any, feedback: QgsProcessingFeedback,
             ignored: list[int]) -> Iterator[Row]:
        with refusal_as_error():
            kinds = bgt_kinds((code, json.loads(rules or "[]")) for code, rules in run_sql(conn, BGT_SQL))
        whole = QgsVectorLayer(path, "bgt", "ogr")
        valid = whole.isValid()
        names = ([s.split(QgsDataProvider.sublayerSeparator())[1] for s in whole.dataProvider().subLayers()]
                 if valid else [])
        whole = None  # released before any raise (a layer in a traceback segfaults QGIS at exit)
        if not valid:
            raise QgsProcessingException(f"{label}: geen leesbare GeoPackage.")
        layers = [(name, cls) for name in names if (cls := bgt_class(name, kinds))]  # the BGT layers with their class
        if not layers:
            raise QgsProcessingException(no_bgt_layer(label, names, kinds))
        source = None
        try:
            for n, (layer, cls) in enumerate(layers):
                source = _open(path, layer, label)
                srid = source.crs().postgisSrid()
                if not source.crs().isValid() or not srid:
                    raise QgsProcessingException(f"{label}, laag {layer}: geen (bruikbaar) coördinatenstelsel.")
                total = max(source.featureCount(), 1)
                for i, feature in enumerate(source.getFeatures()):
                    stop_if_cancelled(feedback)
                    found = bgt_object(cls, _attributes(feature), kinds)
                    if found is None:
                        ignored[0] += 1
                        continue
                    yield (found.bron_id, found.soort, found.naam, found.omschrijving,
                           ewkb_sql(feature.geometry(), srid))
                    self.step(feedback, n * total + i + 1, len(layers) * total, 70, 0)
        finally:
            source = None


ALGORITHMS = [ImportOsmObjectsAlgorithm, ImportBgtObjectsAlgorithm]
