"""Demo geography for Hilversum (GM0402): the 9 CBS wijken and 42 buurten with their real codes and names
(wijk- en buurtkaart 2014), on plausible generated shapes that tile the municipality without overlap.

Shapes are Voronoi cells: wijk seeds inside the municipal outline, then buurt seeds inside each wijk, with a
few Lloyd relaxation rounds so cells look like neighbourhoods rather than shards. Landelijk gebied is the
rural rim: its seven buurten are cells of seeds near the outline.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import shapely
from shapely.geometry import MultiPolygon, Point, Polygon
from shapely.ops import unary_union

GEMEENTE = ("GM0402", "Hilversum")

# Outline in RD New, drawn over the real extent x 135 600-143 600, y 465 000-477 300, then scaled by SCALE
# about CENTRE (with every seed) so the area matches Hilversum's 46 km².
CENTRE = (139700.0, 471000.0)
SCALE = 0.86
OUTLINE = Polygon([
    (137900, 465000), (139600, 465350), (141300, 465100), (142700, 465900), (143600, 467600),
    (142900, 469300), (143400, 471300), (142500, 473000), (141900, 474600), (141500, 477300),
    (140100, 477100), (139500, 475300), (138700, 474100), (137300, 473600), (135600, 472400),
    (136700, 470900), (136100, 469000), (136900, 467300),
])

# (code, name, wijkteam gebied, seed of the wijk, buurt names in CBS order)
WIJKEN: list[tuple[str, str, str, tuple[float, float], list[str]]] = [
    ("WK040201", "Centrum", "Centrum", (140150, 470900),
     ["Centrum", "Havenstraatbuurt", "Sint Vitusbuurt", "Langgewenstbuurt"]),
    ("WK040202", "Noordwest", "Noord", (138700, 472000),
     ["Boomberg", "Raadhuiskwartier", "Trompenberg-Zuid", "Villaparken", "Trompenberg-Noord", "Mediapark"]),
    ("WK040203", "Zuidwest", "Zuid", (138450, 469700),
     ["Havenkwartier", "Het Rode Dorp", "Zeverijn", "Kerkelanden"]),
    ("WK040204", "Zuid", "Zuid", (139800, 468300),
     ["Bloemenkwartier Noord", "Bloemenkwartier Zuid", "Schrijverskwartier", "Staatsliedenkwartier",
      "Zeeheldenkwartier"]),
    ("WK040205", "Zuidoost", "Oost", (141500, 468600),
     ["Schilderskwartier", "'t Hoogt van 't Kruis", "Arenaparkkwartier", "West-Indiëkwartier",
      "Van Riebeeckkwartier", "Egelshoek"]),
    ("WK040206", "Oost", "Oost", (141750, 470800),
     ["Geuzenbuurt", "Electrobuurt", "Kleine Driftbuurt", "Liebergen", "Astronomischebuurt"]),
    ("WK040207", "Noordoost", "Noord", (141050, 472500),
     ["Johannes Geradtswegbuurt", "Erfgooiersbuurt", "Noord", "AZC Crailo"]),
    ("WK040208", "Hilversumse Meent", "Noord", (140500, 475300), ["Hilversumse Meent"]),
]
LANDELIJK = ("WK040209", "Landelijk gebied", "Centrum")
# Seeds of the seven rural buurten (91..97), near the outline: heath, woods and estates around the town.
LANDELIJK_SEEDS = [(136700, 472300), (137800, 466300), (140400, 465500), (142800, 466700),
                   (143000, 470400), (142200, 474200), (139600, 476300)]
GEBIEDEN = [("centrum", "Centrum"), ("noord", "Noord"), ("oost", "Oost"), ("zuid", "Zuid")]


@dataclass(frozen=True)
class Area:
    code: str
    naam: str
    geom: MultiPolygon


@dataclass(frozen=True)
class Wijk(Area):
    gebied: str


@dataclass(frozen=True)
class Buurt(Area):
    wijkcode: str


@dataclass(frozen=True)
class Geography:
    gemeente: Area
    wijken: list[Wijk]
    buurten: list[Buurt]


def _as_multi(geom) -> MultiPolygon:
    geom = shapely.make_valid(geom)
    polys = [g for g in getattr(geom, "geoms", [geom]) if isinstance(g, Polygon) and g.area > 1.0]
    return MultiPolygon(polys)


def _cells(seeds: list[tuple[float, float]], clip: Polygon | MultiPolygon) -> list[MultiPolygon]:
    """Voronoi cell of each seed, clipped, in seed order."""
    points = shapely.MultiPoint(seeds)
    diagram = shapely.voronoi_polygons(points, extend_to=clip.envelope.buffer(5000))
    cells = list(diagram.geoms)
    ordered = []
    for seed in seeds:
        p = Point(seed)
        cell = next(c for c in cells if c.contains(p) or c.touches(p))
        ordered.append(_as_multi(cell.intersection(clip)))
    return ordered


def _relax(seeds: list[tuple[float, float]], clip, rounds: int, fixed: int = 0) -> list[tuple[float, float]]:
    """Lloyd relaxation: move seeds (after the first `fixed`) to their cell's centroid."""
    for _ in range(rounds):
        cells = _cells(seeds, clip)
        seeds = seeds[:fixed] + [
            (round(c.centroid.x, 1), round(c.centroid.y, 1)) for c in cells[fixed:]
        ]
    return seeds


