#!/usr/bin/env bash
# The main job, from a fresh clone: install what is missing, start the local PostGIS with the Hilversum demo,
# build the QGIS plugin zip, then run the tile service and the virtuele stad on localhost (Ctrl-C stops).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PGSERVICEFILE="$PWD/.local/pg_service.conf"
.venv/bin/buurtkaart demo
.venv/bin/buurtkaart plugin build
exec .venv/bin/buurtkaart serve
