"""The >= 3.26 branches of project_setup, which QGIS 3.22 (the only QGIS installable on Debian 12) never takes.

No newer QGIS can run here, so these branches are driven with a stand-in for the 3.26 API: a `Qgis` namespace
with the enums 3.26 added and a project object with the 3.26 methods, recording what the plugin calls. This
proves the plugin calls the new API with the new enum values when they exist and never the deprecated calls;
the 3.22 branches run against the real QgsProject in test_load.py.
"""

from __future__ import annotations

import enum
from types import SimpleNamespace

from qgis.core import QgsProject


class TransactionMode(enum.Enum):
    Disabled = 0
    AutomaticGroups = 1
    BufferedGroups = 2


class ProjectFlag(enum.IntFlag):
    EvaluateDefaultValuesOnProviderSide = 1
    TrustStoredLayerStatistics = 2


class Project326:
    """Only what QGIS >= 3.26 offers; the 3.22 calls are missing, so calling one fails the test."""

    def __init__(self) -> None:
        self.mode = TransactionMode.Disabled
        self.flag_values = ProjectFlag(0)

    def setTransactionMode(self, mode: TransactionMode) -> bool:
        self.mode = mode
        return True

    def transactionMode(self) -> TransactionMode:
        return self.mode

    def setFlag(self, flag: ProjectFlag, on: bool) -> None:
        self.flag_values = self.flag_values | flag if on else self.flag_values & ~flag

    def flags(self) -> ProjectFlag:
        return self.flag_values


def test_transaction_mode_and_provider_defaults_use_the_326_api(bk, monkeypatch):
    setup = bk.project_setup
    monkeypatch.setattr(setup, "Qgis", SimpleNamespace(TransactionMode=TransactionMode, ProjectFlag=ProjectFlag))
    project = Project326()
    assert not setup.uses_transaction_groups(project)
    assert not setup.evaluates_defaults_on_provider(project)
    setup.enable_transaction_groups(project)
    setup.evaluate_defaults_on_provider(project)
    assert project.mode is TransactionMode.AutomaticGroups
    assert project.flag_values == ProjectFlag.EvaluateDefaultValuesOnProviderSide
    assert setup.uses_transaction_groups(project) and setup.evaluates_defaults_on_provider(project)


def test_on_322_the_old_api_is_used(bk, project):
    """The real 3.22 QgsProject has no setTransactionMode: the plugin takes the 3.22 branch."""
    assert not hasattr(QgsProject, "setTransactionMode")
    project.setAutoTransaction(False)
    bk.project_setup.enable_transaction_groups(project)
    assert project.autoTransaction()
