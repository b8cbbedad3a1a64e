"""Demo content of Programma Buurten: the 2017-2018 buurtdeals per wijk from the deal overview (DOMAIN.md),
the three worked examples with their real commitments, initiatives in every workflow state, polls, budget
and buurt figures."""

from __future__ import annotations

from dataclasses import dataclass, field

# (wijkcode, year, title, buurt number within the wijk or None for "any buurt of the wijk")
DEALS: list[tuple[str, int, str, int | None]] = [
    ("WK040201", 2017, "Buurthuizen (Centrum/Havenstraat)", 1),
    ("WK040201", 2017, "Speelplek (1) Havenstraatbuurt", 2),
    ("WK040201", 2017, "Groenimpuls Centrum", 1),
    ("WK040201", 2018, "Speelplek Havenstraatbuurt", 2),
    ("WK040201", 2018, "Aanpak Wildplassen", 1),
    ("WK040201", 2018, "Overlast Oude Haven", 2),
    ("WK040202", 2017, "Bewonersconvenant Raadhuis", 2),
    ("WK040202", 2017, "Samen leren (Serious Gaming)", None),
    ("WK040202", 2017, "Groenimpuls Trompenberg Zuid", 3),
    ("WK040202", 2018, "Samen Spelen Elckerlyc", None),
    ("WK040207", 2017, "Kind & Koffie (ontmoetingen)", None),
    ("WK040207", 2017, "Groenimpuls het Mozaik", None),
    ("WK040207", 2017, "Sympathie tuin (restkavel)", None),
    ("WK040207", 2017, "Bewonerstuin Stroeslaan", 2),
    ("WK040207", 2018, "Sterrenschool", None),
    ("WK040207", 2018, "Andriessenplein", None),
    ("WK040207", 2018, "Hondenpoep (handhaving via ROC)", None),
    ("WK040206", 2017, "Ruimte voor jongeren (container)", None),
    ("WK040206", 2017, "Wijkcommunicatie (wijkkrant)", None),
    ("WK040206", 2017, "Groenimpuls Villa Industria", 2),
    ("WK040206", 2018, "Ruimte voor jongeren", None),
    ("WK040206", 2018, "Speelplek Galvanistraat", 2),
    ("WK040206", 2018, "Wijkcommunicatie", None),
    ("WK040206", 2018, "Speelplek Leeghwaterstraat", None),
    ("WK040206", 2018, "Hondenpoep (handhaving via ROC)", None),
    ("WK040205", 2017, "Kunst in de wijk", None),
    ("WK040205", 2017, "Wijkorganisatie (samenwerken in de Riebeeck)", 5),
    ("WK040205", 2017, "Scouting clubgebouw Eikbosserweg", 6),
    ("WK040205", 2017, "Groenimpuls van Linschoten", None),
    ("WK040205", 2018, "Huis van de Buurt", None),
    ("WK040205", 2018, "Hondenpoep (handhaving via ROC)", None),
    ("WK040205", 2018, "Aanpak verwarde personen", None),
    ("WK040204", 2017, "De Lelie", 1),
    ("WK040204", 2017, "Groenimpuls Piet Heinstraat", 5),
    ("WK040204", 2017, "Spelen & Bewegen (Savornin)", 4),
    ("WK040204", 2018, "Hondenpoep (handhaving via ROC)", None),
    ("WK040204", 2018, "Taludweg", None),
    ("WK040204", 2018, "Violenschool", 2),
    ("WK040203", 2017, "Zebrapad Kloosterlaan", None),
    ("WK040203", 2017, "Buurtmobiliteit", None),
    ("WK040203", 2017, "Speelplek Kerkelanden", 4),
    ("WK040203", 2017, "Speelplek Calvijnhof", None),
    ("WK040203", 2018, "Jongerencentrum De Keet", None),
    ("WK040208", 2017, "Overkapping jeugd", 1),
    ("WK040208", 2017, "Vergroening wandelmeent", 1),
    ("WK040208", 2018, "Dagbesteding", 1),
]

# The three worked examples from the documents, with their real commitments.
WORKED_EXAMPLES: dict[str, dict[str, list[str]]] = {
    "Bewonerstuin Stroeslaan": {
        "bewoners": ["Draagvlak creëren in de buurt voor een bank", "Onderhoud van de bank",
                     "Zwerfafval rond de bank opruimen"],
        "gemeente": ["Financiert de bank", "Plaatst de bank"],
    },
    "Speelplek Havenstraatbuurt": {
        "bewoners": ["Draagvlak peilen onder de buurtbewoners", "Voorstel voor de inrichting van een voetbalveldje",
                     "Offerte opvragen voor de werkzaamheden"],
        "gemeente": ["Financiert het voetbalveldje met doelen", "Bodemonderzoek", "Legt het voetbalveldje aan"],
    },
    "Speelplek Calvijnhof": {
        "bewoners": ["Schetsontwerp op basis van een enquête onder bewoners", "Toezicht en onderhoud"],
        "gemeente": ["Investeert in de modernisering van de speelplek"],
    },
}

THEME_KEYWORDS: list[tuple[str, tuple[str, ...]]] = [
    ("verkeer", ("Zebrapad", "mobiliteit")),
    ("veiligheid", ("Wildplassen", "Overlast", "Hondenpoep")),
    ("zorgbehoefte", ("verwarde", "Dagbesteding")),
    ("openbare_ruimte", ("Speelplek", "Spelen", "Groenimpuls", "Vergroening", "tuin", "Taludweg", "Andriessenplein")),
]

