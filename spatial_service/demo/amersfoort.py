"""Amersfoort (GM0307) for the buurtmonitor and buurtbudget demo: its 31 CBS wijken (codes and names of the
2014 wijk- en buurtkaart, DOMAIN.md) and 145 buurten on generated shapes around the RD origin (x 155 000,
y 463 000, the Onze Lieve Vrouwetoren, which lies in Wijk 01 Stadskern); the Stadspeiling figures 2014-2016 at
gemeente level with a target; plausible wijk and buurt figures; the 2017 buurtbudget and its allocation.

The buurt codes follow CBS's pattern (BU0307WWNN) but the buurt names are generated ("Stadskern 1"): the source
documents name Amersfoort's wijken, not its buurten. Shapes are Voronoi cells like Hilversum's.
"""

from __future__ import annotations

import math
import random

import shapely
import shapely.affinity
from shapely.geometry import Point, Polygon
from shapely.ops import unary_union

from spatial_service.db.connection import connect
from spatial_service.demo import geography, monitor
from spatial_service.errors import BuurtkaartError

GEMEENTE = ("GM0307", "Amersfoort")
ORIGIN = (155000.0, 463000.0)
AREA_M2 = 63.9e6
WIJKEN = ["Stadskern", "Zonnehof", "Soesterkwartier", "Isselt", "Bosgebied", "De Koppel", "De Kruiskamp",
          "Schothorst Zuid", "Schothorst Noord", "Liendert", "Rustenburg", "Stoutenburg-Noord", "Schuilenburg",
          "Randenbroek", "Vermeerkwartier", "Leusderkwartier", "De Berg Zuid", "De Berg Noord", "Hoogland",
          "Zielhorst", "Kattenbroek", "Calveen", "Park Schothorst", "Nieuwland", "Valleipoort", "Hooglanderveen",
          "Buitengebied West", "Vathorst-De Velden", "Vathorst-centrum", "Vathorst-De Bron", "Vathorst-De Laak"]
# buurten per wijk: 145 in all (CBS 2014); bigger and older wijken have more
BUURTEN_PER_WIJK = [9, 5, 6, 4, 3, 6, 5, 4, 4, 6, 5, 2, 5, 6, 5, 6, 4, 4, 8, 5, 6, 4, 3, 6, 3, 4, 3, 4, 2, 4, 4]
# the pilot areas of gebiedsgericht werken (DOMAIN.md), as wijkteam gebieden
GEBIEDEN = {"vathorst_hooglanderveen": ("Vathorst en Hooglanderveen", (26, 28, 29, 30, 31)),
            "liendert_rustenburg": ("Liendert en Rustenburg", (10, 11)),
            "randenbroek_schuilenburg": ("Randenbroek en Schuilenburg", (13, 14))}
# Stadspeiling at gemeente level (DOMAIN.md) and the target per indicator. The source lost which column is the
# target; as an assumption the target is "no lower than the lowest city level of 2014-2016", so a wijk below
# it lags behind the city (and becomes a priority wijk for the budget when it is sociale cohesie).
STADSPEILING = {"rapportcijfer_woonomgeving": ({2014: 7.3, 2015: 7.4, 2016: 7.4}, 7.3),
                "sociale_cohesie": ({2014: 6.4, 2015: 6.3, 2016: 6.4}, 6.3),
                "betrokkenheid_buurt": ({2014: 35, 2015: 34, 2016: 35}, 34)}
BUDGET_2017 = 1_000_000  # illustrative: the sources give no amount for Amersfoort's buurtbudget
MANUAL_PRIORITY = {10: "aandachtswijk (pilot Liendert en Rustenburg)", 11: "aandachtswijk (pilot Liendert en "
                   "Rustenburg)", 13: "aandachtswijk (pilot Randenbroek en Schuilenburg)",
                   14: "aandachtswijk (pilot Randenbroek en Schuilenburg)"}
