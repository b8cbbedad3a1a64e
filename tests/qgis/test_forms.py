"""What GIS staff drive: the real feature form of every editable layer (QgsAttributeDialog on QGIS 3.22), its
text fields, value-relation lists and check boxes, OK, and then saving with the plugin's button or with QGIS'
own "Laagwijzigingen opslaan" (QgisApp::saveEdits: layer.commitChanges(stopEditing=False)) or by ending edit
mode (commitChanges(stopEditing=True)). A refusal by the deferred wederkerigheid rule keeps every unsaved edit
on every path, and the user can complete the deal and save again."""

from __future__ import annotations

import psycopg
import pytest
from qgis.core import Qgis, QgsFeatureRequest, QgsGeometry, QgsVectorLayerUtils

from tests.qgis import forms

# the editable layers, the feature each test edits, and what it changes through the form
EDITS = {
    "initiatief_punt": ("status = 'initiatief_binnen'", [
        ("text", "titel", "Bankje bij de bieb"), ("choose", "thema", "Verkeer", "verkeer"),
        ("choose", "status", "Check intern (wijkteam)", "check_intern"),
        ("text", "indiener_naam", "J. de Vries")]),
    "initiatief_vlak": ("status = 'check_intern'", [
        ("text", "titel", "Geveltuinen Oost"), ("choose", "thema", "Zorgbehoefte", "zorgbehoefte"),
        ("text", "omschrijving", "Geveltuinen langs de hele straat")]),
    "buurtdeal_punt": ("status = 'uitvoering'", [
        ("text", "titel", "Bank Stroeslaan (2)"), ("choose", "thema", "Veiligheid", "veiligheid"),
        ("number", "jaar", 2019, 2019), ("number", "budget_gemeente", 1234.5, 1234.5)]),
    "buurtdeal_vlak": ("status = 'evaluatie'", [
        ("text", "titel", "Groenimpuls (herzien)"), ("number", "jaar", 2020, 2020),
        ("choose", "initiatief_id", "2 — Speelplek (1) Havenstraatbuurt", 2)]),
    "afspraak": ("gereed = false", [
        ("text", "omschrijving", "Veegt elke week de stoep"), ("tick", "gereed", True, True)]),
    "speelplek_punt": ("true", [("text", "naam", "Speelplek Kerkbrink"),
                                ("choose", "beheerder", "Bewoners", "bewoners")]),
    "speelplek_vlak": ("true", [("text", "naam", "Trapveld Meent")]),
    "groen": ("beheerder = 'gemeente' AND buurtdeal_id IS NULL", [
        ("text", "naam", "Plantsoen Oost"), ("choose", "beheerder", "Bewoners", "bewoners"),
        ("choose", "buurtdeal_id", "3 — Groenimpuls Centrum (2017)", 3)]),
    "zebrapad": ("true", [("text", "naam", "Zebrapad Kloosterlaan")]),
}
SAVE_PATHS = ("plugin", "qgis_opslaan", "qgis_bewerken_beeindigen")


@pytest.fixture(autouse=True)
def _close_forms(project):
    yield
    forms.close_all()


def fill(dialog, edits) -> dict[str, object]:
    expected = {}
    for kind, name, value, *stored in edits:
        if kind == "text":
            forms.type_text(dialog, name, value)
        elif kind == "choose":
            forms.choose(dialog, name, value)
        elif kind == "number":
            forms.set_number(dialog, name, value)
        elif kind == "tick":
            forms.tick(dialog, name, value)
        expected[name] = stored[0] if stored else value
    return expected


def save(path: str, plugin, layer) -> None:
    """Save the way the user chose."""
    if path == "plugin":
        plugin.save_edits()
    elif path == "qgis_opslaan":
        layer.commitChanges(False)  # QgisApp::saveEdits(layer, leaveEditable=true)
    else:
        layer.commitChanges(True)  # toggling edit mode off and answering "Opslaan"
    forms.settle()


def database_row(dsn: str, table: str, key: int, columns) -> dict[str, object]:
    with psycopg.connect(dsn) as conn:
        row = conn.execute(f"SELECT {', '.join(columns)} FROM {table} WHERE id = %s", (key,)).fetchone()
    return dict(zip(columns, row, strict=True))


