"""Run INSIDE the real QGIS desktop (tests/qgis/desktop.py starts it; BK_PLUGINS, BK_DSN, BK_ADMIN_DSN, BK_OUT):
every refusal path driven through the feature forms QGIS opens and QGIS' own save actions, and what the person
then has: the form, every typed value, the layers' modified state, a second save, ending edit mode, the message
bar. One scenario after the other on one database; each starts from a clean edit session and rolls back."""

import json
import os
import sys
import traceback

sys.path.insert(0, os.environ["BK_REPO"])
sys.path.insert(0, os.environ["BK_PLUGINS"])

from qgis.core import QgsProject
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QLineEdit, QMessageBox
from qgis.utils import iface

from tests.qgis import forms
from tests.qgis.desktop import (
    ModalAnswer,
    bar_messages,
    full_message,
    open_form,
    pump,
    shown_dialogs,
)

out: dict = {}
state: dict = {}


def sql(query: str) -> list:
    from buurtkaart import connection

    return connection.run_sql(state["admin"], query)


def start_editing(layer) -> None:
    iface.setActiveLayer(layer)
    if not layer.isEditable():
        iface.actionToggleEditing().trigger()
    pump()
    assert layer.isEditable()


def save_active(layer) -> None:
    """QGIS' own "Laagwijzigingen opslaan" on the layer (the toolbar button; it acts on the active layer)."""
    iface.setActiveLayer(layer)
    pump(0.2)
    state.setdefault("enabled", []).append(iface.actionSaveActiveLayerEdits().isEnabled())
    iface.actionSaveActiveLayerEdits().trigger()
    pump(0.5)


def critical() -> list[str]:
    return [m["text"] for m in bar_messages() if m["level"] == 2]


def text_of(dialog, name: str) -> str:
    return forms._inner(forms.field_widget(dialog, name), (QLineEdit,)).text()


def clean() -> None:
    for dialog in shown_dialogs():
        dialog.reject()
    for layer in QgsProject.instance().mapLayers().values():
        if hasattr(layer, "isEditable") and layer.isEditable():
            layer.rollBack()
    iface.messageBar().clearWidgets()
    pump(0.3)


def end_edit_mode_asks(layer, report: dict) -> None:
    """Toggle edit mode off on the layer and answer QGIS' question with Cancel."""
    iface.setActiveLayer(layer)
    answer = ModalAnswer(QMessageBox.Cancel)
    state["expect_modal"] = True
    iface.actionToggleEditing().trigger()
    pump(0.5)
    state["expect_modal"] = False
    answer.timer.stop()
    report["end_edit_asked"] = answer.text
    report["editable_after_cancel"] = layer.isEditable()


def immediate(layers: dict, report: dict) -> None:
    """A status jump in the deal form: refused as the form's OK writes it."""
    deals = layers["buurtdeal_punt"]
    start_editing(deals)
    deal = next(deals.getFeatures("status = 'uitvoering'"))
    report["deal"] = deal["id"]
    dialog = open_form(deals, deal)
    forms.type_text(dialog, "titel", "Wildplassen aangepakt")
    forms.choose(dialog, "status", "Gesprek wederkerigheid")
    forms.ok_button(dialog).click()
    pump(0.8)
    shown = shown_dialogs(deals)
    report["form_shown"] = len(shown)
    if shown:
        report["typed_titel"] = text_of(shown[0], "titel")
        report["typed_status"] = forms.shown_choice(shown[0], "status")
    report["messages"] = critical()
    report["full"] = full_message()
    report["modified"] = deals.isModified()
    if shown:
        forms.choose(shown[0], "status", "Evaluatie")  # the person picks a step that follows
        forms.ok_button(shown[0]).click()
        pump(0.5)
    after = deals.getFeature(deal.id())
    report["layer_after_fix"] = [after["titel"], after["status"]]
    save_active(deals)
    report["database"] = sql(f"SELECT titel, status FROM buurt.buurtdeal WHERE id = {deal['id']}")[0]
    # the same feature's form again in this edit session: a new, visible form with the saved values
    start_editing(deals)
    iface.messageBar().clearWidgets()
    iface.openFeatureForm(deals, deals.getFeature(deal.id()), False, False)
    pump(0.5)
    again = shown_dialogs(deals)
    report["reopened_shown"] = len(again)
    report["reopened_titel"] = text_of(again[0], "titel") if again else None


