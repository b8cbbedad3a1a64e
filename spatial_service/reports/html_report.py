"""HTML of the buurtcyclus reports: the whole report for the browser, and the same sections one by one for the
frames of the QGIS print layout (so the PDF and the HTML carry the same text and numbers)."""

from __future__ import annotations

import html
from typing import Any

from .figures import Report, WijkSection

CSS = """body{font-family:'DejaVu Sans',sans-serif;color:#222;margin:0;font-size:8.5pt}
h1{font-size:15pt;margin:0 0 .3em} h2{font-size:12pt;margin:.6em 0 .3em} h3{font-size:9.5pt;margin:.7em 0 .2em}
table{border-collapse:collapse;margin:.2em 0 .5em;width:100%} td,th{border:1px solid #bbb;padding:1px 4px;
text-align:left;vertical-align:top} th{background:#eef3ee} td.n,th.n{text-align:right} p{margin:.2em 0 .4em}
.kern td{font-size:9pt} .noot{color:#555}"""


def euro(value: Any) -> str:
    if value is None:
        return "–"
    return "EUR " + f"{float(value):,.0f}".replace(",", ".")


def number(value: Any, decimals: int = 1) -> str:
    if value is None:
        return "–"
    if isinstance(value, int):
        return str(value)
    return f"{float(value):.{decimals}f}".replace(".", ",")


def count(value: Any) -> str:
    """A whole number with the Dutch thousands separator."""
    return "–" if value is None else f"{round(float(value)):,}".replace(",", ".")


