"""Editing through QGIS' edit buffer in the transaction group: a new deal with its commitments saves in one
commit with the derived buurt; refusals show the database's Dutch message and keep every edit."""

from __future__ import annotations

import psycopg
from qgis.core import Qgis, QgsFeature, QgsGeometry, QgsVectorLayerUtils

# inside Hilversum (Centrum); the polygon lies within one buurt
INSIDE_POINT = "POINT (140900 471400)"
INSIDE_AREA = "MULTIPOLYGON (((140850 471350, 140950 471350, 140950 471450, 140850 471450, 140850 471350)))"
OUTSIDE_POINT = "POINT (120000 480000)"


def new_deal(layer, wkt: str, titel: str, status: str = "buurtdeal_gesloten") -> QgsFeature:
    feature = QgsVectorLayerUtils.createFeature(layer, QgsGeometry.fromWkt(wkt), {
        layer.fields().indexOf("titel"): titel,
        layer.fields().indexOf("thema"): "openbare_ruimte",
        layer.fields().indexOf("status"): status,
        layer.fields().indexOf("budget_gemeente"): 2500,
    })
    return feature


def commitment(layer, deal_id: int, partij: str, text: str) -> QgsFeature:
    return QgsVectorLayerUtils.createFeature(layer, QgsGeometry(), {
        layer.fields().indexOf("buurtdeal_id"): deal_id,
        layer.fields().indexOf("partij"): partij,
        layer.fields().indexOf("omschrijving"): text,
    })


def critical_messages(plugin) -> list[str]:
    """What the user saw in the message bar (the stub stores 'title:text')."""
    return [m.removeprefix("Buurtkaart:") for m in plugin.iface.messageBar().get_messages(Qgis.Critical)]


def expected_buurt(dsn: str, wkt: str) -> str:
    with psycopg.connect(dsn) as conn:
        return conn.execute("SELECT code FROM buurt.buurt WHERE ST_Intersects(geom, ST_GeomFromText(%s, 28992)) "
                            "ORDER BY ST_Area(ST_Intersection(geom, ST_GeomFromText(%s, 28992))) DESC, code LIMIT 1",
                            (wkt, wkt)).fetchone()[0]


def test_new_deals_with_commitments_save_in_one_commit(bk, plugin, project, fresh_connection, fresh_db):
    result = plugin.load_layers(connection=fresh_connection)
    points, areas, commitments = (result.layers[k] for k in ("buurtdeal_punt", "buurtdeal_vlak", "afspraak"))
    assert points.startEditing()
    made = {}
    for layer, wkt, titel in ((points, INSIDE_POINT, "Bankje Kerkbrink"), (areas, INSIDE_AREA, "Geveltuinen")):
        deal = new_deal(layer, wkt, titel)
        # evaluated on the provider side: the id is known before saving, so commitments can point at it
        deal_id = deal["id"]
        assert isinstance(deal_id, int) and deal_id > 0
        assert layer.addFeature(deal)
        assert commitments.addFeature(commitment(commitments, deal_id, "bewoners", "Onderhoud en zwerfafval"))
        assert commitments.addFeature(commitment(commitments, deal_id, "gemeente", "Financiert en plaatst"))
        made[titel] = (deal_id, wkt, layer)

    saved = plugin.save_edits()
    assert saved.ok, saved.message
    assert plugin.iface.messageBar().get_messages(Qgis.Success)

    with psycopg.connect(fresh_db.admin_dsn) as conn:
        for titel, (deal_id, wkt, layer) in made.items():
            row = conn.execute("SELECT titel, status, buurtcode, wijkcode, aangemaakt_door, GeometryType(geom) "
                               "FROM buurt.buurtdeal WHERE id = %s", (deal_id,)).fetchone()
            assert row[:2] == (titel, "buurtdeal_gesloten")
            assert row[2] == expected_buurt(fresh_db.admin_dsn, wkt)
            assert row[3] == row[2][:2].replace("BU", "WK") + row[2][2:8]
            assert row[4] == "buurtkaart_gis"
            assert row[5] == ("POINT" if layer is points else "MULTIPOLYGON")
            parties = conn.execute("SELECT partij FROM buurt.afspraak WHERE buurtdeal_id = %s ORDER BY partij",
                                   (deal_id,)).fetchall()
            assert [p[0] for p in parties] == ["bewoners", "gemeente"]
            # one database transaction for the deals and their commitments
            assert conn.execute("SELECT count(DISTINCT transactie) FROM buurt_sys.wijziging WHERE "
                                "(tabel = 'buurt.buurtdeal' AND rij_id = %s) OR (tabel = 'buurt.afspraak' AND "
                                "nieuw ->> 'buurtdeal_id' = %s)", (str(deal_id), str(deal_id))).fetchone()[0] == 1
    # the derived buurt appears in QGIS after the save
    for _titel, (deal_id, wkt, layer) in made.items():
        feature = next(layer.getFeatures(f'"id" = {deal_id}'))
        assert feature["buurtcode"] == expected_buurt(fresh_db.admin_dsn, wkt)


