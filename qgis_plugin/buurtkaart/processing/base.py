"""What every Buurtkaart algorithm shares: its identity as class attributes instead of six one-line methods."""

from __future__ import annotations

from qgis.core import QgsProcessingAlgorithm


class BuurtkaartAlgorithm(QgsProcessingAlgorithm):
    NAME = ""
    TITLE = ""
    GROUP = ""
    HELP = ""

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

    def createInstance(self) -> BuurtkaartAlgorithm:
        return type(self)()
