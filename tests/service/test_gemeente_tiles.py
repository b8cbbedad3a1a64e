"""Tiles, TileJSON and style per gemeente (/g/GM0402/...) from a database with two gemeenten, over real HTTP:
each gemeente's tiles hold only its own rows, the national tiles hold both, bad codes get a Dutch 4xx; the same
for `export-tiles --gemeente`, whose tiles are the live ones of that gemeente."""

from __future__ import annotations

import gzip
import sqlite3
import subprocess
import time
from collections.abc import Iterator

import httpx
import psycopg
import pytest
from pmtiles.reader import MmapSource, Reader, all_tiles

from spatial_service.catalogue import load
from spatial_service.tiles.export import export
from tests import support
from tests.service.conftest import serving
from tests.service.helpers import ALL_LAYERS, CENTRUM, decode, tile_at
from tests.service.test_cli import BUURTKAART, cli_env

AMERSFOORT_LONLAT = (5.3872, 52.1552)  # the RD origin


@pytest.fixture(scope="module")
def served(two_gemeenten_db) -> Iterator[tuple[httpx.Client, support.TestDatabase]]:
    with serving(two_gemeenten_db) as running, running.client() as c:
        yield c, two_gemeenten_db


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
    # what the viewer asks next to /g/GM0307/: another gemeente's wijk, area or parameter is refused
    ("/g/GM0307/agenda/WK040201.json", 404, "Wijk WK040201 bestaat niet in gemeente GM0307."),
    ("/g/GM0307/budget.json?jaar=2024&gemeente=GM0402", 400, "Parameter gemeente=GM0402 past niet bij /g/GM0307/"),
    ("/g/GM0307/cijfers.json?indicator=inwoners&jaar=2024&gemeente=GM0402", 400, "past niet bij /g/GM0307/"),
    ("/g/GM0307/cijfers/trend.json?code=BU04020101&indicator=inwoners", 404,
     "Gebied BU04020101 ligt niet in gemeente GM0307."),
    ("/g/GM0307/cijfers/trend.json?code=x&indicator=inwoners", 400, "Parameter code: 'x' is ongeldig"),
    ("/g/GM9999/details.json", 404, "Gemeente GM9999 staat niet in deze database"),
    # the viewer's files too: under an unknown gemeente nothing is served (was: the files, as if it existed)
    ("/g/GM9999/static/viewer.js", 404, "Gemeente GM9999 staat niet in deze database"),
    ("/g/Hilversum/vendor/maplibre-gl/maplibre-gl.js", 400, "Ongeldige gemeentecode"),
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


def archive_tiles(path) -> dict[tuple[int, int, int], bytes]:
    with open(path, "rb") as f:
        return {zxy: gzip.decompress(data) for zxy, data in all_tiles(MmapSource(f))}


