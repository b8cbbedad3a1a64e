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
