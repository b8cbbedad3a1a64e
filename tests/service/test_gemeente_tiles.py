"""Tiles, TileJSON and style per gemeente (/g/GM0402/...) from a database with two gemeenten, over real HTTP:
each gemeente's tiles hold only its own rows, the national tiles hold both, bad codes get a Dutch 4xx."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import psycopg
import pytest

from tests import support
from tests.gemeenten import add_amersfoort
from tests.service.conftest import start_server
from tests.service.helpers import CENTRUM, decode, tile_at

AMERSFOORT_LONLAT = (5.3872, 52.1552)  # the RD origin


@pytest.fixture(scope="module")
def served(pg_settings) -> Iterator[tuple[httpx.Client, support.TestDatabase]]:
    db = support.new_database(pg_settings, with_demo=True)
    add_amersfoort(db.admin_dsn)
    running = start_server(db)
    with running.client() as c:
        yield c, db
    running.stop()
    db.drop()


@pytest.fixture
def client(served) -> httpx.Client:
    return served[0]


def gemeenten_in(client: httpx.Client, path: str) -> dict[str, set]:
    r = client.get(path)
    assert r.status_code == 200, r.text
    return {layer: {f["properties"].get("titel") or f["properties"].get("naam") for f in features}
            for layer, features in decode(r.content).items()}


def test_each_gemeente_gets_its_own_rows_and_the_country_gets_all(client):
    amf = "tiles/buurtdeals,speelplekken,wijken/{}/{}/{}.pbf".format(*tile_at(*AMERSFOORT_LONLAT, 13))
    national = gemeenten_in(client, f"/{amf}")
    assert "Deal Stadskern" in national["buurtdeals"] and "Stadskern" in national["wijken"]
    assert gemeenten_in(client, f"/g/GM0307/{amf}") == national
    assert gemeenten_in(client, f"/g/GM0402/{amf}") == {}
    hsum = "tiles/buurtdeals,wijken/{}/{}/{}.pbf".format(*tile_at(*CENTRUM, 13))
    assert gemeenten_in(client, f"/g/GM0402/{hsum}") == gemeenten_in(client, f"/{hsum}") != {}
    assert gemeenten_in(client, f"/g/GM0307/{hsum}") == {}


def test_style_and_tilejson_point_at_the_gemeentes_tiles(client):
    style = client.get("/g/GM0307/style.json").json()
    urls = [s["url"] for s in style["sources"].values() if s.get("type") == "vector"]
    assert urls and all("/g/GM0307/tiles/" in u for u in urls)
    west, south, east, north = style["metadata"]["buurtkaart:extent"]
    assert west < AMERSFOORT_LONLAT[0] < east and south < AMERSFOORT_LONLAT[1] < north
    assert east - west < 0.1  # Amersfoort's 2 km square, not the country
    tj = client.get(urls[0].replace(str(client.base_url), "")).json()
    assert all("/g/GM0307/tiles/" in t and "gemeente=" not in t for t in tj["tiles"])


@pytest.mark.parametrize(("path", "status", "text"), [
    ("/g/GM9999/tiles/wijken/12/0/0.pbf", 404, "Gemeente GM9999 staat niet in deze database"),
    ("/g/Hilversum/tiles/wijken/12/0/0.pbf", 400, "Ongeldige gemeentecode"),
    ("/g/GM0402/tiles/wijken/12/0/0.pbf?gemeente=GM0307", 400, "kan niet naast /g/{gemeente}/"),
    ("/tiles/wijken/12/0/0.pbf?gemeente=GM9999", 400, "Onbekende waarde 'GM9999'"),
])
def test_bad_gemeente_gets_a_dutch_4xx(client, path, status, text):
    r = client.get(path)
    assert r.status_code == status, r.text
    assert text in r.json()["fout"]


def test_national_overview_counts_follow_an_edit(served):
    """Zoom 5-8 show gemeenten with counts; a new published deal changes its gemeente's count within 2 s."""
    client, db = served
    path = "/g/GM0307/tiles/gemeenten/{}/{}/{}.pbf".format(*tile_at(*AMERSFOORT_LONLAT, 7))

    def count() -> int:
        features = decode(client.get(path).content)["gemeenten"]
        assert [f["properties"]["code"] for f in features] == ["GM0307"]
        return features[0]["properties"]["aantal_buurtdeals"]

    before = count()
    assert client.get(path).headers["x-cache"] == "HIT"
    with psycopg.connect(db.admin_dsn) as conn:
        conn.execute("INSERT INTO buurt.buurtdeal (titel, jaar, thema, gepubliceerd, geom) VALUES ('Tweede deal', "
                     "2025, 'verkeer', true, ST_GeomFromText('POINT (155300 463300)', 28992))")
    deadline = time.monotonic() + 2
    while count() == before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert count() == before + 1
