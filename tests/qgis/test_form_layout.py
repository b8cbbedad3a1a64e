"""Forms that fit a 1024x768 screen, explain themselves and load quietly: tabs instead of one long column,
afspraken listed as "partij — omschrijving (gereed)", a relation-reference widget (pick by title) for every
foreign key of the catalogue's [[relatie]], no "fallback to basic relation widget" and no libpq NOTICE on load."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import psycopg

from tests.qgis import forms
from tests.qgis.conftest import REPO

SCREEN = (1024, 768)
WINDOW_FRAME = 60  # title bar and task bar of a 768 px high screen


def test_fresh_qgis_session_loads_quietly_and_every_form_fits(bk, plugins_dir, demo_db):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    run = subprocess.run([sys.executable, "-m", "tests.qgis.fresh_session", str(plugins_dir), demo_db.editor_dsn],
                         cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    report = json.loads(run.stdout.strip().splitlines()[-1])
    assert report["style_errors"] == {}
    noise = [m for m in report["messages"] if "NOTICE" in m["text"] or "fallback" in m["text"].lower()
             or "Failed to create" in m["text"]]
    assert noise == [], noise
    assert "fallback" not in run.stderr.lower() and "NOTICE" not in run.stderr, run.stderr[-2000:]
    editable = [e.id for e in bk.catalogue.load().map_layers if not e.alleen_lezen]
    assert sorted(report["sizes"]) == sorted(editable) and len(editable) >= 9
    for layer_id, (width, height) in report["sizes"].items():
        assert width <= SCREEN[0] and height <= SCREEN[1] - WINDOW_FRAME, (layer_id, width, height)


def test_commitments_read_as_partij_omschrijving_gereed(bk, plugin, project, gis_connection, demo_db):
    result = plugin.load_layers(connection=gis_connection)
    deals = result.layers["buurtdeal_punt"]
    deal = next(deals.getFeatures("status = 'uitvoering'"))
    with psycopg.connect(demo_db.admin_dsn) as conn:
        expected = [f"{naam} — {omschrijving}" + (" (gereed)" if gereed else "") for naam, omschrijving, gereed in
                    conn.execute("SELECT p.naam, a.omschrijving, a.gereed FROM buurt.afspraak a JOIN buurt_vl.partij p "
                                 "ON p.code = a.partij WHERE a.buurtdeal_id = %s", (deal["id"],))]
    assert len(expected) >= 2
    dialog = forms.open_form(deals, deal)
    try:
        forms.show_tab(dialog, "Afspraken (wederkerigheid)")
        assert sorted(forms.relation_editor_items(dialog)) == sorted(expected)
    finally:
        forms.close_all()


def test_every_foreign_key_is_a_relation_reference_on_the_full_list(bk, plugin, project, gis_connection, demo_db):
    result = plugin.load_layers(connection=gis_connection)
    cat = bk.catalogue.load()
    checked = []
    for relation in cat.relations:
        if not relation.verwijzing:  # the wijkagenda's keys keep their value-relation picker by name
            for child in cat.on_table(relation.van):
                layer = result.layers[child.id]
                setup = layer.editorWidgetSetup(layer.fields().indexOf(relation.veld))
                assert setup.type() == "ValueRelation", (child.id, relation.veld, setup.type())
                checked.append(child.id)
            continue
        target = cat.reference_list(relation)
        assert target.geometrie is None and target.alleen_lezen  # the list of every row, not one geometry type
        for child in cat.on_table(relation.van):
            if child.is_value_list:
                continue
            layer = result.layers[child.id]
            setup = layer.editorWidgetSetup(layer.fields().indexOf(relation.veld))
            assert setup.type() == "RelationReference", (child.id, relation.veld, setup.type())
            qgis_relation = project.relationManager().relation(setup.config()["Relation"])
            assert qgis_relation.isValid(), (child.id, setup.config()["Relation"])
            assert qgis_relation.referencedLayer() is result.layers[target.id]
            assert qgis_relation.referencingLayer() is layer
            checked.append(child.id)
    assert sorted(checked) == sorted(["afspraak", "buurtdeal_punt", "buurtdeal_vlak", "speelplek_punt",
                                      "speelplek_vlak", "groen", "zebrapad", "wijkagenda", "jaarschijf"])
    # the widget shows the deal a commitment belongs to by number, title and year
    commitments = result.layers["afspraak"]
    commitment = next(commitments.getFeatures())
    with psycopg.connect(demo_db.admin_dsn) as conn:
        titel, jaar = conn.execute("SELECT titel, jaar FROM buurt.buurtdeal WHERE id = %s",
                                   (commitment["buurtdeal_id"],)).fetchone()
    dialog = forms.open_form(commitments, commitment)
    try:
        label = f"{commitment['buurtdeal_id']} — {titel} ({jaar})"
        assert label in forms.choices_when_loaded(dialog, "buurtdeal_id", label)
    finally:
        forms.close_all()
