"""Processing: the buurtcyclus reports — the jaarrapportage of a gemeente (a chapter per wijk) or the wijkanalyse and
buurtactiviteitenplan of one wijk — as PDF from the shipped print layout with an atlas per wijk, and as HTML. The
same package (reports/) as `buurtkaart rapport` on the command line, so both carry the same content."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)

from ..connection import DatabaseRefused, run_sql
from ..resources import report_module
from .base import BuurtkaartAlgorithm
from .parameters import YEAR, connection_from, year_parameter

SOORT = "SOORT"
GEMEENTE = "GEMEENTE"
WIJK = "WIJK"
OUTPUT_PDF = "OUTPUT_PDF"
OUTPUT_HTML = "OUTPUT_HTML"
KINDS = ["Jaarrapportage van een gemeente", "Wijkanalyse en buurtactiviteitenplan van een wijk"]
PARAMETER_OF = {"gemeente": GEMEENTE, "wijk": WIJK, "jaar": YEAR}


class BuurtcyclusReportAlgorithm(BuurtkaartAlgorithm):
    NAME = "buurtcyclus_rapport"
    TITLE = "Jaarrapportage en wijkanalyse (PDF met atlas per wijk)"
    GROUP = "Rapportage"
    HELP = ("De rapporten van de buurtcyclus. Jaarrapportage: kerncijfers (budget tegenover buurt.budget, "
            "buurtdeals en green deals, spontane tegenover agenda-initiatieven), initiatieven per processtap met "
            "doorlooptijden, wederkerigheid, voortgang van de wijkagenda's, lessen, en een hoofdstuk per wijk met "
            "kaart. Wijkanalyse: buurtcijfers met trend, initiatieven en buurtdeals per thema en status, draagvlak, "
            "wijkagenda en buurtactiviteitenplan. De PDF komt uit de printlayout 'Buurtcyclus' (atlas); de cijfers "
            "uit de database, dezelfde als 'buurtkaart rapport' op de opdrachtregel.")

    def flags(self) -> QgsProcessingAlgorithm.Flags:
        # The print layout's HTML items (the tables) and HTML labels load only in the main thread: in the Toolbox's
        # background task QGIS leaves them empty ("Cannot load HTML content in background threads").
        return super().flags() | QgsProcessingAlgorithm.FlagNoThreading

    def add_parameters(self) -> None:
        self.addParameter(QgsProcessingParameterEnum(SOORT, "Rapport", options=KINDS, defaultValue=0))
        self.addParameter(QgsProcessingParameterString(GEMEENTE, "Gemeentecode (jaarrapportage), bv. GM0402",
                                                       optional=True))
        self.addParameter(QgsProcessingParameterString(WIJK, "Wijkcode (wijkanalyse), bv. WK040201", optional=True))
        self.addParameter(year_parameter("Jaar", datetime.date.today().year - 1))
        self.addParameter(QgsProcessingParameterFileDestination(OUTPUT_PDF, "Rapport (PDF)", "PDF-bestanden (*.pdf)"))
        self.addParameter(QgsProcessingParameterFileDestination(OUTPUT_HTML, "Rapport (HTML)",
                                                                "HTML-bestanden (*.html)", optional=True,
                                                                createByDefault=False))
        self.addOutput(QgsProcessingOutputNumber("HOOFDSTUKKEN", "Hoofdstukken (atlaspagina's)"))
        self.addOutput(QgsProcessingOutputNumber("BUDGET", "Budget van het jaar (EUR)"))
        self.addOutput(QgsProcessingOutputNumber("BESTEED", "Besteed in gesloten buurtdeals (EUR)"))
        self.addOutput(QgsProcessingOutputNumber("BUURTDEALS", "Gesloten buurtdeals"))
        self.addOutput(QgsProcessingOutputNumber("GROENE_DEALS", "Gesloten green deals"))

    def processAlgorithm(self, parameters: dict[str, Any], context: QgsProcessingContext,
                         feedback: QgsProcessingFeedback) -> dict[str, Any]:
        figures = report_module("figures")
        kind = self.parameterAsEnum(parameters, SOORT, context)
        gemeente = (self.parameterAsString(parameters, GEMEENTE, context) or "").strip()
        wijk = (self.parameterAsString(parameters, WIJK, context) or "").strip()
        year = self.parameterAsInt(parameters, YEAR, context)
        pdf = Path(self.parameterAsFileOutput(parameters, OUTPUT_PDF, context))
        html_out = self.parameterAsFileOutput(parameters, OUTPUT_HTML, context)
        html = Path(html_out) if html_out else None
        if kind == 0 and not gemeente:
            raise QgsProcessingException(f"Vul een gemeentecode in (parameter {GEMEENTE}), bv. GM0402.")
        if kind == 1 and not wijk:
            raise QgsProcessingException(f"Vul een wijkcode in (parameter {WIJK}), bv. WK040201.")
        conn = connection_from(self, parameters, context)

        def query(sql: str, params: dict) -> list:
            return run_sql(conn, sql, params)

        try:
            report = (figures.year_report(query, gemeente, year) if kind == 0
                      else figures.wijk_report(query, wijk, year))
            colours = figures.theme_colours(query)
        except figures.ReportInputError as exc:
            raise QgsProcessingException(f"Parameter {PARAMETER_OF[exc.parameter]}: {exc}") from None
        except DatabaseRefused as exc:
            raise QgsProcessingException(f"Rapport mislukt: {exc}") from exc
        feedback.setProgress(20)
        if feedback.isCanceled():
            raise QgsProcessingException("Afgebroken.")
        layout = report_module("layout")

        def progress(pct: float, text: str) -> None:
            feedback.setProgress(20 + 0.8 * pct)
            feedback.pushInfo(text)

        try:
            sections = layout.render(report, colours, pdf, html, progress=progress)
        except RuntimeError as exc:
            raise QgsProcessingException(str(exc)) from exc
        k = report.kerncijfers
        feedback.setProgress(100)
        return {OUTPUT_PDF: str(pdf), OUTPUT_HTML: str(html) if html else None, "HOOFDSTUKKEN": sections,
                "BUDGET": float(k.get("budget") or 0), "BESTEED": float(k.get("besteed") or 0),
                "BUURTDEALS": int(k.get("buurtdeals") or 0), "GROENE_DEALS": int(k.get("groene_deals") or 0)}


ALGORITHMS = [BuurtcyclusReportAlgorithm]
