"""/ogc on a private database while it changes: an edit shows in the next answer, and the OGC pool survives the
loss of its connections (a database restart or a terminated backend)."""

from __future__ import annotations

import time

import psycopg
import pytest

from spatial_service.ogc_split import PARTS
from tests.service.conftest import start_server


@pytest.fixture
def live(fresh_db):
    running = start_server(fresh_db)
    yield running
    running.stop()


def test_an_edit_and_an_unpublish_show_at_once(live):
    with psycopg.connect(live.db.editor_dsn) as editor, live.client() as client:
        deal_id, kind = editor.execute("SELECT id, GeometryType(geom) FROM buurt.buurtdeal WHERE gepubliceerd "
                                       "ORDER BY id LIMIT 1").fetchone()
        collection = f"buurtdeals_{PARTS[kind]}"  # the collection of its geometry type (ogc_split)
        url = f"/ogc/collections/{collection}/items/{deal_id}"
        assert client.get(url).status_code == 200
        editor.execute("UPDATE buurt.buurtdeal SET titel = 'Nieuw via QGIS' WHERE id = %s", (deal_id,))
        editor.commit()
        assert client.get(url).json()["properties"]["titel"] == "Nieuw via QGIS"
        editor.execute("UPDATE buurt.buurtdeal SET gepubliceerd = false WHERE id = %s", (deal_id,))
        editor.commit()
        assert client.get(url).status_code == 404
        ids = {f["id"] for f in client.get(f"/ogc/collections/{collection}/items", params={"limit": 1000}).json()[
            "features"]}
        assert ids and deal_id not in ids


def test_the_pool_recovers_when_its_connections_are_killed(live):
    with psycopg.connect(live.db.admin_dsn, autocommit=True) as admin, live.client() as client:
        url = "/ogc/collections/wijken/items"
        assert client.get(url).status_code == 200
        killed = admin.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                               "WHERE application_name = 'buurtkaart-ogc' AND datname = current_database()"
                               ).fetchone()[0]
        assert killed >= 1
        statuses = []
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            r = client.get(url)
            statuses.append(r.status_code)
            if r.status_code == 200:
                break
            assert r.status_code == 503 and "niet bereikbaar" in r.json()["description"]
            time.sleep(0.1)
        assert statuses[-1] == 200 and len(r.json()["features"]) == 9, statuses
        # one request at a time uses one pool connection: the retry on a fresh one hides its loss entirely
        assert statuses == [200] or killed > 1, statuses


def test_collection_metadata_follows_edits_after_the_catalog_ttl(live, monkeypatch):
    import spatial_service.web.ogc as ogc_module

    with psycopg.connect(live.db.editor_dsn) as editor, live.client() as client:
        before = client.get("/ogc/collections/initiatieven_punten").json()["extent"]["temporal"]["interval"][0]
        walk = client.get("/ogc/collections/groen/items", params={"limit": 100}).json()
        monkeypatch.setattr(ogc_module, "CATALOG_TTL", ogc_module.dt.timedelta(0))
        editor.execute("UPDATE buurt.initiatief SET ingediend_op = DATE '2030-06-01' WHERE id = "
                       "(SELECT min(id) FROM publiek.initiatief WHERE GeometryType(geom) = 'POINT')")
        editor.commit()
        after = client.get("/ogc/collections/initiatieven_punten").json()["extent"]["temporal"]["interval"][0]
        assert after[1].startswith("2030-06-01") and not before[1].startswith("2030")
        # the reload kept the walk's seek boundary: the next page continues where the first ended
        nxt = next(link["href"] for link in walk["links"] if link["rel"] == "next")
        page = client.get(nxt).json()
        assert page["features"][0]["id"] > walk["features"][-1]["id"]
