"""What the Processing imports (objects, OSM, BGT, polls, boundaries) share: the skip-invalid and report
parameters, the outputs per outcome, the staging script (its INSERTs in batches) and running staging + inserts +
merge as ONE script (one transaction) with its summary and report; for the imports merged per source (objects,
polls) the algorithm base that does all of that."""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeatureSource,
    QgsProcessingFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)

from ..connection import bind, quote_literal, run_sql
from .base import BuurtkaartAlgorithm
from .errors import refusal_as_error, stop_if_cancelled
from .parameters import connection_from

INPUT = "INVOER"
SOURCE = "BRON"
SKIP_INVALID = "ONBRUIKBARE_OVERSLAAN"
REPORT = "VERSLAG"


def text(value: Any) -> str | None:
    """A cell as trimmed text, None for NULL or empty (the SQL parses and checks it)."""
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return None
    stripped = str(value).strip()
    return stripped or None


def ewkb_sql(geom: QgsGeometry, srid: int) -> str:
    """A geometry as SQL: hex EWKB, 2D, in the given SRID (the SQL reprojects); NULL when it has none."""
    if geom.isNull():
        return "NULL"
    geom.get().dropZValue()
    geom.get().dropMValue()
    return f"ST_SetSRID({quote_literal(bytes(geom.asWkb()).hex())}::geometry, {srid})"


def add_skip_parameter(alg: QgsProcessingAlgorithm, things: str) -> None:
    """things: what one record is, in the plural ("objecten", "rijen", "gebieden")."""
    alg.addParameter(QgsProcessingParameterBoolean(
        SKIP_INVALID, f"Onbruikbare {things} overslaan en in het verslag zetten (anders: niets importeren)",
        defaultValue=False))


def add_report_and_outputs(alg: QgsProcessingAlgorithm, actions: tuple[str, ...]) -> None:
    """The optional report file, then a count per action, GELEZEN and SAMENVATTING."""
    alg.addParameter(QgsProcessingParameterFileDestination(
        REPORT, "Verslag (CSV)", "CSV (*.csv)", optional=True, createByDefault=False))
    for action in actions:
        alg.addOutput(QgsProcessingOutputNumber(action.upper(), f"Aantal {action}"))
    alg.addOutput(QgsProcessingOutputNumber("GELEZEN", "Aantal gelezen"))
    alg.addOutput(QgsProcessingOutputString("SAMENVATTING", "Samenvatting"))


def add_skip_report_and_outputs(alg: QgsProcessingAlgorithm, things: str, actions: tuple[str, ...]) -> None:
    add_skip_parameter(alg, things)
    add_report_and_outputs(alg, actions)


def source_values(source: QgsProcessingFeatureSource, feedback: QgsProcessingFeedback,
                  values_of: Callable[[int, QgsFeature], str]) -> Iterator[str]:
    """The VALUES tuple of each feature (numbered from 1: the bronrij), with progress up to 70 %; stops on a
    cancel."""
    total = max(source.featureCount(), 1)
    for read, feature in enumerate(source.getFeatures(), start=1):
        stop_if_cancelled(feedback)
        yield values_of(read, feature)
        feedback.setProgress(70 * read / total)


def staging_script(staging: str, insert: str, values: Iterable[str], batch: int) -> tuple[list[str], int]:
    """The staging call, then `insert` (ending in VALUES) with at most `batch` VALUES tuples per INSERT; and how
    many tuples there were."""
    statements = [staging]
    pending: list[str] = []
    read = 0
    for value in values:
        read += 1
        pending.append(value)
        if len(pending) >= batch:
            statements.append(insert + ",\n".join(pending))
            pending = []
    if pending:
        statements.append(insert + ",\n".join(pending))
    return statements, read