# Commitments per theme for deals without documented ones: (bewoners, gemeente, partner or None)
THEME_COMMITMENTS: dict[str, tuple[list[str], list[str], str | None]] = {
    "ontmoeten": (["Organiseren de activiteiten met vrijwilligers uit de buurt", "Houden de ruimte schoon"],
                  ["Stelt budget beschikbaar voor de inrichting", "Helpt bij vergunningen"], None),
    "veiligheid": (["Melden overlast via de buurtapp", "Spreken buurtgenoten aan"],
                   ["Extra toezicht door handhaving", "Plaatst borden en voorzieningen"], None),
    "verkeer": (["Inventariseren knelpunten met de buurt"], ["Onderzoekt en voert de verkeersmaatregel uit"], None),
    "openbare_ruimte": (["Onderhouden het groen en de speelplek", "Ruimen zwerfafval op"],
                        ["Financiert en legt de inrichting aan"], None),
    "zorgbehoefte": (["Signaleren zorgen in de buurt"], ["Zet het sociaal plein in"], "Partner in zorg en welzijn"),
}
PARTNER_BY_KEYWORD = {"ROC": "ROC-studenten handhaven en voeren voorlichting uit",
                      "Scouting": "Scoutinggroep beheert het clubgebouw",
                      "school": "De school stelt het schoolplein na schooltijd open"}

OPEN_INITIATIVES: list[tuple[str, str, str]] = [
    ("Jeu de boules-baan bij het buurthuis", "ontmoeten", "initiatief_binnen"),
    ("Buurtmoestuin op braakliggend terrein", "openbare_ruimte", "initiatief_binnen"),
    ("Extra afvalbakken langs het wandelpad", "openbare_ruimte", "initiatief_binnen"),
    ("Verkeersdrempel bij de basisschool", "verkeer", "initiatief_binnen"),
    ("Bankje bij de vijver", "openbare_ruimte", "initiatief_binnen"),
    ("AED in de buurt", "zorgbehoefte", "initiatief_binnen"),
    ("Geveltuintjes in de straat", "openbare_ruimte", "check_intern"),
    ("Speeltoestel voor peuters", "openbare_ruimte", "check_intern"),
    ("Buurtbarbecue op het plein", "ontmoeten", "check_intern"),
    ("Maandelijkse zwerfvuilactie", "openbare_ruimte", "check_intern"),
    ("Hondenuitlaatplek", "veiligheid", "check_intern"),
    ("Verlichting op het fietspad", "veiligheid", "check_intern"),
    ("Ontmoetingsbank voor ouderen", "ontmoeten", "gesprek_wederkerigheid"),
    ("Boomspiegels adopteren", "openbare_ruimte", "gesprek_wederkerigheid"),
    ("Trapveldje opknappen", "openbare_ruimte", "gesprek_wederkerigheid"),
    ("Snelheidsdisplay in de straat", "verkeer", "gesprek_wederkerigheid"),
    ("Buurtpreventie-app", "veiligheid", "gesprek_wederkerigheid"),
    ("Koffieochtend voor nieuwe bewoners", "ontmoeten", "gesprek_wederkerigheid"),
    ("Mantelzorgcafé", "zorgbehoefte", "gesprek_wederkerigheid"),
    ("Wadi in plaats van stoeptegels", "openbare_ruimte", "initiatief_binnen"),
    ("Kunstwerk op de rotonde", "ontmoeten", "afgewezen"),
    ("Parkeerplaatsen omzetten in groen", "openbare_ruimte", "afgewezen"),
    ("Skatebaan bij het station", "ontmoeten", "afgewezen"),
    ("Buurtfeest in de zomer", "ontmoeten", "ingetrokken"),
    ("Eenrichtingsverkeer in de straat", "verkeer", "ingetrokken"),
]

FIRST_NAMES = ["Anne", "Bas", "Carla", "Dirk", "Els", "Fatima", "Gert", "Hanneke", "Ilse", "Jeroen", "Karin",
               "Lotte", "Mohamed", "Nina", "Oscar", "Petra", "Ruud", "Sanne", "Tom", "Yasmina"]
LAST_NAMES = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot",
              "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "El Amrani", "Brouwer", "de Wit"]

# Hilversum's yearly buurtenbudget, and what the 2018 deals spent (the council's annual report).
BUDGET_PER_YEAR = 500_000
SPENT_2018 = 463_499


@dataclass
class DealSpec:
    wijkcode: str
    jaar: int
    titel: str
    buurt_nr: int | None
    thema: str
    is_area: bool
    commitments: dict[str, list[str]] = field(default_factory=dict)


def theme_of(title: str) -> str:
    for theme, words in THEME_KEYWORDS:
        if any(w.lower() in title.lower() for w in words):
            return theme
    return "ontmoeten"


def is_area(title: str) -> bool:
    return any(w in title for w in ("Speelplek", "Spelen", "Groenimpuls", "Vergroening", "tuin", "Taludweg",
                                    "Andriessenplein"))


def commitments_for(title: str, theme: str) -> dict[str, list[str]]:
    if title in WORKED_EXAMPLES:
        return WORKED_EXAMPLES[title]
    bewoners, gemeente, partner = THEME_COMMITMENTS[theme]
    result = {"bewoners": list(bewoners), "gemeente": list(gemeente)}
    partner_text = next((text for key, text in PARTNER_BY_KEYWORD.items() if key.lower() in title.lower()), partner)
    if partner_text:
        result["partner"] = [partner_text]
    return result


def deal_specs() -> list[DealSpec]:
    specs = []
    for wijkcode, jaar, titel, buurt_nr in DEALS:
        thema = theme_of(titel)
        specs.append(DealSpec(wijkcode, jaar, titel, buurt_nr, thema, is_area(titel), commitments_for(titel, thema)))
    return specs
