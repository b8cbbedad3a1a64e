"""Processing: install or upgrade the Buurtkaart data model, the same script as `buurtkaart db upgrade`."""

from __future__ import annotations

from typing import Any

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
)

from ..connection import run_sql
from ..resources import layers_dir, migrations
from .base import BuurtkaartAlgorithm
from .errors import refusal_as_error, stop_if_cancelled
from .parameters import connection_from

CONFIRM = "BEVESTIG"


def applied_versions(conn) -> dict[int, str]:
    return migrations().applied_versions(lambda sql: run_sql(conn, sql)[0][0])


class InstallAlgorithm(BuurtkaartAlgorithm):
    NAME = "installeren"
    TITLE = "Database installeren of bijwerken"
    GROUP = "Beheer"
    HELP = ("Installeert het Buurtkaart-datamodel of werkt het bij: nieuwe changelogs uit layers/migrations en "
            "daarna de app-laag (schema's buurt_app en publiek) opnieuw opgebouwd. Alles in één transactie: "
            "gaat iets mis, dan verandert er niets.\n\nLet op: de schema's buurt_app en publiek worden "
            "verwijderd en opnieuw gemaakt; eigen views die daarvan afhangen verdwijnen. Vink de bevestiging "
            "aan om door te gaan. Gebruik een verbinding met beheerrechten (eigenaar of superuser).")

    def add_parameters(self) -> None:
        self.addParameter(QgsProcessingParameterBoolean(
            CONFIRM, "Ik begrijp dat de schema's buurt_app en publiek opnieuw worden opgebouwd", defaultValue=False))
        self.addOutput(QgsProcessingOutputNumber("VERSIE", "Schemaversie na afloop"))
        self.addOutput(QgsProcessingOutputString("TOEGEPAST", "Toegepaste changelogs"))

    def processAlgorithm(self, parameters: dict[str, Any], context: QgsProcessingContext,
                         feedback: QgsProcessingFeedback) -> dict[str, Any]:
        mig = migrations()
        conn = connection_from(self, parameters, context)
        feedback.setProgress(5)
        try:
            with refusal_as_error():
                applied = applied_versions(conn)
            todo = mig.pending(layers_dir(), applied)
        except mig.MigrationError as exc:
            raise QgsProcessingException(str(exc)) from exc
        names = [c.path.name for c in todo]
        feedback.pushInfo(f"Geïnstalleerde versie: {max(applied) if applied else 'geen (nieuwe installatie)'}; "
                          f"nieuwe changelogs: {', '.join(names) if names else 'geen'}.")
        if not self.parameterAsBoolean(parameters, CONFIRM, context):
            raise QgsProcessingException(
                "Niets gewijzigd: bevestig eerst dat de app-laag (buurt_app, publiek) opnieuw wordt opgebouwd "
                f"(parameter {CONFIRM}).")
        stop_if_cancelled(feedback)
        feedback.setProgress(20)
        # one call = one implicit transaction: the pooled connection of the next call may be another one
        script = mig.upgrade_script(layers_dir(), applied)
        with refusal_as_error("Installeren mislukt, er is niets gewijzigd"):
            run_sql(conn, script)
        feedback.setProgress(90)
        version = max(applied_versions(conn), default=0)
        feedback.pushInfo(f"Schemaversie {version}; app-laag opnieuw opgebouwd.")
        feedback.setProgress(100)
        return {"VERSIE": version, "TOEGEPAST": ", ".join(names)}


ALGORITHMS = [InstallAlgorithm]
