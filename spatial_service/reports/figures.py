"""The figures of the buurtcyclus reports, read from the SQL functions in layers/app/045_buurtcyclus.sql (the
only place they are computed). Dependency-free on purpose: the CLI passes a psycopg query function, the QGIS
plugin its provider connection, so both reports carry the same numbers.

Every statement is a constant of this module with psycopg's named placeholders (`%(g)s` the gemeente, `%(w)s` the
wijk, `%(y)s` the year); the values travel beside it to `query(sql, params)`: psycopg binds them on the server,
the plugin with its one literal function (buurtkaart.connection.bind)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

Query = Callable[[str, Mapping[str, Any]], list[Sequence[Any]]]

GEMEENTE_CODE = re.compile(r"^GM\d{4}$")
WIJK_CODE = re.compile(r"^WK\d{6}$")


class ReportInputError(ValueError):
    """Bad input for a report; `parameter` names what the user gave ('gemeente', 'wijk', 'jaar')."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(message)
        self.parameter = parameter


def statement(source: str, columns: str) -> tuple[str, list[str]]:
    """The SELECT of one figure source and the names of its columns (a column "expr AS name" is named name). For
    callers that run the same figures on a connection of their own (the werkbak's lists, asynchronously)."""
    names = [c.strip().rsplit(" AS ", 1)[-1] for c in columns.split(",")]
    return f"SELECT {columns} FROM {source}", names  # nosec B608  # source, columns: constants of this module


