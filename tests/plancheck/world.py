"""A small constructed municipality with known geometry, so the plan check's areas and distances are exact.

Local coordinates (0..1000) are shifted to RD New (X0, Y0). The standard plan is the rectangle
x 400..600, y 400..500 (20 000 m²), half in each wijk.
"""

from __future__ import annotations

import psycopg

X0, Y0 = 140_000, 470_000


def rect(x1: float, y1: float, x2: float, y2: float) -> str:
    """EWKT of a rectangle in local coordinates."""
    pts = [(x1, y1), (x2, y1), (x2, y2), (x1, y2), (x1, y1)]
    return "SRID=28992;MULTIPOLYGON(((" + ",".join(f"{X0 + x} {Y0 + y}" for x, y in pts) + ")))"


def point(x: float, y: float) -> str:
    return f"SRID=28992;POINT({X0 + x} {Y0 + y})"


def line(*pts: tuple[float, float]) -> str:
    return "SRID=28992;LINESTRING(" + ",".join(f"{X0 + x} {Y0 + y}" for x, y in pts) + ")"


PLAN = rect(400, 400, 600, 500)

WORLD_SQL = f"""
INSERT INTO buurt.gemeente (code, naam, geom) VALUES ('GM9901', 'Proefstad', '{rect(0, 0, 1000, 1000)}');
INSERT INTO buurt.wijk (code, naam, gemeentecode, geom) VALUES
  ('WK990101', 'West', 'GM9901', '{rect(0, 0, 500, 1000)}'),
  ('WK990102', 'Oost', 'GM9901', '{rect(500, 0, 1000, 1000)}');
INSERT INTO buurt.buurt (code, naam, wijkcode, gemeentecode, geom) VALUES
  ('BU99010101', 'Westbuurt', 'WK990101', 'GM9901', '{rect(0, 0, 500, 1000)}'),
  ('BU99010201', 'Oostbuurt', 'WK990102', 'GM9901', '{rect(500, 0, 1000, 1000)}');

INSERT INTO buurt.buurtdeal (id, titel, jaar, thema, status, gepubliceerd, geom) VALUES
  (9001, 'Groenimpuls Proef', 2018, 'openbare_ruimte', 'uitvoering', false, '{point(100, 100)}'),
  (9002, 'Speelplek Zuidrand', 2018, 'openbare_ruimte', 'buurtdeal_gesloten', true, '{rect(380, 360, 420, 390)}');
INSERT INTO buurt.afspraak (id, buurtdeal_id, partij, omschrijving, gereed) VALUES
  (9101, 9001, 'bewoners', 'Onderhoud van het plantsoen', false),
  (9102, 9001, 'gemeente', 'Levert de beplanting', true),
  (9103, 9002, 'bewoners', 'Toezicht op de speelplek', false),
  (9104, 9002, 'gemeente', 'Bouwt de speelplek', false);

INSERT INTO buurt.beheerobject (id, soort, naam, beheerder, buurtdeal_id, geom) VALUES
  (9201, 'groen', 'Plantsoen Midden', 'bewoners', 9001, '{rect(450, 450, 550, 550)}'),
  (9202, 'groen', 'Grasveld West', 'gemeente', NULL, '{rect(300, 400, 420, 500)}'),
  (9203, 'speelplek', 'Speeltoestel Oost', 'gemeente', NULL, '{point(580, 420)}'),
  (9204, 'speelplek', 'Speelveld Noordoost', 'gemeente', NULL, '{rect(590, 480, 640, 520)}'),
  (9205, 'zebrapad', 'Zebrapad Middenweg', 'gemeente', NULL, '{line((500, 380), (500, 520))}'),
  (9206, 'zebrapad', 'Zebrapad Oostweg', 'gemeente', NULL, '{point(610, 450)}'),
  (9207, 'speelplek', 'Speelplek Ver Weg', 'gemeente', NULL, '{point(700, 450)}');

INSERT INTO buurt.initiatief (id, titel, thema, status, gepubliceerd, indiener_naam, indiener_email, geom) VALUES
  (9301, 'Bankje bij het plantsoen', 'ontmoeten', 'initiatief_binnen', true, 'Jan Geheim', 'jan@example.org',
   '{point(450, 480)}'),
  (9302, 'Geheime moestuin', 'openbare_ruimte', 'check_intern', false, 'Piet Verborgen', NULL, '{point(560, 460)}');
"""


def build(dsn: str) -> None:
    """Load the constructed municipality (committed) into an empty, installed database."""
    with psycopg.connect(dsn) as conn:
        conn.execute(WORLD_SQL)
