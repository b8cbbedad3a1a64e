"""The buurtmonitor routes on the real service (public role): figures, classes, trend and allocation as JSON,
bad parameters refused in Dutch naming the parameter."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.monitor.conftest import rows
from tests.service.conftest import start_server


@pytest.fixture(scope="module")
def api(demo_db):
    running = start_server(demo_db)
    client = running.client()
    yield client
    client.close()
    running.stop()


def test_indicator_list_years_and_gemeenten(api):
    data = api.get("/cijfers/indicatoren.json").json()
    by_code = {i["code"]: i for i in data["indicatoren"]}
    assert by_code["sociale_cohesie"]["jaren"] == [2016, 2017, 2018]
    assert "huishoudens_laag_inkomen" not in by_code  # no figures yet: not offered
    assert [(g["code"], g["naam"], g["budgetjaren"]) for g in data["gemeenten"]] == [
        ("GM0402", "Hilversum", [2017, 2018, 2019])]
    lon0, lat0, lon1, lat1 = data["gemeenten"][0]["bbox"]
    assert 5.0 < lon0 < lon1 < 5.4 and 52.1 < lat0 < lat1 < 52.4  # Hilversum in WGS84


def test_figures_for_wijken_and_the_trend(api, demo_db):
    data = api.get("/cijfers.json", params={"indicator": "rapportcijfer_woonomgeving", "jaar": 2017,
                                             "niveau": "wijk", "gemeente": "GM0402"}).json()
    stored = dict(rows(demo_db.admin_dsn, "SELECT wijkcode, waarde::float FROM buurt.wijkcijfer WHERE jaar = 2017 "
                                          "AND indicator = 'rapportcijfer_woonomgeving'"))
    assert {c: v["waarde"] for c, v in data["waarden"].items()} == stored
    assert all(v["streefwaarde"] == 7.5 for v in data["waarden"].values())  # the gemeente's target applies
    assert all(v["gehaald"] == (v["waarde"] >= 7.5) for v in data["waarden"].values())
    trend = api.get("/cijfers/trend.json", params={"code": "WK040201", "indicator": "sociale_cohesie"}).json()
    assert trend["naam"] == "Centrum" and [r["jaar"] for r in trend["reeks"]] == [2016, 2017, 2018]
    assert "indiener" not in str(data) + str(trend)


def test_budget_per_wijk_sums_to_the_budget(api, demo_db):
    data = api.get("/budget.json", params={"gemeente": "GM0402", "jaar": 2018}).json()
    budget = rows(demo_db.admin_dsn, "SELECT bedrag FROM buurt.budget WHERE gemeentecode = 'GM0402' AND jaar = 2018")
    assert sum(Decimal(str(w["bedrag"])) for w in data["wijken"]) == budget[0][0]
    assert len(data["wijken"]) == 9 and any(w["prioriteit"] for w in data["wijken"])


@pytest.mark.parametrize(("params", "status", "message"), [
    ({"jaar": 2017}, 400, "Parameter indicator ontbreekt"),
    ({"indicator": "sociale_cohesie", "jaar": "vorig jaar"}, 400, "Parameter jaar: 'vorig jaar' is ongeldig"),
    ({"indicator": "sociale_cohesie", "jaar": 2017, "niveau": "straat"}, 400, "Parameter niveau: 'straat'"),
    ({"indicator": "sociale_cohesie", "jaar": 2017, "gemeente": "Hilversum"}, 400, "Parameter gemeente"),
    ({"indicator": "geluk", "jaar": 2017}, 404, "Indicator geluk bestaat niet"),
])
def test_bad_parameters_are_refused_in_dutch(api, params, status, message):
    r = api.get("/cijfers.json", params=params)
    assert r.status_code == status and message in r.json()["fout"]
