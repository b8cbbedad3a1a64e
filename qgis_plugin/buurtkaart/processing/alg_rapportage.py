"""Processing: report per wijk and year — deals and initiatives per theme and status, and the municipal budget
used against buurt.budget — as a table layer and an HTML file. The numbers come from buurt_app.rapport_*."""

from __future__ import annotations

import datetime
import html
from itertools import groupby
from pathlib import Path
from typing import Any

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ..connection import run_sql
from .base import BuurtkaartAlgorithm, fields_of
from .errors import refusal_as_error
from .parameters import YEAR, connection_from, year_parameter

WIJK = "WIJK"
OUTPUT = "OUTPUT"
OUTPUT_HTML = "OUTPUT_HTML"
COLUMNS = [("wijkcode", QVariant.String), ("wijknaam", QVariant.String), ("jaar", QVariant.Int),
           ("soort", QVariant.String), ("thema", QVariant.String), ("thema_naam", QVariant.String),
           ("status", QVariant.String), ("status_naam", QVariant.String), ("aantal", QVariant.Int),
           ("budget_gemeente", QVariant.Double)]


def euro(value: float | None) -> str:
    if value is None:
        return "–"
    return "EUR " + f"{float(value):,.0f}".replace(",", ".")


class ReportAlgorithm(BuurtkaartAlgorithm):
    NAME = "rapportage"
    TITLE = "Rapportage per wijk en jaar"
    GROUP = "Rapportage"
    HELP = ("Buurtdeals en initiatieven per wijk, thema en status in een jaar, en het gemeentelijk budget "
            "(buurt.budget) tegenover wat de gesloten buurtdeals van dat jaar gebruiken. Uitvoer: een tabel "
            "(laag zonder geometrie) en een HTML-rapport. Laat de wijk leeg voor alle wijken.")

    def add_parameters(self) -> None:
        self.addParameter(year_parameter("Jaar", datetime.date.today().year))
        self.addParameter(QgsProcessingParameterString(WIJK, "Wijkcode (leeg = alle wijken), bv. WK040201",
                                                       optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(OUTPUT, "Rapportage (tabel)", QgsProcessing.TypeVector))
        self.addParameter(QgsProcessingParameterFileDestination(OUTPUT_HTML, "Rapportage (HTML)",
                                                                "HTML-bestanden (*.html)"))
        self.addOutput(QgsProcessingOutputNumber("BUDGET", "Budget van het jaar (EUR)"))
        self.addOutput(QgsProcessingOutputNumber("TOEGEZEGD", "Toegezegd in gesloten buurtdeals (EUR)"))
        self.addOutput(QgsProcessingOutputNumber("BENUT_PCT", "Benut (%)"))

    def processAlgorithm(self, parameters: dict[str, Any], context: QgsProcessingContext,
                         feedback: QgsProcessingFeedback) -> dict[str, Any]:
        year = self.parameterAsInt(parameters, YEAR, context)
        wijk = (self.parameterAsString(parameters, WIJK, context) or "").strip().upper() or None
        conn = connection_from(self, parameters, context)
        with refusal_as_error("Rapportage mislukt"):
            if wijk and not run_sql(conn, "SELECT 1 FROM buurt.wijk WHERE code = %s", [wijk]):
                raise QgsProcessingException(f"Wijk '{wijk}' bestaat niet (parameter {WIJK}); gebruik een "
                                             "wijkcode zoals WK040201 of laat het veld leeg.")
            wijken = run_sql(conn, "SELECT code, naam FROM buurt.wijk WHERE %(wijk)s::text IS NULL OR code = %(wijk)s "
                                   "ORDER BY code", {"wijk": wijk})
            rows = run_sql(conn, "SELECT * FROM buurt_app.rapport_wijk_jaar(%s, %s)", [year, wijk])
            budgets = run_sql(conn, "SELECT * FROM buurt_app.rapport_budget(%s, %s)", [year, wijk])
            # the buurtbudget per wijk (buurt_app.budget_verdelen) against what its deals commit
            allocation = [r for b in budgets for r in run_sql(
                conn, "SELECT * FROM buurt_app.rapport_budgetverdeling(%s, %s)", [b[0], year])
                if not wijk or r[0] == wijk]
        feedback.setProgress(20)

        fields = fields_of(COLUMNS)
        sink, sink_id = self.parameterAsSink(parameters, OUTPUT, context, fields, QgsWkbTypes.NoGeometry)
        if sink is None:
            raise QgsProcessingException(f"Kan de uitvoertabel niet maken (parameter {OUTPUT}).")
        by_wijk = {code: list(items) for code, items in groupby(rows, key=lambda r: r[0])}
        sections = []
        for number, (code, naam) in enumerate(wijken, start=1):
            if feedback.isCanceled():
                raise QgsProcessingException("Afgebroken.")
            items = by_wijk.get(code, [])
            for row in items:
                feature = QgsFeature(fields)
                feature.setAttributes([float(v) if i == 9 and v is not None else v for i, v in enumerate(row)])
                sink.addFeature(feature, QgsFeatureSink.FastInsert)
            sections.append(self._wijk_section(code, naam, items))
            feedback.setProgress(20 + 70 * number / max(len(wijken), 1))
        extra = [r for c, r in by_wijk.items() if c not in {w[0] for w in wijken}]
        for items in extra:
            for row in items:
                feature = QgsFeature(fields)
                feature.setAttributes([float(v) if i == 9 and v is not None else v for i, v in enumerate(row)])
                sink.addFeature(feature, QgsFeatureSink.FastInsert)
            sections.append(self._wijk_section(items[0][0], items[0][1], items))

        html_path = self.parameterAsFileOutput(parameters, OUTPUT_HTML, context)
        Path(html_path).write_text(self._html(year, wijk, budgets, sections, allocation), encoding="utf-8")
        budget = float(budgets[0][3]) if budgets and budgets[0][3] is not None else 0.0
        committed = float(budgets[0][4]) if budgets else 0.0
        pct = float(budgets[0][7]) if budgets and budgets[0][7] is not None else 0.0
        feedback.pushInfo(f"{year}: budget {euro(budget)}, toegezegd {euro(committed)} ({pct} %).")
        feedback.setProgress(100)
        return {OUTPUT: sink_id, OUTPUT_HTML: html_path, "BUDGET": budget, "TOEGEZEGD": committed, "BENUT_PCT": pct}

    @staticmethod
    def _wijk_section(code: str, naam: str, items: list[list]) -> str:
        title = f"<h2>{html.escape(naam)} <small>{html.escape(code)}</small></h2>"
        if not items:
            return title + "<p>Geen buurtdeals of initiatieven in dit jaar.</p>"
        deals = sum(r[8] for r in items if r[3] == "buurtdeal")
        initiatives = sum(r[8] for r in items if r[3] == "initiatief")
        budget = sum(float(r[9] or 0) for r in items if r[3] == "buurtdeal")
        body = "".join(
            f"<tr><td>{'Buurtdeal' if r[3] == 'buurtdeal' else 'Initiatief'}</td><td>{html.escape(r[5])}</td>"
            f"<td>{html.escape(r[7])}</td><td class='n'>{r[8]}</td>"
            f"<td class='n'>{euro(r[9]) if r[3] == 'buurtdeal' else ''}</td></tr>" for r in items)
        deal_word = "buurtdeal" if deals == 1 else "buurtdeals"
        initiative_word = "initiatief" if initiatives == 1 else "initiatieven"
        return (f"{title}<p>{deals} {deal_word} ({euro(budget)} gemeentebudget), {initiatives} {initiative_word}.</p>"
                "<table><thead><tr><th>Soort</th><th>Thema</th><th>Status</th><th>Aantal</th>"
                f"<th>Budget gemeente</th></tr></thead><tbody>{body}</tbody></table>")

    @staticmethod
    def _allocation(year: int, rows: list[list]) -> str:
        if not rows:
            return ""
        body = "".join(
            f"<tr><td>{html.escape(r[1])}{' *' if r[2] else ''}</td><td class='n'>{euro(r[3])}</td>"
            f"<td class='n'>{euro(r[4])}</td><td class='n'>{euro(r[5])}</td><td class='n'>{euro(r[6])}</td>"
            f"<td>{html.escape(r[7])}</td></tr>" for r in rows)
        return (f"<h2>Buurtbudget per wijk {year}</h2><table class='verdeling'><thead><tr><th>Wijk</th><th>Budget</th>"
                "<th>Toegezegd</th><th>In gesprek</th><th>Resterend</th><th>Toelichting</th></tr></thead>"
                f"<tbody>{body}</tbody></table><p>* prioriteitswijk (extra gewicht)</p>")

    @staticmethod
    def _html(year: int, wijk: str | None, budgets: list[list], sections: list[str],
              allocation: list[list] | None = None) -> str:
        budget_rows = "".join(
            f"<tr><td>{html.escape(b[1])}</td><td class='n'>{euro(b[3])}</td><td class='n'>{euro(b[4])}</td>"
            f"<td class='n'>{euro(b[5])}</td><td class='n'>{euro(b[6])}</td>"
            f"<td class='n'>{'' if b[7] is None else str(b[7]).replace('.', ',') + ' %'}</td></tr>" for b in budgets)
        scope = f"wijk {html.escape(wijk)}" if wijk else "alle wijken"
        return f"""<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>Buurtkaart rapportage {year}</title>
<style>body{{font-family:sans-serif;margin:2em;color:#222}} table{{border-collapse:collapse;margin-bottom:1em}}
td,th{{border:1px solid #ccc;padding:.25em .6em;text-align:left}} td.n{{text-align:right}}
small{{color:#777;font-weight:normal}}</style></head>
<body><h1>Rapportage buurten {year}</h1><p>Buurtdeals en initiatieven per wijk, thema en status ({scope}).</p>
<h2>Budget {year}</h2>
<table><thead><tr><th>Gemeente</th><th>Budget</th><th>Toegezegd (gesloten deals)</th><th>In gesprek</th>
<th>Resterend</th><th>Benut</th></tr></thead><tbody>{budget_rows}</tbody></table>
{ReportAlgorithm._allocation(year, allocation or [])}
{''.join(sections)}
</body></html>
"""


ALGORITHMS = [ReportAlgorithm]
