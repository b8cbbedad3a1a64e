"""QGIS benchmark: load the Buurtkaart layer set on the Hilversum demo and render the city extent, through the
plugin (styles, forms, relations, transaction group), headless. Targets: load < 2 s, render < 1 s.
Writes benchmarks/results/qgis.md."""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qgis.core import Qgis  # noqa: E402

from benchmarks.common import cpu_model, write_results  # noqa: E402
from benchmarks.qgis_timing import load_and_render, start_qgis  # noqa: E402
from tests.support import ensure_cluster, temporary_database  # noqa: E402

RUNS = 7
SIZE = (1200, 1500)


def main() -> None:
    app = start_qgis()  # noqa: F841  (QGIS lives as long as the application object)
    with temporary_database(ensure_cluster()) as db:
        measured = load_and_render(db.editor_dsn, RUNS, SIZE)

    def row(name: str, values: list[float], target: float) -> str:
        median = statistics.median(values)
        verdict = "ja" if median < target else "**nee**"
        return (f"| {name} | {values[0]:.3f} | {median:.3f} | {min(values):.3f} | {max(values):.3f} | "
                f"< {target:.0f} | {verdict} |")

    text = "\n".join([
        "## QGIS: layer set laden en stad renderen",
        "",
        f"Gemeten {dt.datetime.now().strftime('%Y-%m-%d %H:%M')} door `benchmarks/qgis_load_render.py` op "
        f"{os.cpu_count()} cores ({cpu_model()}), QGIS {Qgis.QGIS_VERSION}, headless (offscreen).",
        f"Hilversum-demo: {measured.layers} lagen, {measured.features} objecten; {RUNS} runs, eerste run = koud "
        "(nieuwe verbindingen). Laden = `loader.load_layer_set` (lagen, QML-stijlen + formulieren, relaties, "
        f"snapping, transactiegroep); renderen = hele stad op {SIZE[0]}x{SIZE[1]} px met QgsMapRendererParallelJob.",
        "",
        "| meting | eerste (s) | mediaan (s) | min (s) | max (s) | doel (s) | gehaald |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        row("layer set laden", measured.loads, 2.0),
        row("stad renderen", measured.renders, 1.0),
        "",
    ])
    write_results(ROOT / "benchmarks" / "results" / "qgis.md", text)


if __name__ == "__main__":
    main()
