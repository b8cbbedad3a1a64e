"""Tiles, TileJSON and style from a real uvicorn server on the demo database (public role)."""

from __future__ import annotations

import httpx

from tests.service.helpers import ALL_LAYERS, CENTRUM, decode, tile_at


def get_tile(client: httpx.Client, layers: str, z: int, x: int, y: int, **params) -> bytes:
    r = client.get(f"/tiles/{layers}/{z}/{x}/{y}.pbf", params=params)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/vnd.mapbox-vector-tile"
    return r.content


def test_deal_tile_decodes_to_published_deals_with_public_fields(client, admin_conn):
    z, x, y = tile_at(*CENTRUM, 12)
    layers = decode(get_tile(client, "buurtdeals", z, x, y))
    assert set(layers) == {"buurtdeals"}
    features = layers["buurtdeals"]
    assert len(features) >= 5
    expected_ids = {r[0] for r in admin_conn.execute(
        "SELECT id FROM publiek.buurtdeal WHERE geom && "
        "ST_Transform(ST_TileEnvelope(%s, %s, %s, margin => 64.0 / 4096), 28992)",
        (z, x, y)).fetchall()}
    assert {f["id"] for f in features} == expected_ids
    props = features[0]["properties"]
    assert {"titel", "jaar", "thema", "status", "afspraken_bewoners", "afspraken_gemeente"} <= set(props)
    assert not any(k.startswith("indiener") for f in features for k in f["properties"])
    row = admin_conn.execute("SELECT titel, jaar, budget_gemeente FROM publiek.buurtdeal WHERE id = %s",
                             (features[0]["id"],)).fetchone()
    assert (props["titel"], props["jaar"], props["budget_gemeente"]) == (row[0], row[1], float(row[2]))


def test_composite_equals_its_parts(client):
    z, x, y = tile_at(*CENTRUM, 13)
    composite = decode(get_tile(client, ALL_LAYERS, z, x, y))
    assert {"buurten", "wijken", "groen", "buurtdeals"} <= set(composite)
    for layer in ALL_LAYERS.split(","):
        part = decode(get_tile(client, layer, z, x, y))
        assert part.get(layer, []) == composite.get(layer, []), layer


def test_layer_outside_its_zoom_range_is_empty(client):
    z, x, y = tile_at(*CENTRUM, 10)
    # groen starts at zoom 12
    assert decode(get_tile(client, "groen,wijken", z, x, y)).keys() == {"wijken"}


def test_filters_select_features(client, admin_conn):
    z, x, y = tile_at(*CENTRUM, 11)
    everything = decode(get_tile(client, "buurtdeals", z, x, y))["buurtdeals"]
    years = {f["properties"]["jaar"] for f in everything}
    assert years >= {2017, 2018}
    only_2018 = decode(get_tile(client, "buurtdeals", z, x, y, jaar="2018"))["buurtdeals"]
    assert only_2018 and all(f["properties"]["jaar"] == 2018 for f in only_2018)
    assert len(only_2018) == sum(1 for f in everything if f["properties"]["jaar"] == 2018)
    both = decode(get_tile(client, "buurtdeals", z, x, y, thema="verkeer,ontmoeten", wijk="WK040201"))
    assert both["buurtdeals"] and all(f["properties"]["thema"] in ("verkeer", "ontmoeten")
                                      and f["properties"]["wijkcode"] == "WK040201" for f in both["buurtdeals"])
    # a filter applies to the layers that have it; wijken has no status filter and stays whole
    mixed = decode(get_tile(client, "wijken,initiatieven", z, x, y, status="uitvoering"))
    assert len(mixed["wijken"]) == len(decode(get_tile(client, "wijken", z, x, y))["wijken"])
    assert all(f["properties"]["status"] == "uitvoering" for f in mixed.get("initiatieven", []))


