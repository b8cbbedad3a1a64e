"""buurtkaart plugin build|styles|render: the QGIS plugin zip, its QML styles and the README map picture."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from spatial_service.errors import BuurtkaartError
from spatial_service.paths import LAYERS_DIR, PROJECT_ROOT
from spatial_service.settings import get_settings

PLUGIN_SOURCE = PROJECT_ROOT / "qgis_plugin"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("plugin", help="de QGIS-plugin: bouwen, stijlen maken, kaartbeeld renderen")
    psub = p.add_subparsers(dest="plugin_command", metavar="ACTIE", required=True)

    s = psub.add_parser("build", help="bouw dist/buurtkaart.zip (plugin + metadata.txt + layers/)")
    s.add_argument("--out", type=Path, default=PROJECT_ROOT / "dist" / "buurtkaart.zip")
    s.set_defaults(func=_build)

    s = psub.add_parser("styles", help="maak layers/styles/<id>.qml opnieuw uit de waardelijsten van een database")
    s.add_argument("--dsn", help="geïnstalleerde Buurtkaart-database (standaard: de lokale cluster)")
    s.add_argument("--out", type=Path, default=LAYERS_DIR / "styles")
    s.set_defaults(func=_styles)

    s = psub.add_parser("render", help="render de kaart door de stijlen van de plugin naar PNG (headless)")
    s.add_argument("--dsn", help="database met gegevens (standaard: de lokale cluster)")
    s.add_argument("--out", type=Path, default=PROJECT_ROOT / "docs" / "img" / "qgis-kaart.png")
    s.add_argument("--breedte", type=int, default=1200, help="breedte in pixels")
    s.add_argument("--hoogte", type=int, default=1500, help="hoogte in pixels")
    s.set_defaults(func=_render)


def _build(args: argparse.Namespace) -> int:
    sys.path.insert(0, str(PLUGIN_SOURCE))
    import build  # qgis_plugin/build.py: pure Python

    print(build.build(args.out))
    return 0


def start_qgis():
    """A headless QgsApplication with the plugin source importable (the plugin never imports us)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # a fixed hash seed: Qt writes XML attributes in hash order, so generated QML only changes where it must
    os.environ.setdefault("QT_HASH_SEED", "0")
    if str(PLUGIN_SOURCE) not in sys.path:
        sys.path.insert(0, str(PLUGIN_SOURCE))
    try:
        from qgis.core import QgsApplication
        from qgis.gui import QgsGui
    except ImportError as exc:
        raise BuurtkaartError("PyQGIS ontbreekt: installeer python3-qgis (QGIS 3.22 of nieuwer).") from exc
    app = QgsApplication.instance()
    if app is None:
        app = QgsApplication([], True)
        app.initQgis()
        QgsGui.editorWidgetRegistry().initEditors()
    return app


def _styles(args: argparse.Namespace) -> int:
    app = start_qgis()
    import style_builder

    written = style_builder.build_styles(args.dsn or get_settings().admin(), args.out)
    print(f"{len(written)} stijlen geschreven naar {args.out}")
    del app
    return 0


def _render(args: argparse.Namespace) -> int:
    app = start_qgis()
    import render_map

    path = render_map.render(args.dsn or get_settings().editor(), args.out, args.breedte, args.hoogte)
    print(path)
    del app
    return 0
