"""Parameters the Buurtkaart algorithms share: the database connection and the year of a report or figure."""

from __future__ import annotations

from typing import Any

from qgis.core import (
    QgsAbstractDatabaseProviderConnection,
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingParameterNumber,
    QgsProcessingParameterProviderConnection,
)

from ..connection import PROVIDER, BuurtkaartDbError, connect

CONNECTION = "VERBINDING"
YEAR = "JAAR"


def connection_parameter(name: str = CONNECTION,
                         default: str | None = None) -> QgsProcessingParameterProviderConnection:
    """A PostgreSQL connection parameter: a saved connection name (processing.run also accepts 'service=...')."""
    return QgsProcessingParameterProviderConnection(
        name, "Database (opgeslagen PostgreSQL-verbinding)", PROVIDER, defaultValue=default
    )


def connection_from(algorithm: QgsProcessingAlgorithm, parameters: dict[str, Any], context: QgsProcessingContext,
                    name: str = CONNECTION) -> QgsAbstractDatabaseProviderConnection:
    """The open connection chosen in the parameter; a Dutch QgsProcessingException when that fails."""
    value = algorithm.parameterAsConnectionName(parameters, name, context) or str(parameters.get(name) or "")
    try:
        return connect(value)
    except BuurtkaartDbError as exc:
        raise QgsProcessingException(str(exc)) from exc


def year_parameter(description: str, default: int | None = None) -> QgsProcessingParameterNumber:
    """The year of a report, a figure or a budget (parameter JAAR). No bounds here: the allowed years are the
    CHECKs (publiek.jaarbereik), which the report and the database refuse by in Dutch; a parameter is made before
    any connection is chosen, so it could only hold a copy."""
    return QgsProcessingParameterNumber(YEAR, description, QgsProcessingParameterNumber.Integer,
                                        defaultValue=default)
