"""Load the Hilversum demo into an installed Buurtkaart database, in one transaction.

`load(dsn)` is deterministic: the same seed gives the same rows, ids and geometries on every machine.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

import psycopg
from shapely.geometry import MultiPolygon
from shapely.geometry.base import BaseGeometry

from spatial_service.db.connection import connect
from spatial_service.demo import bewoners, cycle, geography, monitor, programme
from spatial_service.demo.shapes import Placer
from spatial_service.errors import BuurtkaartError

SEED = 402
COUNTS = {"speelplek": 150, "groen": 600, "zebrapad": 80}
STREETS = ["Havenstraat", "Kerkelaan", "Kloosterlaan", "Stroeslaan", "Calvijnhof", "Galvanistraat",
           "Leeghwaterstraat", "Piet Heinstraat", "Eikbosserweg", "Taludweg", "Larenseweg", "Utrechtseweg",
           "Loosdrechtseweg", "Diependaalselaan", "Vaartweg", "Oosterengweg", "Neuweg", "Koninginneweg",
           "Lage Naarderweg", "Minckelersstraat", "Geuzenweg", "Bosdrift", "Kamerlingh Onneslaan", "Schapenkamp",
           "Langestraat", "Groest", "Leeuwenstraat", "Emmastraat", "Stationsstraat", "Hoge Naarderweg",
           "Liebergerweg", "Noodweg", "Zeverijnstraat", "Kolhornseweg", "Jan van der Heijdenstraat",
           "Soestdijkerstraatweg", "Bussumergrintweg", "Gijsbrecht van Amstelstraat", "Melkpad", "Erfgooiersstraat"]


@dataclass
class Summary:
    wijken: int
    buurten: int
    buurtdeals: int
    afspraken: int
    initiatieven: int
    objecten: dict[str, int]


def _wkb(geom: BaseGeometry) -> str:
    return geom.wkb_hex


GEOM = "ST_SetSRID(ST_GeomFromWKB(decode(%s, 'hex')), 28992)"


def load(dsn: str, seed: int = SEED) -> Summary:
    """Insert the demo. Refuses (nothing written) when the database already has deals or boundaries."""
    conn = connect(dsn)
    try:
        with conn.transaction():
            if conn.execute("SELECT EXISTS (SELECT 1 FROM buurt.gemeente) OR EXISTS (SELECT 1 FROM buurt.buurtdeal)"
                            ).fetchone()[0]:
                raise BuurtkaartError("De database bevat al gemeentegrenzen of buurtdeals; de demo laadt alleen in "
                                      "een lege Buurtkaart-database (buurtkaart demo --opnieuw wist eerst).")
            return _load(conn, random.Random(seed))
    finally:
        conn.close()


def _load(conn: psycopg.Connection, rng: random.Random) -> Summary:
    geo = geography.build()
    _insert_geography(conn, geo)
    serves = cycle.insert_agenda(conn)
    buurten_by_wijk: dict[str, list[geography.Buurt]] = {}
    for b in geo.buurten:
        buurten_by_wijk.setdefault(b.wijkcode, []).append(b)
    urban = [b for b in geo.buurten if b.wijkcode != geography.LANDELIJK[0]]

    placer = Placer(rng)
    objects: list[tuple] = []  # (soort, naam, beheerder, deal index or None, geom)
    deal_rows = _deals(rng, buurten_by_wijk, placer, objects)
    deal_ids = _insert_deals(conn, rng, deal_rows, serves)
    _fill_assets(rng, urban, geo.buurten, placer, objects)
    _insert_objects(conn, objects, deal_ids)
    n_init = _insert_open_initiatives(conn, rng, urban, placer)
    _insert_figures(conn, rng, geo)
    cycle.insert_lessons(conn, geography.GEMEENTE[0])
    # its own generator, so the history never shifts the rows above
    cycle.write_history(conn, random.Random(SEED + 1))
    monitor.add_hilversum(conn)
    bewoners.add_residents(conn)
    n_afspraken = sum(sum(len(v) for v in d[0].commitments.values()) for d in deal_rows)
    counts = {s: sum(1 for o in objects if o[0] == s) for s in COUNTS}
    return Summary(len(geo.wijken), len(geo.buurten), len(deal_rows), n_afspraken, n_init + len(deal_rows), counts)


def _insert_geography(conn: psycopg.Connection, geo: geography.Geography) -> None:
    code, naam = geography.GEMEENTE
    conn.execute(f"INSERT INTO buurt.gemeente (code, naam, geom, bron, peiljaar) VALUES (%s, %s, {GEOM}, 'demo', 2014)",
                 (code, naam, _wkb(geo.gemeente.geom)))
    with conn.cursor() as cur:
        cur.executemany("INSERT INTO buurt.gebied (code, naam, gemeentecode) VALUES (%s, %s, %s)",
                        [(c, n, code) for c, n in geography.GEBIEDEN])
        gebied_code = {n: c for c, n in geography.GEBIEDEN}
        cur.executemany(
            f"INSERT INTO buurt.wijk (code, naam, gemeentecode, gebiedcode, geom, bron, peiljaar) "
            f"VALUES (%s, %s, %s, %s, {GEOM}, 'demo', 2014)",
            [(w.code, w.naam, code, gebied_code[w.gebied], _wkb(w.geom)) for w in geo.wijken])
        cur.executemany(
            f"INSERT INTO buurt.buurt (code, naam, wijkcode, gemeentecode, geom, bron, peiljaar) "
            f"VALUES (%s, %s, %s, %s, {GEOM}, 'demo', 2014)",
            [(b.code, b.naam, b.wijkcode, code, _wkb(b.geom)) for b in geo.buurten])


def _deals(rng: random.Random, buurten_by_wijk: dict[str, list[geography.Buurt]], placer: Placer,
           objects: list[tuple]) -> list[tuple[programme.DealSpec, BaseGeometry, str]]:
    """Each deal's geometry and status; the objects a deal is about (its speelplek, its groen) go into objects."""
    rows = []
    for i, spec in enumerate(programme.deal_specs()):
        buurten = buurten_by_wijk[spec.wijkcode]
        buurt = buurten[spec.buurt_nr - 1] if spec.buurt_nr else rng.choice(buurten)
        if spec.is_area:
            size = (90, 160) if "Groen" in spec.titel or "Vergroening" in spec.titel else (30, 70)
            shape = placer.rectangle_in(buurt.geom.buffer(-15), size, size)
            geom: BaseGeometry = MultiPolygon([shape])
        else:
            geom = placer.point_in(buurt.geom, margin=40)
        if spec.jaar == 2017:
            status = "evaluatie"
        else:
            status = ("uitvoering", "buurtdeal_gesloten", "uitvoering", "evaluatie")[i % 4]
        rows.append((spec, geom, status))
        _deal_objects(rng, i, spec, geom, objects)
    return rows


