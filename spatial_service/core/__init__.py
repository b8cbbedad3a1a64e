"""The shared core of the service and the QGIS plugin: standard library only, on purpose.

qgis_plugin/build.py copies this package into the plugin zip as `buurtkaart/core`; run from the source tree the
plugin loads it from here under that same name (qgis_plugin/buurtkaart/__init__.py). So the CLI and QGIS run the
same migrations runner, read the catalogue with the same strict reader, name boundary imports alike and render
one and the same plan-check report. Modules here import each other relatively and nothing outside the standard
library (tests/test_core.py checks it).
"""
