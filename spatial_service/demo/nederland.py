"""A deterministic national dataset: 342 gemeenten (~3,300 wijken, ~14,000 buurten, CBS-style codes), 1,000,000
objects in the public space and 50,000 initiatives and deals, for the national benchmarks and (as a small slice)
the tests. The same seed and sizes give the same rows on every machine.

Geography: the gemeenten tile the Netherlands' RD box as a grid; each splits into rows of wijken, each wijk into
rows of buurten. Every horizontal boundary is one wavy line (a function of its own y and of x, sampled on a
global 100 m grid) and every vertical one is straight on that grid, so neighbours share their boundary vertex
for vertex and a gemeente is exactly the union of its wijken and buurten: valid polygons, no gaps, no overlaps,
and boundaries with enough vertices (~100 per buurt) that the low zooms need generalising.

Loading bypasses the row triggers (session_replication_role = replica, as the superuser): the generator sets
the derived columns itself, and a million audit rows or notifications would only measure something else. The
real import path (triggers, merge) is what `benchmarks/` measures separately.
"""

from __future__ import annotations

import hashlib
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field

from spatial_service.db.connection import connect

SEED = 342
RD_BOX = (13_000.0, 306_000.0, 278_000.0, 619_000.0)  # the Netherlands in RD New (m)
GRID_M = 100.0  # every vertical boundary and every boundary vertex lies on this grid
WAVE_M = 40.0  # amplitude of the horizontal boundaries; rows are >= 600 m tall, so rings never cross
WAVELENGTH_M = 1_700.0
MARGIN_M = 80.0  # objects keep this far from a buurt's bounding lines (> WAVE_M: they stay inside)
NATIONAL = {"gemeenten": 342, "objecten": 1_000_000, "programma": 50_000}
SOORTEN = [("groen", 0.5), ("speelplek", 0.3), ("zebrapad", 0.2)]


@dataclass(frozen=True)
class Area:
    code: str
    naam: str
    x0: float
    x1: float
    y0: float
    y1: float


@dataclass
class Country:
    gemeenten: list[Area] = field(default_factory=list)
    wijken: list[tuple[Area, str]] = field(default_factory=list)  # (wijk, gemeentecode)
    buurten: list[tuple[Area, str, str]] = field(default_factory=list)  # (buurt, wijkcode, gemeentecode)


def _snap(x: float) -> float:
    return round(x / GRID_M) * GRID_M


def wavy_y(line_y: float, x: float) -> float:
    """The y of horizontal boundary `line_y` at x: one function for every area that shares the line."""
    phase = (line_y * 0.013) % (2 * math.pi)
    return line_y + WAVE_M * math.sin(2 * math.pi * x / WAVELENGTH_M + phase)


def ring(a: Area) -> list[tuple[float, float]]:
    """The area's boundary, counter-clockwise: wavy bottom and top on the grid, straight sides."""
    steps = round((a.x1 - a.x0) / GRID_M)
    xs = [a.x0 + i * GRID_M for i in range(steps + 1)]
    bottom = [(x, round(wavy_y(a.y0, x), 2)) for x in xs]
    top = [(x, round(wavy_y(a.y1, x), 2)) for x in reversed(xs)]
    return [*bottom, *top, bottom[0]]


def wkt(a: Area) -> str:
    return "SRID=28992;MULTIPOLYGON(((" + ",".join(f"{x:.2f} {y:.2f}" for x, y in ring(a)) + ")))"


def _rows_of(count: int, rng: random.Random) -> list[int]:
    """Split `count` areas over rows: how many in each row (row-major, near-square)."""
    rows = max(1, round(math.sqrt(count)))
    base, extra = divmod(count, rows)
    sizes = [base + (1 if i < extra else 0) for i in range(rows)]
    rng.shuffle(sizes)
    return sizes


def _split(parent: Area, count: int, rng: random.Random) -> list[tuple[float, float, float, float]]:
    """`count` rectangles (x0, x1, y0, y1) tiling the parent: rows of cells, x on the grid."""
    sizes = _rows_of(count, rng)
    cells = []
    height = (parent.y1 - parent.y0) / len(sizes)
    for r, n in enumerate(sizes):
        y0 = parent.y0 + r * height
        y1 = parent.y1 if r == len(sizes) - 1 else parent.y0 + (r + 1) * height
        cuts = [parent.x0, *(_snap(parent.x0 + (parent.x1 - parent.x0) * i / n) for i in range(1, n)), parent.x1]
        cells.extend((cuts[i], cuts[i + 1], y0, y1) for i in range(n))
    return cells


