"""OGC API - Features under /ogc: landing, conformance, collections, items, paging, Part 2 CRS, tiles."""

from __future__ import annotations

import mapbox_vector_tile
import pytest
from openapi_spec_validator import validate

from spatial_service.catalogue import load
from spatial_service.ogc_split import split
from tests.ogc.helpers import CRS84, EPSG_4326, RD, all_features, pages, published
from tests.service.helpers import CENTRUM, tile_at

CATALOGUE = load()


def test_landing_conformance_and_api(client):
    landing = client.get("/ogc/").json()
    rels = {link["rel"] for link in landing["links"]}
    assert {"self", "conformance", "data", "service-desc"} <= rels
    root = f"{str(client.base_url).rstrip('/')}/ogc/"
    assert all(link["href"].startswith(root) for link in landing["links"])
    conforms = client.get("/ogc/conformance").json()["conformsTo"]
    for cls in ("ogcapi-features-1/1.0/conf/core", "ogcapi-features-1/1.0/conf/geojson",
                "ogcapi-features-2/1.0/conf/crs", "ogcapi-tiles-1/1.0/conf/core", "ogcapi-tiles-1/1.0/conf/mvt"):
        assert f"http://www.opengis.net/spec/{cls}" in conforms
    api = client.get("/ogc/api")
    assert api.status_code == 200 and "/collections/{collectionId}/items" in api.json()["paths"]
    # the API definition is a valid OpenAPI document; it is 3.1 (FastAPI), so no oas30 class is claimed
    validate(api.json())
    assert api.json()["openapi"].startswith("3.1") and not [c for c in conforms if c.endswith("/oas30")]


def test_collections_are_the_catalogue_layers_with_extents_and_crs(client, admin_conn, collections):
    body = client.get("/ogc/collections").json()
    assert [c["id"] for c in body["collections"]] == list(collections)
    for c in body["collections"]:
        assert c["title"] == collections[c["id"]].titel
        # a part without rows yet (zebrapaden_lijnen: a zebrapad may be a line) has its layer's extent
        assert c["storageCrs"] == RD and {CRS84, EPSG_4326, RD} <= set(c["crs"])
        west, south, east, north = c["extent"]["spatial"]["bbox"][0]
        # Hilversum (demo) in degrees, per layer (groen is not the whole beheerobject view)
        assert 5.0 < west < east < 5.3 and 52.1 < south < north < 52.35, c["id"]
    one = client.get("/ogc/collections/groen").json()
    assert one["storageCrs"] == RD and one["title"] == "Groen"
    ext = admin_conn.execute("SELECT ST_Extent(ST_Transform(geom, 4326)) FROM publiek.beheerobject "
                             "WHERE soort = 'groen'").fetchone()[0]
    exact = [float(v) for v in ext[4:-1].replace(",", " ").split()]
    # the RD box of the layer in degrees: it holds every object and is at most ~20 m larger than needed
    got = one["extent"]["spatial"]["bbox"][0]
    assert got[0] <= exact[0] and got[1] <= exact[1] and got[2] >= exact[2] and got[3] >= exact[3]
    assert got == pytest.approx(exact, abs=3e-4)