def deferred(layers: dict, report: dict) -> None:
    """Wederkerigheid at save: a closed deal's only gemeente commitment changed to another party."""
    deals, commitments = layers["buurtdeal_punt"], layers["afspraak"]
    deal_id, titel, commitment_id = sql("""
        SELECT d.id, d.titel, min(a.id) FROM buurt.buurtdeal d JOIN buurt.afspraak a ON a.buurtdeal_id = d.id
         WHERE d.status = 'buurtdeal_gesloten' AND GeometryType(d.geom) = 'POINT' AND a.partij = 'gemeente'
         GROUP BY d.id, d.titel HAVING count(*) = 1 ORDER BY d.id LIMIT 1""")[0]
    report["deal"], report["commitment"] = deal_id, commitment_id
    start_editing(deals)
    dialog = open_form(deals, next(deals.getFeatures(f'"id" = {deal_id}')))
    forms.type_text(dialog, "titel", "Speelplek met nieuwe afspraken")
    forms.ok_button(dialog).click()
    pump()
    dialog = open_form(commitments, commitments.getFeature(commitment_id))
    forms.choose(dialog, "partij", "Partner")
    forms.ok_button(dialog).click()
    pump()
    save_active(deals)
    report["messages"] = critical()
    report["full"] = full_message()
    report["kept"] = [deals.getFeature(deal_id)["titel"], commitments.getFeature(commitment_id)["partij"]]
    report["modified"] = [deals.isModified(), commitments.isModified()]
    report["database"] = sql(f"SELECT d.titel, a.partij FROM buurt.buurtdeal d JOIN buurt.afspraak a "
                             f"ON a.buurtdeal_id = d.id WHERE a.id = {commitment_id}")[0]
    report["database_before"] = [titel, "gemeente"]
    # a second save retries (and is refused again)
    iface.messageBar().clearWidgets()
    save_active(deals)
    report["second_messages"] = critical()
    report["modified_after_second"] = deals.isModified()
    end_edit_mode_asks(deals, report)
    report["kept_after_cancel"] = [deals.getFeature(deal_id)["titel"], commitments.getFeature(commitment_id)["partij"]]
    # the person completes the deal (the commitment back to the gemeente) and saves once more
    iface.messageBar().clearWidgets()
    dialog = open_form(commitments, commitments.getFeature(commitment_id))
    forms.choose(dialog, "partij", "Gemeente")
    forms.ok_button(dialog).click()
    pump()
    save_active(deals)
    report["final_messages"] = critical()
    report["database_final"] = sql(f"SELECT titel FROM buurt.buurtdeal WHERE id = {deal_id}")[0]


def children_only(layers: dict, report: dict) -> None:
    """Only a commitment changed, in the deal form's relation editor; saved with the deal layer's own button."""
    deals, commitments = layers["buurtdeal_punt"], layers["afspraak"]
    start_editing(deals)
    deal = next(deals.getFeatures("status = 'uitvoering'"))
    dialog = open_form(deals, deal)
    forms.show_tab(dialog, "Afspraken (wederkerigheid)")
    child = forms.open_child(dialog, forms.relation_editor_items(dialog)[0], commitments)
    commitment_id = child.feature()["id"]
    report["commitment"] = commitment_id
    forms.type_text(child, "omschrijving", "Alleen de afspraak gewijzigd")
    forms.ok_button(dialog).click()
    pump()
    report["parent_modified"] = deals.isModified()
    iface.setActiveLayer(deals)
    pump(0.2)
    report["save_enabled"] = iface.actionSaveActiveLayerEdits().isEnabled()
    save_active(deals)
    report["messages"] = critical()
    report["database"] = sql(f"SELECT omschrijving FROM buurt.afspraak WHERE id = {commitment_id}")[0][0]


def children_refused(layers: dict, report: dict) -> None:
    """Across parent and child: the closed deal's commitment changed in the deal form, saved on the deal layer."""
    deals, commitments = layers["buurtdeal_punt"], layers["afspraak"]
    deal_id, commitment_id = sql("""
        SELECT d.id, min(a.id) FROM buurt.buurtdeal d JOIN buurt.afspraak a ON a.buurtdeal_id = d.id
         WHERE d.status = 'buurtdeal_gesloten' AND GeometryType(d.geom) = 'POINT' AND a.partij = 'gemeente'
         GROUP BY d.id HAVING count(*) = 1 ORDER BY d.id LIMIT 1""")[0]
    start_editing(deals)
    dialog = open_form(deals, next(deals.getFeatures(f'"id" = {deal_id}')))
    forms.show_tab(dialog, "Afspraken (wederkerigheid)")
    rows = forms.relation_editor_items(dialog)
    gemeente = next(r for r in rows if r.startswith("Gemeente"))
    child = forms.open_child(dialog, gemeente, commitments)
    forms.choose(child, "partij", "Partner")
    forms.type_text(child, "omschrijving", "Doet de partner nu")
    forms.ok_button(dialog).click()
    pump()
    save_active(deals)
    report["messages"] = critical()
    report["full"] = full_message()
    feature = commitments.getFeature(commitment_id)
    report["kept"] = [feature["partij"], feature["omschrijving"]]
    report["modified"] = [deals.isModified(), commitments.isModified()]
    report["database"] = sql(f"SELECT partij FROM buurt.afspraak WHERE id = {commitment_id}")[0][0]
    iface.messageBar().clearWidgets()
    save_active(deals)
    report["second_messages"] = critical()
    end_edit_mode_asks(deals, report)


