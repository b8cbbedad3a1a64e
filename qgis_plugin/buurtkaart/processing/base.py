"""What every Buurtkaart algorithm shares: its identity as class attributes instead of six one-line methods, and
the database connection as its first parameter (initAlgorithm adds it, then the algorithm's add_parameters)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from qgis.core import QgsField, QgsFields, QgsProcessingAlgorithm

from ..resources import help_url
from .parameters import connection_parameter


class BuurtkaartAlgorithm(QgsProcessingAlgorithm):
    NAME = ""
    TITLE = ""
    GROUP = ""
    HELP = ""

    def initAlgorithm(self, config: dict[str, Any] | None = None) -> None:
        self.addParameter(connection_parameter())
        self.add_parameters()

    def add_parameters(self) -> None:
        """The algorithm's own parameters and outputs, after the connection."""

    def name(self) -> str:
        return self.NAME

    def displayName(self) -> str:
        return self.TITLE

    def group(self) -> str:
        return self.GROUP

    def groupId(self) -> str:
        return self.GROUP.lower()

    def shortHelpString(self) -> str:
        return self.HELP

    def helpUrl(self) -> str:
        """The algorithm's section in docs/qgis/algoritmen.md (anchor = NAME), shown by the dialog's Help button."""
        return help_url(self.NAME)

    def createInstance(self) -> BuurtkaartAlgorithm:
        return type(self)()


def fields_of(columns: Iterable[tuple[str, int]]) -> QgsFields:
    """QgsFields for (name, QVariant type) pairs: the output columns of an algorithm's SQL function."""
    fields = QgsFields()
    for name, kind in columns:
        fields.append(QgsField(name, kind))
    return fields
