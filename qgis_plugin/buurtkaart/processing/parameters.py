"""Parameters every Buurtkaart algorithm shares: the database connection."""

from __future__ import annotations

from typing import Any

from qgis.core import (
    QgsAbstractDatabaseProviderConnection,
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingParameterProviderConnection,
)

from ..connection import PROVIDER, BuurtkaartDbError, connect

CONNECTION = "VERBINDING"


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
