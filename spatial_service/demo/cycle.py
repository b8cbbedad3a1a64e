"""Demo content of the buurtcyclus: a Hilversum wijkagenda per wijk for 2018-2021 whose priorities the 2018 deals
serve (a few deals stay spontaneous: residents acting on today's problem), jaarschijven with goals and 2018
evaluations, status histories over 2017-2018 and the lessons of each year (the 2018 jaarrapportage)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import psycopg

AGENDA_YEARS = (2018, 2021)
TZ = ZoneInfo("Europe/Amsterdam")
HISTORY_END = date(2018, 12, 20)  # the demo's "today" for the status history


@dataclass(frozen=True)
class Priority:
    wijkcode: str
    thema: str
    titel: str
    herkomst: str
    deals: tuple[str, ...]  # titles of the 2018 deals in this wijk that serve it
    published: bool = True


PRIORITIES: list[Priority] = [
    Priority("WK040201", "openbare_ruimte", "Speelruimte voor kinderen in de Havenstraatbuurt", "b100",
             ("Speelplek Havenstraatbuurt",)),
    Priority("WK040201", "veiligheid", "Een schoon en veilig centrum in de avond", "wijkanalyse",
             ("Aanpak Wildplassen",)),
    Priority("WK040201", "ontmoeten", "Buurthuizen als ontmoetingsplek", "bewoners", ()),
    Priority("WK040202", "openbare_ruimte", "Samen spelen en bewegen", "b100", ("Samen Spelen Elckerlyc",)),
    Priority("WK040202", "ontmoeten", "Bewoners betrekken bij het Raadhuiskwartier", "wijkanalyse", ()),
    Priority("WK040203", "ontmoeten", "Een eigen plek voor jongeren", "b100", ("Jongerencentrum De Keet",)),
    Priority("WK040203", "verkeer", "Veilige routes naar school", "wijkanalyse", ()),
    Priority("WK040204", "ontmoeten", "De school als hart van de buurt", "organisatie", ("Violenschool",)),
    Priority("WK040204", "openbare_ruimte", "Groen dat bewoners zelf onderhouden", "bewoners", ("Taludweg",)),
    Priority("WK040205", "ontmoeten", "Samenwerken in de wijk", "bewoners", ("Huis van de Buurt",)),
    Priority("WK040205", "zorgbehoefte", "Zorg voor kwetsbare bewoners", "wijkanalyse",
             ("Aanpak verwarde personen",), published=False),
    Priority("WK040205", "veiligheid", "Schone straten en stoepen", "b100", ("Hondenpoep (handhaving via ROC)",)),
    Priority("WK040206", "ontmoeten", "Ruimte en stem voor jongeren", "b100",
             ("Ruimte voor jongeren", "Wijkcommunicatie")),
    Priority("WK040206", "openbare_ruimte", "Speelplekken opknappen", "wijkanalyse",
             ("Speelplek Galvanistraat", "Speelplek Leeghwaterstraat")),
    Priority("WK040207", "ontmoeten", "Ontmoeten rond de scholen", "organisatie", ("Sterrenschool",)),
    Priority("WK040207", "openbare_ruimte", "Pleinen die uitnodigen tot ontmoeting", "wijkanalyse",
             ("Andriessenplein",)),
    Priority("WK040208", "zorgbehoefte", "Dagbesteding dicht bij huis", "organisatie", ("Dagbesteding",)),
    Priority("WK040208", "ontmoeten", "Jongeren een plek geven", "b100", ()),
]

# Measurable goals from the buurtmonitor per theme (indicator, target)
MEASURE: dict[str, tuple[str, float]] = {
    "openbare_ruimte": ("rapportcijfer_woonomgeving", 7.5),
    "ontmoeten": ("sociale_cohesie", 6.5),
    "veiligheid": ("rapportcijfer_woonomgeving", 7.4),
}

GOALS = {
    2018: "Eerste stap: {wat}",
    2019: "Uitbreiden naar andere buurten van de wijk; bewoners nemen het beheer over",
    2020: "Bewoners organiseren het zelf; de gemeente ondersteunt waar nodig",
    2021: "Evalueren met de wijk en de wijkagenda herijken",
}

GREEN_WORDS = ("Groenimpuls", "Vergroening", "tuin", "Taludweg")

LESSONS = {
    2017: "Het eerste jaar van Programma Buurten: de wijkteams zijn gestart en de eerste buurtdeals zijn gesloten. "
          "Wijkanalyses en gesprekken met bewoners (B100) leggen de basis voor de wijkagenda's van 2018.",
    2018: "Bewoners voelen zich nog geen eigenaar van de wijkagenda: die moet meer van de wijk zelf worden. "
          "Initiatiefnemers willen het probleem van vandaag aanpakken: er blijft ruimte voor spontane initiatieven "
          "naast de meerjarige agenda. De wederkerigheid moet groeien: bewoners en gemeente doen allebei hun deel, "
          "en dat wordt per buurtdeal gevolgd. Buurtdeals en initiatieven worden digitaal gemonitord. "
          "Een volgende stap kan het 'right to challenge' zijn.",
}


def is_green(title: str) -> bool:
    return any(w in title for w in GREEN_WORDS)


def insert_agenda(conn: psycopg.Connection) -> dict[tuple[str, str], int]:
    """The priorities and their jaarschijven; returns (wijkcode, deal title) -> priority id for the 2018 deals."""
    serves: dict[tuple[str, str], int] = {}
    first, last = AGENDA_YEARS
    for p in PRIORITIES:
        what = ", ".join(p.deals) if p.deals else "verkennen met bewoners wat nodig is"
        pid = conn.execute(
            "INSERT INTO buurt.wijkagenda (wijkcode, thema, prioriteit, omschrijving, herkomst, jaar_van, jaar_tot, "
            "gepubliceerd) VALUES (%s, %s, %s, %s, %s, %s, %s, %s) RETURNING id",
            (p.wijkcode, p.thema, p.titel, f"{p.titel}: uit de {p.herkomst.replace('b100', 'B100')} van de wijk.",
             p.herkomst, first, last, p.published)).fetchone()[0]
        for deal in p.deals:
            serves[(p.wijkcode, deal)] = pid
        indicator, target = MEASURE.get(p.thema, (None, None))
        rows = []
        for year in range(first, last + 1):
            goal = GOALS[year].format(wat=what)
            evaluation = comment = None
            if year == first:
                evaluation, comment = (("behaald", "De buurtdeals zijn gesloten en in uitvoering.") if p.deals
                                       else ("niet_behaald", "Nog geen initiatief uit de wijk voor deze prioriteit."))
            rows.append((pid, year, goal, indicator, target, evaluation, comment))
        with conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO buurt.jaarschijf (wijkagenda_id, jaar, doel, indicator, streefwaarde, evaluatie, "
                "evaluatie_toelichting) VALUES (%s, %s, %s, %s, %s, %s, %s)", rows)
    return serves


def priority_for_initiative(conn: psycopg.Connection, wijkcode: str | None, thema: str) -> int | None:
    """An open initiative serves the priority of its wijk with the same theme, when the wijk has one."""
    row = conn.execute("SELECT id FROM buurt.wijkagenda WHERE wijkcode = %s AND thema = %s ORDER BY id LIMIT 1",
                       (wijkcode, thema)).fetchone()
    return row[0] if row else None


def _moment(day: date, rng: random.Random) -> datetime:
    return datetime.combine(min(day, HISTORY_END), time(rng.randint(8, 16), rng.randint(0, 59)), TZ)


DEAL_PATH = ["gesprek_wederkerigheid", "buurtdeal_gesloten", "uitvoering", "evaluatie"]
INITIATIVE_PATH = ["initiatief_binnen", "check_intern", *DEAL_PATH]


def _deal_dates(rng: random.Random, submitted: date, year: int) -> dict[str, date]:
    """When an initiative that became a deal of `year` reached each step."""
    closed = date(year, rng.randint(1, 5), rng.randint(1, 28))
    span = (closed - submitted).days
    dates = {"initiatief_binnen": submitted,
             "check_intern": submitted + timedelta(days=max(5, int(span * rng.uniform(0.1, 0.3)))),
             "gesprek_wederkerigheid": submitted + timedelta(days=max(10, int(span * rng.uniform(0.45, 0.7)))),
             "buurtdeal_gesloten": closed}
    dates["uitvoering"] = closed + timedelta(days=rng.randint(20, 70))
    dates["evaluatie"] = dates["uitvoering"] + timedelta(days=rng.randint(90, 200))
    return dates


def write_history(conn: psycopg.Connection, rng: random.Random) -> int:
    """Replace what the trigger wrote at load time (everything 'now') by the steps of 2017-2018."""
    rows: list[tuple] = []
    deals = conn.execute("SELECT d.id, d.initiatief_id, d.jaar, d.status, i.ingediend_op FROM buurt.buurtdeal d "
                         "JOIN buurt.initiatief i ON i.id = d.initiatief_id ORDER BY d.id").fetchall()
    with_deal = set()
    for deal_id, init_id, year, status, submitted in deals:
        with_deal.add(init_id)
        dates = _deal_dates(rng, submitted, year)
        previous = None
        for step in INITIATIVE_PATH[: INITIATIVE_PATH.index(status) + 1]:
            moment = _moment(dates[step], rng)
            rows.append((init_id, None, previous, step, moment))
            if step in DEAL_PATH:
                rows.append((None, deal_id, DEAL_PATH[DEAL_PATH.index(step) - 1] if step != DEAL_PATH[0] else None,
                             step, moment))
            previous = step
    for init_id, status, submitted in conn.execute(
            "SELECT id, status, ingediend_op FROM buurt.initiatief ORDER BY id").fetchall():
        if init_id in with_deal:
            continue
        if status in ("afgewezen", "ingetrokken"):
            path = ["initiatief_binnen", "check_intern"] + (["gesprek_wederkerigheid"] if status == "ingetrokken"
                                                             else []) + [status]
        else:
            path = INITIATIVE_PATH[: INITIATIVE_PATH.index(status) + 1]
        day, previous = submitted, None
        for step in path:
            rows.append((init_id, None, previous, step, _moment(day, rng)))
            day += timedelta(days=rng.randint(12, 45))
            previous = step
    conn.execute("DELETE FROM buurt.statusverloop")
    with conn.cursor() as cur:
        cur.executemany("INSERT INTO buurt.statusverloop (initiatief_id, buurtdeal_id, status_van, status, op, door) "
                        "VALUES (%s, %s, %s, %s, %s, 'demo')", rows)
    return len(rows)


def insert_lessons(conn: psycopg.Connection, gemeentecode: str) -> None:
    with conn.cursor() as cur:
        cur.executemany("INSERT INTO buurt.jaarverslag (gemeentecode, jaar, lessen) VALUES (%s, %s, %s)",
                        [(gemeentecode, year, text) for year, text in LESSONS.items()])
