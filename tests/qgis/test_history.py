"""The history of a selected feature (who, when, which field, old -> new) and restoring an earlier version as a
new edit that the rules check again, through the Processing algorithms on the layers the plugin loaded; the
public and read-only roles cannot read the history."""

from __future__ import annotations

import psycopg
import pytest
from qgis.core import QgsProcessingException, QgsProcessingFeatureSourceDefinition


def selected(layer, feature_id: int) -> QgsProcessingFeatureSourceDefinition:
    layer.selectByExpression(f'"id" = {feature_id}')
    assert layer.selectedFeatureCount() == 1
    return QgsProcessingFeatureSourceDefinition(layer.id(), True)


def test_history_shows_who_changed_which_field_and_an_old_version_comes_back(bk, plugin, project,
                                                                             fresh_connection, fresh_db):
    import processing

    result = plugin.load_layers(connection=fresh_connection)
    deals = result.layers["buurtdeal_punt"]
    deal = next(deals.getFeatures("status = 'uitvoering'"))
    with psycopg.connect(fresh_db.editor_dsn) as conn:
        conn.execute("UPDATE buurt.buurtdeal SET titel = 'Nieuwe titel', budget_gemeente = 999 WHERE id = %s",
                     (deal["id"],))
    history = processing.run("buurtkaart:geschiedenis", {"INVOER": selected(deals, deal["id"]),
                                                         "OUTPUT": "memory:"})["OUTPUT"]
    rows = [dict(zip(history.fields().names(), f.attributes(), strict=True)) for f in history.getFeatures()]
    changed = {r["veld"]: (r["oud"], r["nieuw"], r["door"]) for r in rows if r["actie"] == "gewijzigd"}
    assert changed["titel"] == (deal["titel"], "Nieuwe titel", "buurtkaart_gis")
    assert changed["budget_gemeente"][1] == "999.00"
    assert {r["object_id"] for r in rows} == {deal["id"]} and {r["tabel"] for r in rows} == {"buurtdeal"}
    assert not any(r["veld"].startswith("indiener_") for r in rows)
    created = min(r["wijziging"] for r in rows if r["actie"] == "nieuw")

    restored = processing.run("buurtkaart:versie_herstellen", {"INVOER": selected(deals, deal["id"]),
                                                               "WIJZIGING": created})
    assert "staat weer zoals na wijziging" in restored["BERICHT"]
    assert deals.getFeature(deal.id())["titel"] == deal["titel"]  # the layer shows it at once
    with psycopg.connect(fresh_db.admin_dsn) as conn:
        assert conn.execute("SELECT titel, budget_gemeente FROM buurt.buurtdeal WHERE id = %s",
                            (deal["id"],)).fetchone() == (deal["titel"], deal["budget_gemeente"])
        # a new edit in the log, by the GIS login
        assert conn.execute("SELECT count(*) FROM buurt_sys.wijziging WHERE tabel = 'buurt.buurtdeal' AND rij_id = "
                            "%s AND actie = 'U' AND door = 'buurtkaart_gis'", (str(deal["id"]),)).fetchone()[0] == 2


def test_a_restore_the_rules_refuse_is_refused_in_dutch(bk, plugin, project, fresh_connection, fresh_db):
    import processing

    result = plugin.load_layers(connection=fresh_connection)
    initiatives = result.layers["initiatief_punt"]
    feature = next(initiatives.getFeatures("status = 'initiatief_binnen'"))
    with psycopg.connect(fresh_db.editor_dsn) as conn:
        conn.execute("UPDATE buurt.initiatief SET status = 'check_intern' WHERE id = %s", (feature["id"],))
        conn.execute("UPDATE buurt.initiatief SET status = 'gesprek_wederkerigheid' WHERE id = %s", (feature["id"],))
        first = conn.execute("SELECT min(id) FROM buurt_sys.wijziging WHERE tabel = 'buurt.initiatief' AND "
                             "rij_id = %s", (str(feature["id"]),)).fetchone()[0]
    # back to "Initiatief binnen" is two steps back: the workflow rule refuses it, nothing changes
    with pytest.raises(QgsProcessingException, match="slaat een stap in het proces over"):
        processing.run("buurtkaart:versie_herstellen", {"INVOER": selected(initiatives, feature["id"]),
                                                        "WIJZIGING": first})
    with psycopg.connect(fresh_db.admin_dsn) as conn:
        assert conn.execute("SELECT status FROM buurt.initiatief WHERE id = %s",
                            (feature["id"],)).fetchone()[0] == "gesprek_wederkerigheid"
    with pytest.raises(QgsProcessingException, match="hoort niet bij initiatief"):
        processing.run("buurtkaart:versie_herstellen", {"INVOER": selected(initiatives, feature["id"]),
                                                        "WIJZIGING": 1})


def test_public_and_read_only_roles_cannot_read_the_history(demo_db):
    for dsn in (demo_db.public_dsn, demo_db.reader_dsn):
        with psycopg.connect(dsn) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT * FROM buurt_app.geschiedenis('buurtdeal', '1')").fetchall()