def critical(plugin) -> list[str]:
    return [m.removeprefix("Buurtkaart:") for m in plugin.iface.messageBar().get_messages(Qgis.Critical)]


def test_ok_is_enabled_on_every_existing_deal_and_a_sample_of_the_rest(bk, plugin, project, gis_connection):
    """The 3.22 bug: a constraint QGIS cannot parse fails on every feature and disables OK."""
    result = plugin.load_layers(connection=gis_connection)
    opened = 0
    for layer_id in EDITS:
        layer = result.layers[layer_id]
        assert layer.startEditing()
        limit = None if layer_id.startswith("buurtdeal") else 5
        for feature in layer.getFeatures(QgsFeatureRequest().setLimit(limit or -1)):
            dialog = forms.open_form(layer, feature)
            try:
                assert forms.ok_button(dialog).isEnabled(), f"{layer_id} {feature.id()}: OK uitgeschakeld"
            finally:
                dialog.reject()
            opened += 1
        assert layer.rollBack()
    assert opened >= 46 + 7 * 5


@pytest.mark.parametrize("path", SAVE_PATHS)
def test_every_editable_layer_edited_through_its_form_and_saved(bk, plugin, project, fresh_connection, fresh_db,
                                                                path):
    result = plugin.load_layers(connection=fresh_connection)
    edited: dict[str, tuple[int, dict[str, object]]] = {}
    assert result.layers["afspraak"].startEditing()
    for layer_id, (where, edits) in EDITS.items():
        layer = result.layers[layer_id]
        assert layer.isEditable(), layer_id  # one transaction group: all layers edit together
        feature = next(layer.getFeatures(where))
        dialog = forms.open_form(layer, feature)
        expected = fill(dialog, edits)
        forms.press_ok(dialog)
        # the edit is in the layer (the open transaction), not yet in the database
        shown = layer.getFeature(feature.id())
        assert {k: shown[k] for k in expected} == expected, layer_id
        edited[layer_id] = (feature["id"], expected)
    # a commitment changed inside the deal form, in its relation editor (the afspraken tab)
    deals = result.layers["buurtdeal_punt"]
    deal = next(deals.getFeatures(f"status = 'uitvoering' AND id <> {edited['buurtdeal_punt'][0]}"))
    dialog = forms.open_form(deals, deal)
    forms.show_tab(dialog, "Afspraken (wederkerigheid)")
    first = forms.relation_editor_items(dialog)[0]
    child = forms.open_child(dialog, first, result.layers["afspraak"])
    commitment_id = child.feature()["id"]
    forms.type_text(child, "omschrijving", "Gewijzigd via de deal")
    forms.press_ok(dialog)
    assert result.layers["afspraak"].getFeature(commitment_id)["omschrijving"] == "Gewijzigd via de deal"
    edited["afspraak via deal"] = (commitment_id, {"omschrijving": "Gewijzigd via de deal"})

    status_choices = forms.choices(forms.open_form(result.layers["buurtdeal_punt"],
                                                   next(result.layers["buurtdeal_punt"].getFeatures())), "status")
    assert "Buurtdeal gesloten" in status_choices and "Initiatief binnen" not in status_choices

    save(path, plugin, result.layers["buurtdeal_punt"])

    assert not critical(plugin), critical(plugin)
    for layer_id, (key, expected) in edited.items():
        table = bk.catalogue.load().by_id(layer_id.split()[0]).tabel
        assert database_row(fresh_db.admin_dsn, table, key, list(expected)) == expected, layer_id
    with psycopg.connect(fresh_db.admin_dsn) as conn:
        # one save, one database transaction for all nine layers
        assert conn.execute("SELECT count(DISTINCT transactie) FROM buurt_sys.wijziging WHERE actie = 'U' "
                            "AND door = 'buurtkaart_gis'").fetchone()[0] == 1