def test_closed_deal_without_both_sides_is_refused_and_kept(bk, plugin, project, fresh_connection, fresh_db):
    result = plugin.load_layers(connection=fresh_connection)
    points, commitments = result.layers["buurtdeal_punt"], result.layers["afspraak"]
    assert points.startEditing()
    deal = new_deal(points, INSIDE_POINT, "Speelplek zonder afspraak gemeente")
    deal_id = deal["id"]
    assert points.addFeature(deal)
    assert commitments.addFeature(commitment(commitments, deal_id, "bewoners", "Peilt draagvlak"))

    refused = plugin.save_edits()
    assert not refused.ok
    assert refused.message.startswith('Buurtdeal "Speelplek zonder afspraak gemeente" kan niet de status '
                                      '"Buurtdeal gesloten" hebben zonder wederkerigheid')
    assert "geen afspraak voor Gemeente" in refused.message
    assert "ERROR" not in refused.message and "CONTEXT" not in refused.message
    assert refused.message in critical_messages(plugin)
    # the edit buffer survives: still editing, the deal and its commitment are still there
    assert points.isEditable() and commitments.isEditable()
    assert any(f["id"] == deal_id for f in points.getFeatures())
    with psycopg.connect(fresh_db.admin_dsn) as conn:
        assert conn.execute("SELECT count(*) FROM buurt.buurtdeal WHERE id = %s", (deal_id,)).fetchone()[0] == 0

    # the user adds what was missing and saves again: now it commits
    assert commitments.addFeature(commitment(commitments, deal_id, "gemeente", "Legt de speelplek aan"))
    saved = plugin.save_edits()
    assert saved.ok, saved.message
    with psycopg.connect(fresh_db.admin_dsn) as conn:
        assert conn.execute("SELECT count(*) FROM buurt.afspraak WHERE buurtdeal_id = %s",
                            (deal_id,)).fetchone()[0] == 2


def test_deal_outside_the_municipality_is_refused_in_dutch(bk, plugin, project, fresh_connection, fresh_db):
    result = plugin.load_layers(connection=fresh_connection)
    points = result.layers["buurtdeal_punt"]
    assert points.startEditing()
    kept = new_deal(points, INSIDE_POINT, "Binnen de gemeente", status="gesprek_wederkerigheid")
    assert points.addFeature(kept)
    outside = new_deal(points, OUTSIDE_POINT, "Buiten de gemeente", status="gesprek_wederkerigheid")
    assert not points.addFeature(outside)
    messages = critical_messages(plugin)
    assert any(m.startswith("Buurtdeal ligt (deels) buiten de gemeente.") for m in messages), messages
    assert not any("ERROR" in m or "CONTEXT" in m for m in messages)
    # the earlier edit is still in the session and saves
    saved = plugin.save_edits()
    assert saved.ok, saved.message
    with psycopg.connect(fresh_db.admin_dsn) as conn:
        titles = {r[0] for r in conn.execute("SELECT titel FROM buurt.buurtdeal WHERE titel LIKE '% de gemeente'")}
    assert titles == {"Binnen de gemeente"}


def test_workflow_jump_is_refused_in_dutch(bk, plugin, project, fresh_connection, fresh_db):
    result = plugin.load_layers(connection=fresh_connection)
    initiatives = result.layers["initiatief_punt"]
    feature = next(f for f in initiatives.getFeatures() if f["status"] == "initiatief_binnen")
    assert initiatives.startEditing()
    index = initiatives.fields().indexOf("status")
    assert not initiatives.changeAttributeValue(feature.id(), index, "evaluatie")
    messages = critical_messages(plugin)
    assert any('slaat een stap in het proces over' in m and 'Vanuit "Initiatief binnen"' in m for m in messages), \
        messages
    # one step on is fine and saves
    assert initiatives.changeAttributeValue(feature.id(), index, "check_intern")
    assert plugin.save_edits().ok
    with psycopg.connect(fresh_db.admin_dsn) as conn:
        assert conn.execute("SELECT status FROM buurt.initiatief WHERE id = %s",
                            (feature["id"],)).fetchone()[0] == "check_intern"


def test_standard_qgis_save_shows_the_refusal_in_dutch(bk, plugin, project, fresh_connection, fresh_db):
    """QGIS' own save (commitChanges on the group) shows the database's Dutch message and keeps the session
    (the form-driven version of this, on every save path, is in test_forms.py)."""
    result = plugin.load_layers(connection=fresh_connection)
    points, commitments = result.layers["buurtdeal_punt"], result.layers["afspraak"]
    assert points.startEditing()
    deal = new_deal(points, INSIDE_POINT, "Alleen bewoners")
    assert points.addFeature(deal)
    assert commitments.addFeature(commitment(commitments, deal["id"], "bewoners", "Onderhoud"))
    points.commitChanges(False)
    messages = critical_messages(plugin)
    assert any(m.startswith('Buurtdeal "Alleen bewoners" kan niet de status "Buurtdeal gesloten" hebben') and
               "Niet opgeslagen" in m for m in messages), messages
    with psycopg.connect(fresh_db.admin_dsn) as conn:
        assert conn.execute("SELECT count(*) FROM buurt.buurtdeal WHERE titel = 'Alleen bewoners'").fetchone()[0] == 0
    assert points.isEditable() and any(f["titel"] == "Alleen bewoners" for f in points.getFeatures())
