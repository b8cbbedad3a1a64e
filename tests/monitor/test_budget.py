"""buurtkaart budget verdeel: base share + extra weight for priority wijken, exactly as the formula says, totals
equal to the budget to the cent (largest remainder), priority from indicators below target or a manual flag."""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal

import psycopg

from spatial_service.cli import main
from tests.monitor.conftest import fingerprint, rows


def settings(dsn: str, **values: str) -> None:
    with psycopg.connect(dsn) as conn:
        for key, value in values.items():
            conn.execute("UPDATE buurt_sys.instelling SET waarde = %s WHERE sleutel = %s", (value, key))


def expected(budget: Decimal, weights: dict[str, Decimal]) -> dict[str, Decimal]:
    """Independent largest-remainder allocation: floor to the cent, leftover cents to the largest remainders."""
    total = sum(weights.values())
    exact = {k: budget * w / total for k, w in weights.items()}
    floor = {k: v.quantize(Decimal("0.01"), rounding=ROUND_FLOOR) for k, v in exact.items()}
    left = int((budget - sum(floor.values())) * 100)
    for k in sorted(exact, key=lambda k: (-(exact[k] - floor[k]), k))[:left]:
        floor[k] += Decimal("0.01")
    return floor


def stored(dsn: str, year: int) -> dict[str, tuple]:
    return {r[0]: r[1:] for r in rows(dsn, "SELECT wijkcode, grondslag, prioriteit, gewicht, bedrag, toelichting "
                                           "FROM buurt.budgetverdeling WHERE gemeentecode = 'GM0402' AND jaar = %s",
                                      (year,))}


def test_weights_change_the_allocation_exactly_as_the_formula_says(fresh_db, capsys):
    dsn = fresh_db.admin_dsn
    with psycopg.connect(dsn) as conn:
        conn.execute("UPDATE buurt.budget SET bedrag = 123456.79 WHERE gemeentecode = 'GM0402' AND jaar = 2018")
        conn.execute("DELETE FROM buurt.prioriteitswijk")
    settings(dsn, budget_grondslag="gelijk", budget_prioriteit_extra="0", budget_prioriteit_indicatoren="")
    assert main(["budget", "verdeel", "--gemeente", "GM0402", "--jaar", "2018", "--dsn", fresh_db.editor_dsn]) == 0
    out = capsys.readouterr().out
    assert "Buurtbudget GM0402 2018: EUR 123.456,79 over 9 wijken" in out
    equal = stored(dsn, 2018)
    assert {k: v[3] for k, v in equal.items()} == expected(Decimal("123456.79"), {k: Decimal(1) for k in equal})
    assert sum(v[3] for v in equal.values()) == Decimal("123456.79")

    # per inhabitant, with a manual priority wijk weighing 1.75 times
    with psycopg.connect(dsn) as conn:
        conn.execute("INSERT INTO buurt.prioriteitswijk VALUES ('WK040205', 2018, 'veel overlast')")
    settings(dsn, budget_grondslag="inwoners", budget_prioriteit_extra="0.75")
    assert main(["budget", "verdeel", "--gemeente", "GM0402", "--jaar", "2018", "--dsn", fresh_db.editor_dsn]) == 0
    got = stored(dsn, 2018)
    inhabitants = dict(rows(dsn, "SELECT b.wijkcode, sum(c.waarde) FROM buurt.buurtcijfer c JOIN buurt.buurt b "
                                 "ON b.code = c.buurtcode WHERE c.indicator = 'inwoners' AND c.jaar = 2018 "
                                 "AND NOT EXISTS (SELECT 1 FROM buurt.wijkcijfer w WHERE w.wijkcode = b.wijkcode "
                                 "AND w.indicator = 'inwoners' AND w.jaar = 2018) GROUP BY 1"))
    inhabitants.update(rows(dsn, "SELECT wijkcode, waarde FROM buurt.wijkcijfer WHERE indicator = 'inwoners' "
                                 "AND jaar = 2018"))
    weights = {k: Decimal(inhabitants[k]) * (Decimal("1.75") if k == "WK040205" else 1) for k in got}
    assert {k: v[3] for k, v in got.items()} == expected(Decimal("123456.79"), weights)
    assert got["WK040205"][1] is True and "handmatig: veel overlast" in got["WK040205"][4]
    assert "+75 %" in got["WK040205"][4] and "basisdeel naar inwoners" in got["WK040205"][4]
    assert sum(v[3] for v in got.values()) == Decimal("123456.79")
    assert got["WK040205"][3] > equal["WK040205"][3]


def test_priority_from_an_indicator_below_target(fresh_db):
    dsn = fresh_db.admin_dsn
    with psycopg.connect(dsn) as conn:
        conn.execute("DELETE FROM buurt.prioriteitswijk")
        # every wijk meets a low target, one wijk gets a high target of its own for 2017
        conn.execute("UPDATE buurt.gemeentecijfer SET streefwaarde = 1 WHERE indicator = 'sociale_cohesie'")
        conn.execute("UPDATE buurt.wijkcijfer SET streefwaarde = 9.5 WHERE wijkcode = 'WK040203' "
                     "AND indicator = 'sociale_cohesie' AND jaar = 2017")
    settings(dsn, budget_prioriteit_indicatoren="sociale_cohesie", budget_prioriteit_extra="1")
    with psycopg.connect(fresh_db.editor_dsn) as conn:
        conn.execute("SELECT buurt_app.budget_verdelen('GM0402', 2018)")
    got = stored(dsn, 2018)
    assert [k for k, v in got.items() if v[1]] == ["WK040203"]
    assert "Schaalscore sociale cohesie 2017" in got["WK040203"][4] and "streefwaarde 9.5" in got["WK040203"][4]
    assert got["WK040203"][2] == 2 * got["WK040203"][0]
    # set against the deals of that wijk and year
    report = rows(fresh_db.editor_dsn, "SELECT wijkcode, bedrag, toegezegd, resterend FROM "
                                       "buurt_app.rapport_budgetverdeling('GM0402', 2018)")
    deals = dict(rows(dsn, "SELECT d.wijkcode, sum(d.budget_gemeente) FROM buurt.buurtdeal d JOIN buurt_vl.status s "
                           "ON s.code = d.status WHERE d.jaar = 2018 AND s.deal_gesloten GROUP BY 1"))
    assert deals and all(t == deals.get(w, 0) and r == b - t for w, b, t, r in report)


def test_refusals_are_dutch_and_change_nothing(fresh_db, capsys):
    before = fingerprint(fresh_db.admin_dsn)
    assert main(["budget", "verdeel", "--gemeente", "GM0402", "--jaar", "2030", "--dsn", fresh_db.editor_dsn]) == 2
    assert "Gemeente GM0402 heeft geen buurtbudget voor 2030" in capsys.readouterr().err
    assert main(["budget", "verdeel", "--gemeente", "Hilversum", "--jaar", "2018", "--dsn", fresh_db.editor_dsn]) == 2
    assert "--gemeente Hilversum: verwacht een CBS-gemeentecode" in capsys.readouterr().err
    settings(fresh_db.admin_dsn, budget_grondslag="per hoofd")
    before = fingerprint(fresh_db.admin_dsn)
    assert main(["budget", "verdeel", "--gemeente", "GM0402", "--jaar", "2018", "--dsn", fresh_db.editor_dsn]) == 2
    assert 'Instelling budget_grondslag is "per hoofd"' in capsys.readouterr().err
    assert fingerprint(fresh_db.admin_dsn) == before