SEED = 307
GEOM = "ST_SetSRID(ST_GeomFromWKB(decode(%s, 'hex')), 28992)"


def _outline(rng: random.Random) -> Polygon:
    """An irregular outline of Amersfoort's area around the origin (a bit wider east-west, like the town)."""
    radius = math.sqrt(AREA_M2 / math.pi)
    points = []
    for k in range(24):
        a = 2 * math.pi * k / 24
        r = radius * rng.uniform(0.85, 1.1)
        points.append((ORIGIN[0] + 1.15 * r * math.cos(a), ORIGIN[1] + 0.87 * r * math.sin(a)))
    poly = Polygon(points)
    return shapely.set_precision(shapely.affinity.scale(poly, math.sqrt(AREA_M2 / poly.area),
                                                        math.sqrt(AREA_M2 / poly.area), origin=ORIGIN), 0.01)


def build(seed: int = SEED) -> geography.Geography:
    rng = random.Random(seed)
    outline = _outline(rng)
    # Stadskern's seed at the origin, the other wijken on rings around it, then relaxed (Stadskern stays)
    seeds = [ORIGIN]
    for k in range(1, len(WIJKEN)):
        ring = 1 if k <= 9 else 2
        count = 9 if ring == 1 else len(WIJKEN) - 10
        idx = k - 1 if ring == 1 else k - 10
        a = 2 * math.pi * idx / count + (0.3 if ring == 2 else 0)
        r = (1500 if ring == 1 else 3300) * rng.uniform(0.9, 1.1)
        seeds.append((ORIGIN[0] + 1.1 * r * math.cos(a), ORIGIN[1] + 0.85 * r * math.sin(a)))
    seeds = geography._relax(seeds, outline, rounds=2, fixed=1)
    cells = geography._cells(seeds, outline)
    wijken: list[geography.Wijk] = []
    buurten: list[geography.Buurt] = []
    for n, (naam, cell, count) in enumerate(zip(WIJKEN, cells, BUURTEN_PER_WIJK, strict=True), start=1):
        code = f"WK0307{n:02d}"
        wijken.append(geography.Wijk(code, naam, cell, ""))
        bseeds = geography._relax(geography._random_points_in(cell, count, rng), cell, rounds=3)
        bcells = geography._cells(bseeds, cell)
        bcells.sort(key=lambda c: (-round(c.centroid.y, -2), c.centroid.x))
        for i, bcell in enumerate(bcells, start=1):
            buurten.append(geography.Buurt(f"BU0307{n:02d}{i:02d}", f"{naam} {i}", bcell, code))
    gemeente = geography.Area(GEMEENTE[0], GEMEENTE[1], geography._as_multi(unary_union([w.geom for w in wijken])))
    return geography.Geography(gemeente, wijken, buurten)


def load(dsn: str, seed: int = SEED) -> tuple[int, int]:
    """Insert Amersfoort in one transaction; refuses (nothing written) when GM0307 is already there."""
    conn = connect(dsn)
    try:
        with conn.transaction():
            if conn.execute("SELECT EXISTS (SELECT 1 FROM buurt.gemeente WHERE code = %s)",
                            (GEMEENTE[0],)).fetchone()[0]:
                raise BuurtkaartError("Amersfoort (GM0307) staat al in de database.")
            geo = build(seed)
            _insert(conn, geo, random.Random(seed + 1))
        return len(geo.wijken), len(geo.buurten)
    finally:
        conn.close()


