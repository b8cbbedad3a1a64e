"""What the Processing imports (objects, OSM, BGT, polls) share: the skip-invalid and report parameters, the outputs
per outcome, and running staging + inserts + merge as ONE script (one transaction) with its summary and report."""

from __future__ import annotations

import csv
from collections import Counter
from typing import Any

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFileDestination,
)

from ..connection import DatabaseRefused, run_sql

SKIP_INVALID = "ONBRUIKBARE_OVERSLAAN"
REPORT = "VERSLAG"
CANCELLED = "Afgebroken: er is niets gewijzigd."


def text(value: Any) -> str | None:
    """A cell as trimmed text, None for NULL or empty (the SQL parses and checks it)."""
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return None
    stripped = str(value).strip()
    return stripped or None


def add_skip_report_and_outputs(alg: QgsProcessingAlgorithm, things: str, actions: tuple[str, ...]) -> None:
    """things: what one record is, in the plural ("objecten", "rijen")."""
    alg.addParameter(QgsProcessingParameterBoolean(
        SKIP_INVALID, f"Onbruikbare {things} overslaan en in het verslag zetten (anders: niets importeren)",
        defaultValue=False))
    alg.addParameter(QgsProcessingParameterFileDestination(
        REPORT, "Verslag (CSV)", "CSV (*.csv)", optional=True, createByDefault=False))
    for action in actions:
        alg.addOutput(QgsProcessingOutputNumber(action.upper(), f"Aantal {action}"))
    alg.addOutput(QgsProcessingOutputNumber("GELEZEN", "Aantal gelezen"))
    alg.addOutput(QgsProcessingOutputString("SAMENVATTING", "Samenvatting"))


def run_merge(alg: QgsProcessingAlgorithm, conn: Any, script: list[str], read: int, label: str, *,
              actions: tuple[str, ...], reported: tuple[str, ...], key_header: str, no_key: str,
              parameters: dict[str, Any], context: QgsProcessingContext,
              feedback: QgsProcessingFeedback) -> dict[str, Any]:
    """Run the script (its last statement is the merge, which returns (actie, niveau, code, bronrij, melding)
    rows), report the `reported` outcomes, and return the counts per action, GELEZEN and SAMENVATTING."""
    if feedback.isCanceled():
        raise QgsProcessingException(CANCELLED)
    feedback.setProgress(75)
    try:
        outcome = run_sql(conn, ";\n".join(script) + ";")
    except DatabaseRefused as exc:
        raise QgsProcessingException(f"{label}: {exc}") from exc
    counts = Counter(r[0] for r in outcome)
    for actie, _niveau, code, bronrij, melding in outcome:
        if actie in reported:
            feedback.reportError(f"{actie}: rij {bronrij} ({code or no_key}): {melding}", fatalError=False)
    summary = f"{label}: gelezen {read}; " + ", ".join(f"{a} {counts[a]}" for a in actions if counts[a])
    feedback.pushInfo(summary)
    results: dict[str, Any] = {a.upper(): counts[a] for a in actions}
    results.update(GELEZEN=read, SAMENVATTING=summary)
    report = alg.parameterAsFileOutput(parameters, REPORT, context)
    if report:
        with open(report, "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh, delimiter=";")
            writer.writerow(["actie", key_header, "rij", "melding"])
            for actie, _niveau, code, bronrij, melding in outcome:
                if actie in reported:
                    writer.writerow([actie, code or "", bronrij or "", melding or ""])
        results[REPORT] = report
    feedback.setProgress(100)
    return results