def _deal_objects(rng: random.Random, index: int, spec: programme.DealSpec, geom: BaseGeometry,
                  objects: list[tuple]) -> None:
    """The playground a speelplek deal built and the green residents maintain under a green deal."""
    title = spec.titel
    if "Speelplek" in title or "Spelen" in title:
        beheerder = "bewoners" if "toezicht" in " ".join(spec.commitments.get("bewoners", [])).lower() else "gemeente"
        objects.append(("speelplek", title.replace("(1) ", ""), beheerder, index, geom.buffer(-3)))
    elif any(w in title for w in ("Groenimpuls", "Vergroening", "tuin", "Taludweg")):
        area = geom.geoms[0]
        minx, miny, maxx, maxy = area.bounds
        parts = rng.randint(2, 4)
        step = (maxx - minx) / parts
        for k in range(parts):
            strip = area.intersection(
                MultiPolygon([area]).envelope.intersection(
                    _box(minx + k * step + 2, miny, minx + (k + 1) * step - 2, maxy)))
            if not strip.is_empty and strip.area > 50:
                objects.append(("groen", f"{title} — vak {k + 1}", "bewoners", index, strip))
    elif "Zebrapad" in title:
        objects.append(("zebrapad", title, "gemeente", index, geom))


def _box(minx: float, miny: float, maxx: float, maxy: float):
    from shapely.geometry import box

    return box(minx, miny, maxx, maxy)


def _budgets(specs: list[programme.DealSpec], rng: random.Random) -> list[int]:
    """Budgets per deal; 2018 adds up to what Hilversum spent that year (EUR 463,499)."""
    weight = {"openbare_ruimte": 3.0, "ontmoeten": 1.6, "verkeer": 2.0, "veiligheid": 0.8, "zorgbehoefte": 1.2}
    raw = [weight[s.thema] * rng.uniform(0.6, 1.4) for s in specs]
    result = [0] * len(specs)
    for year, total in ((2017, 412_850), (2018, programme.SPENT_2018)):
        idx = [i for i, s in enumerate(specs) if s.jaar == year]
        scale = total / sum(raw[i] for i in idx)
        for i in idx:
            result[i] = int(round(raw[i] * scale, -2))
        result[idx[0]] += total - sum(result[i] for i in idx)
    return result