def test_mixed_layers_are_one_collection_per_geometry_type(client, admin_conn, collections):
    """A layer that mixes points and areas (speelplekken, initiatieven, buurtdeals) is served as one collection
    per type, as QGIS shows it (issue 20): together they hold every row of the layer, each exactly one type;
    the mixed collection itself is not served."""
    served = [c["id"] for c in client.get("/ogc/collections").json()["collections"]]
    for layer in CATALOGUE.public:
        types = {r[0] for r in admin_conn.execute(
            f"SELECT DISTINCT GeometryType(geom) FROM {layer.bron} WHERE {layer.filter or 'TRUE'}")}
        parts = [c for c in collections.values() if c.layer is layer]
        allowed = set(types)
        if layer.soort:  # a kind's collections follow the types it may have, rows or not
            (allowed,) = admin_conn.execute("SELECT geometrietypes FROM buurt_vl.objectsoort WHERE code = %s",
                                            (layer.soort,)).fetchone()
        assert {p.geometry_type for p in parts} == set(allowed), (layer.id, allowed)
        if len(allowed) > 1:
            assert layer.id not in served and client.get(f"/ogc/collections/{layer.id}").status_code == 404
            assert all(p.split for p in parts), layer.id
        rows = sorted(k for p in parts for k in published(admin_conn, p))
        assert rows == sorted(r[0] for r in admin_conn.execute(
            f"SELECT {layer.sleutel} FROM {layer.bron} WHERE {layer.filter or 'TRUE'}")), layer.id
        for part in parts:
            assert part.id in served
            held = {r[0] for r in admin_conn.execute(
                f"SELECT DISTINCT GeometryType(geom) FROM {layer.bron} WHERE {part.where()}")}
            assert held <= {part.geometry_type} and (held or part.id == "zebrapaden_lijnen"), (part.id, held)
    # the split follows buurt_vl.objectsoort.geometrietypes (speelplek: POINT and MULTIPOLYGON) and the data
    assert {"speelplekken_punten", "speelplekken_vlakken", "initiatieven_punten", "initiatieven_vlakken",
            "buurtdeals_punten", "buurtdeals_vlakken", "groen", "zebrapaden_punten", "zebrapaden_lijnen",
            "buurten"} <= set(served)
    assert not {"speelplekken", "initiatieven", "buurtdeals"} & set(served)
    one = client.get("/ogc/collections/speelplekken_vlakken").json()
    assert one["title"] == "Speelplekken (vlakken)"


def test_the_split_of_one_layer():
    """ogc_split.split on its own: more than one type splits (points first), one or none keeps the layer's id."""
    layer = next(layer for layer in CATALOGUE.public if layer.id == "speelplekken")
    parts = split(layer, ["MULTIPOLYGON", "POINT"])
    assert [(p.id, p.titel, p.geometry_type) for p in parts] == [
        ("speelplekken_punten", "Speelplekken (punten)", "POINT"),
        ("speelplekken_vlakken", "Speelplekken (vlakken)", "MULTIPOLYGON")]
    assert parts[1].where() == "(soort = 'speelplek') AND (GeometryType(\"geom\") = 'MULTIPOLYGON')"
    (one,) = split(layer, ["POINT"])
    assert (one.id, one.geometry_type, one.split, one.where()) == ("speelplekken", "POINT", False,
                                                                   "(soort = 'speelplek')")
    (none,) = split(layer, None)
    assert (none.id, none.geometry_type) == ("speelplekken", None)


def test_queryables_are_the_catalogue_fields(client, collections):
    for c in collections.values():
        props = client.get(f"/ogc/collections/{c.id}/queryables").json()["properties"]
        assert set(props) == {*c.layer.velden, "geom"}, c.id


def test_items_counts_and_properties_match_publiek(client, admin_conn, collections):
    for c in collections.values():
        layer = c.layer
        body = client.get(f"/ogc/collections/{c.id}/items", params={"limit": 5}).json()
        assert body["numberMatched"] == len(published(admin_conn, c)), c.id
        assert body["numberReturned"] == len(body["features"]) == min(5, body["numberMatched"])
        for f in body["features"]:
            assert set(f["properties"]) == set(layer.velden) - {layer.sleutel} or \
                set(f["properties"]) == set(layer.velden)


def ogc_collection(server, collection_id: str):
    """The live collection object inside the running service (to see which paging path it took)."""
    app = server.server.config.app
    mount = next(r for r in app.routes if getattr(r, "path", None) == "/ogc")
    return mount.app.state.collection_catalog["collections"][collection_id]


def test_paging_by_next_links_gives_every_row_once_in_order(client, server, admin_conn, collections):
    walk = list(pages(client, "/ogc/collections/groen/items", {"limit": 70, "properties": "naam,soort"}))
    ids = [f["id"] for page in walk for f in page["features"]]
    assert ids == published(admin_conn, collections["groen"])
    assert {page["numberMatched"] for page in walk} == {len(ids)}
    # every page after the first was a seek from the page before it: its boundary is known
    seek = ogc_collection(server, "groen")._seek
    where = next(w for (w, offset) in seek if offset == 70)
    assert {offset for (w, offset) in seek if w == where} >= set(range(70, len(ids), 70))
    assert all(seek[(w, offset)] == (ids[offset - 1], len(ids)) for (w, offset) in seek if w == where)
    # a jump to an offset no client reached (OFFSET path) gives the same rows as the keyset pages
    direct = client.get("/ogc/collections/groen/items", params={"limit": 70, "offset": 140,
                                                                "properties": "naam"}).json()
    assert [f["id"] for f in direct["features"]] == ids[140:210]


