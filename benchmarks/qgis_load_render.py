"""QGIS benchmark: load the Buurtkaart layer set on the Hilversum demo and render the city extent, through the
plugin (styles, forms, relations, transaction group), headless. Targets: load < 2 s, render < 1 s.
Writes benchmarks/results/qgis.md."""

from __future__ import annotations

import datetime as dt
import os
import platform
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "qgis_plugin"))

from qgis.core import Qgis, QgsApplication, QgsProject  # noqa: E402
from qgis.gui import QgsGui  # noqa: E402

from tests.support import ensure_cluster, new_database  # noqa: E402

RUNS = 7
SIZE = (1200, 1500)


def cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "onbekend"


def main() -> None:
    app = QgsApplication([], True)
    app.initQgis()
    QgsGui.editorWidgetRegistry().initEditors()
    from buurtkaart import loader
    from render_map import city_extent, map_layers, map_settings, render_image

    db = new_database(ensure_cluster(), with_demo=True)
    try:
        project = QgsProject.instance()
        loads, renders = [], []
        for _ in range(RUNS):
            project.clear()
            start = time.perf_counter()
            result = loader.load_layer_set(db.editor_dsn, project)
            loads.append(time.perf_counter() - start)
            settings = map_settings(map_layers(result), city_extent(result), *SIZE)
            start = time.perf_counter()
            image = render_image(settings)
            renders.append(time.perf_counter() - start)
            assert not image.isNull()
        features = sum(layer.featureCount() for layer in result.layers.values())
    finally:
        project.clear()
        db.drop()

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
        f"Hilversum-demo: {len(result.layers)} lagen, {features} objecten; {RUNS} runs, eerste run = koud "
        "(nieuwe verbindingen). Laden = `loader.load_layer_set` (lagen, QML-stijlen + formulieren, relaties, "
        f"snapping, transactiegroep); renderen = hele stad op {SIZE[0]}x{SIZE[1]} px met QgsMapRendererParallelJob.",
        "",
        "| meting | eerste (s) | mediaan (s) | min (s) | max (s) | doel (s) | gehaald |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        row("layer set laden", loads, 2.0),
        row("stad renderen", renders, 1.0),
        "",
    ])
    out = ROOT / "benchmarks" / "results" / "qgis.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
