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
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterString,
)

from ..connection import quote_literal
from .base import BuurtkaartAlgorithm
from .import_common import CANCELLED, SKIP_INVALID, add_skip_report_and_outputs, run_merge
from .import_common import text as _text
from .parameters import connection_from, connection_parameter

INPUT = "INVOER"
SOURCE = "BRON"
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
ACTIONS = ("nieuw", "gewijzigd", "ongewijzigd", "geweigerd")
BATCH = 1000


class ImportPollsAlgorithm(BuurtkaartAlgorithm):
    NAME = "peilingen_importeren"
    TITLE = "Buurtpeilingen importeren"
    GROUP = "Importeren"
    HELP = ("Importeert buurtpeilingen (bijvoorbeeld een CSV-export van Locali) uit een CSV-bestand of een tabel: "
            "per rij het initiatief (id, INI-12 of de exacte titel), de datum (2024-03-01 of 1-3-2024) en de aantallen "
            "voor, tegen, neutraal (optioneel) en respondenten. Bijwerken gaat per initiatief, datum en bron. Een "
            "onbruikbare rij weigert de hele import (er verandert niets), tenzij u onbruikbare rijen overslaat. "
            "Dezelfde import als `buurtkaart import peilingen BESTAND --bron ...`.")

    def initAlgorithm(self, config: dict[str, Any] | None = None) -> None:
        self.addParameter(connection_parameter())
        self.addParameter(QgsProcessingParameterFeatureSource(INPUT, "CSV-bestand of tabel met peilingen",
                                                              [QgsProcessing.TypeVector]))
        # column names as text (matched without regard to case, as the CLI does): a field parameter would refuse
        # its own default when the header says "Initiatief"
        for column, (name, label, required) in COLUMNS.items():
            self.addParameter(QgsProcessingParameterString(
                name, f"{label} (kolomnaam)", defaultValue=DEFAULT_FIELD.get(column, column), optional=not required))
        self.addParameter(QgsProcessingParameterString(SOURCE, "Bron (peilingen worden per bron bijgewerkt)",
                                                       defaultValue="locali"))
        add_skip_report_and_outputs(self, "rijen", ACTIONS)

    def processAlgorithm(self, parameters: dict[str, Any], context: QgsProcessingContext,
                         feedback: QgsProcessingFeedback) -> dict[str, Any]:
        source = self.parameterAsSource(parameters, INPUT, context)
        if source is None:
            raise QgsProcessingException("Kies een CSV-bestand of tabel met peilingen.")
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
        conn = connection_from(self, parameters, context)

        statements = ["SELECT buurt_app.peilingen_staging()"]
        values: list[str] = []
        total = max(source.featureCount(), 1)
        read = 0
        for feature in source.getFeatures():
            if feedback.isCanceled():
                raise QgsProcessingException(CANCELLED)
            read += 1
            cells = [quote_literal(_text(feature[f]) if f else None) for f in chosen.values()]
            values.append(f"({read}, {', '.join(cells)})")
            if len(values) >= BATCH:
                statements.append(self._insert(values))
                values = []
            feedback.setProgress(70 * read / total)
        if values:
            statements.append(self._insert(values))
        bron = (self.parameterAsString(parameters, SOURCE, context) or "").strip()
        statements.append(f"SELECT * FROM buurt_app.peilingen_samenvoegen({quote_literal(bron)}, "
                          f"{str(self.parameterAsBoolean(parameters, SKIP_INVALID, context)).lower()})")
        feedback.pushInfo(f"{read} peilingen gelezen; samenvoegen in de database…")
        return run_merge(self, conn, statements, read, label, actions=ACTIONS, reported=("geweigerd",),
                         key_header="initiatief", no_key="", parameters=parameters, context=context,
                         feedback=feedback)

    @staticmethod
    def _insert(values: list[str]) -> str:
        return ("INSERT INTO pg_temp.peilingen_staging (bronrij, initiatief, datum, voor, tegen, neutraal, "
                "respondenten, bron_ref) VALUES\n" + ",\n".join(values))


ALGORITHMS = [ImportPollsAlgorithm]