def _contact(rng: random.Random) -> tuple[str, str, str]:
    first, last = rng.choice(programme.FIRST_NAMES), rng.choice(programme.LAST_NAMES)
    email = f"{first.lower()}.{last.lower().replace(' ', '')}@example.nl"
    return f"{first} {last}", email, f"06-{rng.randint(10000000, 99999999)}"


def _insert_deals(conn: psycopg.Connection, rng: random.Random,
                  rows: list[tuple[programme.DealSpec, BaseGeometry, str]],
                  serves: dict[tuple[str, str], int]) -> list[int]:
    budgets = _budgets([r[0] for r in rows], rng)
    ids = []
    for (spec, geom, status), budget in zip(rows, budgets, strict=True):
        naam, email, tel = _contact(rng)
        submitted = date(spec.jaar - 1, rng.randint(3, 11), rng.randint(1, 28))
        priority = serves.get((spec.wijkcode, spec.titel)) if spec.jaar >= cycle.AGENDA_YEARS[0] else None
        init_id = conn.execute(
            f"INSERT INTO buurt.initiatief (titel, omschrijving, thema, status, ingediend_op, indiener_naam, "
            f"indiener_email, indiener_telefoon, gepubliceerd, wijkagenda_id, geom) "
            f"VALUES (%s, %s, %s, %s, %s, %s, %s, %s, true, %s, {GEOM}) RETURNING id",
            (spec.titel, f"Initiatief van bewoners: {spec.titel}.", spec.thema, status, submitted, naam, email, tel,
             priority, _wkb(geom))).fetchone()[0]
        published = spec.titel != "Aanpak verwarde personen"  # sensitive: kept off the public map
        deal_id = conn.execute(
            f"INSERT INTO buurt.buurtdeal (titel, omschrijving, jaar, thema, status, initiatief_id, budget_gemeente, "
            f"gepubliceerd, wijkagenda_id, groene_deal, geom) "
            f"VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, {GEOM}) RETURNING id",
            (spec.titel, f"Buurtdeal {spec.jaar}: {spec.titel}.", spec.jaar, spec.thema, status, init_id, budget,
             published, priority, cycle.is_green(spec.titel), _wkb(geom))).fetchone()[0]
        with conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO buurt.afspraak (buurtdeal_id, partij, omschrijving, gereed) VALUES (%s, %s, %s, %s)",
                [(deal_id, partij, text, status == "evaluatie")
                 for partij, texts in spec.commitments.items() for text in texts])
        _insert_poll(conn, rng, init_id, submitted)
        ids.append(deal_id)
    return ids


def _insert_poll(conn: psycopg.Connection, rng: random.Random, initiatief_id: int, submitted: date) -> None:
    respondents = rng.randint(25, 220)
    voor = int(respondents * rng.uniform(0.5, 0.9))
    tegen = int((respondents - voor) * rng.uniform(0.2, 0.7))
    neutraal = respondents - voor - tegen
    conn.execute("INSERT INTO buurt.peiling (initiatief_id, datum, voor, tegen, neutraal, respondenten, bron, "
                 "bron_ref) VALUES (%s, %s, %s, %s, %s, %s, 'Locali', %s)",
                 (initiatief_id, submitted + timedelta(days=rng.randint(20, 60)), voor, tegen, neutraal, respondents,
                  f"LOC-{initiatief_id:04d}"))


def _fill_assets(rng: random.Random, urban: list[geography.Buurt], all_buurten: list[geography.Buurt],
                 placer: Placer, objects: list[tuple]) -> None:
    def pick(pool: list[geography.Buurt]) -> geography.Buurt:
        return rng.choices(pool, weights=[b.geom.area for b in pool])[0]

    have = {s: sum(1 for o in objects if o[0] == s) for s in COUNTS}
    while have["speelplek"] < COUNTS["speelplek"]:
        buurt = pick(urban)
        street = rng.choice(STREETS)
        if rng.random() < 0.65:
            geom = placer.rectangle_in(buurt.geom.buffer(-10), (15, 45), (15, 40))
        else:
            geom = placer.point_in(buurt.geom)
        if geom is not None:
            objects.append(("speelplek", f"Speelplek {street}", "gemeente", None, geom))
            have["speelplek"] += 1
    while have["groen"] < COUNTS["groen"]:
        buurt = pick(urban if rng.random() < 0.85 else all_buurten)
        geom = placer.rectangle_in(buurt.geom.buffer(-8), (15, 110), (10, 70))
        if geom is not None:
            kind = rng.choice(["Plantsoen", "Grasveld", "Heesters", "Bomenrij", "Bloemenweide"])
            objects.append(("groen", f"{kind} {rng.choice(STREETS)}", "gemeente", None, MultiPolygon([geom])))
            have["groen"] += 1
    while have["zebrapad"] < COUNTS["zebrapad"]:
        geom = placer.point_in(pick(urban).geom, margin=20)
        if geom is not None:
            objects.append(("zebrapad", f"Zebrapad {rng.choice(STREETS)}", "gemeente", None, geom))
            have["zebrapad"] += 1


