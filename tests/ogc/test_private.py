"""Personal data (indiener_*) and unpublished rows never reach an OGC answer: any collection, any page (keyset or
OFFSET), any CRS, GeoJSON, CSV, HTML, metadata and tiles (mirrors tests/service/test_private.py)."""

from __future__ import annotations

import mapbox_vector_tile

from tests.ogc.helpers import EPSG_4326, RD, pages
from tests.service.helpers import CENTRUM, tile_at
from tests.service.test_private import private_values


def assert_text_clean(text: str, strings: set[str]) -> None:
    assert "indiener" not in text
    leaked = [s for s in strings if s in text]
    assert not leaked, leaked[:3]


def test_no_private_data_in_any_page_or_crs(client, admin_conn, collections):
    strings, hidden_initiatives, hidden_deals = private_values(admin_conn)
    seen = 0
    served = [c["id"] for c in client.get("/ogc/collections").json()["collections"]]
    assert served == list(collections)
    for collection_id in served:
        layer = collections[collection_id].layer
        for crs in (None, RD, EPSG_4326):
            params = {"limit": 40, **({"crs": crs} if crs else {})}
            for page in pages(client, f"/ogc/collections/{collection_id}/items", params):
                for f in page["features"]:
                    seen += 1
                    assert not any(k.startswith("indiener") or k == "gepubliceerd" for k in f["properties"])
                    assert not strings.intersection(str(v) for v in f["properties"].values())
                    if layer.id == "initiatieven":
                        assert f["id"] not in hidden_initiatives
                    if layer.id == "buurtdeals":
                        assert f["id"] not in hidden_deals
        # a jump straight to an offset (the OFFSET path), and the other output formats
        for fmt in ("json", "csv", "html", "geojsonseq"):
            r = client.get(f"/ogc/collections/{collection_id}/items", params={"limit": 1000, "offset": 3, "f": fmt})
            assert r.status_code == 200, (collection_id, fmt)
            assert_text_clean(r.text, strings)
        for path in ("", "/queryables", "/tiles"):
            assert_text_clean(client.get(f"/ogc/collections/{collection_id}{path}").text, strings)
    assert seen > 3 * 900
    for hidden, layer_id in ((hidden_initiatives, "initiatieven"), (hidden_deals, "buurtdeals")):
        parts = [c.id for c in collections.values() if c.layer.id == layer_id]
        assert len(parts) == 2, parts
        for item_id in hidden:
            for part in parts:
                assert client.get(f"/ogc/collections/{part}/items/{item_id}").status_code == 404
    assert_text_clean(client.get("/ogc/collections").text, strings)
    assert_text_clean(client.get("/ogc/api").text, strings)


def test_no_private_data_in_ogc_tiles(client, admin_conn, collections):
    strings, hidden_initiatives, hidden_deals = private_values(admin_conn)
    by_layer = {"initiatieven": hidden_initiatives, "buurtdeals": hidden_deals}
    hidden = {c.id: by_layer[c.layer.id] for c in collections.values() if c.layer.id in by_layer}
    features = 0
    for z in (11, 12, 13):
        zz, x0, y0 = tile_at(*CENTRUM, z)
        for x, y in ((x, y) for x in range(x0 - 1, x0 + 2) for y in range(y0 - 1, y0 + 2)):
            for layer, ids in hidden.items():
                r = client.get(f"/ogc/collections/{layer}/tiles/WebMercatorQuad/{zz}/{x}/{y}")
                assert r.status_code in (200, 204)
                assert not [s for s in strings if s.encode() in r.content]
                for feats in (t["features"] for t in mapbox_vector_tile.decode(r.content).values()):
                    features += len(feats)
                    assert not any(k.startswith("indiener") or k == "gepubliceerd" for f in feats
                                   for k in f["properties"])
                    assert not ids & {f["properties"]["id"] for f in feats}
    assert features > 100


def test_ogc_pool_is_the_public_role_and_reads_only_publiek(client, demo_db, admin_conn):
    assert client.get("/ogc/collections/buurtdeals_punten/items").status_code == 200
    users = {r[0] for r in admin_conn.execute(
        "SELECT usename FROM pg_stat_activity WHERE application_name = 'buurtkaart-ogc' AND datname = %s",
        (demo_db.name,))}
    assert users == {"buurtkaart_tiles"}
    (member,) = admin_conn.execute("SELECT pg_has_role('buurtkaart_tiles', 'buurtkaart_publiek', 'member')"
                                   ).fetchone()
    assert member
    for table in ("buurt.initiatief", "buurt.buurtdeal", "buurt_sys.wijziging"):
        (can,) = admin_conn.execute("SELECT has_table_privilege('buurtkaart_tiles', %s, 'SELECT')", (table,)
                                    ).fetchone()
        assert not can, table
