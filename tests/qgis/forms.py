"""Driving the real QGIS feature form (QgsAttributeDialog with its QgsAttributeForm and editor widgets) the way a
person does: open it on a feature, type into the text fields, pick from the value-relation lists, tick boxes,
press OK. Only the widgets of the form itself are touched, never the layer API underneath."""

from __future__ import annotations

import time

from qgis.core import QgsFeature, QgsVectorLayer
from qgis.gui import QgsAttributeDialog, QgsAttributeEditorContext, QgsAttributeForm
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QTextEdit,
    QWidget,
)


def open_form(layer: QgsVectorLayer, feature: QgsFeature, add: bool = False) -> QgsAttributeDialog:
    """The feature form QGIS opens for 'Objectattributen bewerken' (or, with add=True, after drawing a feature)."""
    context = QgsAttributeEditorContext()
    dialog = QgsAttributeDialog(layer, feature, False, None, True, context)
    if add:
        dialog.setMode(QgsAttributeEditorContext.AddFeatureMode)
    dialog.show()
    settle()
    _open.append(dialog)
    return dialog


_open: list[QgsAttributeDialog] = []


def close_all() -> None:
    """Destroy every dialog before its layers go: a form outliving its layer crashes QGIS."""
    while _open:
        dialog = _open.pop()
        if not sip.isdeleted(dialog):
            dialog.close()
            sip.delete(dialog)
    settle()


def settle() -> None:
    for _ in range(3):
        QCoreApplication.processEvents()


def ok_button(dialog: QgsAttributeDialog) -> QPushButton:
    """The dialog's own OK (the form also holds a hidden button box of its own)."""
    shown = [box for box in dialog.findChildren(QDialogButtonBox)
             if box.isVisible() and box.button(QDialogButtonBox.Ok)]
    assert len(shown) == 1, f"{len(shown)} zichtbare knoppenbalken met OK"
    return shown[0].button(QDialogButtonBox.Ok)


def _owning_form(widget: QWidget) -> QWidget | None:
    parent = widget.parent()
    # widgets made in C++ come back as plain QWidget wrappers: compare the Qt class name, not the Python type
    while parent is not None and parent.metaObject().className() != "QgsAttributeForm":
        parent = parent.parent()
    return parent


def field_widget(dialog: QgsAttributeDialog | QgsAttributeForm, name: str) -> QWidget:
    """The editor widget of a field of THIS form (not of a child form inside a relation editor)."""
    form = dialog.attributeForm() if isinstance(dialog, QgsAttributeDialog) else dialog
    for widget in form.findChildren(QWidget, name):
        owner = _owning_form(widget)
        if owner is not None and sip.unwrapinstance(owner) == sip.unwrapinstance(form):
            return widget
    raise AssertionError(f"het formulier van {form.layer().name()} heeft geen veld {name}")


def relation_editor_items(dialog: QgsAttributeDialog) -> list[str]:
    """What the relation editor lists (the child layer's display expression), top to bottom."""
    view = _feature_list(dialog)
    model = view.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def _feature_list(dialog: QgsAttributeDialog) -> QWidget:
    views = [v for v in dialog.findChildren(QAbstractItemView) if v.objectName() == "mFeatureListView"]
    assert len(views) == 1, f"{len(views)} relatie-editors"
    return views[0]


def show_tab(dialog: QgsAttributeDialog, title: str) -> None:
    tabs = dialog.findChild(QTabWidget)
    titles = [tabs.tabText(i) for i in range(tabs.count())]
    assert title in titles, titles
    QTest.mouseClick(tabs.tabBar(), Qt.LeftButton, Qt.NoModifier,
                     tabs.tabBar().tabRect(titles.index(title)).center())
    settle()


def open_child(dialog: QgsAttributeDialog, text: str, child_layer: QgsVectorLayer) -> QgsAttributeForm:
    """Click a row of the relation editor's list; returns the child's form shown beside it."""
    view = _feature_list(dialog)
    rows = relation_editor_items(dialog)
    assert text in rows, rows
    index = view.model().index(rows.index(text), 0)
    QTest.mouseClick(view.viewport(), Qt.LeftButton, Qt.NoModifier, view.visualRect(index).center())
    settle()
    children = [sip.cast(w, QgsAttributeForm) for w in dialog.findChildren(QWidget)
                if w.metaObject().className() == "QgsAttributeForm"]
    shown = [form for form in children if form.layer().id() == child_layer.id()]
    assert len(shown) == 1, len(shown)
    return shown[0]


