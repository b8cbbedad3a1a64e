"""The Processing provider "Buurtkaart" (id `buurtkaart`).

Contract for everyone adding algorithms (plan check, boundary import, reports, install):
  1. Put a module `alg_<name>.py` in this folder (qgis_plugin/buurtkaart/processing/).
  2. It defines `ALGORITHMS = [YourAlgorithm, ...]`: subclasses of base.BuurtkaartAlgorithm that set NAME (the id
     without prefix: "plantoets" -> "buurtkaart:plantoets"), TITLE, GROUP and HELP.
  3. Get the database from `parameters.connection_parameter()` + `parameters.connection_from(...)` (see
     parameters.py): it reads a saved QGIS PostgreSQL connection, `service=` or an authcfg URI; run SQL with
     `connection.run_sql(conn, sql, params)`: the SQL a constant with `%s` placeholders, the values in params
     (never formatted into the SQL; a script or a layer subquery takes `connection.bind(sql, params)`);
     multi-statement work goes as ONE script (one transaction).
  4. Report failures as `QgsProcessingException(connection.user_message(exc))` in Dutch; a refusal of the database
     inside `with errors.refusal_as_error("what failed"):`; use feedback.setProgress() and stop when
     feedback.isCanceled() (`errors.stop_if_cancelled(feedback)` for work that goes as one script). An import
     reads its records into a staging script (`import_common.staging_script`) and merges it in SQL
     (`import_common.run_merge`, or subclass `import_common.MergeBySourceAlgorithm` for a merge per source).
  5. Never import spatial_service: the plugin is self-contained. A module that fails to import is logged
     (QgsMessageLog, tag "Buurtkaart") and skipped, so one broken algorithm never hides the others.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

from qgis.core import Qgis, QgsMessageLog, QgsProcessingAlgorithm, QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

PROVIDER_ID = "buurtkaart"
ICON = Path(__file__).resolve().parent.parent / "icon.svg"


def algorithm_classes() -> list[type[QgsProcessingAlgorithm]]:
    """Every class listed in ALGORITHMS of the alg_*.py modules in this package, in module-name order."""
    found: list[type[QgsProcessingAlgorithm]] = []
    for info in sorted(pkgutil.iter_modules([str(Path(__file__).parent)]), key=lambda m: m.name):
        if not info.name.startswith("alg_"):
            continue
        try:
            module = importlib.import_module(f"{__package__}.{info.name}")
        except Exception as exc:  # a broken module must not take the provider down
            QgsMessageLog.logMessage(f"Algoritmemodule {info.name} niet geladen: {exc}", "Buurtkaart",
                                     Qgis.Critical)
            continue
        found.extend(getattr(module, "ALGORITHMS", []))
    return found


class BuurtkaartProvider(QgsProcessingProvider):
    def id(self) -> str:
        return PROVIDER_ID

    def name(self) -> str:
        return "Buurtkaart"

    def longName(self) -> str:
        return "Buurtkaart: installeren, importeren, plantoets en rapportage"

    def icon(self) -> QIcon:
        return QIcon(str(ICON)) if ICON.exists() else super().icon()

    def loadAlgorithms(self) -> None:
        for cls in algorithm_classes():
            self.addAlgorithm(cls())
