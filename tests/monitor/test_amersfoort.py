"""The Amersfoort demo against DOMAIN.md: 31 wijken with their CBS codes and names, the RD origin in Wijk 01
Stadskern, the Stadspeiling 2014-2016 at gemeente level with targets, and a 2017 allocation to the cent."""

from __future__ import annotations

import re
from decimal import Decimal

from spatial_service.demo import amersfoort
from spatial_service.paths import PROJECT_ROOT
from tests.monitor.conftest import rows

# shared/ lies next to the project (the lead's checkout) or further up (a worktree in wt/)
DOMAIN = next((p / "shared" / "DOMAIN.md" for p in PROJECT_ROOT.parents if (p / "shared" / "DOMAIN.md").exists()),
              PROJECT_ROOT.parent / "shared" / "DOMAIN.md")


def test_amersfoort_demo_matches_the_source(fresh_db):
    assert amersfoort.load(fresh_db.admin_dsn) == (31, 145)
    text = DOMAIN.read_text(encoding="utf-8")
    listing = text.split("Amersfoort (GM0307), CBS 2014: 31 wijken, 145 buurten. Wijken:")[1].split("(CBS names")[0]
    names = {f"WK0307{int(n):02d}": name.strip() for n, name in re.findall(r"(?:WK0307)?(\d\d) ([^,]+)", listing)}
    assert len(names) == 31
    got = dict(rows(fresh_db.admin_dsn, "SELECT code, naam FROM buurt.wijk WHERE gemeentecode = 'GM0307'"))
    assert got == {code: f"Wijk {code[-2:]} {name}" for code, name in names.items()}
    assert rows(fresh_db.admin_dsn, "SELECT count(*) FROM buurt.buurt WHERE gemeentecode = 'GM0307'") == [(145,)]
    assert rows(fresh_db.admin_dsn, "SELECT buurt_app.buurt_van(ST_SetSRID(ST_Point(155000, 463000), 28992)) "
                                    "LIKE 'BU030701%%'") == [(True,)]
    assert rows(fresh_db.admin_dsn, "SELECT jaar, waarde FROM buurt.gemeentecijfer WHERE gemeentecode = 'GM0307' "
                                    "AND indicator = 'sociale_cohesie' AND waarde IS NOT NULL ORDER BY jaar") == [
        (2014, Decimal("6.4")), (2015, Decimal("6.3")), (2016, Decimal("6.4"))]
    budget, total, n, prio = rows(fresh_db.admin_dsn, "SELECT b.bedrag, sum(v.bedrag), count(*), "
                                  "count(*) FILTER (WHERE v.prioriteit) FROM buurt.budgetverdeling v "
                                  "JOIN buurt.budget b USING (gemeentecode, jaar) WHERE v.gemeentecode = 'GM0307' "
                                  "GROUP BY 1")[0]
    assert total == budget and n == 31 and 0 < prio < 31
    # Hilversum (the session demo) keeps its own allocations
    assert rows(fresh_db.admin_dsn, "SELECT count(DISTINCT jaar) FROM buurt.budgetverdeling "
                                    "WHERE gemeentecode = 'GM0402'") == [(3,)]