def test_bad_input_gets_a_dutch_4xx(client):
    cases = {
        "/tiles/geheim/12/0/0.pbf": (404, "Onbekende laag 'geheim'"),
        "/tiles/buurtdeals/23/0/0.pbf": (400, "Zoom 23 buiten bereik"),
        "/tiles/buurtdeals/3/8/0.pbf": (400, "Tegel 3/8/0 bestaat niet"),
        "/tiles/buurtdeals/a/0/0.pbf": (400, "Ongeldige zoom (z) 'a'"),
        "/tiles/buurtdeals/1/-1/0.pbf": (400, "Ongeldige kolom (x)"),
        "/tiles/buurtdeals,buurtdeals/1/0/0.pbf": (400, "Laag dubbel gevraagd"),
        "/tiles/buurtdeals/12/0/0.pbf?jaar=1850": (400, "verwacht een jaartal"),
        "/tiles/buurtdeals/12/0/0.pbf?thema=geheim": (400, "Onbekende waarde 'geheim' voor parameter 'thema'"),
        "/tiles/buurtdeals/12/0/0.pbf?thema=x';drop table x": (400, "Ongeldige waarde"),
        "/tiles/buurtdeals/12/0/0.pbf?indiener_naam=x": (400, "Onbekende of niet toepasbare parameter"),
        "/tiles/wijken/12/0/0.pbf?jaar=2018": (400, "Toegestane filters: gemeente."),
        "/tiles/buurtdeals/12/0/0.pbf?jaar=2017&jaar=2018": (400, "meer dan eens"),
        "/tiles/buurtdeals/12/0.pbf": (400, "Ongeldig tegelpad"),
        "/tiles/onbekend.json": (404, "Onbekende laag"),
    }
    for path, (status, text) in cases.items():
        r = client.get(path)
        assert r.status_code == status, (path, r.status_code, r.text)
        assert r.headers["content-type"] == "application/json"
        assert text in r.json()["fout"], (path, r.json())


def test_etag_and_cache_headers(client):
    z, x, y = tile_at(*CENTRUM, 14)
    first = client.get(f"/tiles/buurtdeals,groen/{z}/{x}/{y}.pbf")
    second = client.get(f"/tiles/buurtdeals,groen/{z}/{x}/{y}.pbf")
    assert second.headers["x-cache"] == "HIT"
    assert first.headers["etag"] == second.headers["etag"] and first.content == second.content
    assert "no-cache" in first.headers["cache-control"]
    again = client.get(f"/tiles/buurtdeals,groen/{z}/{x}/{y}.pbf", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""


def test_tilejson_and_style(client):
    tj = client.get("/tiles/buurtdeals,buurten.json", params={"jaar": "2018"}).json()
    assert tj["tilejson"] == "3.0.0"
    assert tj["tiles"][0].endswith("/tiles/buurtdeals,buurten/{z}/{x}/{y}.pbf?jaar=2018")
    assert [v["id"] for v in tj["vector_layers"]] == ["buurtdeals", "buurten"]
    assert tj["vector_layers"][0]["fields"]["afspraken_gemeente"] == "String"
    assert not any(f.startswith("indiener") for v in tj["vector_layers"] for f in v["fields"])
    west, south, east, north = tj["bounds"]
    assert 5.0 < west < east < 5.3 and 52.1 < south < north < 52.35
    style = client.get("/style.json").json()
    assert style["version"] == 8
    ids = [layer["id"] for layer in style["layers"]]
    assert {"buurtdeals-punt", "initiatieven-punt", "wijken-grens", "buurten-vlak", "groen"} <= set(ids)
    deal = next(layer for layer in style["layers"] if layer["id"] == "buurtdeals-punt")
    # theme colours come from the value list (buurt_vl.thema, via publiek.thema)
    assert "#3182bd" in deal["paint"]["circle-color"]
    assert style["sources"]["buurtkaart"]["url"].endswith("/tiles/" + ",".join(
        layer["id"] for layer in style["metadata"]["buurtkaart:lagen"]) + ".json")
    assert all(s["type"] != "raster" for s in style["sources"].values())  # no base map unless configured


def test_health_and_labels(client):
    health = client.get("/health").json()
    assert health["status"] == "ok" and health["luistert"] and health["viewer"]
    labels = client.get("/labels.json").json()
    names = {f["properties"]["naam"] for f in labels["features"]}
    assert {"Centrum", "Havenstraatbuurt", "Hilversumse Meent"} <= names
