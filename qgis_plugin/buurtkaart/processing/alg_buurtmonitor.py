"""Processing: the buurtmonitor and the buurtbudget in QGIS.

- "Buurtmonitor: kaart van een indicator" adds a graduated layer of an indicator in a year over buurten or wijken,
  classed and coloured exactly as the virtuele stad: the classes come from publiek.cijfer_klassen (quantiles in
  SQL), the colours from publiek.indicator (reversed where lower is better), areas without a value in a second,
  hatched layer.
- "Buurtbudget verdelen" runs buurt_app.budget_verdelen (formula, settings and rounding live in the database)
  and returns the allocation per wijk as a table, set against what the wijk's deals commit.
"""

from __future__ import annotations

from typing import Any

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsFillSymbol,
    QgsGraduatedSymbolRenderer,
    QgsLinePatternFillSymbolLayer,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingOutputMultipleLayers,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterString,
    QgsRendererRange,
    QgsSingleSymbolRenderer,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant
from qgis.PyQt.QtGui import QColor

from ..connection import bind, data_source_uri, run_sql
from .base import BuurtkaartAlgorithm, fields_of
from .errors import refusal_as_error
from .parameters import CONNECTION, YEAR, connection_from, year_parameter

INDICATOR = "INDICATOR"
LEVEL = "NIVEAU"
GEMEENTE = "GEMEENTE"
OUTPUT = "OUTPUT"
LEVELS = ["buurt", "wijk"]
_AREA_LAYER = ("SELECT a.code, a.naam, c.waarde, c.streefwaarde, c.gehaald, "
               "CASE WHEN c.waarde IS NOT NULL THEN 1 + width_bucket(c.waarde, "
               "(publiek.cijfer_klassen(%(indicator)s, %(jaar)s, %(niveau)s, %(gemeente)s))[2:5]) END AS klasse, "
               "a.geom FROM {table} a LEFT JOIN publiek.cijfer c ON c.gebiedcode = a.code "
               "AND c.indicator = %(indicator)s AND c.jaar = %(jaar)s WHERE a.gemeentecode = %(gemeente)s")
# the areas with their value and class, per level; the only text put into the SQL is one of these two table names
AREA_LAYER_SQL = {"buurt": _AREA_LAYER.format(table="buurt.buurt"), "wijk": _AREA_LAYER.format(table="buurt.wijk")}
# the output table of the budget allocation (buurt_app.rapport_budgetverdeling)
ALLOCATION_COLUMNS = (("wijkcode", QVariant.String), ("wijknaam", QVariant.String), ("prioriteit", QVariant.Bool),
                      ("bedrag", QVariant.Double), ("toegezegd", QVariant.Double), ("in_gesprek", QVariant.Double),
                      ("resterend", QVariant.Double), ("toelichting", QVariant.String))


def _number(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}".replace(".", ",")


def _colours(value: Any) -> list[str]:
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [v.strip('" ') for v in str(value).strip("{}").split(",")]


def _numbers(value: Any) -> list[float]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [float(v) for v in value]
    return [float(v) for v in str(value).strip("{}").split(",") if v.strip()]