def test_feature_links_lead_to_the_feature(client):
    body = client.get("/ogc/collections/buurten/items", params={"limit": 5}).json()
    for f in body["features"]:
        links = {link["rel"]: link["href"] for link in f["links"]}
        assert links["collection"].endswith("/ogc/collections/buurten")
        item = client.get(links["item"]).json()
        assert item["id"] == f["id"] and item["properties"]["naam"] == f["properties"]["naam"]


def test_bbox_in_crs84_and_rd(client, admin_conn, collections):
    rd_box = (139000, 469000, 141500, 471500)
    deals = collections["buurtdeals_punten"]
    expected = published(admin_conn, deals,
                         f"ST_Intersects(geom, ST_MakeEnvelope({', '.join(map(str, rd_box))}, 28992))")
    assert 0 < len(expected) < len(published(admin_conn, deals))
    got = all_features(client, deals.id, bbox=",".join(map(str, rd_box)), **{"bbox-crs": RD}, limit=7)
    assert sorted(f["id"] for f in got) == expected
    lon_lat = (5.16, 52.21, 5.19, 52.24)
    for part in ("speelplekken_punten", "speelplekken_vlakken"):
        expected = published(admin_conn, collections[part], "ST_Intersects(geom, ST_Transform(ST_MakeEnvelope("
                             f"{', '.join(map(str, lon_lat))}, 4326), 28992))")
        got = all_features(client, part, bbox=",".join(map(str, lon_lat)), limit=50)
        assert expected and sorted(f["id"] for f in got) == expected, part
        # the same box as EPSG:4326 (latitude first) selects the same
        lat_lon = (lon_lat[1], lon_lat[0], lon_lat[3], lon_lat[2])
        got = all_features(client, part, bbox=",".join(map(str, lat_lon)), **{"bbox-crs": EPSG_4326},
                           limit=50)
        assert sorted(f["id"] for f in got) == expected, part


def test_crs_of_the_answer(client, admin_conn):
    x, y = admin_conn.execute("SELECT ST_X(geom), ST_Y(geom) FROM publiek.beheerobject "
                              "WHERE soort = 'speelplek' AND GeometryType(geom) = 'POINT' ORDER BY id LIMIT 1"
                              ).fetchone()
    lon, lat = admin_conn.execute("SELECT ST_X(g), ST_Y(g) FROM (SELECT ST_Transform(ST_SetSRID("
                                  "ST_MakePoint(%s, %s), 28992), 4326) g) t", (x, y)).fetchone()

    def first_point(crs: str | None):
        params = {"limit": 1000, **({"crs": crs} if crs else {})}
        r = client.get("/ogc/collections/speelplekken_punten/items", params=params)
        assert r.status_code == 200
        assert {f["geometry"]["type"] for f in r.json()["features"]} == {"Point"}
        point = r.json()["features"][0]
        return r.headers["content-crs"], point["geometry"]

    header, geometry = first_point(RD)
    assert header == f"<{RD}>" and geometry["coordinates"] == pytest.approx([x, y], abs=1e-3)
    assert "crs" not in geometry
    header, geometry = first_point(None)
    assert header == f"<{CRS84}>" and geometry["coordinates"] == pytest.approx([lon, lat], abs=1e-7)
    header, geometry = first_point(EPSG_4326)
    assert header == f"<{EPSG_4326}>" and geometry["coordinates"] == pytest.approx([lat, lon], abs=1e-7)
    # the next link keeps the CRS
    first = next(pages(client, "/ogc/collections/groen/items", {"crs": RD, "limit": 10}))
    assert "crs=" in next(link["href"] for link in first["links"] if link["rel"] == "next")


