"""OGC API details (issue 20 item 3): unknown parameters and fields are a 400 with the OGC exception JSON
(Part 1 /req/core/query-param-unknown), numberMatched is right on every page, collections declare the geometry
type they hold, and GDAL's OAPIF driver copies every collection into a GeoPackage with the served counts."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

import psycopg
import pytest

from tests.ogc.helpers import RD, pages
from tests.service.conftest import start_server

GEOJSON_SCHEMA = {"POINT": "Point", "MULTIPOLYGON": "MultiPolygon", "LINESTRING": "LineString",
                  "GEOMETRY": "Geometry"}


def exception(r) -> str:
    assert r.status_code == 400, (r.status_code, r.text[:300])
    body = r.json()
    assert set(body) == {"code", "description"}, body
    return body["description"]


@pytest.mark.parametrize("path", [
    "/ogc/", "/ogc/conformance", "/ogc/collections", "/ogc/collections/groen", "/ogc/collections/groen/items",
    "/ogc/collections/groen/items/{first}", "/ogc/collections/groen/queryables", "/ogc/tileMatrixSets",
    "/ogc/collections/groen/tiles/WebMercatorQuad/12/2105/1347",
])
def test_unknown_query_parameters_are_400(client, admin_conn, path):
    (first,) = admin_conn.execute("SELECT min(id) FROM publiek.beheerobject WHERE soort = 'groen'").fetchone()
    path = path.format(first=first)
    description = exception(client.get(path, params={"bestaatniet": "1"}))
    assert "Onbekende parameter 'bestaatniet'" in description
    assert client.get(path).status_code in (200, 204)


def test_unknown_fields_are_400_and_known_ones_still_work(client):
    items = "/ogc/collections/buurtdeals_punten/items"
    for params, needle in (({"properties": "titel,geheim"}, "onbekend veld 'geheim'"),
                           ({"sortby": "-geheim"}, "onbekend veld 'geheim'"),
                           ({"sortby": "indiener_naam"}, "onbekend veld 'indiener_naam'"),
                           ({"geom-column": "titel"}, "geen geometriekolom")):
        assert needle in exception(client.get(items, params=params)), params
    r = client.get(items, params={"properties": "titel,jaar", "sortby": "-jaar", "limit": 3})
    assert r.status_code == 200 and set(r.json()["features"][0]["properties"]) == {"titel", "jaar"}
    years = [f["properties"]["jaar"] for f in r.json()["features"]]
    assert years == sorted(years, reverse=True)
    # a queryable as a parameter (Part 1 allows it, tipg does it) is not unknown
    r = client.get(items, params={"jaar": "2018"})
    assert r.status_code == 200 and {f["properties"]["jaar"] for f in r.json()["features"]} == {2018}


def test_collections_declare_the_geometry_type_they_hold(client, admin_conn, collections):
    """Each collection holds one geometry type and declares it (a mixed layer is split, test_features)."""
    for c in collections.values():
        (types,) = admin_conn.execute(f"SELECT array_agg(DISTINCT GeometryType(geom)) FROM {c.layer.bron} "
                                      f"WHERE {c.where()}").fetchone()
        if types is None:  # a part without rows (zebrapaden_lijnen) declares the type its kind may have
            assert c.split, c.id
            types = [c.geometry_type]
        assert len(types) == 1, (c.id, types)
        declared = client.get(f"/ogc/collections/{c.id}/queryables").json()["properties"]["geom"]["$ref"]
        assert declared == f"https://geojson.org/schema/{GEOJSON_SCHEMA[types[0]]}.json", (c.id, types, declared)
    # speelplekken holds points and areas: it was declared MultiPolygon (by its first rows), then Geometry
    for part, expected in (("speelplekken_punten", "Point"), ("speelplekken_vlakken", "MultiPolygon")):
        declared = client.get(f"/ogc/collections/{part}/queryables").json()["properties"]["geom"]["$ref"]
        assert declared.endswith(f"/{expected}.json"), (part, declared)


@pytest.fixture
def live(fresh_db):
    running = start_server(fresh_db)
    yield running
    running.stop()


def test_number_matched_is_right_on_every_page(live):
    """On main the pages after the first repeated the count from the walk's start."""
    with psycopg.connect(live.db.editor_dsn) as editor, live.client() as client:
        walk = pages(client, "/ogc/collections/groen/items", {"limit": 100})
        first = next(walk)
        total = first["numberMatched"]
        # an editor removes three groen objects while the walk is under way
        editor.execute("DELETE FROM buurt.beheerobject WHERE id IN (SELECT id FROM buurt.beheerobject "
                       "WHERE soort = 'groen' ORDER BY id DESC LIMIT 3)")
        editor.commit()
        rest = list(walk)
        assert rest and {page["numberMatched"] for page in rest} == {total - 3}
        seen = len(first["features"]) + sum(len(page["features"]) for page in rest)
        assert seen == total - 3