def summarize(label: str, read: int, outcome: list, actions: tuple[str, ...],
              feedback: QgsProcessingFeedback) -> dict[str, Any]:
    """Log "<label>: gelezen N; nieuw 3, ..." and return the counts per action, GELEZEN and SAMENVATTING."""
    counts = Counter(r[0] for r in outcome)
    summary = f"{label}: gelezen {read}; " + ", ".join(f"{a} {counts[a]}" for a in actions if counts[a])
    feedback.pushInfo(summary)
    results: dict[str, Any] = {a.upper(): counts[a] for a in actions}
    results.update(GELEZEN=read, SAMENVATTING=summary)
    return results


def run_merge(alg: QgsProcessingAlgorithm, conn: Any, script: list[str], read: int, label: str, *,
              actions: tuple[str, ...], reported: tuple[str, ...], key_header: str, no_key: str,
              parameters: dict[str, Any], context: QgsProcessingContext,
              feedback: QgsProcessingFeedback) -> dict[str, Any]:
    """Run the script (its last statement is the merge, which returns (actie, niveau, code, bronrij, melding)
    rows), report the `reported` outcomes, and return the counts per action, GELEZEN and SAMENVATTING."""
    stop_if_cancelled(feedback)
    feedback.setProgress(75)
    with refusal_as_error(label):
        outcome = run_sql(conn, ";\n".join(script) + ";")
    for actie, _niveau, code, bronrij, melding in outcome:
        if actie in reported:
            feedback.reportError(f"{actie}: rij {bronrij} ({code or no_key}): {melding}", fatalError=False)
    results = summarize(label, read, outcome, actions, feedback)
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


class MergeBySourceAlgorithm(BuurtkaartAlgorithm):
    """An import that a buurt_app merge function (bron, overslaan) merges per source (bron): objects, polls. The
    subclass stages its records (staging_script) and hands the statements to merge()."""
    RECORDS = ""  # what the records are, plural, in the messages: "objecten", "peilingen"
    MERGE_SQL = ""  # the merge call, its two values as parameters: "SELECT * FROM buurt_app.x_samenvoegen(%s, %s)"
    ACTIONS: tuple[str, ...] = ()
    REPORTED: tuple[str, ...] = ()
    KEY_HEADER = ""  # the report's column with the record's key
    NO_KEY = ""  # how the log names a record without a key

    def add_input(self, description: str, layer_type: int) -> None:
        self.addParameter(QgsProcessingParameterFeatureSource(INPUT, description, [layer_type]))

    def add_source_and_report(self, things: str, default_source: str,
                              outputs: tuple[str, ...] | None = None) -> None:
        """The source name, skip-invalid (things: "objecten", "rijen"), the report and the outputs (default: per
        ACTIONS)."""
        self.addParameter(QgsProcessingParameterString(
            SOURCE, f"Bron ({self.RECORDS} worden per bron bijgewerkt)", defaultValue=default_source))
        add_skip_report_and_outputs(self, things, outputs or self.ACTIONS)

    def input_source(self, parameters: dict[str, Any], context: QgsProcessingContext,
                     missing: str) -> QgsProcessingFeatureSource:
        source = self.parameterAsSource(parameters, INPUT, context)
        if source is None:
            raise QgsProcessingException(missing)
        return source

    def merge(self, statements: list[str], read: int, bron: str, label: str, parameters: dict[str, Any],
              context: QgsProcessingContext, feedback: QgsProcessingFeedback) -> dict[str, Any]:
        """Run staging + inserts + the merge as one script and report the outcome."""
        statements.append(bind(self.MERGE_SQL, [bron, self.parameterAsBoolean(parameters, SKIP_INVALID, context)]))
        conn = connection_from(self, parameters, context)
        feedback.pushInfo(f"{read} {self.RECORDS} gelezen; samenvoegen in de database…")
        return run_merge(self, conn, statements, read, label, actions=self.ACTIONS, reported=self.REPORTED,
                         key_header=self.KEY_HEADER, no_key=self.NO_KEY, parameters=parameters, context=context,
                         feedback=feedback)
