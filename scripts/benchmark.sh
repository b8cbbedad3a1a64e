#!/usr/bin/env bash
# Speed measurements: `bash scripts/benchmark.sh [topic ...]` runs benchmarks/<topic>*.py (all topics when none
# is given: qgis, tiles, plancheck, import, ogc, rapport, cijfers, viewer, nederland, export, workers, mail, indienen, werkbak;
# tiles and import include the national runs), each writing benchmarks/results/<topic>.md; then BENCHMARKS.md is
# assembled from those results with the machine and date.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >/dev/null
export QT_QPA_PLATFORM=offscreen
.venv/bin/buurtkaart db start >/dev/null
topics=("$@")
[ ${#topics[@]} -gt 0 ] || topics=(qgis tiles plancheck import ogc rapport cijfers viewer nederland export workers mail indienen werkbak)
for topic in "${topics[@]}"; do
  shopt -s nullglob
  files=(benchmarks/"$topic"*.py)
  [ ${#files[@]} -gt 0 ] || { echo "geen benchmarks voor '$topic' in benchmarks/" >&2; exit 2; }
  for f in "${files[@]}"; do
    echo "==> $f"
    .venv/bin/python "$f"
  done
done
{
  echo "# Benchmarks"
  echo
  echo "Measured by \`bash scripts/benchmark.sh\` on $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB,"
  echo "$(. /etc/os-release; echo "$PRETTY_NAME"), PostgreSQL 15 + PostGIS 3.3, QGIS 3.22. Each section says when it ran."
  for f in benchmarks/results/*.md; do echo; cat "$f"; done
} > BENCHMARKS.md
echo "BENCHMARKS.md bijgewerkt"
