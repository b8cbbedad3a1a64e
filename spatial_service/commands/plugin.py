"""buurtkaart plugin build|link|styles|render|formulier: the QGIS plugin zip, a dev link for working on the plugin
in place, its QML styles and the README pictures (map, form)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from spatial_service.errors import BuurtkaartError
from spatial_service.paths import LAYERS_DIR, PROJECT_ROOT
from spatial_service.settings import get_settings

DEFAULT_PLUGINS = Path.home() / ".local" / "share" / "QGIS" / "QGIS3" / "profiles" / "default" / "python" / "plugins"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("plugin", help="de QGIS-plugin: bouwen, stijlen maken, kaartbeeld renderen")
    psub = p.add_subparsers(dest="plugin_command", metavar="ACTIE", required=True)

    s = psub.add_parser("build", help="bouw dist/buurtkaart.zip (plugin + metadata.txt + layers/)")
    s.add_argument("--out", type=Path, default=PROJECT_ROOT / "dist" / "buurtkaart.zip")
    s.set_defaults(func=_build)

    s = psub.add_parser("link", help="ontwikkelen zonder bouwen: koppel de bronmap van de plugin aan een "
                                     "QGIS-profiel (symbolische link; metadata.txt erbij)")
    s.add_argument("--plugins", type=Path, default=DEFAULT_PLUGINS,
                   help=f"de map python/plugins van het QGIS-profiel (standaard: {DEFAULT_PLUGINS})")
    s.set_defaults(func=_link)

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

    s = psub.add_parser("formulier", help="schermafbeelding van het formulier van een buurtdeal naar PNG (headless)")
    s.add_argument("--dsn", help="database met gegevens (standaard: de lokale cluster)")
    s.add_argument("--out", type=Path, default=PROJECT_ROOT / "docs" / "img" / "formulier-buurtdeal.png")
    s.add_argument("--tab", default="Afspraken (wederkerigheid)", help="het tabblad dat open staat")
    s.set_defaults(func=_form)


def _build(args: argparse.Namespace) -> int:
    from spatial_service.plugin_tools import build  # pure Python

    print(build.build(args.out))
    return 0


def link_plugin(plugins: Path) -> Path:
    """<plugins>/buurtkaart -> qgis_plugin/buurtkaart, plus in the source folder metadata.txt as a link to the one
    in the repository root (single source) and a link per shared package (plugin_tools.SHARED_PACKAGES); git
    ignores these links and the build skips them. layers/ is read from the repository by the plugin itself
    (resources.py). Idempotent."""
    from spatial_service.plugin_tools import PLUGIN_SOURCE, link_shared_packages

    source = PLUGIN_SOURCE
    link_shared_packages()
    metadata = source / "metadata.txt"
    if not metadata.is_symlink():
        if metadata.exists():
            raise BuurtkaartError(f"{metadata} is een gewoon bestand: metadata.txt hoort alleen in de "
                                  "hoofdmap van de repository; verwijder deze kopie.")
        metadata.symlink_to(Path("..") / ".." / "metadata.txt")
    target = plugins / "buurtkaart"
    if target.is_symlink() and target.resolve() == source.resolve():
        return target
    if target.exists() or target.is_symlink():
        raise BuurtkaartError(f"{target} bestaat al (een geïnstalleerde plugin?); verwijder hem eerst.")
    plugins.mkdir(parents=True, exist_ok=True)
    target.symlink_to(source, target_is_directory=True)
    return target


def _link(args: argparse.Namespace) -> int:
    target = link_plugin(args.plugins)
    print(f"{target} -> {target.resolve()}; herstart QGIS en zet de plugin aan "
          "(Plugins > Beheren). Wijzigingen in de bron gelden na 'Plugin herladen' of een herstart.")
    return 0


def start_qgis():
    """A headless QgsApplication (the tools in spatial_service.plugin_tools import the plugin source)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # a fixed hash seed: Qt writes XML attributes in hash order, so generated QML only changes where it must
    os.environ.setdefault("QT_HASH_SEED", "0")
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
    from spatial_service.plugin_tools import style_builder

    written = style_builder.build_styles(args.dsn or get_settings().admin(), args.out)
    print(f"{len(written)} stijlen geschreven naar {args.out}")
    del app
    return 0


def _render(args: argparse.Namespace) -> int:
    app = start_qgis()
    from spatial_service.plugin_tools import render_map

    path = render_map.render(args.dsn or get_settings().editor(), args.out, args.breedte, args.hoogte)
    print(path)
    del app
    return 0


def _form(args: argparse.Namespace) -> int:
    app = start_qgis()
    from spatial_service.plugin_tools import render_form

    print(render_form.render(args.dsn or get_settings().editor(), args.out, tab=args.tab))
    del app
    return 0
