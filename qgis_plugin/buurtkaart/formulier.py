"""The feature forms QGIS opens on Buurtkaart layers: a form the database refuses stays open with what was typed.

In a transaction group QGIS writes a form's changes to the database when OK is pressed; a rule that refuses at
once (a status that skips a step) makes that write fail. QGIS 3.22 then reverts every field of the feature (the
changes were one UPDATE) and closes the form anyway, so everything typed is gone. And it keeps the closed dialog
hidden: the next "open form" on that feature finds it by name and raises the hidden window instead of a new form.

The loader makes `opened` the forms' Python init function. A form QGIS opens registers its dialog here; when the
plugin hears the refusal (the layer's raiseError, while the dialog's OK still runs) it calls `keep_open`, which
remembers what the form holds; when the dialog has closed, it is shown again on the feature as the database has
it, with every typed value put back as an unsaved change of the form. Any other closed form of QGIS' is deleted,
so the next one is new.
"""

from __future__ import annotations

import sys

from qgis.core import QgsFeature, QgsVectorLayer
from qgis.gui import QgsAttributeDialog, QgsAttributeEditorContext, QgsAttributeForm
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QWidget

# QGIS evaluates an init function "from the environment" in its Python main namespace, without the macro question
# that init code in the form configuration would ask on every form: the plugin puts this module there
MAIN_NAME = "buurtkaart_formulier"
INIT_FUNCTION = f"{MAIN_NAME}.opened"
QGIS_DIALOG_PREFIX = "featureactiondlg:"  # the name QGIS' feature action gives its form dialogs

_dialogs: dict[int, QgsAttributeDialog] = {}
_kept: dict[int, QgsFeature] = {}


def publish() -> None:
    """Make INIT_FUNCTION reachable from QGIS' Python main namespace (this module, as the plugin loaded it)."""
    import __main__

    setattr(__main__, MAIN_NAME, sys.modules[__name__])


def opened(form: QWidget, layer: QgsVectorLayer, feature: QgsFeature) -> None:
    """QGIS' form init function: called while the form is built, before its dialog shows."""
    # at once, not later: QGIS makes and drops forms of its own (sip cannot tell when one is gone). A dialog's form
    # is made with the dialog as parent, so its window is known here.
    _register(sip.cast(form, QgsAttributeForm))


def _register(form: QgsAttributeForm) -> None:
    window = form.window()
    if window.metaObject().className() != "QgsAttributeDialog":
        return
    parent = form.parentWidget()
    if parent is None or sip.unwrapinstance(parent) != sip.unwrapinstance(window):
        return  # a child's form inside a relation editor: its parent's dialog is registered by the parent form
    dialog = sip.cast(window, QgsAttributeDialog)
    key = sip.unwrapinstance(dialog)
    if key in _dialogs:
        return
    _dialogs[key] = dialog
    dialog.finished.connect(lambda _result: QTimer.singleShot(0, lambda: _closed(key)))
    dialog.destroyed.connect(lambda: _forget(key))


def _forget(key: int) -> None:
    _dialogs.pop(key, None)
    _kept.pop(key, None)


def open_dialogs(layer: QgsVectorLayer) -> list[QgsAttributeDialog]:
    """The registered form dialogs of this layer that are shown now."""
    return [d for d in _dialogs.values()
            if not sip.isdeleted(d) and d.isVisible() and d.attributeForm().layer().id() == layer.id()]


def keep_open(layer: QgsVectorLayer) -> bool:
    """The database refused what a form of this layer is saving: remember what the form holds, to show it again."""
    kept = False
    for dialog in open_dialogs(layer):
        _kept[sip.unwrapinstance(dialog)] = QgsFeature(dialog.attributeForm().currentFormFeature())
        kept = True
    return kept


def _closed(key: int) -> None:
    dialog = _dialogs.get(key)
    if dialog is None or sip.isdeleted(dialog):
        return
    typed = _kept.pop(key, None)
    if typed is not None:
        _show_again(dialog, typed)
    elif dialog.objectName().startswith(QGIS_DIALOG_PREFIX):
        # QGIS finds a feature's form by this name and would raise the hidden one instead of opening a new form;
        # unnamed at once (the deletion waits for the event loop)
        _forget(key)
        dialog.setObjectName("")
        dialog.deleteLater()


def _show_again(dialog: QgsAttributeDialog, typed: QgsFeature) -> None:
    form = dialog.attributeForm()
    layer = form.layer()
    if form.mode() == QgsAttributeEditorContext.AddFeatureMode or not typed.isValid():
        dialog.show()  # a new feature: nothing reached the layer, the form still holds it all
        return
    stored = layer.getFeature(typed.id())
    # the form believes it saved: give it the feature as it is, then every typed value as a change again
    form.setFeature(stored)
    for index, name in enumerate(layer.fields().names()):
        if typed.attribute(index) != stored.attribute(index):
            form.changeAttribute(name, typed.attribute(index))
    dialog.show()
    dialog.raise_()
