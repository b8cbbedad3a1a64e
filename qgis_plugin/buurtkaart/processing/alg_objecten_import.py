"""Processing: public-space objects (beheerobjecten) from any QGIS vector layer with a field mapping, the way
`buurtkaart import objecten FILE --soort S --veld id=... --veld naam=...` does for a mapped table.

The same SQL as the CLI: buurt_app.objecten_staging() and buurt_app.objecten_samenvoegen(bron, overslaan)
(layers/app/070_import.sql) reproject, leave out what lies outside every gemeente, upsert by (bron, bron-id) and
report each record the beheerobject triggers refuse. Geometries go as hex EWKB in the layer's own SRID; the SQL
reprojects. Staging, inserts and merge are ONE script in ONE executeSql call (one transaction): a refusal or a
cancel leaves the database as it was.
"""

from __future__ import annotations

from typing import Any

from qgis.core import (
    QgsFeature,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterField,
    QgsProcessingParameterString,
)

from ..connection import quote_literal
from .import_common import INPUT, SOURCE, MergeBySourceAlgorithm, ewkb_sql, source_values, staging_script
from .import_common import text as _text
from .parameters import connection_from

KIND = "SOORT"
KIND_FIELD = "VELD_SOORT"
ID_FIELD = "VELD_ID"
NAME_FIELD = "VELD_NAAM"
DESCRIPTION_FIELD = "VELD_OMSCHRIJVING"
BATCH = 500
STAGING = "SELECT buurt_app.objecten_staging()"
INSERT = "INSERT INTO pg_temp.objecten_staging (bronrij, bron_id, soort, naam, omschrijving, geom) VALUES\n"


class ImportObjectsAlgorithm(MergeBySourceAlgorithm):
    NAME = "objecten_importeren"
    TITLE = "Objecten in de openbare ruimte importeren (laag met veldkoppeling)"
    GROUP = "Importeren"
    HELP = ("Importeert speelplekken, groen, zebrapaden of elke andere soort uit buurt_vl.objectsoort uit een "
            "willekeurige laag (GeoPackage, Shapefile, CSV, een BGT- of OSM-laag die in QGIS geladen is), in elk "
            "coördinatenstelsel. Kies de soort en welk veld het bron-id, de naam en de omschrijving bevat. "
            "Bijwerken gaat per bron en bron-id: dezelfde laag opnieuw importeren verandert niets. Objecten die "
            "buiten elke gemeente liggen worden niet geïmporteerd maar wel gemeld. Een onbruikbaar object (bv. "
            "groen als punt) weigert de hele import (er verandert niets), tenzij u onbruikbare objecten overslaat. "
            "Dezelfde import als `buurtkaart import objecten BESTAND --soort ... --veld id=...`.")
    RECORDS = "objecten"
    MERGE_SQL = "SELECT * FROM buurt_app.objecten_samenvoegen(%s, %s)"
    ACTIONS = ("nieuw", "gewijzigd", "ongewijzigd", "buiten", "geweigerd")
    REPORTED = ("geweigerd", "buiten")
    KEY_HEADER = "bron_id"
    NO_KEY = "zonder bron-id"

    def add_parameters(self) -> None:
        self.add_input("Laag met objecten", QgsProcessing.TypeVectorAnyGeometry)
        self.addParameter(QgsProcessingParameterString(
            KIND, "Soort voor alle objecten (code uit buurt_vl.objectsoort, bv. speelplek, groen, zebrapad)",
            optional=True))
        self.addParameter(QgsProcessingParameterField(
            KIND_FIELD, "Of: veld met de soort per object", parentLayerParameterName=INPUT, optional=True))
        self.addParameter(QgsProcessingParameterField(ID_FIELD, "Veld met het bron-id", parentLayerParameterName=INPUT))
        self.addParameter(QgsProcessingParameterField(
            NAME_FIELD, "Veld met de naam", parentLayerParameterName=INPUT, optional=True))
        self.addParameter(QgsProcessingParameterField(
            DESCRIPTION_FIELD, "Veld met de omschrijving", parentLayerParameterName=INPUT, optional=True))
        self.add_source_and_report("objecten", "tabel")

    def processAlgorithm(self, parameters: dict[str, Any], context: QgsProcessingContext,
                         feedback: QgsProcessingFeedback) -> dict[str, Any]:
        source = self.input_source(parameters, context, "Kies een laag met objecten.")
        kind = (self.parameterAsString(parameters, KIND, context) or "").strip()
        kind_field = self.parameterAsString(parameters, KIND_FIELD, context)
        if not kind and not kind_field:
            raise QgsProcessingException("Kies een soort voor alle objecten of een veld met de soort per object.")
        id_field = self.parameterAsString(parameters, ID_FIELD, context)
        name_field = self.parameterAsString(parameters, NAME_FIELD, context)
        description_field = self.parameterAsString(parameters, DESCRIPTION_FIELD, context)
        bron = (self.parameterAsString(parameters, SOURCE, context) or "").strip()
        label = source.sourceName() or "laag"
        srid = source.sourceCrs().postgisSrid()
        if not source.sourceCrs().isValid() or not srid:
            raise QgsProcessingException(f"{label}: de laag heeft geen (bruikbaar) coördinatenstelsel.")
        fields = source.fields()
        for title, name in (("bron-id", id_field), ("soort", kind_field), ("naam", name_field),
                            ("omschrijving", description_field)):
            if name and fields.indexOf(name) < 0:
                raise QgsProcessingException(f"{label}: het veld '{name}' voor de {title} bestaat niet.")
        connection_from(self, parameters, context)  # a bad connection is named before the layer is read

        def values_of(read: int, feature: QgsFeature) -> str:
            return "(" + ", ".join([
                str(read), quote_literal(_text(feature[id_field])),
                quote_literal(_text(feature[kind_field]) if kind_field else kind),
                quote_literal(_text(feature[name_field]) if name_field else None),
                quote_literal(_text(feature[description_field]) if description_field else None),
                ewkb_sql(feature.geometry(), srid)]) + ")"

        statements, read = staging_script(STAGING, INSERT, source_values(source, feedback, values_of), BATCH)
        return self.merge(statements, read, bron, label, parameters, context, feedback)


ALGORITHMS = [ImportObjectsAlgorithm]
