"""Processing: the history of the selected initiative, deal, commitment or object (who, when, which field, old ->
new, from the audit log buurt_sys.wijziging), and restoring an earlier version of one of them as a new edit.

Both work in the database the layer itself comes from (its own connection string: a service, an authcfg or a
saved login; never a password), through buurt_app.geschiedenis and buurt_app.versie_herstellen
(layers/app/025_qgis.sql). The restore is one UPDATE that every rule checks again (workflow, geometry,
wederkerigheid) and the audit log records. Editors only: the public and read-only roles cannot read the log.
"""

from __future__ import annotations

from typing import Any

from qgis.core import (
    QgsDataSourceUri,
    QgsFeature,
    QgsFeatureSink,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingFeedback,
    QgsProcessingOutputString,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
    QgsProcessingUtils,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ..connection import BuurtkaartDbError, connect, run_sql
from .base import BuurtkaartAlgorithm, fields_of
from .errors import refusal_as_error

INPUT = "INVOER"
OUTPUT = "OUTPUT"
CHANGE = "WIJZIGING"
MESSAGE = "BERICHT"
TABLES = ("initiatief", "buurtdeal", "afspraak", "beheerobject")
COLUMNS = (("tabel", QVariant.String), ("object_id", QVariant.Int), ("wijziging", QVariant.LongLong),
           ("op", QVariant.String), ("door", QVariant.String), ("actie", QVariant.String), ("veld", QVariant.String),
           ("oud", QVariant.String), ("nieuw", QVariant.String))


def _layer_and_ids(algorithm: BuurtkaartAlgorithm, parameters: dict[str, Any],
                   context: QgsProcessingContext) -> tuple[QgsVectorLayer, str, list[int]]:
    """The Buurtkaart layer behind the input, its table and the ids of the (selected) features."""
    value = parameters.get(INPUT)
    if isinstance(value, QgsProcessingFeatureSourceDefinition):  # "alleen geselecteerde objecten"
        value = value.source.staticValue()
    layer = value if isinstance(value, QgsVectorLayer) else (
        QgsProcessingUtils.mapLayerFromString(str(value), context) if value else None)
    source = algorithm.parameterAsSource(parameters, INPUT, context)
    if layer is None or source is None:
        raise QgsProcessingException("Kies een Buurtkaart-laag (initiatieven, buurtdeals, afspraken of objecten).")
    uri = QgsDataSourceUri(layer.source())
    if layer.providerType() != "postgres" or uri.schema() != "buurt" or uri.table() not in TABLES:
        raise QgsProcessingException(
            f"Laag '{layer.name()}' is geen Buurtkaart-laag met geschiedenis (initiatieven, buurtdeals, afspraken "
            "of objecten uit schema buurt).")
    ids = [int(f["id"]) for f in source.getFeatures()]
    if not ids:
        raise QgsProcessingException(f"Selecteer in '{layer.name()}' het object waarvan u de geschiedenis wilt zien.")
    return layer, uri.table(), ids


def _connection(layer: QgsVectorLayer):
    try:
        return connect(QgsDataSourceUri(layer.source()).connectionInfo(False))
    except BuurtkaartDbError as exc:
        raise QgsProcessingException(str(exc)) from exc


class SelectedObjectAlgorithm(BuurtkaartAlgorithm):
    """Works on the selected objects of a Buurtkaart layer, in the database the layer comes from: its first
    parameter is that layer, not a connection."""
    GROUP = "Bewerken"
    LAYER_TITLE = ""

    def initAlgorithm(self, config: dict[str, Any] | None = None) -> None:
        self.addParameter(QgsProcessingParameterFeatureSource(INPUT, self.LAYER_TITLE, [QgsProcessing.TypeVector]))
        self.add_parameters()


class HistoryAlgorithm(SelectedObjectAlgorithm):
    NAME = "geschiedenis"
    TITLE = "Geschiedenis van een object"
    LAYER_TITLE = "Laag (alleen de geselecteerde objecten)"
    HELP = ("Toont voor de geselecteerde initiatieven, buurtdeals, afspraken of objecten wie wanneer wat "
            "veranderde: per gewijzigd veld de oude en de nieuwe waarde, uit het wijzigingslog van de database "
            "(nooit de contactgegevens van indieners). Met het nummer van een wijziging zet 'Eerdere versie "
            "terugzetten' het object terug zoals het na die wijziging was.")

    def add_parameters(self) -> None:
        self.addParameter(QgsProcessingParameterFeatureSink(OUTPUT, "Geschiedenis", QgsProcessing.TypeVector))

    def processAlgorithm(self, parameters: dict[str, Any], context: QgsProcessingContext,
                         feedback: QgsProcessingFeedback) -> dict[str, Any]:
        layer, table, ids = _layer_and_ids(self, parameters, context)
        conn = _connection(layer)
        fields = fields_of(COLUMNS)
        sink, dest = self.parameterAsSink(parameters, OUTPUT, context, fields, QgsWkbTypes.NoGeometry)
        written = 0
        for n, key in enumerate(ids, start=1):
            if feedback.isCanceled():
                break
            with refusal_as_error(f"Geschiedenis van {table} {key}"):
                history = run_sql(conn, "SELECT wijziging, to_char(op, 'YYYY-MM-DD HH24:MI:SS'), door, actie, veld, "
                                        "oud, nieuw FROM buurt_app.geschiedenis(%s, %s)", [table, str(key)])
            for wijziging, op, door, actie, veld, oud, nieuw in history:
                feature = QgsFeature(fields)
                feature.setAttributes([table, key, wijziging, op, door, actie, veld, oud, nieuw])
                sink.addFeature(feature, QgsFeatureSink.FastInsert)
                written += 1
                if actie != "nieuw":
                    feedback.pushInfo(f"{op} {door}: {table} {key} {veld}: {oud} → {nieuw} (wijziging {wijziging})")
            feedback.setProgress(100 * n / len(ids))
        feedback.pushInfo(f"{written} regels geschiedenis voor {len(ids)} object(en).")
        return {OUTPUT: dest}


class RestoreVersionAlgorithm(SelectedObjectAlgorithm):
    NAME = "versie_herstellen"
    TITLE = "Eerdere versie terugzetten"
    LAYER_TITLE = "Laag (precies één geselecteerd object)"
    HELP = ("Zet het ene geselecteerde initiatief, de buurtdeal, afspraak of het object terug zoals het was direct "
            "na de gekozen wijziging (het nummer uit 'Geschiedenis van een object'). Dat is een nieuwe wijziging: "
            "de regels van de database controleren hem opnieuw (workflow, geometrie, wederkerigheid) en het "
            "wijzigingslog legt hem vast. Sla eerst uw eigen bewerkingen in QGIS op.")

    def add_parameters(self) -> None:
        self.addParameter(QgsProcessingParameterNumber(CHANGE, "Nummer van de wijziging",
                                                       QgsProcessingParameterNumber.Integer, minValue=1))
        self.addOutput(QgsProcessingOutputString(MESSAGE, "Uitkomst"))

    def processAlgorithm(self, parameters: dict[str, Any], context: QgsProcessingContext,
                         feedback: QgsProcessingFeedback) -> dict[str, Any]:
        layer, table, ids = _layer_and_ids(self, parameters, context)
        if len(ids) != 1:
            raise QgsProcessingException(f"Selecteer precies één object in '{layer.name()}' (nu {len(ids)}).")
        change = self.parameterAsInt(parameters, CHANGE, context)
        conn = _connection(layer)
        with refusal_as_error():
            message = run_sql(conn, "SELECT buurt_app.versie_herstellen(%s, %s, %s)",
                              [table, str(ids[0]), int(change)])[0][0]
        layer.reload()
        layer.triggerRepaint()
        feedback.pushInfo(message)
        return {MESSAGE: message}


ALGORITHMS = [HistoryAlgorithm, RestoreVersionAlgorithm]
