"""Processing: import gemeente/wijk/buurt boundaries (CBS wijk- en buurtkaart, PDOK gebiedsindelingen).

The same SQL merge as `buurtkaart import grenzen` (buurt_app.grenzen_samenvoegen in layers/app/070_import.sql):
this algorithm only reads the file with QGIS (ogr provider), reprojects to RD New with QgsCoordinateTransform
and sends the features as hex EWKB with their attributes as JSON. Staging, inserts and merge go as ONE script
in ONE executeSql call (QGIS 3.22 may use another pooled connection per call; one script = one transaction):
a refusal leaves the database unchanged.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsDataProvider,
    QgsGeometry,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterCrs,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsVectorLayer,
)

from ..connection import bind, quote_literal, run_sql
from ..core.imports import BOUNDARY_ACTIONS, REPORTED, write_report, year_from_name
from .base import BuurtkaartAlgorithm
from .errors import refusal_as_error, stop_if_cancelled
from .import_common import REPORT, SKIP_INVALID, add_report_and_outputs, add_skip_parameter, staging_script, summarize
from .parameters import connection_from

INPUT = "INVOER"
LAYERS = "LAGEN"
MUNICIPALITIES = "GEMEENTEN"
CRS = "CRS"
SOURCE = "BRON"
YEAR = "PEILJAAR"
REPAIR_DEGENERATE = "GEDEGENEREERD_HERSTELLEN"
DELETE_VANISHED = "VERVALLEN_VERWIJDEREN"
ALLOW_OUTSIDE = "BUITEN_GEMEENTE_TOESTAAN"
ACTIONS = BOUNDARY_ACTIONS
RD_NEW = "EPSG:28992"
BATCH = 500
STAGING = "SELECT buurt_app.grenzen_staging()"
INSERT = "INSERT INTO pg_temp.grenzen_staging (bronrij, laag, eigenschappen, geom) VALUES\n"


def _plain(value: Any) -> Any:
    """QVariant/Qt values as JSON-able Python values."""
    if value is None:
        return None
    if hasattr(value, "isNull") and value.isNull():
        return None
    if hasattr(value, "toPyDateTime"):
        return value.toPyDateTime().isoformat()
    if hasattr(value, "toPyDate"):
        return value.toPyDate().isoformat()
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _ewkb_sql(geom: QgsGeometry, transform: QgsCoordinateTransform | None, where: str,
              crs: QgsCoordinateReferenceSystem) -> str:
    """A feature's geometry as SQL (hex EWKB in RD New, 2D), NULL when it has none."""
    if geom.isNull():
        return "NULL"
    geom.get().dropZValue()
    geom.get().dropMValue()
    if transform is not None:
        try:
            geom.transform(transform)
        except QgsCsException as exc:
            raise QgsProcessingException(
                f"{where}: de coördinaten passen niet bij het coördinatenstelsel {crs.authid()} ({exc}). Het "
                "bestand declareert waarschijnlijk een verkeerd coördinatenstelsel; kies het juiste in de "
                "parameter.") from exc
    return f"ST_SetSRID({quote_literal(bytes(geom.asWkb()).hex())}::geometry, 28992)"


def sublayer_names(path: str) -> list[str]:
    layer = QgsVectorLayer(path, "bron", "ogr")
    if not layer.isValid():
        raise QgsProcessingException(f"{Path(path).name} is geen leesbaar GeoPackage, Shapefile of GeoJSON.")
    names = []
    for entry in layer.dataProvider().subLayers():
        parts = entry.split(QgsDataProvider.SUBLAYER_SEPARATOR)
        if len(parts) > 1 and parts[1] not in names:
            names.append(parts[1])
    return names or [layer.name()]


