"""Processing: plan check (plantoets) for designers. The plan (a layer, its selected features, a DXF, any CRS) is
reprojected to RD New here and sent to buurt_app.plantoets, the one implementation in SQL; this module only
builds the findings layers (styled by severity) and the HTML report from its rows."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any, ClassVar

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsFields,
    QgsFillSymbol,
    QgsGeometry,
    QgsMapLayer,
    QgsMapRendererCustomPainterJob,
    QgsMapSettings,
    QgsMarkerSymbol,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingLayerPostProcessorInterface,
    QgsProcessingOutputNumber,
    QgsProcessingParameterCrs,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsRectangle,
    QgsRendererCategory,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QBuffer, QByteArray, QIODevice, QSize, QVariant
from qgis.PyQt.QtGui import QColor, QImage, QPainter

from ..connection import bind, run_sql
from ..core import plancheck_report
from ..core.plancheck_report import INTEGER, NUMERIC, PROPERTY_COLUMNS, SEVERITY_QUERY
from .base import BuurtkaartAlgorithm, fields_of
from .errors import refusal_as_error
from .parameters import connection_from

PLAN = "PLAN"
CRS_ASSUMED = "CRS_ZONDER"
LINE_BUFFER = "LIJNBUFFER"
SEARCH_DISTANCE = "ZOEKAFSTAND"
OUTPUT = "OUTPUT"
OUTPUT_AREAS = "OUTPUT_VLAKKEN"
OUTPUT_HTML = "OUTPUT_HTML"
RD_NEW = "EPSG:28992"

# The columns of buurt_app.plantoets (the shared core's list) with their QGIS field types.
COLUMNS = [(name, QVariant.Double if name in NUMERIC else QVariant.Int if name in INTEGER else QVariant.String)
           for name in PROPERTY_COLUMNS]


def plan_ewkt(geometries: list[QgsGeometry]) -> str:
    """All plan parts as one EWKT GeometryCollection in RD New; the SQL function dissolves and repairs it."""
    parts = []
    for geometry in geometries:
        g = QgsGeometry(geometry)
        g.get().dropZValue()
        g.get().dropMValue()
        parts.append(g.asWkt())
    return f"SRID=28992;GEOMETRYCOLLECTION({', '.join(parts)})" if parts else "SRID=28992;GEOMETRYCOLLECTION EMPTY"


def closed_lines_as_areas(geometry: QgsGeometry) -> QgsGeometry:
    """A closed DXF polyline/circle outlines an area (as the CLI's reader takes it), not a ring-shaped street."""
    if geometry.type() != QgsWkbTypes.LineGeometry:
        return geometry
    lines = geometry.asMultiPolyline() if geometry.isMultipart() else [geometry.asPolyline()]
    if not lines or any(len(line) < 4 or line[0] != line[-1] for line in lines):
        return geometry
    return QgsGeometry.fromMultiPolygonXY([[line] for line in lines])


def _memory_layer(geometry_type: str, name: str, fields: QgsFields) -> QgsVectorLayer:
    layer = QgsVectorLayer(f"{geometry_type}?crs=EPSG:28992", name, "memory")
    layer.dataProvider().addAttributes(fields.toList())
    layer.updateFields()
    return layer


_FINDING_COLUMNS = ", ".join(f"f.{name}::float8" if name in NUMERIC else f"f.{name}" for name, _ in COLUMNS)
FINDINGS_SQL = (
    f"SELECT {_FINDING_COLUMNS}, ST_AsText(ST_PointOnSurface(f.geom)), "  # nosec B608  # columns: COLUMNS above
    "ST_AsText(ST_Multi(ST_CollectionExtract(f.geom, 3))) "
    "FROM buurt_app.plantoets(ST_GeomFromEWKT(%s), %s::numeric, %s::numeric) f ORDER BY f.volgnr")


def findings_sql(ewkt: str, line_buffer: float | None, search: float | None) -> str:
    """The plan check of a plan geometry (EWKT) with its values bound (connection.bind)."""
    return bind(FINDINGS_SQL, [ewkt, None if line_buffer is None else float(line_buffer),
                               None if search is None else float(search)])


class SeverityStyler(QgsProcessingLayerPostProcessorInterface):
    """Colours a findings layer by severity once Processing has loaded it (colours from buurt_vl.ernst)."""

    keep: ClassVar[list[SeverityStyler]] = []  # Processing holds only a weak reference

    def __init__(self, colours: list[tuple[str, str, str]], areas: bool) -> None:
        super().__init__()
        self.colours = colours
        self.areas = areas

    @classmethod
    def attach(cls, context: QgsProcessingContext, colours: list[tuple[str, str, str]], *, points: str,
               areas: str) -> None:
        """Style the two findings outputs that Processing will load."""
        for layer_id, is_area in ((points, False), (areas, True)):
            if context.willLoadLayerOnCompletion(layer_id):
                styler = cls(colours, is_area)
                cls.keep.append(styler)
                context.layerToLoadOnCompletionDetails(layer_id).setPostProcessor(styler)

    def postProcessLayer(self, layer: QgsMapLayer, context: QgsProcessingContext,
                         feedback: QgsProcessingFeedback) -> None:
        if isinstance(layer, QgsVectorLayer):
            layer.setRenderer(severity_renderer(self.colours, self.areas))
            layer.triggerRepaint()


def severity_renderer(colours: list[tuple[str, str, str]], areas: bool) -> QgsCategorizedSymbolRenderer:
    categories = []
    for code, name, colour in colours:
        if areas:
            symbol = QgsFillSymbol.createSimple({"color": colour + "99", "outline_color": colour,
                                                 "outline_width": "0.4"})
        else:
            symbol = QgsMarkerSymbol.createSimple({"name": "circle", "color": colour, "size": "3",
                                                   "outline_color": "#000000"})
        categories.append(QgsRendererCategory(code, symbol, name))
    if areas:  # the plan itself: outline only
        categories.append(QgsRendererCategory("plan", QgsFillSymbol.createSimple(
            {"color": "0,0,0,0", "outline_color": "#000000", "outline_width": "0.6", "outline_style": "dash"}),
            "Plangebied"))
    expression = "CASE WHEN \"categorie\" = 'plan' THEN 'plan' ELSE \"ernst\" END" if areas else '"ernst"'
    return QgsCategorizedSymbolRenderer(expression, categories)


class PlanCheckAlgorithm(BuurtkaartAlgorithm):
    NAME = "plantoets"
    TITLE = "Plantoets (plan voor de openbare ruimte)"
    GROUP = "Plantoets"
    HELP = ("Toetst een plan (herinrichting, speelplek, parkeerplaats) tegen wat er ligt: speelplekken, groen, "
            "zebrapaden, buurtdeals met hun afspraken, initiatieven, en de wijken en buurten met het aandeel van "
            "het plan. Het plan is een laag (of de geselecteerde objecten), ook een DXF; elk "
            "coördinatenstelsel wordt naar RD New omgezet. Een laag zonder stelsel (meestal DXF) wordt als "
            "het opgegeven stelsel gelezen (standaard RD New). Lijnen en punten worden gebufferd. "
            "Uitvoer: bevindingen (punten en vlakken, gekleurd naar ernst) en een HTML-rapport.")

    def add_parameters(self) -> None:
        self.addParameter(QgsProcessingParameterFeatureSource(
            PLAN, "Plan (laag of DXF; alleen geselecteerde objecten kan)", [QgsProcessing.TypeVectorAnyGeometry]))
        self.addParameter(QgsProcessingParameterCrs(
            CRS_ASSUMED, "Coördinatenstelsel als het plan er geen heeft (DXF)", RD_NEW, optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            LINE_BUFFER, "Lijnbuffer (m aan weerszijden; leeg = instelling)", QgsProcessingParameterNumber.Double,
            optional=True, minValue=0))
        self.addParameter(QgsProcessingParameterNumber(
            SEARCH_DISTANCE, "Zoekafstand (m; leeg = instelling)", QgsProcessingParameterNumber.Double,
            optional=True, minValue=0))
        self.addParameter(QgsProcessingParameterFeatureSink(OUTPUT, "Bevindingen", QgsProcessing.TypeVectorPoint))
        self.addParameter(QgsProcessingParameterFeatureSink(OUTPUT_AREAS, "Bevindingen (vlakken)",
                                                            QgsProcessing.TypeVectorPolygon))
        self.addParameter(QgsProcessingParameterFileDestination(OUTPUT_HTML, "Rapport (HTML)",
                                                                "HTML-bestanden (*.html)"))
        for code, name in (("ERNSTIG", "Ernstige bevindingen"), ("WAARSCHUWING", "Waarschuwingen"),
                           ("INFO", "Informatie")):
            self.addOutput(QgsProcessingOutputNumber(code, name))

    def processAlgorithm(self, parameters: dict[str, Any], context: QgsProcessingContext,
                         feedback: QgsProcessingFeedback) -> dict[str, Any]:
        source = self.parameterAsSource(parameters, PLAN, context)
        if source is None:
            raise QgsProcessingException(f"Het plan (parameter {PLAN}) kan niet worden gelezen.")
        geometries, notes = self._plan_in_rd(source, parameters, context, feedback)
        feedback.setProgress(20)

        line_buffer = self._optional_number(parameters, LINE_BUFFER, context)
        search = self._optional_number(parameters, SEARCH_DISTANCE, context)
        conn = connection_from(self, parameters, context)
        with refusal_as_error("Plantoets geweigerd"):
            rows = run_sql(conn, findings_sql(plan_ewkt(geometries), line_buffer, search))
            colours = [tuple(r) for r in run_sql(conn, SEVERITY_QUERY)]
        feedback.setProgress(60)

        fields = fields_of(COLUMNS)
        rd = QgsCoordinateReferenceSystem(RD_NEW)
        sink, sink_id = self.parameterAsSink(parameters, OUTPUT, context, fields, QgsWkbTypes.Point, rd)
        area_sink, area_id = self.parameterAsSink(parameters, OUTPUT_AREAS, context, fields,
                                                  QgsWkbTypes.MultiPolygon, rd)
        if sink is None or area_sink is None:
            raise QgsProcessingException(f"Kan de uitvoerlagen niet maken (parameters {OUTPUT}, {OUTPUT_AREAS}).")
        # the report's map: the same features in memory layers, rendered by QGIS
        points = _memory_layer("Point", "bevindingen", fields)
        areas = _memory_layer("MultiPolygon", "vlakken", fields)
        try:
            findings = self._write_findings(rows, fields, sink, area_sink, points, areas)
            SeverityStyler.attach(context, colours, points=sink_id, areas=area_id)
            feedback.setProgress(80)
            points.setRenderer(severity_renderer(colours, False))
            areas.setRenderer(severity_renderer(colours, True))
            image = self._map_png(points, areas)
        finally:
            points = areas = None  # released before a traceback can keep them alive (DEVELOPING.md)
        counts = plancheck_report.counts(findings, colours)
        html_path = self.parameterAsFileOutput(parameters, OUTPUT_HTML, context)
        self._write_report(html_path, findings, colours, image, notes, parameters)
        feedback.pushInfo(f"Plantoets: {counts['ernstig']} ernstig, {counts['waarschuwing']} waarschuwing, "
                          f"{counts['info']} informatie. Rapport: {html_path}")
        feedback.setProgress(100)
        return {OUTPUT: sink_id, OUTPUT_AREAS: area_id, OUTPUT_HTML: html_path, "ERNSTIG": counts["ernstig"],
                "WAARSCHUWING": counts["waarschuwing"], "INFO": counts["info"]}

    def _write_report(self, path: str, findings: list[dict[str, Any]], colours: list[tuple[str, str, str]],
                      image: str, notes: list[str], parameters: dict[str, Any]) -> None:
        """The shared core's report page, with QGIS's map of the findings (a base64 PNG) in it."""
        picture = (f'<img alt="Kaart van het plan en de bevindingen" src="data:image/png;base64,{image}">'
                   if image else "<p>(geen kaart: geen geometrie)</p>")
        plan_name = self._source_name(parameters)
        page = plancheck_report.render(findings, colours, title=f"Plantoets {Path(plan_name).name}",
                                       source=plan_name, map_html=picture, notes=notes)
        Path(path).write_text(page, encoding="utf-8")

    def _write_findings(self, rows: list, fields: QgsFields, sink: QgsFeatureSink, area_sink: QgsFeatureSink,
                        points: QgsVectorLayer, areas: QgsVectorLayer) -> list[dict[str, Any]]:
        """Each finding as a point (in the sink and the map) and, where it has one, an area (in the area sink;
        on the map unless it is a wijk or buurt); returns the findings for the report."""
        n = len(COLUMNS)
        findings = []
        for row in rows:
            attributes = [self._value(name, v) for (name, _), v in zip(COLUMNS, row[:n], strict=True)]
            findings.append(dict(zip([c for c, _ in COLUMNS], attributes, strict=True)))
            feature = QgsFeature(fields)
            feature.setAttributes(attributes)
            if row[n]:
                feature.setGeometry(QgsGeometry.fromWkt(row[n]))
            sink.addFeature(feature, QgsFeatureSink.FastInsert)
            points.dataProvider().addFeature(QgsFeature(feature))
            if row[n + 1] and not row[n + 1].endswith("EMPTY"):
                area = QgsFeature(fields)
                area.setAttributes(attributes)
                area.setGeometry(QgsGeometry.fromWkt(row[n + 1]))
                area_sink.addFeature(area, QgsFeatureSink.FastInsert)
                if attributes[1] not in ("wijk", "buurt"):
                    areas.dataProvider().addFeature(QgsFeature(area))
        return findings

    def _plan_in_rd(self, source: Any, parameters: dict[str, Any], context: QgsProcessingContext,
                    feedback: QgsProcessingFeedback) -> tuple[list[QgsGeometry], list[str]]:
        """The plan's geometries in RD New, and notes for the report (CRS assumed, what was skipped)."""
        notes: list[str] = []
        source_crs = source.sourceCrs()
        if not source_crs.isValid():
            source_crs = self.parameterAsCrs(parameters, CRS_ASSUMED, context)
            if not source_crs.isValid():
                source_crs = QgsCoordinateReferenceSystem(RD_NEW)
            notes.append(f"Het plan heeft geen coördinatenstelsel; aangenomen is {source_crs.authid()}.")
        transform = QgsCoordinateTransform(source_crs, QgsCoordinateReferenceSystem(RD_NEW),
                                           context.transformContext())
        geometries = []
        skipped = texts = 0
        # GDAL's DXF reader: text entities are points with a Text value, closed polylines are rings
        is_dxf = {"SubClasses", "Text"} <= set(source.fields().names())
        for feature in source.getFeatures(QgsFeatureRequest()):
            if feedback.isCanceled():
                raise QgsProcessingException("Afgebroken.")
            geometry = QgsGeometry(feature.geometry())
            if geometry.isNull() or geometry.isEmpty():
                skipped += 1
                continue
            if is_dxf:
                if feature["Text"] not in (None, "") and str(feature["Text"]) != "NULL":
                    texts += 1
                    continue
                geometry = closed_lines_as_areas(geometry)
            try:
                geometry.transform(transform)
            except Exception as exc:  # QgsCsException: the CRS does not fit the coordinates
                raise QgsProcessingException(
                    f"Het plan kan niet van {source_crs.authid()} naar RD New worden omgezet: {exc}") from exc
            geometries.append(geometry)
        if skipped:
            notes.append(f"{skipped} object(en) zonder geometrie overgeslagen.")
        if texts:
            notes.append(f"{texts} DXF-tekst(en) overgeslagen.")
        if source_crs.authid() != RD_NEW:
            notes.append(f"Het plan is omgezet van {source_crs.authid() or source_crs.description()} naar RD New.")
        return geometries, notes

    def _optional_number(self, parameters: dict[str, Any], name: str, context: QgsProcessingContext) -> float | None:
        value = parameters.get(name)
        if value is None or value == "":
            return None
        return self.parameterAsDouble(parameters, name, context)

    @staticmethod
    def _value(name: str, value: Any) -> Any:
        if value is None:
            return None
        if name in NUMERIC:
            return float(value)
        if name in INTEGER:
            return int(value)
        return str(value)

    @staticmethod
    def _map_png(points: QgsVectorLayer, areas: QgsVectorLayer) -> str:
        """The findings rendered by QGIS itself, as a base64 PNG for the report."""
        extent = QgsRectangle(areas.extent())
        extent.combineExtentWith(points.extent())
        if extent.isEmpty():
            return ""
        extent.scale(1.1)
        settings = QgsMapSettings()
        settings.setLayers([points, areas])
        settings.setDestinationCrs(QgsCoordinateReferenceSystem(RD_NEW))
        settings.setOutputSize(QSize(800, 600))
        settings.setExtent(extent)
        settings.setBackgroundColor(QColor("#fafaf7"))
        image = QImage(settings.outputSize(), QImage.Format_ARGB32)
        image.fill(QColor("#fafaf7"))
        painter = QPainter(image)
        job = QgsMapRendererCustomPainterJob(settings, painter)
        job.renderSynchronously()
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.WriteOnly)
        image.save(buffer, "PNG")
        return base64.b64encode(bytes(data)).decode("ascii")

    @staticmethod
    def _source_name(parameters: dict[str, Any]) -> str:
        """What the report names as the plan (as the CLI does: the path as given), or the layer's source."""
        plan = parameters.get(PLAN)
        source = getattr(plan, "source", plan)
        text = source.staticValue() if hasattr(source, "staticValue") else source
        return str(text) if text else "(plan)"


ALGORITHMS = [PlanCheckAlgorithm]