def _inner(widget: QWidget, kinds: tuple[type, ...]) -> QWidget:
    """The editor inside a form field: the shown page of its stack (the other page is the search widget)."""
    if isinstance(widget, kinds):
        return widget
    stack = widget.findChild(QStackedWidget)
    if stack is not None and stack.currentWidget() is not None:
        widget = stack.currentWidget()
    found = [w for kind in kinds for w in widget.findChildren(kind)]
    assert found, f"{widget.objectName()}: geen {kinds}"
    return found[0]


def type_text(dialog: QgsAttributeDialog | QgsAttributeForm, name: str, text: str) -> None:
    """Select the field's text and type over it, key by key (the first key replaces the selection)."""
    editor = _inner(field_widget(dialog, name), (QLineEdit, QPlainTextEdit, QTextEdit))
    assert editor.isEnabled(), f"{name} is niet bewerkbaar"
    editor.setFocus()
    QTest.keyClick(editor, Qt.Key_A, Qt.ControlModifier)
    QTest.keyClicks(editor, text)
    settle()


def choose(dialog: QgsAttributeDialog | QgsAttributeForm, name: str, label: str) -> None:
    """Pick an entry of a value-relation (or value-map) list by the label the user reads."""
    combo = _inner(field_widget(dialog, name), (QComboBox,))
    assert combo.isEnabled(), f"{name} is niet bewerkbaar"
    _wait_for(combo, label)
    index = combo.findText(label)
    assert index >= 0, f"{name}: '{label}' staat niet in de lijst {[combo.itemText(i) for i in range(combo.count())]}"
    combo.setCurrentIndex(index)
    settle()


def _wait_for(combo: QComboBox, label: str) -> None:
    deadline = time.monotonic() + 10  # a relation-reference list fills in the background
    while combo.findText(label) < 0 and time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.02)


def choices_when_loaded(dialog: QgsAttributeDialog, name: str, label: str) -> list[str]:
    """The entries of a list that loads in the background, once `label` has arrived (or after 10 s)."""
    combo = _inner(field_widget(dialog, name), (QComboBox,))
    _wait_for(combo, label)
    return [combo.itemText(i) for i in range(combo.count())]


def choices(dialog: QgsAttributeDialog, name: str) -> list[str]:
    combo = _inner(field_widget(dialog, name), (QComboBox,))
    return [combo.itemText(i) for i in range(combo.count())]


def shown_choice(dialog: QgsAttributeDialog, name: str) -> str:
    """The entry a list shows now."""
    return _inner(field_widget(dialog, name), (QComboBox,)).currentText()


def set_number(dialog: QgsAttributeDialog, name: str, value: float) -> None:
    spin = _inner(field_widget(dialog, name), (QAbstractSpinBox,))
    spin.setValue(value)
    settle()


def tick(dialog: QgsAttributeDialog, name: str, on: bool) -> None:
    box = _inner(field_widget(dialog, name), (QCheckBox,))
    if box.isChecked() != on:
        box.setFocus()
        QTest.keyClick(box, Qt.Key_Space)
    assert box.isChecked() == on
    settle()


def press_ok(dialog: QgsAttributeDialog) -> None:
    """Click OK: the form saves into the layer's edit session and the dialog closes."""
    button = ok_button(dialog)
    assert button.isEnabled(), "OK is uitgeschakeld: een harde controle van het formulier faalt"
    QTest.mouseClick(button, Qt.LeftButton)
    settle()
    assert not dialog.isVisible(), "het formulier bleef open: opslaan in de laag is mislukt"
    # QGIS deletes a feature form when it closes (WA_DeleteOnClose); a hidden one would still follow the layers
    _open.remove(dialog)
    sip.delete(dialog)
    settle()