def pct(value: Any) -> str:
    return "–" if value is None else number(value) + " %"


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _table(headers: list[str], rows: list[list[str]], numeric: set[int] = frozenset()) -> str:
    if not rows:
        return "<p class='noot'>Geen.</p>"
    head = "".join(f"<th{' class=n' if i in numeric else ''}>{_e(h)}</th>" for i, h in enumerate(headers))
    body = "".join("<tr>" + "".join(f"<td{' class=n' if i in numeric else ''}>{c}</td>" for i, c in enumerate(r))
                   + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def overview(report: Report) -> str:
    """Headline figures and the deals per wijk and theme."""
    k = report.kerncijfers
    kern = _table(["", ""], [
        ["Buurtenbudget", euro(k["budget"])],
        ["Besteed (gesloten buurtdeals)", f"{euro(k['besteed'])} ({pct(k['benut_pct'])})"],
        ["In gesprek", euro(k["in_gesprek"])], ["Resterend", euro(k["resterend"])],
        ["Buurtdeals gesloten", str(k["buurtdeals"])], ["Green deals (apart geteld)", str(k["groene_deals"])],
        ["Initiatieven in de cyclus", str(k["initiatieven"])],
        ["Vanuit de wijkagenda", str(k["agenda"])],
        ["Spontaan (geen prioriteit)", f"{k['spontaan']} ({pct(k['spontaan_pct'])})"],
        ["Vastgelopen op 31 december", str(k["vastgelopen"])],
    ])
    themes = list(dict.fromkeys(d["thema_naam"] for d in report.deals))
    per_wijk: dict[str, dict[str, Any]] = {}
    for d in report.deals:
        row = per_wijk.setdefault(d["wijkcode"], {"naam": d["wijknaam"], "groen": 0, "budget": 0.0})
        row[d["thema_naam"]] = row.get(d["thema_naam"], 0) + d["buurtdeals"]
        row["groen"] += d["groene_deals"]
        row["budget"] += float(d["budget"] or 0)
    rows = [[_e(v["naam"]), *(str(v.get(t, 0)) for t in themes), str(v["groen"]), euro(v["budget"])]
            for v in per_wijk.values()]
    rows.append(["<b>Totaal</b>", *(f"<b>{sum(v.get(t, 0) for v in per_wijk.values())}</b>" for t in themes),
                 f"<b>{sum(v['groen'] for v in per_wijk.values())}</b>",
                 f"<b>{euro(sum(v['budget'] for v in per_wijk.values()))}</b>"])
    deals = _table(["Wijk", *themes, "Green deals", "Budget"], rows, set(range(1, len(themes) + 3)))
    return (f"<h2>Kerncijfers {report.jaar}</h2><div class='kern'>{kern}</div>"
            f"<h2>Gesloten buurtdeals per wijk en thema</h2>{deals}")


def monitoring(report: Report) -> str:
    """Workflow steps and durations, reciprocity, priority progress and the lessons."""
    steps = _table(["Stap", "Initiatieven nu", "Afgeronde stappen", "Gemiddeld (dagen)", "Mediaan (dagen)"],
                   [[_e(s["status_naam"]), str(s["initiatieven"]), str(s["stappen"]), number(s["gemiddeld_dagen"]),
                     number(s["mediaan_dagen"])] for s in report.stappen], {1, 2, 3, 4})
    wk = _table(["Partij", "Afspraken", "Gereed", "Gereed (%)", "Per deal"],
                [[_e(w["partij_naam"]), str(w["afspraken"]), str(w["gereed"]), pct(w["gereed_pct"]),
                  number(w["per_deal"], 2)] for w in report.wederkerigheid], {1, 2, 3, 4})
    ev = _table(["Evaluatie jaarschijf", "Prioriteiten"],
                [[_e(e["evaluatie_naam"]), str(e["aantal"])] for e in report.evaluaties], {1})
    lessen = (f"<p>{_e(report.lessen)}</p>" if report.lessen
              else "<p class='noot'>Er zijn voor dit jaar nog geen lessen vastgelegd (buurt.jaarverslag).</p>")
    return (f"<h2>Initiatieven per stap in het proces</h2>{steps}"
            f"<h2>Wederkerigheid: afspraken in gesloten buurtdeals</h2>{wk}"
            f"<h2>Voortgang van de wijkagenda's</h2>{ev}"
            f"<h2>Lessen {report.jaar}</h2>{lessen}")


def wijk_section(report: Report, section: WijkSection, part: str = "alles") -> str:
    """One wijk. part: 'analyse' (figures, items, polls), 'plan' (agenda, plan, reciprocity) or 'alles'."""
    out = []
    if part in ("analyse", "alles") and report.soort == "wijk":
        years = sorted({c["jaar"] for c in section.cijfers})
        by_ind: dict[str, dict[str, Any]] = {}
        for c in section.cijfers:
            row = by_ind.setdefault(c["indicator"], {"naam": c["indicator_naam"], "eenheid": c["eenheid"]})
            row[c["jaar"]] = c["waarde"]
            row["streef"] = c["streefwaarde"]
            row["trend"] = c["verschil"]
        def fmt(value: Any, unit: str) -> str:
            return count(value) if unit == "aantal" else number(value, 2)

        rows = [[_e(f"{v['naam']} ({v['eenheid']})"), *(fmt(v.get(y), v["eenheid"]) for y in years),
                 fmt(v["streef"], v["eenheid"]),
                 ("+" if (v["trend"] or 0) > 0 else "") + fmt(v["trend"], v["eenheid"])] for v in by_ind.values()]
        headers = ["Indicator", *map(str, years), "Streefwaarde", "Trend"]
        out.append("<h3>Buurtcijfers en trend</h3>" + _table(headers, rows, set(range(1, len(years) + 3))))
        out.append("<h3>Initiatieven en buurtdeals per thema en status</h3>" + _table(
            ["Soort", "Thema", "Status", "Aantal", "Budget"],
            [["Buurtdeal" if i["soort"] == "buurtdeal" else "Initiatief", _e(i["thema_naam"]), _e(i["status_naam"]),
              str(i["aantal"]), euro(i["budget_gemeente"]) if i["soort"] == "buurtdeal" else ""]
             for i in section.items], {3, 4}))
        # two sources side by side: the latest poll (imported) and the supports confirmed on the website
        out.append("<h3>Draagvlak (buurtpeilingen en steunbetuigingen)</h3>" + _table(
            ["Initiatief", "Thema", "Peiling", "Voor", "Tegen", "Neutraal", "Steun", "Steunbetuigingen (website)"],
            [[_e(s["titel"]), _e(s["thema_naam"]), _e(s["datum"] or "geen peiling"),
              *("" if s[k] is None else str(s[k]) for k in ("voor", "tegen", "neutraal")),
              pct(s["steun_pct"]), str(s["steunbetuigingen"])]
             for s in section.steun], {3, 4, 5, 6, 7}))
    if part in ("plan", "alles"):
        if report.soort == "jaar":
            closed = [d for d in section.deals if d["buurtdeals"] or d["groene_deals"]]
            n = sum(d["buurtdeals"] for d in section.deals)
            g = sum(d["groene_deals"] for d in section.deals)
            out.append(f"<p>{n} buurtdeals en {g} green deals gesloten, samen "
                       f"{euro(sum(float(d['budget'] or 0) for d in section.deals))}.</p>")
            out.append("<h3>Gesloten buurtdeals per thema</h3>" + _table(
                ["Thema", "Buurtdeals", "Green deals", "Budget"],
                [[_e(d["thema_naam"]), str(d["buurtdeals"]), str(d["groene_deals"]), euro(d["budget"])]
                 for d in closed], {1, 2, 3}))
        out.append("<h3>Wijkagenda: voortgang per prioriteit</h3>" + _table(
            ["Thema", "Prioriteit", "Herkomst", "Doel dit jaar", "Evaluatie", "Deals", "Budget"],
            [[_e(p["thema_naam"]), _e(f"{p['prioriteit']} ({p['jaar_van']}–{p['jaar_tot']})"), _e(p["herkomst_naam"]),
              _e(p["doel"] or "–"),
              _e(p["evaluatie_naam"] or "nog niet") + (f"<br><span class='noot'>{_e(p['evaluatie_toelichting'])}"
                                                       "</span>" if p["evaluatie_toelichting"] else ""),
              str(p["buurtdeals"]), euro(p["budget"])] for p in section.prioriteiten], {5, 6}))
        out.append(f"<h3>Buurtactiviteitenplan {report.jaar}</h3>" + _table(
            ["Soort", "Titel", "Thema", "Status", "Prioriteit", "Gepland budget"],
            [["Green deal" if p["groene_deal"] else ("Buurtdeal" if p["soort"] == "buurtdeal" else "Initiatief"),
              _e(p["titel"]), _e(p["thema_naam"]), _e(p["status_naam"]), _e(p["prioriteit"] or "spontaan"),
              euro(p["gepland_budget"])] for p in section.plan], {5}))
        out.append("<h3>Monitoring: stappen en doorlooptijd</h3>" + _table(
            ["Soort", "Titel", "Stappen (bereikt op)", "Dagen in huidige stap", "Vastgelopen"],
            [["Buurtdeal" if m["soort"] == "buurtdeal" else "Initiatief", _e(m["titel"]), _e(m["stappen"] or "–"),
              "–" if m["dagen"] is None else str(m["dagen"]), "<b>ja</b>" if m["vastgelopen"] else "nee"]
             for m in section.monitoring], {3}))
        out.append("<h3>Wederkerigheid</h3>" + _table(
            ["Partij", "Afspraken", "Gereed", "Gereed (%)"],
            [[_e(w["partij_naam"]), str(w["afspraken"]), str(w["gereed"]), pct(w["gereed_pct"])]
             for w in section.wederkerigheid], {1, 2, 3}))
    return "".join(out)


def fragment(body: str) -> str:
    """A standalone page for one layout frame."""
    return f"<!DOCTYPE html><html lang='nl'><head><meta charset='utf-8'><style>{CSS}</style></head><body>{body}" \
           "</body></html>"


def document(report: Report, maps: dict[str, str] | None = None) -> str:
    """The whole report; maps: section code -> image path relative to the HTML file."""
    maps = maps or {}
    parts = [f"<h1>{_e(report.titel)}</h1>"]
    if report.soort == "jaar":
        if report.gemeentecode in maps:
            parts.append(f"<img src='{_e(maps[report.gemeentecode])}' alt='Kaart van {_e(report.gemeentenaam)}' "
                         "style='max-width:100%'>")
        parts.append(overview(report))
        parts.append(monitoring(report))
    for section in report.wijken:
        parts.append(f"<section id='{_e(section.code)}'><h2>{_e(section.naam)} <small>{_e(section.code)}</small></h2>")
        if section.code in maps:
            parts.append(f"<img src='{_e(maps[section.code])}' alt='Kaart van {_e(section.naam)}' "
                         "style='max-width:100%'>")
        parts.append(wijk_section(report, section) + "</section>")
    return (f"<!DOCTYPE html><html lang='nl'><head><meta charset='utf-8'><title>{_e(report.titel)}</title>"
            f"<style>{CSS} body{{margin:2em;max-width:60em}}</style></head><body>{''.join(parts)}</body></html>\n")
