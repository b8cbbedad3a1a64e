"""Project-wide settings the layer set needs, across QGIS 3.22 ... current 3.x.

3.22 has setAutoTransaction / setEvaluateDefaultValues; 3.26 added setTransactionMode and project flags and
deprecated the old calls. We use the new API where it exists.
"""

from __future__ import annotations

from qgis.core import Qgis, QgsProject, QgsSnappingConfig, QgsTolerance, QgsVectorLayer

SNAP_TOLERANCE_PX = 12


def enable_transaction_groups(project: QgsProject) -> None:
    """Edits on all layers of one database go to one server-side transaction: a deal and its commitments
    commit together and the deferred wederkerigheid trigger sees both."""
    mode = getattr(getattr(Qgis, "TransactionMode", None), "AutomaticGroups", None)
    if mode is not None and hasattr(project, "setTransactionMode"):
        project.setTransactionMode(mode)
    else:
        project.setAutoTransaction(True)


def uses_transaction_groups(project: QgsProject) -> bool:
    mode = getattr(getattr(Qgis, "TransactionMode", None), "AutomaticGroups", None)
    if mode is not None and hasattr(project, "transactionMode"):
        return project.transactionMode() == mode
    return project.autoTransaction()


def evaluate_defaults_on_provider(project: QgsProject) -> None:
    """Database defaults (nextval for ids) are evaluated when a feature is created, so a new deal's id is
    known to the commitments drawn in the same edit session."""
    flag = getattr(getattr(Qgis, "ProjectFlag", None), "EvaluateDefaultValuesOnProviderSide", None)
    if flag is not None and hasattr(project, "setFlag"):
        project.setFlag(flag, True)
    else:
        project.setEvaluateDefaultValues(True)


def evaluates_defaults_on_provider(project: QgsProject) -> bool:
    flag = getattr(getattr(Qgis, "ProjectFlag", None), "EvaluateDefaultValuesOnProviderSide", None)
    if flag is not None and hasattr(project, "flags"):
        return bool(project.flags() & flag)
    return project.evaluateDefaultValues()


def _vertex_and_segment():
    snapping_type = getattr(Qgis, "SnappingType", None)
    if snapping_type is not None:
        return snapping_type.Vertex | snapping_type.Segment
    return QgsSnappingConfig.VertexFlag | QgsSnappingConfig.SegmentFlag


def configure_snapping(project: QgsProject, layers: list[QgsVectorLayer]) -> None:
    """Snap to vertices and segments of the given layers only (advanced mode), in pixels."""
    config = QgsSnappingConfig(project.snappingConfig())
    config.setEnabled(True)
    advanced = getattr(getattr(Qgis, "SnappingMode", None), "AdvancedConfiguration", None)
    config.setMode(advanced if advanced is not None else QgsSnappingConfig.AdvancedConfiguration)
    pixels = getattr(getattr(QgsTolerance, "UnitType", QgsTolerance), "Pixels", QgsTolerance.Pixels)
    for layer in layers:
        settings = QgsSnappingConfig.IndividualLayerSettings(True, _vertex_and_segment(), SNAP_TOLERANCE_PX, pixels,
                                                             0.0, 0.0)
        config.setIndividualLayerSettings(layer, settings)
    project.setSnappingConfig(config)