def geography(seed: int = SEED, gemeenten: int = NATIONAL["gemeenten"]) -> Country:
    """Gemeenten GM0001.. on a grid over the RD box (a slice: the first n cells), wijken WKggggww, buurten
    BUggggwwbb. ~9.6 wijken per gemeente and ~4.3 buurten per wijk, as CBS has nationally."""
    rng = random.Random(seed)
    x0, y0, x1, y1 = RD_BOX
    cols = math.ceil(math.sqrt(NATIONAL["gemeenten"] * (x1 - x0) / (y1 - y0)))
    rows = math.ceil(NATIONAL["gemeenten"] / cols)
    w, h = _snap((x1 - x0) / cols), (y1 - y0) / rows
    country = Country()
    for g in range(gemeenten):
        r, c = divmod(g, cols)
        gem = Area(f"GM{g + 1:04d}", f"Gemeente {g + 1:03d}", x0 + c * w, x0 + (c + 1) * w, y0 + r * h,
                   y0 + (r + 1) * h)
        country.gemeenten.append(gem)
        n_wijken = rng.randint(6, 13)
        for wi, (wx0, wx1, wy0, wy1) in enumerate(_split(gem, n_wijken, rng), start=1):
            wijk = Area(f"WK{g + 1:04d}{wi:02d}", f"Wijk {wi:02d} {gem.naam}", wx0, wx1, wy0, wy1)
            country.wijken.append((wijk, gem.code))
            n_buurten = rng.choice([2, 3, 4, 4, 5, 5, 6, 6])
            for bi, (bx0, bx1, by0, by1) in enumerate(_split(wijk, n_buurten, rng), start=1):
                buurt = Area(f"BU{g + 1:04d}{wi:02d}{bi:02d}", f"Buurt {wi:02d}{bi:02d} {gem.naam}",
                             bx0, bx1, by0, by1)
                country.buurten.append((buurt, wijk.code, gem.code))
    return country


def _point_in(b: Area, rng: random.Random) -> tuple[float, float]:
    return (round(rng.uniform(b.x0 + MARGIN_M, b.x1 - MARGIN_M), 2),
            round(rng.uniform(b.y0 + MARGIN_M, b.y1 - MARGIN_M), 2))


def objects(country: Country, count: int, seed: int = SEED) -> Iterator[tuple]:
    """(soort, naam, geom EWKT, buurtcode, wijkcode, gemeentecode, bron_id): spread evenly over the buurten."""
    rng = random.Random(seed * 7 + 1)
    kinds = [k for k, _ in SOORTEN]
    weights = [w for _, w in SOORTEN]
    buurten = country.buurten
    for i in range(count):
        b, wijkcode, gemcode = buurten[i % len(buurten)]
        soort = rng.choices(kinds, weights)[0]
        x, y = _point_in(b, rng)
        if soort == "groen":
            s = rng.uniform(8, 35)
            geom = (f"SRID=28992;MULTIPOLYGON((({x:.2f} {y:.2f},{x + s:.2f} {y:.2f},{x + s:.2f} {y + s:.2f},"
                    f"{x:.2f} {y + s:.2f},{x:.2f} {y:.2f})))")
        else:
            geom = f"SRID=28992;POINT({x:.2f} {y:.2f})"
        yield (soort, f"{soort.capitalize()} {i + 1}", geom, b.code, wijkcode, gemcode, f"nl/{i + 1}")


def programme(country: Country, count: int, seed: int = SEED) -> Iterator[tuple[str, tuple]]:
    """('initiatief'|'buurtdeal', row): 60 % initiatives, 40 % deals, points in their buurt."""
    rng = random.Random(seed * 11 + 3)
    themes = ["ontmoeten", "veiligheid", "verkeer", "openbare_ruimte", "zorgbehoefte"]
    buurten = country.buurten
    for i in range(count):
        b, wijkcode, gemcode = buurten[rng.randrange(len(buurten))]
        x, y = _point_in(b, rng)
        geom = f"SRID=28992;POINT({x:.2f} {y:.2f})"
        thema = rng.choice(themes)
        published = rng.random() < 0.7
        if i % 5 < 3:
            status = rng.choice(["initiatief_binnen", "check_intern", "gesprek_wederkerigheid"])
            yield "initiatief", (f"Initiatief {i + 1}", thema, status, f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
                                 published, geom, b.code, wijkcode, gemcode)
        else:
            yield "buurtdeal", (f"Buurtdeal {i + 1}", 2020 + i % 6, thema, "gesprek_wederkerigheid",
                                round(rng.uniform(500, 25_000), 2), published, geom, b.code, wijkcode, gemcode)


@dataclass
class Loaded:
    gemeenten: int
    wijken: int
    buurten: int
    objecten: int
    initiatieven: int
    buurtdeals: int


