"""Reports of the buurtcyclus (wijkanalyse, buurtactiviteitenplan, jaarrapportage): figures from SQL, one HTML
renderer and one QGIS print layout with an atlas. Dependency-free except for qgis in `layout`, so the QGIS plugin
ships this package as `buurtkaart.reports` (spatial_service/plugin_tools SHARED_PACKAGES) and the CLI and QGIS
produce the same report."""