def test_an_empty_page_in_every_format(client):
    for fmt, media in (("json", "json"), ("csv", "csv"), ("geojsonseq", "geo+json-seq"), ("html", "html")):
        r = client.get("/ogc/collections/wijken/items", params={"offset": 500, "f": fmt})
        assert r.status_code == 200 and media in r.headers["content-type"], (fmt, r.status_code)
    assert client.get("/ogc/collections/wijken/items", params={"offset": 500}).json()["features"] == []
    assert client.get("/ogc/collections/wijken/items", params={"offset": 500, "f": "csv"}).text == ""
    lines = client.get("/ogc/collections/wijken/items", params={"f": "csv", "limit": 100}).text.splitlines()
    assert lines[0].startswith("code,") or ("code" in lines[0].split(",") and len(lines) == 10)


def test_bad_parameters_get_a_clear_400(client):
    r = client.get("/ogc/collections/groen/items", params={"crs": "EPSG:9999"})
    assert r.status_code == 400 and "'crs'" in r.json()["description"] and "EPSG:9999" in r.json()["description"]
    r = client.get("/ogc/collections/groen/items", params={"bbox": "140000,470000,141000,471000"})
    assert r.status_code == 400 and "bbox-crs" in r.text
    r = client.get("/ogc/collections/groen/items", params={"bbox": "1,2,drie,4"})
    assert r.status_code == 400 and "'bbox'" in r.text
    r = client.get("/ogc/collections/groen/items", params={"limit": "veel"})
    assert r.status_code == 400 and "'limit'" in r.text
    # CQL2 filters: allowed on queryables; no other columns, no database functions, wrong types are 400
    r = client.get("/ogc/collections/buurtdeals_punten/items",
                   params={"filter": "jaar = 2018 AND titel LIKE '%Speel%'"})
    assert r.status_code == 200 and all(f["properties"]["jaar"] == 2018 for f in r.json()["features"])
    for bad, needle in (("indiener_naam = 'x'", "indiener_naam"), ("gemeentecode = 'GM0402'", "gemeentecode"),
                        ("pg_sleep(1) = 1", "pg_sleep"), ("jaar = 'tweeduizend'", "")):
        r = client.get("/ogc/collections/buurtdeals_punten/items", params={"filter": bad})
        assert r.status_code == 400 and needle in r.text, (bad, r.status_code, r.text)
    r = client.get("/ogc/collections/geheim/items")
    assert r.status_code == 404 and "buurtdeals_punten" in r.text


def test_tiles_webmercator_and_rd_new(client, admin_conn):
    z, x, y = tile_at(*CENTRUM, 13)
    r = client.get(f"/ogc/collections/buurtdeals_vlakken/tiles/WebMercatorQuad/{z}/{x}/{y}")
    assert r.status_code == 200
    layers = mapbox_vector_tile.decode(r.content)
    feats = next(iter(layers.values()))["features"]
    assert feats and all(f["properties"].get("titel") for f in feats)
    # a part's tiles hold its geometry type only (MVT type 3: polygon)
    assert {f["geometry"]["type"] for f in feats} <= {"Polygon", "MultiPolygon"}
    hidden = {r[0] for r in admin_conn.execute("SELECT id FROM buurt.buurtdeal WHERE NOT gepubliceerd")}
    assert not hidden & {f["properties"]["id"] for f in feats}
    # RD New (PDOK's NetherlandsRDNewQuad): the tile of the Centrum at level 8 holds the groen there
    tms = client.get("/ogc/tileMatrixSets/NetherlandsRDNewQuad").json()
    assert tms["crs"].endswith("28992") or "28992" in str(tms["crs"])
    cx, cy = admin_conn.execute("SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(%s, %s),"
                                " 4326), 28992) p) t", CENTRUM).fetchone()
    size = 880803.84 / 2**8
    tx, ty = int((cx + 285401.92) // size), int((903401.92 - cy) // size)
    r = client.get(f"/ogc/collections/groen/tiles/NetherlandsRDNewQuad/8/{tx}/{ty}")
    assert r.status_code == 200
    groen = next(iter(mapbox_vector_tile.decode(r.content).values()))["features"]
    assert groen and {f["properties"]["soort"] for f in groen} == {"groen"}
