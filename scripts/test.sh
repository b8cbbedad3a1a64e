#!/usr/bin/env bash
# The whole test suite, from a fresh clone: install what is missing, lint, then pytest against real components
# (PostGIS cluster, QGIS 3.22 headless, HTTP on loopback, Chromium). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
.venv/bin/buurtkaart db start
.venv/bin/pytest "$@"