def period_and_jaarschijf(layers: dict, report: dict) -> None:
    """Extend a priority's period and add the new year's jaarschijf in the priority's form."""
    agenda, slices = layers["wijkagenda"], layers["jaarschijf"]
    prio_id, jaar_tot = sql("SELECT id, jaar_tot FROM buurt.wijkagenda WHERE prioriteit = 'Speelplekken opknappen'")[0]
    new_year = jaar_tot + 1
    report["year"] = new_year
    start_editing(agenda)
    dialog = open_form(agenda, next(agenda.getFeatures(f'"id" = {prio_id}')))
    forms.set_number(dialog, "jaar_tot", new_year)
    forms.show_tab(dialog, "Jaarschijven")
    report["order_before"] = forms.relation_editor_items(dialog)
    # the relation editor's "add child feature": QGIS opens the jaarschijf's form for the new row
    from qgis.PyQt.QtWidgets import QToolButton

    add = [b for b in dialog.findChildren(QToolButton) if b.objectName() == "mAddFeatureButton" and b.isVisible()]
    report["add_buttons"] = len(add)

    def fill_child() -> None:
        child_dialogs = [d for d in shown_dialogs(slices)]
        if not child_dialogs:
            QTimer.singleShot(200, fill_child)
            return
        child_dialog = child_dialogs[0]
        forms.set_number(child_dialog, "jaar", new_year)
        forms.type_text(child_dialog, "doel", "Twee speelplekken extra")
        forms.ok_button(child_dialog).click()

    QTimer.singleShot(300, fill_child)
    state["expect_modal"] = True  # QGIS opens the new child's form as a modal dialog
    add[0].click()
    pump(1.5)
    state["expect_modal"] = False
    report["messages_after_child"] = critical()
    forms.ok_button(dialog).click()
    pump()
    save_active(agenda)
    report["messages"] = critical()
    report["database"] = sql(f"SELECT w.jaar_tot, array_agg(j.jaar ORDER BY j.jaar) FROM buurt.wijkagenda w "
                             f"JOIN buurt.jaarschijf j ON j.wijkagenda_id = w.id WHERE w.id = {prio_id} "
                             "GROUP BY w.jaar_tot")[0]
    start_editing(agenda)
    dialog = open_form(agenda, next(agenda.getFeatures(f'"id" = {prio_id}')))
    forms.show_tab(dialog, "Jaarschijven")
    report["order_after"] = forms.relation_editor_items(dialog)


SCENARIOS = [immediate, deferred, children_only, children_refused, period_and_jaarschijf]


def run() -> None:
    try:
        import buurtkaart
        from buurtkaart import connection

        plugin = buurtkaart.classFactory(iface)
        plugin.initGui()
        state["admin"] = connection.connect(os.environ["BK_ADMIN_DSN"])
        layers = plugin.load_layers(connection=os.environ["BK_DSN"]).layers
        for scenario in SCENARIOS:
            report = out.setdefault(scenario.__name__, {})
            state["enabled"] = []
            try:
                scenario(layers, report)
            except Exception:
                report["error"] = traceback.format_exc()
            report["save_action_enabled"] = state["enabled"]
            clean()
    except Exception:
        out["error"] = traceback.format_exc()
    finish()


def finish() -> None:
    with open(os.environ["BK_OUT"], "w", encoding="utf-8") as fh:
        json.dump(out, fh, indent=1, default=str)
    os._exit(0)  # the report is written; skip QGIS' own teardown


def unexpected_modal() -> None:
    """A modal window nobody in the scenario expects (it would block the desktop): note it and close it."""
    from qgis.PyQt.QtWidgets import QApplication, QLabel, QTextEdit

    widget = QApplication.activeModalWidget()
    if widget is not None and not state.get("expect_modal"):
        out.setdefault("modal", []).append([widget.metaObject().className(), widget.windowTitle(),
                                            [label.text()[:500] for label in widget.findChildren(QLabel)],
                                            [t.toPlainText()[-1500:] for t in widget.findChildren(QTextEdit)]])
        widget.close()


modal_timer = QTimer()
modal_timer.timeout.connect(unexpected_modal)
modal_timer.start(1000)


def watchdog() -> None:
    out["error"] = "de desktop hing (geen antwoord binnen de tijd): " + json.dumps(out, default=str)[:3000]
    finish()


QTimer.singleShot(int(os.environ.get("BK_WATCHDOG_MS", "400000")), watchdog)
QTimer.singleShot(500, run)
