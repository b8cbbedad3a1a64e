"""QGIS with many gemeenten in one database: an editor of GM0402 loads the layer set and gets Hilversum only
(the data through row-level security, the boundaries through the loader's filter); drawing a deal in Amersfoort
is refused with the database's Dutch message, and the user's own edits still save."""

from __future__ import annotations

import os
from collections.abc import Iterator

import psycopg
import pytest
from qgis.core import Qgis

from tests import support
from tests.gemeenten import AMERSFOORT_POINT, add_amersfoort, limit_editors
from tests.qgis.test_editing import INSIDE_POINT, new_deal
from tests.qgis_registry import delete_connection, save_connection


@pytest.fixture
def gm0402_connection(pg_settings) -> Iterator[tuple[str, support.TestDatabase]]:
    db = support.new_database(pg_settings, with_demo=True)
    add_amersfoort(db.admin_dsn)
    dsn_0402, _ = limit_editors(db)
    name = save_connection(f"Buurtkaart GM0402 {os.getpid()} {db.name}", dsn_0402)
    yield name, db
    delete_connection(name)
    db.drop()


def test_editor_loads_and_edits_only_the_own_gemeente(bk, plugin, project, gm0402_connection):
    connection, db = gm0402_connection
    result = plugin.load_layers(connection=connection)
    for layer_id in ("buurt", "wijk", "buurtdeal_punt", "initiatief_punt", "speelplek_punt"):
        codes = {f["gemeentecode"] for f in result.layers[layer_id].getFeatures()}
        assert codes == {"GM0402"}, (layer_id, codes)
    with psycopg.connect(db.admin_dsn) as conn:
        assert conn.execute("SELECT count(*) FROM buurt.buurt WHERE gemeentecode = 'GM0307'").fetchone()[0] == 1

    points = result.layers["buurtdeal_punt"]
    assert points.startEditing()
    assert points.addFeature(new_deal(points, INSIDE_POINT, "Eigen gemeente", status="gesprek_wederkerigheid"))
    assert not points.addFeature(new_deal(points, AMERSFOORT_POINT, "Andere gemeente",
                                          status="gesprek_wederkerigheid"))
    messages = [m.removeprefix("Buurtkaart:") for m in plugin.iface.messageBar().get_messages(Qgis.Critical)]
    assert any(m.startswith("Geen toegang tot gemeente GM0307 (Amersfoort)") for m in messages), messages
    assert not any("ERROR" in m or "row-level security" in m for m in messages), messages
    saved = plugin.save_edits()
    assert saved.ok, saved.message
    with psycopg.connect(db.admin_dsn) as conn:
        rows = conn.execute("SELECT titel, gemeentecode FROM buurt.buurtdeal WHERE titel LIKE '% gemeente' "
                            "ORDER BY titel").fetchall()
    assert rows == [("Eigen gemeente", "GM0402")]


def test_history_and_restore_in_qgis_stay_within_the_own_gemeente(bk, plugin, project, gm0402_connection):
    """The history algorithm on an own deal shows its log; restoring it to a version of a GM0307 deal (a change
    number typed in by hand) is refused in Dutch, as any number outside the own log, and changes nothing."""
    import processing
    from qgis.core import QgsProcessingException

    from tests.qgis.test_history import selected

    connection, db = gm0402_connection
    with psycopg.connect(db.admin_dsn) as conn:
        other, other_title = conn.execute("SELECT id, titel FROM buurt.buurtdeal WHERE gemeentecode = 'GM0307' "
                                          "ORDER BY id LIMIT 1").fetchone()
        other_change = conn.execute("SELECT max(id) FROM buurt_sys.wijziging WHERE tabel = 'buurt.buurtdeal' "
                                    "AND rij_id = %s", (str(other),)).fetchone()[0]
    result = plugin.load_layers(connection=connection)
    deals = result.layers["buurtdeal_punt"]
    own = next(deals.getFeatures())
    history = processing.run("buurtkaart:geschiedenis", {"INVOER": selected(deals, own["id"]),
                                                         "OUTPUT": "memory:"})["OUTPUT"]
    assert history.featureCount() > 0
    assert {f["object_id"] for f in history.getFeatures()} == {own["id"]}
    with pytest.raises(QgsProcessingException, match=rf"Geen toegang: wijziging {other_change} hoort niet bij "
                                                     rf"buurtdeal {own['id']} of niet bij uw gemeente\(n\)"):
        processing.run("buurtkaart:versie_herstellen", {"INVOER": selected(deals, own["id"]),
                                                        "WIJZIGING": other_change})
    with psycopg.connect(db.admin_dsn) as conn:
        assert conn.execute("SELECT titel FROM buurt.buurtdeal WHERE id = %s", (own["id"],)).fetchone() == (
            own["titel"],)
        assert conn.execute("SELECT titel FROM buurt.buurtdeal WHERE id = %s", (other,)).fetchone() == (
            other_title,)