def test_export_tiles_of_one_gemeente_are_its_live_tiles(served, tmp_path):
    """`export-tiles --gemeente GM0307`: only Amersfoort's features, and each tile the live /g/GM0307/ tile."""
    client, db = served
    out = tmp_path / "amersfoort.pmtiles"
    done = subprocess.run([BUURTKAART, "export-tiles", "--out", str(out), "--mbtiles", str(tmp_path / "a.mbtiles"),
                           "--minzoom", "9", "--maxzoom", "14", "--gemeente", "GM0307"],
                          env=cli_env(db), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    tiles = archive_tiles(out)
    assert len(tiles) > 5
    seen: dict[str, set] = {}
    for (z, x, y), body in tiles.items():
        features = decode(body)
        assert features == decode(client.get(f"/g/GM0307/tiles/{ALL_LAYERS}/{z}/{x}/{y}.pbf").content), (z, x, y)
        for layer, feats in features.items():
            seen.setdefault(layer, set()).update(f["properties"].get("code") or f["id"] for f in feats)
    with psycopg.connect(db.public_dsn) as conn:
        deals = {r[0] for r in conn.execute("SELECT id FROM publiek.buurtdeal WHERE gemeentecode = 'GM0307'")}
    assert seen["buurtdeals"] == deals
    assert seen["wijken"] and all(code.startswith("WK0307") for code in seen["wijken"])
    assert seen["buurten"] and all(code.startswith("BU0307") for code in seen["buurten"])
    with sqlite3.connect(tmp_path / "a.mbtiles") as mb:
        assert mb.execute("SELECT count(*) FROM tiles").fetchone()[0] == len(tiles)


def test_export_tiles_without_gemeente_holds_both(served, tmp_path):
    _, db = served
    result = export(db.public_dsn, load(), tmp_path / "alle.pmtiles", None, 11, 11)
    wijken = {f["properties"]["code"] for body in archive_tiles(tmp_path / "alle.pmtiles").values()
              for f in decode(body).get("wijken", [])}
    assert result.tiles > 0 and {w[:6] for w in wijken} == {"WK0307", "WK0402"}


@pytest.mark.parametrize(("code", "text"), [("GM9999", "Gemeente GM9999 staat niet in deze database. Bekend: "
                                                       "GM0307, GM0402."),
                                            ("Hilversum", "Ongeldige gemeentecode 'Hilversum': verwacht bv. GM0402.")])
def test_export_tiles_refuses_a_bad_gemeente(served, tmp_path, code, text):
    _, db = served
    done = subprocess.run([BUURTKAART, "export-tiles", "--out", str(tmp_path / "x.pmtiles"), "--gemeente", code],
                          env=cli_env(db), capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and text in done.stderr and "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_streamed_export_is_the_same_archive_on_one_or_two_connections(served, tmp_path):
    """Tiles rendered on two connections reach the writers in tile-id order: the same bytes as on one, and a
    clustered archive."""
    _, db = served
    archives = []
    for connections in (1, 2):
        pm, mb = tmp_path / f"{connections}.pmtiles", tmp_path / f"{connections}.mbtiles"
        export(db.public_dsn, load(), pm, mb, 9, 15, connections=connections)
        archives.append((pm.read_bytes(), mb.read_bytes()))
    assert archives[0] == archives[1]
    with open(tmp_path / "2.pmtiles", "rb") as f:
        assert Reader(MmapSource(f)).header()["clustered"]


def test_the_viewers_data_under_g_is_the_gemeentes(client):
    """What /g/GM0307/ asks next to its page: names, list, wijk panel and buurtmonitor of Amersfoort only."""
    labels = client.get("/g/GM0307/labels.json").json()["features"]
    assert labels and all(f["properties"]["code"][2:6] == "0307" for f in labels)
    assert {f["properties"]["code"][2:6] for f in client.get("/labels.json").json()["features"]} == {"0307", "0402"}
    items = client.get("/g/GM0307/details.json").json()["items"]
    assert "Deal Stadskern" in {i["titel"] for i in items} and {i["gemeentecode"] for i in items} == {"GM0307"}
    assert {i["gemeentecode"] for i in client.get("/details.json").json()["items"]} == {"GM0307", "GM0402"}
    assert client.get("/g/GM0307/agenda/WK030701.json").json()["wijknaam"]
    meta = client.get("/g/GM0307/cijfers/indicatoren.json").json()
    assert [g["code"] for g in meta["gemeenten"]] == ["GM0307"] and meta["indicatoren"]
    indicator = meta["indicatoren"][0]["code"]
    figures = client.get(f"/g/GM0307/cijfers.json?indicator={indicator}&jaar=2024").json()
    assert figures["waarden"] and all(code.startswith("BU0307") for code in figures["waarden"])
    budget = client.get("/g/GM0307/budget.json?jaar=2024").json()
    assert budget["gemeente"] == "GM0307" and [w["wijkcode"] for w in budget["wijken"]] == ["WK030701"]
    trend = client.get(f"/g/GM0307/cijfers/trend.json?code=BU03070101&indicator={indicator}")
    assert trend.status_code == 200 and trend.json() == client.get(
        f"/cijfers/trend.json?code=BU03070101&indicator={indicator}").json()


def test_one_route_table_serves_the_country_and_each_gemeente(client):
    """The same routes at / and /g/<code>/ (web/gemeente.py's GemeentePrefix): the viewer's files are the same
    bytes, a gemeente's TileJSON has its own tile URLs, routes that are national only stay national, every error
    the one JSON body with its status, and a bad code is refused at once, not redirected to a refusal."""
    national, scoped = client.get("/static/viewer.js"), client.get("/g/GM0307/static/viewer.js")
    assert national.status_code == scoped.status_code == 200 and national.content == scoped.content
    tiles = client.get("/g/GM0402/tiles/wijken.json").json()["tiles"]
    assert tiles == [f"{client.base_url}/g/GM0402/tiles/wijken/{{z}}/{{x}}/{{y}}.pbf"]
    for path in ("/g/GM0402/health", "/g/GM0402/plancheck", "/g/GM0402/openapi.json"):
        r = client.get(path)
        assert r.status_code == 404 and r.json() == {"fout": f"Niet gevonden: {path}", "status": 404}
    assert client.get("/agenda/WK999999.json").json() == {"fout": "Wijk WK999999 bestaat niet.", "status": 404}
    assert client.get("/g/GM0402").status_code == 308
    unknown = client.get("/g/GM9999")
    assert unknown.status_code == 404 and "Gemeente niet gevonden" in unknown.text
    r = client.delete("/style.json")
    assert r.status_code == 405 and r.headers["allow"] and "niet toegestaan" in r.json()["fout"]
