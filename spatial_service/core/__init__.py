"""The shared core of the service and the QGIS plugin: standard library only, on purpose.

The plugin carries this package as `buurtkaart.core` (spatial_service/plugin_tools SHARED_PACKAGES): a copy in the
built zip, a symbolic link to this folder in the source folder (`buurtkaart plugin link`). So the CLI and QGIS run the
same migrations runner, read the catalogue with the same strict reader, name boundary imports alike and render
one and the same plan-check report. Modules here import each other relatively and nothing outside the standard
library (tests/test_core.py checks it).
"""
