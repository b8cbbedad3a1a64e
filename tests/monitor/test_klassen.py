"""Choropleth classes computed in SQL (publiek.cijferkaart, read by the public role) against an independent
computation here: quantile bounds with linear interpolation and each area's class."""

from __future__ import annotations

import json

from tests.monitor.conftest import rows


def quantile(values: list[float], q: float) -> float:
    s = sorted(values)
    pos = q * (len(s) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (pos - lo)


def test_classes_equal_an_independent_computation(demo_db):
    data = rows(demo_db.public_dsn, "SELECT publiek.cijferkaart('betrokkenheid_buurt', 2017, 'buurt', 'GM0402')")[0][0]
    data = data if isinstance(data, dict) else json.loads(data)
    values = dict(rows(demo_db.admin_dsn, "SELECT c.buurtcode, c.waarde::float FROM buurt.buurtcijfer c "
                                          "JOIN buurt.buurt b ON b.code = c.buurtcode WHERE b.gemeentecode = 'GM0402' "
                                          "AND c.indicator = 'betrokkenheid_buurt' AND c.jaar = 2017 "
                                          "AND c.waarde IS NOT NULL"))
    bounds = [quantile(list(values.values()), q) for q in (0, 0.2, 0.4, 0.6, 0.8, 1)]
    assert [round(b, 9) for b in data["grenzen"]] == [round(b, 9) for b in bounds]
    assert data["methode"] == "kwantielen" and len(data["indicator"]["kleuren"]) == 5
    for code, value in values.items():
        klasse = 1 + sum(1 for b in bounds[1:5] if value >= b)
        assert data["waarden"][code]["klasse"] == klasse, code
    assert {c for c, _ in values.items()} == set(data["waarden"])


def test_lower_is_better_reverses_the_ramp_and_missing_values_are_named(fresh_db):
    import psycopg

    with psycopg.connect(fresh_db.admin_dsn) as conn:
        conn.execute("UPDATE buurt.buurtcijfer SET waarde = NULL WHERE buurtcode = 'BU04020102' AND jaar = 2017")
    up = rows(fresh_db.public_dsn, "SELECT kleuren FROM publiek.indicator WHERE code = 'sociale_cohesie'")[0][0]
    down = rows(fresh_db.public_dsn,
                "SELECT kleuren FROM publiek.indicator WHERE code = 'huishoudens_laag_inkomen'")[0][0]
    ramps = dict(rows(fresh_db.admin_dsn, "SELECT code, kleuren FROM buurt_vl.kleurenschaal"))
    assert up == ramps["blauw"] and down == list(reversed(ramps["oranje"]))
    data = rows(fresh_db.public_dsn, "SELECT publiek.cijferkaart('sociale_cohesie', 2017, 'buurt', 'GM0402')")[0][0]
    assert {"code": "BU04020102", "naam": "Havenstraatbuurt"} in data["zonder_waarde"]
    assert "BU04020102" not in data["waarden"]
