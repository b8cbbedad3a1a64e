"""Personal data (indiener_*) and unpublished rows never reach a tile, a TileJSON or an export."""

from __future__ import annotations

import gzip

from pmtiles.reader import MmapSource, Reader, all_tiles

from spatial_service.catalogue import load
from spatial_service.tiles.export import export, tile_range
from tests.service.helpers import ALL_LAYERS, decode


def private_values(admin_conn) -> tuple[set[str], set[int], set[int]]:
    strings = set()
    for row in admin_conn.execute("SELECT indiener_naam, indiener_email, indiener_telefoon FROM buurt.initiatief"):
        strings.update(v for v in row if v)
    strings.update(residents_values(admin_conn))
    hidden_initiatives = {r[0] for r in admin_conn.execute(
        "SELECT id FROM buurt.initiatief WHERE NOT gepubliceerd OR status = 'ingetrokken'")}
    hidden_deals = {r[0] for r in admin_conn.execute("SELECT id FROM buurt.buurtdeal WHERE NOT gepubliceerd")}
    # titles of unpublished rows (unless a published row happens to carry the same title)
    strings.update(r[0] for r in admin_conn.execute(
        "SELECT titel FROM buurt.initiatief WHERE NOT gepubliceerd UNION SELECT titel FROM buurt.buurtdeal "
        "WHERE NOT gepubliceerd "
        "EXCEPT (SELECT titel FROM publiek.initiatief UNION SELECT titel FROM publiek.buurtdeal)"))
    return strings, hidden_initiatives, hidden_deals


def residents_values(admin_conn) -> set[str]:
    """What residents left on the website (issue 21; the demo has some, spatial_service/demo/bewoners.py): the name,
    e-mail, title and description of a submission waiting for its confirmation, the addresses of the outbox, every
    link token still queued and every stored hash."""
    values: set[str] = set()
    for row in admin_conn.execute(
            "SELECT naam, email, titel, omschrijving, encode(token_hash, 'hex') FROM buurt_loket.aanmelding "
            "UNION ALL SELECT aan, token, NULL, NULL, NULL FROM buurt_loket.uitgaand "
            "UNION ALL SELECT encode(adres_hash, 'hex'), NULL, NULL, NULL, NULL FROM buurt_loket.steun "
            "UNION ALL SELECT encode(token_hash, 'hex'), NULL, NULL, NULL, NULL FROM buurt_loket.volgsleutel"):
        values.update(v for v in row if v)
    return values


def test_demo_has_residents_data_to_leak(admin_conn):
    values = residents_values(admin_conn)
    assert "pieter.peters@example.org" in values and "steun.twee@example.org" in values
    assert admin_conn.execute("SELECT sum(steunbetuigingen) FROM publiek.initiatief").fetchone()[0] == 4


def assert_clean(tiles: list[bytes], strings: set[str], hidden_initiatives: set[int], hidden_deals: set[int]) -> int:
    features = 0
    for body in tiles:
        for needle in strings:
            assert needle.encode() not in body, needle
        layers = decode(body)
        for feats in layers.values():
            features += len(feats)
            for f in feats:
                assert not any(k.startswith("indiener") or k == "gepubliceerd" for k in f["properties"])
                assert not strings.intersection(str(v) for v in f["properties"].values())
        assert not hidden_initiatives & {f["id"] for f in layers.get("initiatieven", [])}
        assert not hidden_deals & {f["id"] for f in layers.get("buurtdeals", [])}
    return features


def test_demo_has_private_data_to_leak(admin_conn):
    strings, hidden_initiatives, hidden_deals = private_values(admin_conn)
    assert len(strings) > 50 and hidden_initiatives and hidden_deals


def test_no_private_data_in_tiles_or_tilejson(client, admin_conn):
    strings, hidden_initiatives, hidden_deals = private_values(admin_conn)
    extent = client.get("/tiles/wijken.json").json()["bounds"]
    tiles = []
    for z, x, y in tile_range(tuple(extent), 10, 14):
        r = client.get(f"/tiles/{ALL_LAYERS}/{z}/{x}/{y}.pbf")
        assert r.status_code == 200
        tiles.append(r.content)
    assert assert_clean(tiles, strings, hidden_initiatives, hidden_deals) > 1000
    for path in (f"/tiles/{ALL_LAYERS}.json", "/style.json", "/labels.json"):
        text = client.get(path).text
        assert "indiener" not in text
        assert not [s for s in strings if s in text]


def test_export_round_trips_and_holds_no_private_data(demo_db, client, admin_conn, tmp_path):
    pm, mb = tmp_path / "stad.pmtiles", tmp_path / "stad.mbtiles"
    seen = []
    result = export(demo_db.public_dsn, load(), pm, mb, 10, 13, lambda done, total, z: seen.append((done, total)))
    assert seen[-1][0] == seen[-1][1] == result.tiles + result.empty
    with open(pm, "rb") as f:
        get_bytes = MmapSource(f)
        reader = Reader(get_bytes)
        header = reader.header()
        assert (header["min_zoom"], header["max_zoom"]) == (10, 13)
        exported = {zxy: gzip.decompress(data) for zxy, data in all_tiles(get_bytes)}
        assert [v["id"] for v in reader.metadata()["vector_layers"]] == ALL_LAYERS.split(",")
    assert len(exported) == result.tiles > 20
    for (z, x, y), body in exported.items():
        live = client.get(f"/tiles/{ALL_LAYERS}/{z}/{x}/{y}.pbf").content
        assert decode(body) == decode(live), (z, x, y)
    import sqlite3

    db = sqlite3.connect(mb)
    rows = db.execute("SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles").fetchall()
    meta = dict(db.execute("SELECT name, value FROM metadata").fetchall())
    db.close()
    assert meta["format"] == "pbf" and meta["minzoom"] == "10"
    assert len(rows) == len(exported)
    for z, x, tms_y, data in rows:
        assert gzip.decompress(data) == exported[(z, x, 2**z - 1 - tms_y)]
    strings, hidden_initiatives, hidden_deals = private_values(admin_conn)
    assert assert_clean(list(exported.values()), strings, hidden_initiatives, hidden_deals) > 500