def _insert_objects(conn: psycopg.Connection, objects: list[tuple], deal_ids: list[int]) -> None:
    rows = []
    for n, (soort, naam, beheerder, deal_index, geom) in enumerate(objects, start=1):
        if geom.geom_type == "Polygon":
            geom = MultiPolygon([geom])
        deal_id = deal_ids[deal_index] if deal_index is not None else None
        rows.append((soort, naam, beheerder, deal_id, f"demo-{n:05d}", _wkb(geom)))
    with conn.cursor() as cur:
        cur.executemany(
            f"INSERT INTO buurt.beheerobject (soort, naam, beheerder, buurtdeal_id, bron, bron_id, geom) "
            f"VALUES (%s, %s, %s, %s, 'demo', %s, {GEOM})", rows)


def _insert_open_initiatives(conn: psycopg.Connection, rng: random.Random, urban: list[geography.Buurt],
                             placer: Placer) -> int:
    rows = []
    for titel, thema, status in programme.OPEN_INITIATIVES:
        buurt = rng.choice(urban)
        if rng.random() < 0.7:
            geom: BaseGeometry | None = placer.point_in(buurt.geom, margin=25)
        else:
            shape = placer.rectangle_in(buurt.geom.buffer(-15), (20, 60), (20, 60))
            geom = MultiPolygon([shape]) if shape is not None else None
        if geom is None:
            geom = placer.point_in(buurt.geom, margin=25)
        naam, email, tel = _contact(rng)
        submitted = date(2018, 1, 1) + timedelta(days=rng.randint(0, 330))
        planned = status == "gesprek_wederkerigheid"  # in the buurtactiviteitenplan 2019
        priority = cycle.priority_for_initiative(conn, buurt.wijkcode, thema) if status != "initiatief_binnen" else None
        rows.append((titel, f"{titel} — ingediend door bewoners uit {buurt.naam}.", thema, status, submitted,
                     naam, email, tel, status != "initiatief_binnen", priority, 2019 if planned else None,
                     (len(titel) * 250) if planned else None, _wkb(geom)))
    with conn.cursor() as cur:
        cur.executemany(
            f"INSERT INTO buurt.initiatief (titel, omschrijving, thema, status, ingediend_op, indiener_naam, "
            f"indiener_email, indiener_telefoon, gepubliceerd, wijkagenda_id, planjaar, begroting, geom) "
            f"VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, {GEOM})",
            rows)
    return len(rows)


def _insert_figures(conn: psycopg.Connection, rng: random.Random, geo: geography.Geography) -> None:
    code = geography.GEMEENTE[0]
    with conn.cursor() as cur:
        cur.executemany("INSERT INTO buurt.budget (gemeentecode, jaar, bedrag, omschrijving) VALUES (%s, %s, %s, %s)",
                        [(code, y, programme.BUDGET_PER_YEAR, "Buurtenbudget initiatieven en buurtdeals")
                         for y in (2017, 2018, 2019)])
        rows = []
        for b in geo.buurten:
            rural = b.wijkcode == geography.LANDELIJK[0]
            inwoners = rng.randint(20, 180) if rural else rng.randint(1400, 4200)
            base = {"rapportcijfer_woonomgeving": rng.uniform(6.8, 7.9), "sociale_cohesie": rng.uniform(5.8, 7.0),
                    "betrokkenheid_buurt": rng.uniform(27, 43)}
            target = {"rapportcijfer_woonomgeving": 7.5, "sociale_cohesie": 6.5, "betrokkenheid_buurt": 37}
            for year in (2016, 2017, 2018):
                rows.append((b.code, "inwoners", year, inwoners + (year - 2016) * rng.randint(-30, 60), None))
                for ind, value in base.items():
                    step = 0.05 if ind != "betrokkenheid_buurt" else 0.6
                    rows.append((b.code, ind, year, round(value + (year - 2016) * rng.uniform(-step, 2 * step), 1),
                                 target[ind]))
        cur.executemany("INSERT INTO buurt.buurtcijfer (buurtcode, indicator, jaar, waarde, streefwaarde, bron) "
                        "VALUES (%s, %s, %s, %s, %s, 'demo')", rows)