class IndicatorMapAlgorithm(BuurtkaartAlgorithm):
    NAME = "buurtmonitor_kaart"
    TITLE = "Buurtmonitor: kaart van een indicator"
    GROUP = "Buurtmonitor"
    HELP = ("Voegt een laag toe met de gekozen indicator in het gekozen jaar per buurt of wijk, in 5 klassen "
            "(kwantielen, berekend in de database) met dezelfde kleuren als de virtuele stad; gebieden zonder "
            "waarde (geheim of onbekend) staan gearceerd in een tweede laag.")

    def add_parameters(self) -> None:
        self.addParameter(QgsProcessingParameterString(INDICATOR, "Indicator (code), bv. sociale_cohesie"))
        self.addParameter(year_parameter("Jaar"))
        self.addParameter(QgsProcessingParameterEnum(LEVEL, "Gebieden", options=["buurten", "wijken"],
                                                     defaultValue=0))
        self.addParameter(QgsProcessingParameterString(GEMEENTE, "Gemeentecode, bv. GM0402"))
        self.addOutput(QgsProcessingOutputMultipleLayers(OUTPUT, "Lagen"))

    def processAlgorithm(self, parameters: dict[str, Any], context: QgsProcessingContext,
                         feedback: QgsProcessingFeedback) -> dict[str, Any]:
        indicator = (self.parameterAsString(parameters, INDICATOR, context) or "").strip().lower()
        year = self.parameterAsInt(parameters, YEAR, context)
        level = LEVELS[self.parameterAsEnum(parameters, LEVEL, context)]
        gemeente = (self.parameterAsString(parameters, GEMEENTE, context) or "").strip().upper()
        conn = connection_from(self, parameters, context)
        with refusal_as_error("Buurtmonitor mislukt"):
            meta = run_sql(conn, "SELECT naam, eenheid, decimalen, kleuren FROM publiek.indicator WHERE code = %s",
                           [indicator])
            if not meta:
                known = ", ".join(r[0] for r in run_sql(conn, "SELECT code FROM publiek.indicator ORDER BY volgorde"))
                raise QgsProcessingException(f"Indicator '{indicator}' bestaat niet (parameter {INDICATOR}); "
                                             f"bekend: {known}.")
            if not run_sql(conn, "SELECT 1 FROM buurt.gemeente WHERE code = %s", [gemeente]):
                raise QgsProcessingException(f"Gemeente '{gemeente}' bestaat niet (parameter {GEMEENTE}); gebruik "
                                             "een CBS-code zoals GM0402.")
            args = {"indicator": indicator, "jaar": year, "niveau": level, "gemeente": gemeente}
            bounds = _numbers(run_sql(conn, "SELECT publiek.cijfer_klassen(%(indicator)s, %(jaar)s, %(niveau)s, "
                                            "%(gemeente)s)", args)[0][0])
        if len(bounds) != 6:
            raise QgsProcessingException(f"Geen cijfers voor {indicator} in {year} ({level}en van {gemeente}).")
        naam, eenheid, decimalen, kleuren = meta[0]
        colours = _colours(kleuren)
        feedback.setProgress(30)

        # the class is computed in SQL, as for the web map; QGIS only colours it. A layer's subquery is text in
        # its URI, so the values are bound into it (connection.bind); the table is one of two constants.
        sql = bind(AREA_LAYER_SQL[level], args)
        title = f"{naam} {year} ({level}en {gemeente})"
        layer: QgsVectorLayer | None = None
        empty: QgsVectorLayer | None = None
        try:
            uri = data_source_uri(self.parameterAsConnectionName(parameters, CONNECTION, context)
                                  or str(parameters.get(CONNECTION)))
            uri.setDataSource("", f"({sql})", "geom", "klasse IS NOT NULL", "code")
            layer = QgsVectorLayer(uri.uri(False), title, "postgres")
            uri.setDataSource("", f"({sql})", "geom", "klasse IS NULL", "code")
            empty = QgsVectorLayer(uri.uri(False), f"{title}: geen waarde (geheim of onbekend)", "postgres")
            if not layer.isValid() or not empty.isValid():
                raise QgsProcessingException(f"Kan de laag niet openen: {layer.dataProvider().error().summary()}")
            ranges = []
            for k in range(5):
                symbol = QgsFillSymbol.createSimple({"color": colours[k], "outline_color": "#333333",
                                                     "outline_width": "0.2"})
                label = f"{_number(bounds[k], decimalen)} – {_number(bounds[k + 1], decimalen)} {eenheid}"
                ranges.append(QgsRendererRange(k + 0.5, k + 1.5, symbol, label))
            renderer = QgsGraduatedSymbolRenderer("klasse", ranges)
            layer.setRenderer(renderer)
            hatch = QgsFillSymbol.createSimple({"color": "255,255,255,150", "outline_color": "#333333",
                                                "outline_width": "0.2"})
            lines = QgsLinePatternFillSymbolLayer()
            lines.setLineAngle(45)
            lines.setDistance(1.5)
            lines.setColor(QColor("#6e6e6e"))
            hatch.appendSymbolLayer(lines)
            empty.setRenderer(QgsSingleSymbolRenderer(hatch))
            ids = []
            for lyr in (layer, empty):
                context.temporaryLayerStore().addMapLayer(lyr)
                context.addLayerToLoadOnCompletion(lyr.id(), QgsProcessingContext.LayerDetails(
                    lyr.name(), context.project(), OUTPUT))
                ids.append(lyr.id())
            feedback.pushInfo(f"{title}: 5 klassen (kwantielen) " + ", ".join(r.label() for r in ranges))
            feedback.setProgress(100)
            return {OUTPUT: ids}
        finally:
            layer = None  # release before a traceback can keep it alive (DEVELOPING.md)
            empty = None


