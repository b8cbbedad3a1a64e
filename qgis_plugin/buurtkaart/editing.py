"""Saving the layer set: one transaction, the database's Dutch message on refusal, nothing typed lost.

With transaction groups, QGIS sends every edit straight into one open database transaction; the rules that
fire per row (outside the municipality, workflow jump) refuse the edit at once, and the deferred rule
(wederkerigheid: a closed deal needs commitments by bewoners and gemeente) fires at COMMIT. A failed COMMIT
would roll the whole transaction back behind QGIS' back, so before committing we ask the database to run the
deferred checks now, inside a savepoint: a refusal rolls back to the savepoint and leaves the transaction, the
layers and every edit as they were, so the user can add the missing commitment and save again.
"""

from __future__ import annotations

from dataclasses import dataclass

from qgis.core import QgsDataSourceUri, QgsProject, QgsVectorLayer

from .connection import user_message

SAVEPOINT = "buurtkaart_controle"


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


def check_deferred_rules(layer: QgsVectorLayer) -> str | None:
    """Run the deferred rules now, inside a savepoint; the Dutch refusal, or None when all rules hold."""
    transaction = _transaction_of(layer)
    if transaction is None:
        return None
    ok, error = transaction.executeSql(f"SAVEPOINT {SAVEPOINT}")
    if not ok:
        return user_message(error)
    ok, error = transaction.executeSql("SET CONSTRAINTS ALL IMMEDIATE")
    if ok:
        transaction.executeSql(f"RELEASE SAVEPOINT {SAVEPOINT}")
        return None
    transaction.executeSql(f"ROLLBACK TO SAVEPOINT {SAVEPOINT}")
    return user_message(error)


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