class ImportBoundariesAlgorithm(BuurtkaartAlgorithm):
    NAME = "grenzen_importeren"
    TITLE = "Gemeente-, wijk- en buurtgrenzen importeren"
    GROUP = "Importeren"
    HELP = ("Importeert grenzen uit de CBS wijk- en buurtkaart (velden buurtcode/buurtnaam/wijkcode/gemeentecode/"
            "gemeentenaam/water of BU_CODE/BU_NAAM/...) of de PDOK gebiedsindelingen (statcode/statnaam/rubriek), "
            "als GeoPackage, Shapefile of GeoJSON, in elk coördinatenstelsel. Bijwerken gaat per code; de "
            "uitkomst meldt wat nieuw, gewijzigd of ongewijzigd is. Ongeldige ringen worden hersteld en gemeld; "
            "ringen met minder dan 4 punten weigeren het gebied (of worden hersteld als u dat aanvinkt). Een "
            "onbruikbaar gebied weigert de hele import (er verandert niets), tenzij u onbruikbare gebieden "
            "overslaat. Daarna krijgen initiatieven, buurtdeals en objecten hun buurt opnieuw toegekend; komt een "
            "initiatief of buurtdeal daardoor buiten de gemeente te liggen, dan weigert de import en noemt ze, "
            "tenzij u dat toestaat: dan blijven ze staan, gemarkeerd als buiten_gemeente, en staan ze in het "
            "verslag. "
            "Dezelfde import als `buurtkaart import grenzen`.")

    def add_parameters(self) -> None:
        self.addParameter(QgsProcessingParameterFile(
            INPUT, "Grenzenbestand (GeoPackage, Shapefile, GeoJSON)",
            fileFilter="Vectorbestanden (*.gpkg *.shp *.geojson *.json);;Alle bestanden (*.*)"))
        self.addParameter(QgsProcessingParameterString(
            LAYERS, "Alleen deze lagen (komma's; leeg = alle)", optional=True))
        self.addParameter(QgsProcessingParameterString(
            MUNICIPALITIES, "Alleen deze gemeenten (bv. GM0402, GM0307; leeg = alle)", optional=True))
        self.addParameter(QgsProcessingParameterCrs(
            CRS, "Coördinatenstelsel als het bestand het niet (goed) declareert", optional=True))
        self.addParameter(QgsProcessingParameterString(SOURCE, "Bronvermelding", optional=True))
        # no bounds: the range is the CHECK on peiljaar (changelog 0085), refused by the merge in Dutch
        self.addParameter(QgsProcessingParameterNumber(
            YEAR, "Peiljaar (editie)", QgsProcessingParameterNumber.Integer, optional=True))
        self.addParameter(QgsProcessingParameterBoolean(
            REPAIR_DEGENERATE, "Ringen met minder dan 4 punten herstellen (anders: weigeren)", defaultValue=False))
        add_skip_parameter(self, "gebieden")
        self.addParameter(QgsProcessingParameterBoolean(
            DELETE_VANISHED, "Buurten/wijken die niet meer in het bestand staan verwijderen", defaultValue=False))
        self.addParameter(QgsProcessingParameterBoolean(
            ALLOW_OUTSIDE, "Ook importeren als initiatieven/buurtdeals dan buiten de gemeente liggen (ze blijven "
                           "staan, gemarkeerd als buiten_gemeente; anders: niets importeren)", defaultValue=False))
        add_report_and_outputs(self, ACTIONS)

    def processAlgorithm(self, parameters: dict[str, Any], context: QgsProcessingContext,
                         feedback: QgsProcessingFeedback) -> dict[str, Any]:
        path = self.parameterAsFile(parameters, INPUT, context)
        if not path or not Path(path).exists():
            raise QgsProcessingException(f"Bestand {path or '(geen)'} bestaat niet.")
        name = Path(path).name
        names = self._layer_names(path, parameters, context)
        override = self.parameterAsCrs(parameters, CRS, context)
        conn = connection_from(self, parameters, context)

        labels: dict[int, str] = {}  # bronrij -> how the report names the feature
        statements, read = staging_script(
            STAGING, INSERT, self._staged_values(path, names, override, labels, context, feedback), BATCH)
        statements.append(self._merge_statement(parameters, context, path))
        feedback.pushInfo(f"{read} objecten gelezen; samenvoegen in de database…")
        feedback.setProgress(65)
        with refusal_as_error(name):
            outcome = run_sql(conn, ";\n".join(statements) + ";")
        feedback.setProgress(95)
        results = self._report(outcome, labels, name, read, feedback)
        report = self.parameterAsFileOutput(parameters, REPORT, context)
        if report:
            write_report(report, ((actie, niveau, code, labels.get(bronrij, "") if bronrij else "", melding)
                                  for actie, niveau, code, bronrij, melding in outcome))
            results[REPORT] = report
        feedback.setProgress(100)
        return results

    def _layer_names(self, path: str, parameters: dict[str, Any], context: QgsProcessingContext) -> list[str]:
        """The file's layers to read: the ones asked for (all when none), refused by name when missing."""
        wanted = [s.strip() for s in (self.parameterAsString(parameters, LAYERS, context) or "").split(",")
                  if s.strip()]
        names = sublayer_names(path)
        unknown = [n for n in wanted if n not in names]
        if unknown:
            raise QgsProcessingException(
                f"{Path(path).name}: laag {', '.join(unknown)} bestaat niet (wel: {', '.join(names)}).")
        return wanted or names

    @staticmethod
    def _staged_values(path: str, names: list[str], override: QgsCoordinateReferenceSystem, labels: dict[int, str],
                       context: QgsProcessingContext, feedback: QgsProcessingFeedback) -> Iterator[str]:
        """The VALUES tuple of each feature of every layer, reprojected to RD New as hex EWKB; its label (the
        layer and row when there are several layers) goes into `labels` under its bronrij."""
        name = Path(path).name
        rd = QgsCoordinateReferenceSystem(RD_NEW)
        row = 0
        for layer_name in names:
            layer = QgsVectorLayer(f"{path}|layername={layer_name}", layer_name, "ogr")
            try:
                if not layer.isValid():
                    raise QgsProcessingException(f"{name}, laag {layer_name}: kan niet lezen.")
                crs = override if override.isValid() else layer.crs()
                if not crs.isValid():
                    raise QgsProcessingException(
                        f"{name}, laag {layer_name}: het bestand declareert geen coördinatenstelsel (ontbreekt het "
                        ".prj-bestand?). Kies het coördinatenstelsel in de parameter.")
                transform = (None if crs.authid() == RD_NEW
                             else QgsCoordinateTransform(crs, rd, context.transformContext()))
                total = max(layer.featureCount(), 1)
                fields = [f.name() for f in layer.fields()]
                for n, feature in enumerate(layer.getFeatures(), start=1):
                    stop_if_cancelled(feedback)
                    row += 1
                    label = labels[row] = f"{layer_name} rij {n}" if len(names) > 1 else str(n)
                    props = {f: _plain(v) for f, v in zip(fields, feature.attributes(), strict=True)}
                    wkb = _ewkb_sql(feature.geometry(), transform, f"{name}, {label}", crs)
                    yield (f"({row}, {quote_literal(layer_name)}, "
                           f"{quote_literal(json.dumps(props, ensure_ascii=False, default=str))}::jsonb, {wkb})")
                    feedback.setProgress(60 * n / total)
            finally:
                # a layer kept alive by a traceback is destroyed after QGIS shuts down, which crashes QGIS
                feature = layer = None

    def _merge_statement(self, parameters: dict[str, Any], context: QgsProcessingContext, path: str) -> str:
        gemeenten = [g.strip().upper() for g in
                     (self.parameterAsString(parameters, MUNICIPALITIES, context) or "").replace(";", ",").split(",")
                     if g.strip()]
        year = (self.parameterAsInt(parameters, YEAR, context) if parameters.get(YEAR) not in (None, "")
                else year_from_name(path))
        source = self.parameterAsString(parameters, SOURCE, context) or f"CBS wijk- en buurtkaart ({Path(path).name})"
        flags = [self.parameterAsBoolean(parameters, p, context)
                 for p in (REPAIR_DEGENERATE, SKIP_INVALID, DELETE_VANISHED, ALLOW_OUTSIDE)]
        return bind("SELECT * FROM buurt_app.grenzen_samenvoegen(%s, %s, %s::text[], %s, %s, %s, %s)",
                    [source, int(year) if year else None, gemeenten or None, *flags])

    @staticmethod
    def _report(outcome: list, labels: dict[int, str], name: str, read: int,
                feedback: QgsProcessingFeedback) -> dict[str, Any]:
        for actie, niveau, code, bronrij, melding in outcome:
            if actie in REPORTED:
                where = f"{niveau} {code or ''} ({labels.get(bronrij, bronrij)})" if bronrij else f"{niveau} {code}"
                feedback.reportError(f"{actie}: {where}: {melding}", fatalError=False)
            elif actie == "herberekend":
                feedback.pushInfo(melding)
        return summarize(name, read, outcome, ACTIONS, feedback)


ALGORITHMS = [ImportBoundariesAlgorithm]