def _dicts(query: Query, source: str, columns: str, params: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Rows as dicts; a column "expr AS name" is keyed by name. Booleans travel as integers (the QGIS provider
    returns some as text). `source` and `columns` are this module's constants (the *_FIGURES tables and the
    calls below), never input; the values are in `params`."""
    sql, names = statement(source, columns)
    return [dict(zip(names, row, strict=True)) for row in query(sql, params)]


@dataclass
class WijkSection:
    code: str
    naam: str
    geom_wkt: str
    deals: list[dict[str, Any]] = field(default_factory=list)          # jaar_deals rows of this wijk (per theme)
    prioriteiten: list[dict[str, Any]] = field(default_factory=list)   # prioriteit_voortgang
    plan: list[dict[str, Any]] = field(default_factory=list)           # buurtactiviteitenplan of the year
    wederkerigheid: list[dict[str, Any]] = field(default_factory=list)
    monitoring: list[dict[str, Any]] = field(default_factory=list)  # steps reached, days, stuck
    cijfers: list[dict[str, Any]] = field(default_factory=list)   # wijkanalyse only
    items: list[dict[str, Any]] = field(default_factory=list)     # by theme and status (wijkanalyse)
    steun: list[dict[str, Any]] = field(default_factory=list)     # polls and web supports (wijkanalyse)


@dataclass
class Report:
    soort: str                      # 'jaar' or 'wijk'
    gemeentecode: str
    gemeentenaam: str
    jaar: int
    gemeente_wkt: str
    kerncijfers: dict[str, Any] = field(default_factory=dict)
    deals: list[dict[str, Any]] = field(default_factory=list)
    stappen: list[dict[str, Any]] = field(default_factory=list)
    wederkerigheid: list[dict[str, Any]] = field(default_factory=list)
    evaluaties: list[dict[str, Any]] = field(default_factory=list)
    lessen: str | None = None
    wijken: list[WijkSection] = field(default_factory=list)
    kaart_items: list[dict[str, Any]] = field(default_factory=list)  # deals of the year for the maps

    @property
    def titel(self) -> str:
        if self.soort == "wijk" and self.wijken:
            return f"Wijkanalyse en buurtactiviteitenplan {self.wijken[0].naam} {self.jaar}"
        return f"Jaarrapportage buurten {self.gemeentenaam} {self.jaar}"


def _check_year(query: Query, jaar: int) -> None:
    # the range is the CHECK on buurt.buurtdeal.jaar, read through publiek.jaarbereik (no copy here)
    van, tot = (int(v) for v in query("SELECT van, tot FROM publiek.jaarbereik", {})[0])
    if not van <= jaar <= tot:
        raise ReportInputError("jaar", f"jaar {jaar} ligt buiten {van}-{tot}.")


def _gemeente(query: Query, code: str) -> tuple[str, str]:
    rows = query("SELECT naam, ST_AsText(geom) FROM buurt.gemeente WHERE code = %(g)s", {"g": code})
    if not GEMEENTE_CODE.match(code) or not rows:
        known = ", ".join(r[0] for r in query("SELECT code FROM buurt.gemeente ORDER BY code", {})) or "geen"
        raise ReportInputError("gemeente", f"gemeente '{code}' is onbekend (bekend: {known}).")
    return rows[0][0], rows[0][1]


def _years(query: Query, gemeente: str) -> dict[int, bool]:
    rows = query("SELECT jaar, heeft_budget::integer FROM buurt_app.rapport_jaren(%(g)s)", {"g": gemeente})
    return {int(r[0]): int(r[1]) == 1 for r in rows}


# Which SQL source fills which field of a section or report, with the columns it shows: %(g)s is the gemeente,
# %(w)s the wijk, %(y)s the year (bound parameters).
WIJK_FIGURES: dict[str, tuple[str, str]] = {
    "deals": ("buurt_app.jaar_deals(%(g)s, %(y)s) WHERE wijkcode = %(w)s",
              "thema_naam, buurtdeals, groene_deals, budget"),
    "prioriteiten": ("buurt_app.prioriteit_voortgang(%(g)s, %(y)s, %(w)s)",
                     "thema_naam, prioriteit, herkomst_naam, jaar_van, jaar_tot, doel, evaluatie_naam, "
                     "evaluatie_toelichting, buurtdeals, initiatieven, budget"),
    "plan": ("buurt_app.buurtactiviteitenplan WHERE wijkcode = %(w)s AND jaar = %(y)s "
             "ORDER BY soort DESC, thema, titel, id",
             "soort, titel, thema_naam, status_naam, gepland_budget, prioriteit, groene_deal::integer AS groene_deal"),
    "wederkerigheid": ("buurt_app.jaar_wederkerigheid(%(g)s, %(y)s, %(w)s)",
                       "partij_naam, afspraken, gereed, gereed_pct"),
    "monitoring": ("buurt_app.wijk_monitoring(%(w)s, %(y)s)",
                   "soort, titel, status_naam, stappen, sinds, dagen, vastgelopen::integer AS vastgelopen"),
}
# the wijkanalyse adds these to its one section
ANALYSE_FIGURES: dict[str, tuple[str, str]] = {
    "cijfers": ("buurt_app.wijk_cijfers(%(w)s, %(y)s)",
                "indicator, indicator_naam, eenheid, jaar, waarde, streefwaarde, verschil"),
    "items": ("buurt_app.rapport_wijk_jaar(%(y)s, %(w)s)",
              "soort, thema_naam, status_naam, aantal, budget_gemeente"),
    "steun": ("buurt_app.wijk_steun(%(w)s, %(y)s)",
              "titel, thema_naam, datum, voor, tegen, neutraal, respondenten, steun_pct, steunbetuigingen"),
}
YEAR_FIGURES: dict[str, tuple[str, str]] = {
    "deals": ("buurt_app.jaar_deals(%(g)s, %(y)s)",
              "wijkcode, wijknaam, thema, thema_naam, buurtdeals, groene_deals, budget"),
    "stappen": ("buurt_app.jaar_stappen(%(g)s, %(y)s)",
                "status_naam, initiatieven, stappen, gemiddeld_dagen, mediaan_dagen"),
    "wederkerigheid": ("buurt_app.jaar_wederkerigheid(%(g)s, %(y)s)",
                       "partij_naam, afspraken, gereed, gereed_pct, per_deal"),
}


def _fill(target: WijkSection | Report, query: Query, figures: dict[str, tuple[str, str]],
          params: Mapping[str, Any]) -> None:
    for name, (source, columns) in figures.items():
        setattr(target, name, _dicts(query, source, columns, params))


def _wijk_section(query: Query, gemeente: str, jaar: int, code: str, naam: str, wkt: str,
                  analyse: bool) -> WijkSection:
    section = WijkSection(code, naam, wkt)
    params = {"g": gemeente, "w": code, "y": jaar}
    _fill(section, query, WIJK_FIGURES, params)
    if analyse:
        _fill(section, query, ANALYSE_FIGURES, params)
    return section


def _map_items(query: Query, gemeente: str, jaar: int, wijk: str | None = None) -> list[dict[str, Any]]:
    return _dicts(query, "buurt.buurtdeal WHERE gemeentecode = %(g)s AND jaar = %(y)s "
                         "AND (%(w)s::text IS NULL OR wijkcode = %(w)s) ORDER BY id",
                  "id, titel, thema, wijkcode, ST_AsText(geom) AS wkt", {"g": gemeente, "y": jaar, "w": wijk})


def year_report(query: Query, gemeente: str, jaar: int) -> Report:
    """The jaarrapportage of a gemeente: headline figures, monitoring, and a section per wijk."""
    _check_year(query, jaar)
    gemeente = gemeente.strip().upper()
    naam, wkt = _gemeente(query, gemeente)
    years = _years(query, gemeente)
    if not years.get(jaar):
        with_budget = ", ".join(str(y) for y, b in sorted(years.items()) if b) or "geen"
        raise ReportInputError("jaar", f"voor {naam} ({gemeente}) is geen budget voor {jaar} vastgelegd in "
                                       f"buurt.budget (jaren met budget: {with_budget}).")
    params = {"g": gemeente, "y": jaar}
    k = _dicts(query, "buurt_app.jaar_kerncijfers(%(g)s, %(y)s)",
               "budget, besteed, in_gesprek, resterend, benut_pct, buurtdeals, groene_deals, initiatieven, agenda, "
               "spontaan, spontaan_pct, vastgelopen", params)
    report = Report("jaar", gemeente, naam, jaar, wkt, kerncijfers=k[0])
    _fill(report, query, YEAR_FIGURES, params)
    report.evaluaties = [
        {"evaluatie_naam": r[0] or "Nog niet geëvalueerd", "aantal": int(r[1])}
        for r in query("SELECT evaluatie_naam, count(*) FROM buurt_app.prioriteit_voortgang(%(g)s, %(y)s) "
                       "GROUP BY evaluatie_naam ORDER BY evaluatie_naam NULLS LAST", params)]
    lessons = query("SELECT lessen FROM buurt.jaarverslag WHERE gemeentecode = %(g)s AND jaar = %(y)s", params)
    report.lessen = lessons[0][0] if lessons else None
    for code, wnaam, wwkt in query("SELECT code, naam, ST_AsText(geom) FROM buurt.wijk WHERE gemeentecode = %(g)s "
                                   "ORDER BY code", params):
        report.wijken.append(_wijk_section(query, gemeente, jaar, code, wnaam, wwkt, analyse=False))
    report.kaart_items = _map_items(query, gemeente, jaar)
    return report


def wijk_report(query: Query, wijk: str, jaar: int) -> Report:
    """The wijkanalyse and buurtactiviteitenplan of one wijk and year."""
    _check_year(query, jaar)
    wijk = wijk.strip().upper()
    rows = query("SELECT w.naam, ST_AsText(w.geom), w.gemeentecode FROM buurt.wijk w WHERE w.code = %(w)s",
                 {"w": wijk})
    if not WIJK_CODE.match(wijk) or not rows:
        raise ReportInputError("wijk", f"wijk '{wijk}' is onbekend; gebruik een CBS-wijkcode zoals WK040201.")
    wnaam, wwkt, gemeente = rows[0]
    naam, wkt = _gemeente(query, gemeente)
    years = _years(query, gemeente)
    if jaar not in years:
        known = ", ".join(str(y) for y in sorted(years)) or "geen"
        raise ReportInputError("jaar", f"voor {naam} zijn er geen buurtdeals of budget in {jaar} "
                                       f"(jaren met gegevens: {known}).")
    report = Report("wijk", gemeente, naam, jaar, wkt)
    report.wijken.append(_wijk_section(query, gemeente, jaar, wijk, wnaam, wwkt, analyse=True))
    report.kaart_items = _map_items(query, gemeente, jaar, wijk)
    return report


def theme_colours(query: Query) -> dict[str, tuple[str, str]]:
    """Theme code -> (name, colour) from buurt_vl.thema, for the map symbols and legend."""
    return {r[0]: (r[1], r[2]) for r in query("SELECT code, naam, kleur FROM buurt_vl.thema ORDER BY volgorde", {})}
