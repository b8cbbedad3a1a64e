"""Loaded with `-p spatial_service.qt_offscreen` (pyproject addopts), before pytest-qgis creates the
QgsApplication: QGIS needs a Qt platform, and on a machine without a screen only 'offscreen' works.
conftest.py would be too late."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