class BudgetAllocationAlgorithm(BuurtkaartAlgorithm):
    NAME = "budget_verdelen"
    TITLE = "Buurtbudget verdelen over de wijken"
    GROUP = "Buurtmonitor"
    HELP = ("Verdeelt het buurtbudget van een jaar (buurt.budget) over de wijken: een basisdeel (naar inwoners of "
            "gelijk) plus extra gewicht voor prioriteitswijken (indicator onder de streefwaarde of handmatig). "
            "Formule en gewichten: buurt_sys.instelling (budget_*). Het resultaat wordt opgeslagen per wijk en jaar "
            "met de toelichting, en telt op tot het budget op de cent.")

    def add_parameters(self) -> None:
        self.addParameter(QgsProcessingParameterString(GEMEENTE, "Gemeentecode, bv. GM0307"))
        self.addParameter(year_parameter("Budgetjaar"))
        self.addParameter(QgsProcessingParameterFeatureSink(OUTPUT, "Budgetverdeling", QgsProcessing.TypeVector))
        self.addOutput(QgsProcessingOutputNumber("TOTAAL", "Totaal verdeeld (EUR)"))

    def processAlgorithm(self, parameters: dict[str, Any], context: QgsProcessingContext,
                         feedback: QgsProcessingFeedback) -> dict[str, Any]:
        gemeente = (self.parameterAsString(parameters, GEMEENTE, context) or "").strip().upper()
        year = self.parameterAsInt(parameters, YEAR, context)
        conn = connection_from(self, parameters, context)
        with refusal_as_error("Budget verdelen mislukt, er is niets gewijzigd"):
            run_sql(conn, "SELECT count(*) FROM buurt_app.budget_verdelen(%s, %s)", [gemeente, year])
            rows = run_sql(conn, "SELECT * FROM buurt_app.rapport_budgetverdeling(%s, %s)", [gemeente, year])
        fields = fields_of(ALLOCATION_COLUMNS)
        sink, sink_id = self.parameterAsSink(parameters, OUTPUT, context, fields, QgsWkbTypes.NoGeometry)
        if sink is None:
            raise QgsProcessingException(f"Kan de uitvoertabel niet maken (parameter {OUTPUT}).")
        for row in rows:
            feature = QgsFeature(fields)
            feature.setAttributes([row[0], row[1], bool(row[2]), *(float(v) for v in row[3:7]), row[7]])
            sink.addFeature(feature, QgsFeatureSink.FastInsert)
        total = sum(float(r[3]) for r in rows)
        feedback.pushInfo(f"{gemeente} {year}: {len(rows)} wijken, totaal EUR {total:,.2f}")
        return {OUTPUT: sink_id, "TOTAAL": total}


ALGORITHMS = [IndicatorMapAlgorithm, BudgetAllocationAlgorithm]