def _insert(conn, geo: geography.Geography, rng: random.Random) -> None:
    code, naam = GEMEENTE
    conn.execute(f"INSERT INTO buurt.gemeente (code, naam, geom, bron, peiljaar) VALUES (%s, %s, {GEOM}, 'demo', 2014)",
                 (code, naam, geo.gemeente.geom.wkb_hex))
    gebied_of: dict[str, str] = {}
    with conn.cursor() as cur:
        for gcode, (gnaam, numbers) in GEBIEDEN.items():
            cur.execute("INSERT INTO buurt.gebied (code, naam, gemeentecode) VALUES (%s, %s, %s)", (gcode, gnaam, code))
            gebied_of.update({f"WK0307{n:02d}": gcode for n in numbers})
        cur.executemany(f"INSERT INTO buurt.wijk (code, naam, gemeentecode, gebiedcode, geom, bron, peiljaar) "
                        f"VALUES (%s, %s, %s, %s, {GEOM}, 'demo', 2014)",
                        [(w.code, f"Wijk {w.code[-2:]} {w.naam}", code, gebied_of.get(w.code), w.geom.wkb_hex)
                         for w in geo.wijken])
        cur.executemany(f"INSERT INTO buurt.buurt (code, naam, wijkcode, gemeentecode, geom, bron, peiljaar) "
                        f"VALUES (%s, %s, %s, %s, {GEOM}, 'demo', 2014)",
                        [(b.code, b.naam, b.wijkcode, code, b.geom.wkb_hex) for b in geo.buurten])
        rows = []
        for b in geo.buurten:
            rural = b.wijkcode in ("WK030705", "WK030727")
            inwoners = rng.randint(30, 400) if rural else rng.randint(600, 2600)
            # the pilot wijken start lower: that is why they are pilots
            dip = 0.35 if int(b.wijkcode[-2:]) in MANUAL_PRIORITY else 0.0
            for ind, (per_year, _target) in STADSPEILING.items():
                spread = 4.0 if ind == "betrokkenheid_buurt" else 0.45
                offset = rng.uniform(-spread, spread) - dip * (10 if ind == "betrokkenheid_buurt" else 1)
                for year, city in per_year.items():
                    wobble = rng.uniform(-0.3, 0.3) * (spread / 2)
                    rows.append((b.code, ind, year, round(city + offset + wobble, 1)))
            for year in (2014, 2015, 2016):
                rows.append((b.code, "inwoners", year, inwoners + (year - 2014) * rng.randint(-10, 40)))
        cur.executemany("INSERT INTO buurt.buurtcijfer (buurtcode, indicator, jaar, waarde, bron) "
                        "VALUES (%s, %s, %s, %s, 'demo')", rows)
    monitor.add_wijk_figures(conn, code, (2014, 2015, 2016))
    with conn.cursor() as cur:
        # the gemeente's own figures are the Stadspeiling's (not the mean of the generated buurten)
        for ind, (per_year, target) in STADSPEILING.items():
            for year in (*per_year, 2017):
                cur.execute("INSERT INTO buurt.gemeentecijfer (gemeentecode, indicator, jaar, waarde, streefwaarde, "
                            "bron) VALUES (%s, %s, %s, %s, %s, 'Stadspeiling (demo)') "
                            "ON CONFLICT (gemeentecode, indicator, jaar) DO UPDATE SET waarde = EXCLUDED.waarde, "
                            "streefwaarde = EXCLUDED.streefwaarde, "
                            "bron = EXCLUDED.bron", (code, ind, year, per_year.get(year), target))
        cur.execute("INSERT INTO buurt.budget (gemeentecode, jaar, bedrag, omschrijving) VALUES (%s, 2017, %s, %s) "
                    "ON CONFLICT DO NOTHING", (code, BUDGET_2017, "Buurtbudget gebiedsgericht werken (demo)"))
        cur.executemany("INSERT INTO buurt.prioriteitswijk (wijkcode, jaar, reden) VALUES (%s, 2017, %s)",
                        [(f"WK0307{n:02d}", reden) for n, reden in MANUAL_PRIORITY.items()])
        cur.execute("SELECT count(*) FROM buurt_app.budget_verdelen(%s, 2017)", (code,))


def origin_in_stadskern(geo: geography.Geography) -> bool:
    return next(w for w in geo.wijken if w.code == "WK030701").geom.contains(Point(ORIGIN))

