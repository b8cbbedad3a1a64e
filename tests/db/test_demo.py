"""The Hilversum demo against the source: codes and names, deals per wijk as in DOMAIN.md, a real tiling."""

from __future__ import annotations

import re

import pytest

from spatial_service.demo import geography, programme
from spatial_service.paths import PROJECT_ROOT

# shared/ lies next to the project (the lead's checkout) or further up (an engineer's worktree in wt/)
DOMAIN = next((p / "shared" / "DOMAIN.md" for p in PROJECT_ROOT.parents if (p / "shared" / "DOMAIN.md").exists()),
              PROJECT_ROOT.parent / "shared" / "DOMAIN.md")
WIJK_NAMES = {"Centrum": "WK040201", "Noordwest": "WK040202", "Zuidwest": "WK040203", "Zuid": "WK040204",
              "Zuidoost": "WK040205", "Oost": "WK040206", "Noordoost": "WK040207", "Hilversumse Meent": "WK040208"}


def _domain_text() -> str:
    assert DOMAIN.exists(), f"{DOMAIN} ontbreekt: shared/ hoort naast de projectmap"
    return DOMAIN.read_text(encoding="utf-8")


def _deals_per_wijk_from_domain() -> dict[str, int]:
    section = _domain_text().split("## Buurtdeals 2017–2018 per wijk")[1].split("\n## ")[0]
    counts = {}
    for line in section.splitlines():
        m = re.match(r"- (.+?) — (.*)", line)
        if not m:
            continue
        items = 0
        for part in re.split(r"; (?=20\d\d:)", m.group(2)):
            body = part.split(":", 1)[1].rstrip(".")
            # commas inside parentheses belong to one deal
            depth, n = 0, 1
            for ch in body:
                depth += ch == "("
                depth -= ch == ")"
                n += ch == "," and depth == 0
            items += n
        counts[WIJK_NAMES[m.group(1)]] = items
    return counts


def _buurten_from_domain() -> dict[str, str]:
    table = _domain_text().split("| wijk | buurten |")[1].split("\n\n")[0]
    result = {}
    for line in table.splitlines():
        m = re.match(r"\| (WK\d{6}) [^|]+\| (.+) \|", line)
        if not m or m.group(1) == "WK040209":
            continue
        for i, item in enumerate(m.group(2).split(", "), start=1):
            name = re.sub(r"^(BU\d{8}|\d\d) ", "", item)
            result[f"BU{m.group(1)[2:]}{i:02d}"] = name
    return result


def test_deals_per_wijk_match_domain(admin_conn):
    expected = _deals_per_wijk_from_domain()
    assert sum(expected.values()) == len(programme.DEALS)
    got = dict(admin_conn.execute("SELECT wijkcode, count(*) FROM buurt.buurtdeal GROUP BY 1").fetchall())
    assert got == expected


def test_buurt_codes_and_names_match_domain(admin_conn):
    expected = _buurten_from_domain()
    got = dict(admin_conn.execute("SELECT code, naam FROM buurt.buurt WHERE wijkcode <> 'WK040209'").fetchall())
    assert got == expected
    assert admin_conn.execute("SELECT count(*) FROM buurt.buurt").fetchone()[0] == 42
    assert admin_conn.execute("SELECT count(*) FROM buurt.wijk").fetchone()[0] == 9


def test_buurten_tile_the_gemeente_without_overlap(admin_conn):
    overlap, gaps, area, xmin, ymin, xmax, ymax = admin_conn.execute("""
        SELECT (SELECT coalesce(sum(ST_Area(ST_Intersection(a.geom, b.geom))), 0) FROM buurt.buurt a
                  JOIN buurt.buurt b ON a.code < b.code AND ST_Intersects(a.geom, b.geom)),
               ST_Area(ST_Difference(g.geom, (SELECT ST_Union(geom) FROM buurt.buurt))),
               ST_Area(g.geom), ST_XMin(g.geom), ST_YMin(g.geom), ST_XMax(g.geom), ST_YMax(g.geom)
          FROM buurt.gemeente g""").fetchone()
    assert overlap < 1.0 and gaps < 1.0
    assert 44e6 < area < 48e6  # Hilversum: about 46 km²
    assert xmin >= 135_600 and xmax <= 143_600 and ymin >= 465_000 and ymax <= 477_300


def test_every_wijk_is_the_union_of_its_buurten(admin_conn):
    diff = admin_conn.execute("""
        SELECT max(ST_Area(ST_SymDifference(w.geom, u.geom))) FROM buurt.wijk w
          JOIN (SELECT wijkcode, ST_Union(geom) geom FROM buurt.buurt GROUP BY 1) u ON u.wijkcode = w.code
        """).fetchone()[0]
    assert diff < 1.0


def test_worked_examples_have_their_real_commitments(admin_conn):
    for title, sides in programme.WORKED_EXAMPLES.items():
        rows = admin_conn.execute("SELECT a.partij, a.omschrijving FROM buurt.afspraak a JOIN buurt.buurtdeal d "
                                  "ON d.id = a.buurtdeal_id WHERE d.titel = %s ORDER BY a.id", (title,)).fetchall()
        assert rows == [(p, t) for p, texts in sides.items() for t in texts]


def test_initiatives_in_every_workflow_state(admin_conn):
    states = {r[0] for r in admin_conn.execute("SELECT DISTINCT status FROM buurt.initiatief").fetchall()}
    all_states = {r[0] for r in admin_conn.execute("SELECT code FROM buurt_vl.status").fetchall()}
    assert states == all_states


def test_asset_counts_and_green_maintained_by_residents(admin_conn):
    counts = dict(admin_conn.execute("SELECT soort, count(*) FROM buurt.beheerobject GROUP BY 1").fetchall())
    assert counts == {"speelplek": 150, "groen": 600, "zebrapad": 80}
    residents = admin_conn.execute("SELECT count(*) FROM buurt.beheerobject o JOIN buurt.buurtdeal d "
                                   "ON d.id = o.buurtdeal_id WHERE o.soort = 'groen' AND o.beheerder = 'bewoners' "
                                   "AND d.titel LIKE 'Groenimpuls%%'").fetchone()[0]
    assert residents >= 10
    assert admin_conn.execute("SELECT count(*) FROM buurt.beheerobject WHERE buurtcode IS NULL").fetchone()[0] == 0


def test_2018_deals_spend_what_hilversum_spent(admin_conn):
    spent = admin_conn.execute("SELECT sum(budget_gemeente) FROM buurt.buurtdeal WHERE jaar = 2018").fetchone()[0]
    assert spent == programme.SPENT_2018


@pytest.mark.parametrize("seed", [402])
def test_geography_is_deterministic(seed):
    a, b = geography.build(seed), geography.build(seed)
    assert [x.geom.wkb for x in a.buurten] == [x.geom.wkb for x in b.buurten]


def test_demo_refuses_a_database_that_has_data(demo_db):
    from spatial_service.demo import hilversum
    from spatial_service.errors import BuurtkaartError

    with pytest.raises(BuurtkaartError, match="bevat al gemeentegrenzen"):
        hilversum.load(demo_db.admin_dsn)