def closed_deal_with_one_gemeente_commitment(dsn: str) -> tuple[int, str, int]:
    with psycopg.connect(dsn) as conn:
        return conn.execute("""
            SELECT d.id, d.titel, min(a.id) FROM buurt.buurtdeal d JOIN buurt.afspraak a ON a.buurtdeal_id = d.id
            WHERE d.status = 'buurtdeal_gesloten' AND GeometryType(d.geom) = 'POINT' AND a.partij = 'gemeente'
            GROUP BY d.id, d.titel HAVING count(*) = 1 ORDER BY d.id LIMIT 1""").fetchone()


@pytest.mark.parametrize("path", SAVE_PATHS)
def test_refused_save_keeps_every_edit_and_saves_once_complete(bk, plugin, project, fresh_connection, fresh_db,
                                                               path):
    deal_id, deal_title, gemeente_id = closed_deal_with_one_gemeente_commitment(fresh_db.admin_dsn)
    result = plugin.load_layers(connection=fresh_connection)
    deals, commitments = result.layers["buurtdeal_punt"], result.layers["afspraak"]
    initiatives = result.layers["initiatief_vlak"]
    assert deals.startEditing()

    # three unsaved edits through three forms: the deal, an initiative, and the deal's only gemeente commitment
    dialog = forms.open_form(deals, next(deals.getFeatures(f'"id" = {deal_id}')))
    forms.type_text(dialog, "titel", "Speelplek met nieuwe afspraken")
    forms.press_ok(dialog)
    initiative = next(initiatives.getFeatures("status = 'check_intern'"))
    dialog = forms.open_form(initiatives, initiative)
    forms.type_text(dialog, "titel", "Initiatief bijgewerkt")
    forms.press_ok(dialog)
    dialog = forms.open_form(commitments, commitments.getFeature(gemeente_id))
    forms.choose(dialog, "partij", "Partner")  # the deal now lacks a commitment by the gemeente
    forms.press_ok(dialog)

    save(path, plugin, deals)

    messages = critical(plugin)
    assert any(m.startswith('Buurtdeal "Speelplek met nieuwe afspraken" kan niet de status "Buurtdeal gesloten" '
                            'hebben zonder wederkerigheid') and "geen afspraak voor Gemeente" in m
               for m in messages), messages
    assert not any("ERROR" in m or "CONTEXT" in m for m in messages), messages
    # every edit is still there, in edit mode, and nothing reached the database
    assert deals.isEditable() and commitments.isEditable() and initiatives.isEditable()
    assert deals.getFeature(deal_id)["titel"] == "Speelplek met nieuwe afspraken", messages
    assert initiatives.getFeature(initiative.id())["titel"] == "Initiatief bijgewerkt"
    assert commitments.getFeature(gemeente_id)["partij"] == "partner"
    assert database_row(fresh_db.admin_dsn, "buurt.buurtdeal", deal_id, ["titel"]) == {"titel": deal_title}
    assert database_row(fresh_db.admin_dsn, "buurt.afspraak", gemeente_id, ["partij"]) == {"partij": "gemeente"}

    # the user adds the missing commitment through the afspraak form (add-feature mode) and saves the same way
    new = QgsVectorLayerUtils.createFeature(commitments, QgsGeometry(), {
        commitments.fields().indexOf("buurtdeal_id"): deal_id})
    dialog = forms.open_form(commitments, new, add=True)
    forms.choose(dialog, "partij", "Gemeente")
    forms.type_text(dialog, "omschrijving", "Legt de speelplek aan")
    forms.press_ok(dialog)
    plugin.iface.messageBar().clear_messages()
    save(path, plugin, deals)

    assert not critical(plugin), critical(plugin)
    assert database_row(fresh_db.admin_dsn, "buurt.buurtdeal", deal_id, ["titel"]) == {
        "titel": "Speelplek met nieuwe afspraken"}
    assert database_row(fresh_db.admin_dsn, "buurt.initiatief", initiative["id"], ["titel"]) == {
        "titel": "Initiatief bijgewerkt"}
    assert database_row(fresh_db.admin_dsn, "buurt.afspraak", gemeente_id, ["partij"]) == {"partij": "partner"}
    with psycopg.connect(fresh_db.admin_dsn) as conn:
        assert conn.execute("SELECT omschrijving FROM buurt.afspraak WHERE buurtdeal_id = %s AND partij = 'gemeente'",
                            (deal_id,)).fetchall() == [("Legt de speelplek aan",)]