def load(dsn: str, *, seed: int = SEED, gemeenten: int = NATIONAL["gemeenten"],
         objecten: int = NATIONAL["objecten"], programma: int = NATIONAL["programma"],
         progress: bool = False) -> Loaded:
    """Everything in one transaction with COPY, into an installed, empty Buurtkaart database (superuser DSN)."""
    country = geography(seed, gemeenten)
    counts = {"initiatief": 0, "buurtdeal": 0}
    with connect(dsn) as conn, conn.transaction():
        # the generator sets the derived columns itself; see the module docstring
        conn.execute("SET LOCAL session_replication_role = replica")
        with conn.cursor().copy("COPY buurt.gemeente (code, naam, geom, bron) FROM STDIN") as copy:
            for g in country.gemeenten:
                copy.write_row((g.code, g.naam, wkt(g), "nederland"))
        with conn.cursor().copy("COPY buurt.wijk (code, naam, gemeentecode, geom, bron) FROM STDIN") as copy:
            for w, gem in country.wijken:
                copy.write_row((w.code, w.naam, gem, wkt(w), "nederland"))
        with conn.cursor().copy(
                "COPY buurt.buurt (code, naam, wijkcode, gemeentecode, geom, bron) FROM STDIN") as copy:
            for b, wijk, gem in country.buurten:
                copy.write_row((b.code, b.naam, wijk, gem, wkt(b), "nederland"))
        with conn.cursor().copy(
                "COPY buurt.beheerobject (soort, naam, geom, buurtcode, wijkcode, gemeentecode, bron_id, bron, "
                "aangemaakt_door) FROM STDIN") as copy:
            for n, row in enumerate(objects(country, objecten, seed), start=1):
                copy.write_row((*row, "nederland", "generator"))
                if progress and n % 100_000 == 0:
                    print(f"  {n:,} objecten".replace(",", "."), flush=True)
        # two COPYs cannot run at once on one connection: one pass per table, same generator, same order
        for kind, table, columns in (
                ("initiatief", "initiatief", "titel, thema, status, ingediend_op, gepubliceerd, geom, buurtcode, "
                                             "wijkcode, gemeentecode"),
                ("buurtdeal", "buurtdeal", "titel, jaar, thema, status, budget_gemeente, gepubliceerd, geom, "
                                           "buurtcode, wijkcode, gemeentecode")):
            with conn.cursor().copy(f"COPY buurt.{table} ({columns}) FROM STDIN") as copy:
                for k, row in programme(country, programma, seed):
                    if k == kind:
                        copy.write_row(row)
                        counts[kind] += 1
    with connect(dsn) as conn:
        conn.autocommit = True
        conn.execute("ANALYZE")
    return Loaded(len(country.gemeenten), len(country.wijken), len(country.buurten), objecten,
                  counts["initiatief"], counts["buurtdeal"])


FINGERPRINT_QUERY = """
SELECT md5(string_agg(t, '|' ORDER BY t)) FROM (
  SELECT 'g' || code || naam || md5(ST_AsBinary(geom)) AS t FROM buurt.gemeente
  UNION ALL SELECT 'w' || code || gemeentecode || md5(ST_AsBinary(geom)) FROM buurt.wijk
  UNION ALL SELECT 'b' || code || wijkcode || md5(ST_AsBinary(geom)) FROM buurt.buurt
  UNION ALL SELECT 'o' || bron_id || soort || buurtcode || md5(ST_AsBinary(geom)) FROM buurt.beheerobject
  UNION ALL SELECT 'i' || titel || status || buurtcode || md5(ST_AsBinary(geom)) FROM buurt.initiatief
  UNION ALL SELECT 'd' || titel || jaar || buurtcode || md5(ST_AsBinary(geom)) FROM buurt.buurtdeal) x
"""


def fingerprint(dsn: str) -> str:
    """One hash over every generated row and geometry (ids left out: they come from sequences)."""
    with connect(dsn) as conn:
        return conn.execute(FINGERPRINT_QUERY).fetchone()[0]


def stream_fingerprint(seed: int = SEED, gemeenten: int = 5, objecten: int = 2_000, programma: int = 200) -> str:
    """The same idea without a database: a hash of the generated rows themselves."""
    h = hashlib.sha256()
    country = geography(seed, gemeenten)
    for g in country.gemeenten:
        h.update(wkt(g).encode())
    for b, wijk, gem in country.buurten:
        h.update(f"{b.code}{wijk}{gem}{wkt(b)}".encode())
    for row in objects(country, objecten, seed):
        h.update(repr(row).encode())
    for row in programme(country, programma, seed):
        h.update(repr(row).encode())
    return h.hexdigest()
