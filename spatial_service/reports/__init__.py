"""Reports of the buurtcyclus (wijkanalyse, buurtactiviteitenplan, jaarrapportage): figures from SQL, one HTML
renderer and one QGIS print layout with an atlas. Dependency-free except for qgis.core in `layout`, so the QGIS
plugin ships a copy of this package (qgis_plugin/build.py) and the CLI and QGIS produce the same report."""
