"""Saving the layer set: one transaction, the database's Dutch message on refusal, nothing typed lost.

With transaction groups, QGIS sends every edit straight into one open database transaction; the rules that
fire per row (outside the municipality, workflow jump) refuse the edit at once, and the deferred rule
(wederkerigheid: a closed deal needs commitments by bewoners and gemeente) fires at COMMIT. A failed COMMIT
would roll the whole transaction back behind QGIS' back, so before committing we ask the database to run the
deferred checks now (buurt_app.controleer_uitgesteld, in a subtransaction it always undoes): a refusal leaves the
transaction, the layers and every edit as they were, so the user can add the missing commitment and save again.

QGIS' own save ("Laagwijzigingen opslaan", "Alle wijzigingen opslaan", ending edit mode: all end in
QgsVectorLayer.commitChanges) cannot be told to wait: the transaction group commits from a slot on the layer's
beforeCommitChanges signal, and on 3.22 a refused COMMIT rolls back every edit while the layers stay in edit mode
on a connection that is no longer in a transaction. CommitGuard connects to beforeCommitChanges first (at load,
before the group connects when editing starts), runs the deferred check, and on a refusal takes the group's slot
off this emission, so there is no COMMIT at all: the edits stay in the open transaction and the message says what
is missing. A layer cut loose that way saves through another layer of its group (the group commits them all) until
the group connects to it again in a new editing session.

QGIS still thinks that (empty) commit of the layer succeeded: it clears the layer's undo stack and the layer says it
is unmodified, so a second "Laagwijzigingen opslaan" would do nothing and ending edit mode would discard the edits
without asking. And a layer whose only change is in another layer of the group (afspraken changed in the deal form)
is unmodified to QGIS, so its save action is greyed out. Both are one fact the layers do not see: the shared
transaction holds edits. mark_modified tells them: a harmless statement run as a "dirty" edit of the transaction
(QgsTransaction.executeSql(isDirty=True)) is recorded by QGIS as an undo step of every layer in edit mode on it,
so every layer of the group says it is modified until the group commits or rolls back.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass

from qgis.core import QgsApplication, QgsDataSourceUri, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QTimer

from .connection import user_message


@dataclass(frozen=True)
class SaveResult:
    ok: bool
    message: str


def layers_in_edit(project: QgsProject | None = None) -> list[QgsVectorLayer]:
    project = project or QgsProject.instance()
    return [layer for layer in project.mapLayers().values()
            if isinstance(layer, QgsVectorLayer) and layer.isEditable()]


def _transaction_of(layer: QgsVectorLayer):
    provider = layer.dataProvider()
    return provider.transaction() if provider is not None else None


def transaction_group(layer: QgsVectorLayer, project: QgsProject | None = None):
    """The project's transaction group of this layer, or None when the layer edits on its own."""
    project = project or QgsProject.instance()
    return project.transactionGroup(layer.providerType(), QgsDataSourceUri(layer.source()).connectionInfo(False))


REFUSAL_MARKER = "buurtkaart-weigering:"


def check_deferred_rules(layer: QgsVectorLayer) -> str | None:
    """Run the deferred rules now; the Dutch refusal, or None when all rules hold.

    One statement (buurt_app.controleer_uitgesteld, layers/app/025_qgis.sql) that never leaves the transaction
    aborted, because other threads (rendering, feature lists) share its connection. The refusal arrives as a
    WARNING, which QGIS' connection hands to the message log while the statement runs, in this thread."""
    transaction = _transaction_of(layer)
    if transaction is None:
        return None
    received: list[str] = []

    def grab(text: str, _tag: str, _level) -> None:
        if REFUSAL_MARKER in text:
            received.append(text)

    log = QgsApplication.messageLog()
    log.messageReceived.connect(grab)
    try:
        ok, error = transaction.executeSql("SELECT buurt_app.controleer_uitgesteld()")
    finally:
        log.messageReceived.disconnect(grab)
    if not ok:
        return user_message(error)
    if not received:
        return None
    return user_message(received[0].split(REFUSAL_MARKER, 1)[1].strip())


MARK_NAME = "Wijzigingen in de Buurtkaart-bewerking"


def mark_modified(layer: QgsVectorLayer, project: QgsProject | None = None, force: bool = False) -> bool:
    """Make every layer in edit mode on this layer's transaction say it is modified (see the module doc): when one
    of them holds edits and another does not, or always with force (after a held commit). SELECT 1 cannot fail, so
    the transaction is never left aborted."""
    transaction = _transaction_of(layer)
    group = transaction_group(layer, project)
    if transaction is None or group is None:
        return False
    editing = [other for other in group.layers() if other.isEditable()]
    if not editing or all(other.isModified() for other in editing):
        return False
    if not force and not any(other.isModified() for other in editing):
        return False
    ok, _error = transaction.executeSql("SELECT 1", True, MARK_NAME)
    return ok


def save(layer: QgsVectorLayer, stop_editing: bool = False) -> SaveResult:
    """Commit the layer (and with it its whole transaction group). On refusal nothing is committed, the
    layers stay in edit mode with every edit, and the message is the database's own."""
    if not layer.isEditable():
        return SaveResult(True, "Niets op te slaan.")
    refusal = check_deferred_rules(layer)
    if refusal:
        return SaveResult(False, refusal)
    # a failing COMMIT of the group is reported through its commitError signal, not the return value
    group_errors: list[str] = []
    group = transaction_group(layer)
    if group is not None:
        group.commitError.connect(group_errors.append)
    try:
        committed = layer.commitChanges(stop_editing)
    finally:
        if group is not None:
            group.commitError.disconnect(group_errors.append)
    if group_errors:
        return SaveResult(False, user_message(group_errors[0]))
    if committed:
        return SaveResult(True, "Opgeslagen.")
    errors = [e for e in layer.commitErrors() if e.strip()]
    detail = next((e for e in errors if "ERROR" in e or "FOUT" in e), errors[-1] if errors else "")
    return SaveResult(False, user_message(detail) if detail else "Opslaan is mislukt.")