def _random_points_in(geom, n: int, rng: random.Random) -> list[tuple[float, float]]:
    minx, miny, maxx, maxy = geom.bounds
    pts: list[tuple[float, float]] = []
    while len(pts) < n:
        p = (round(rng.uniform(minx, maxx), 1), round(rng.uniform(miny, maxy), 1))
        if geom.contains(Point(p)) and all((p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2 > 150**2 for q in pts):
            pts.append(p)
    return pts


def _scaled(p: tuple[float, float]) -> tuple[float, float]:
    return (CENTRE[0] + (p[0] - CENTRE[0]) * SCALE, CENTRE[1] + (p[1] - CENTRE[1]) * SCALE)


def build(seed: int = 402) -> Geography:
    rng = random.Random(seed)
    outline = shapely.set_precision(Polygon([_scaled(p) for p in OUTLINE.exterior.coords]), 0.01)
    wijk_seeds = [_scaled(w[3]) for w in WIJKEN] + [_scaled(p) for p in LANDELIJK_SEEDS]
    wijk_cells = _cells(wijk_seeds, outline)

    wijken: list[Wijk] = []
    buurten: list[Buurt] = []
    for (code, naam, gebied, _seed, namen), cell in zip(WIJKEN, wijk_cells, strict=False):
        if len(namen) == 1:
            buurt_cells = [cell]
        else:
            seeds = _relax(_random_points_in(cell, len(namen), rng), cell, rounds=4)
            buurt_cells = _cells(seeds, cell)
            # biggest cell first is arbitrary; keep CBS order stable by sorting cells north-west to south-east
            buurt_cells.sort(key=lambda c: (-round(c.centroid.y, -2), c.centroid.x))
        wijken.append(Wijk(code, naam, cell, gebied))
        for i, (bnaam, bcell) in enumerate(zip(namen, buurt_cells, strict=True), start=1):
            buurten.append(Buurt(f"BU{code[2:]}{i:02d}", bnaam, bcell, code))

    rural = wijk_cells[len(WIJKEN):]
    lcode, lnaam, lgebied = LANDELIJK
    wijken.append(Wijk(lcode, lnaam, _as_multi(unary_union(rural)), lgebied))
    for i, cell in enumerate(rural, start=1):
        buurten.append(Buurt(f"BU{lcode[2:]}{90 + i:02d}", f"Landelijk gebied {90 + i}", cell, lcode))

    gemeente = Area(GEMEENTE[0], GEMEENTE[1], _as_multi(unary_union([w.geom for w in wijken])))
    return Geography(gemeente, wijken, buurten)