def ogr2ogr(server_url: str, collection: str, out, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(["ogr2ogr", "-f", "GPKG", str(out), f"OAPIF:{server_url}/ogc", collection, *extra],
                          capture_output=True, text=True, timeout=300)


def test_gdal_copies_every_collection_with_the_served_counts(server, client, collections, tmp_path):
    """A plain `ogr2ogr` (no -nlt) of every collection: no warning, the served count, the declared type."""
    served = [c["id"] for c in client.get("/ogc/collections").json()["collections"]]
    assert served == list(collections)
    for collection_id in served:
        body = client.get(f"/ogc/collections/{collection_id}/items", params={"limit": 1}).json()
        declared = client.get(f"/ogc/collections/{collection_id}/queryables").json()["properties"]["geom"]["$ref"]
        out = tmp_path / f"{collection_id}.gpkg"
        done = ogr2ogr(server.url, collection_id, out)
        assert done.returncode == 0, (collection_id, done.stderr)
        assert "Warning" not in done.stderr and "ERROR" not in done.stderr, (collection_id, done.stderr)
        with sqlite3.connect(out) as gpkg:
            (count,) = gpkg.execute(f'SELECT count(*) FROM "{collection_id}"').fetchone()
            (geometry_type,) = gpkg.execute("SELECT geometry_type_name FROM gpkg_geometry_columns "
                                            "WHERE table_name = ?", (collection_id,)).fetchone()
        # the demo has no zebrapad drawn as a line: that collection is copied empty, still with its type
        assert count == body["numberMatched"] and (count > 0 or collection_id == "zebrapaden_lijnen"), collection_id
        expected = declared.rsplit("/", 1)[1].removesuffix(".json").upper()
        # GDAL 3.6 takes the type from the first page's features, so an empty collection becomes GEOMETRY
        assert expected != "GEOMETRY" and geometry_type == (expected if count else "GEOMETRY"), \
            (collection_id, geometry_type, declared)


def test_the_rd_new_extent_comes_from_the_database(fresh_db):
    """Where RD New is defined is written once, in buurt_app.rd_gebied(); the OGC API reads it at start-up (via
    publiek.rd_gebied() for the public role) instead of repeating the numbers in crs.py."""
    from spatial_service.web.ogc import crs

    assert "289000" not in Path(crs.__file__).read_text() and "629000" not in Path(crs.__file__).read_text()
    with psycopg.connect(fresh_db.admin_dsn, autocommit=True) as admin:
        # a narrower area (the Gooi only): a bbox elsewhere in the Netherlands is now outside it
        admin.execute("CREATE OR REPLACE FUNCTION buurt_app.rd_gebied() RETURNS geometry LANGUAGE sql IMMUTABLE "
                      "AS $$ SELECT ST_MakeEnvelope(120000, 450000, 160000, 490000, 28992) $$")
    running = start_server(fresh_db)
    try:
        with running.client() as client:
            inside = client.get("/ogc/collections/buurtdeals_vlakken/items",
                                params={"bbox": "139000,469000,141500,471500", "bbox-crs": RD})
            assert inside.status_code == 200 and inside.json()["numberMatched"] > 0
            outside = client.get("/ogc/collections/buurtdeals_vlakken/items",
                                 params={"bbox": "90000,430000,100000,440000", "bbox-crs": RD})
            assert "buiten het bereik" in exception(outside)
    finally:
        running.stop()