# a layer whose beforeCommitChanges reaches only the guard: the group's slot was taken off (see CommitGuard)
OWN_CONNECTIONS = 1


class CommitGuard:
    """Keeps every edit when the deferred rules refuse a save made through QGIS' own save actions."""

    def __init__(self, on_refusal: Callable[[str], None], project: QgsProject | None = None) -> None:
        self._on_refusal = on_refusal
        self._project = project or QgsProject.instance()
        self._slots: dict[str, Callable[[bool], None]] = {}
        self._modified_slots: dict[str, Callable[[], None]] = {}
        self._detached: set[str] = set()
        self._nested = False
        self._marking = False
        self.refusals: list[str] = []

    def attach(self, layer: QgsVectorLayer) -> None:
        """Connect before QGIS' transaction group does (that happens when editing starts)."""
        if layer.id() in self._slots:
            return
        layer_id = layer.id()

        def before_commit(stop_editing: bool = True) -> None:
            self._before_commit(layer_id, stop_editing)

        layer.beforeCommitChanges.connect(before_commit)
        self._slots[layer_id] = before_commit

        # an edit in one layer of the group makes the others say they are modified too (mark_modified)
        def modified() -> None:
            QTimer.singleShot(0, lambda: self._mark(layer_id, False))

        layer.layerModified.connect(modified)
        self._modified_slots[layer_id] = modified

    def attached(self, layer: QgsVectorLayer) -> bool:
        return layer.id() in self._slots

    def release(self) -> None:
        for layer_id, slot in self._slots.items():
            layer = self._project.mapLayer(layer_id)
            if layer is not None:
                with contextlib.suppress(TypeError):  # already gone with the layer
                    layer.beforeCommitChanges.disconnect(slot)
                    layer.layerModified.disconnect(self._modified_slots[layer_id])
        self._slots.clear()
        self._modified_slots.clear()
        self._detached.clear()

    def _before_commit(self, layer_id: str, stop_editing: bool) -> None:
        if self._nested:
            return
        layer = self._project.mapLayer(layer_id)
        if not isinstance(layer, QgsVectorLayer) or transaction_group(layer, self._project) is None:
            return
        if layer_id in self._detached and layer.receivers(layer.beforeCommitChanges) > OWN_CONNECTIONS:
            self._detached.discard(layer_id)  # a new editing session: the group is connected again
        refusal = check_deferred_rules(layer)
        if refusal:
            self._hold(layer, stop_editing)
            message = (f"{refusal} Niet opgeslagen: uw wijzigingen staan nog in de bewerking; vul aan en sla "
                       "opnieuw op.")
            self.refusals.append(message)
            self._on_refusal(message)
        elif layer_id in self._detached and stop_editing:
            # the group would end edit mode on this layer while its own commitChanges still runs (a crash):
            # let this (empty) commit finish first, then commit the group
            QTimer.singleShot(0, lambda: self._commit_through_group(layer_id, True))
        elif layer_id in self._detached:
            self._commit_through_group(layer_id, False)

    def _hold(self, layer: QgsVectorLayer, stop_editing: bool) -> None:
        """Take the group's COMMIT off this emission (Qt skips a slot disconnected while the signal runs)."""
        layer_id = layer.id()
        layer.beforeCommitChanges.disconnect()
        layer.beforeCommitChanges.connect(self._slots[layer_id])
        self._detached.add(layer_id)
        # QGIS ends edit mode on this layer after the (now empty) commit when asked to: reopen it on the same
        # transaction; and it clears the layer's undo stack: the layers must say again that they hold edits
        QTimer.singleShot(0, lambda: self._keep_modified(layer_id, stop_editing))

    def _keep_modified(self, layer_id: str, stop_editing: bool) -> None:
        layer = self._project.mapLayer(layer_id)
        if not isinstance(layer, QgsVectorLayer):
            return
        if stop_editing and not layer.isEditable():
            layer.startEditing()
        self._mark(layer_id, True)

    def _mark(self, layer_id: str, force: bool) -> None:
        layer = self._project.mapLayer(layer_id)
        if self._marking or not isinstance(layer, QgsVectorLayer) or not layer.isEditable():
            return
        self._marking = True
        try:
            mark_modified(layer, self._project, force)
        finally:
            self._marking = False

    def _commit_through_group(self, layer_id: str, stop_editing: bool) -> None:
        layer = self._project.mapLayer(layer_id)
        group = transaction_group(layer, self._project) if isinstance(layer, QgsVectorLayer) else None
        proxy = next((other for other in (group.layers() if group else [])
                      if other.id() != layer_id and other.id() not in self._detached and other.isEditable()), None)
        if proxy is None:
            message = ("Niet opgeslagen: sla op met 'Buurtkaart-wijzigingen opslaan' of vanuit een andere "
                       "Buurtkaart-laag in bewerking.")
            self.refusals.append(message)
            self._on_refusal(message)
            return
        self._nested = True
        try:
            proxy.commitChanges(stop_editing)
        finally:
            self._nested = False
