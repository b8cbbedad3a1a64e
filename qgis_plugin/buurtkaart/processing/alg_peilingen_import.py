"""Processing: buurtpeilingen (polls from a participation tool such as Locali) from a CSV or any table, the way
`buurtkaart import peilingen FILE --bron locali` does.

The cells go to the database as text and ALL parsing and checking happens in the SQL the CLI uses
(buurt_app.peilingen_staging / buurt_app.peilingen_samenvoegen in layers/app/070_import.sql): the initiative by
id ("12", "INI-12") or exact title, Dutch dates, counts. One script in one call (one transaction): a refusal or a
cancel leaves the database as it was. The fields default to the CLI's column names.
"""

from __future__ import annotations

from typing import Any

from qgis.core import (
    QgsFeature,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterString,
)

from ..connection import quote_literal
from .import_common import SOURCE, MergeBySourceAlgorithm, source_values, staging_script
from .import_common import text as _text
from .parameters import connection_from

# staging column -> (parameter, label, required); the defaults are the CLI's column names
COLUMNS = {
    "initiatief": ("VELD_INITIATIEF", "Veld met het initiatief (id, INI-12 of exacte titel)", True),
    "datum": ("VELD_DATUM", "Veld met de datum", True),
    "voor": ("VELD_VOOR", "Veld met het aantal voor", True),
    "tegen": ("VELD_TEGEN", "Veld met het aantal tegen", True),
    "neutraal": ("VELD_NEUTRAAL", "Veld met het aantal neutraal", False),
    "respondenten": ("VELD_RESPONDENTEN", "Veld met het aantal respondenten", True),
    "bron_ref": ("VELD_REFERENTIE", "Veld met de referentie van de peiling in de bron", False),
}
DEFAULT_FIELD = {"bron_ref": "referentie"}
BATCH = 1000
STAGING = "SELECT buurt_app.peilingen_staging()"
INSERT = ("INSERT INTO pg_temp.peilingen_staging (bronrij, initiatief, datum, voor, tegen, neutraal, respondenten, "
          "bron_ref) VALUES\n")


class ImportPollsAlgorithm(MergeBySourceAlgorithm):
    NAME = "peilingen_importeren"
    TITLE = "Buurtpeilingen importeren"
    GROUP = "Importeren"
    HELP = ("Importeert buurtpeilingen (bijvoorbeeld een CSV-export van Locali) uit een CSV-bestand of een tabel: "
            "per rij het initiatief (id, INI-12 of de exacte titel), de datum (2024-03-01 of 1-3-2024) en de aantallen "
            "voor, tegen, neutraal (optioneel) en respondenten. Bijwerken gaat per initiatief, datum en bron. Een "
            "onbruikbare rij weigert de hele import (er verandert niets), tenzij u onbruikbare rijen overslaat. "
            "Dezelfde import als `buurtkaart import peilingen BESTAND --bron ...`.")
    RECORDS = "peilingen"
    MERGE_SQL = "SELECT * FROM buurt_app.peilingen_samenvoegen(%s, %s)"
    ACTIONS = ("nieuw", "gewijzigd", "ongewijzigd", "geweigerd")
    REPORTED = ("geweigerd",)
    KEY_HEADER = "initiatief"

    def add_parameters(self) -> None:
        self.add_input("CSV-bestand of tabel met peilingen", QgsProcessing.TypeVector)
        # column names as text (matched without regard to case, as the CLI does): a field parameter would refuse
        # its own default when the header says "Initiatief"
        for column, (name, label, required) in COLUMNS.items():
            self.addParameter(QgsProcessingParameterString(
                name, f"{label} (kolomnaam)", defaultValue=DEFAULT_FIELD.get(column, column), optional=not required))
        self.add_source_and_report("rijen", "locali")

    def processAlgorithm(self, parameters: dict[str, Any], context: QgsProcessingContext,
                         feedback: QgsProcessingFeedback) -> dict[str, Any]:
        source = self.input_source(parameters, context, "Kies een CSV-bestand of tabel met peilingen.")
        label = source.sourceName() or "peilingen"
        fields = source.fields()
        chosen: dict[str, str | None] = {}
        for column, (name, title, required) in COLUMNS.items():
            field = self.parameterAsString(parameters, name, context) or None
            if field is not None and fields.lookupField(field) >= 0:
                field = fields.at(fields.lookupField(field)).name()  # "Initiatief" in the header is fine too
            elif field is not None:
                if required or parameters.get(name):
                    raise QgsProcessingException(
                        f"{label}: het veld '{field}' ({title.lower()}) bestaat niet (wel: "
                        f"{', '.join(fields.names())}).")
                field = None  # an optional column the file does not have
            if required and field is None:
                raise QgsProcessingException(f"{label}: kies het {title.lower()}.")
            chosen[column] = field
        connection_from(self, parameters, context)  # a bad connection is named before the table is read

        def values_of(read: int, feature: QgsFeature) -> str:
            cells = [quote_literal(_text(feature[f]) if f else None) for f in chosen.values()]
            return f"({read}, {', '.join(cells)})"

        statements, read = staging_script(STAGING, INSERT, source_values(source, feedback, values_of), BATCH)
        bron = (self.parameterAsString(parameters, SOURCE, context) or "").strip()
        return self.merge(statements, read, bron, label, parameters, context, feedback)

ALGORITHMS = [ImportPollsAlgorithm]
