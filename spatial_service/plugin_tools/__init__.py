"""The QGIS plugin's development tools; none of this is in the plugin zip.

- `build`: dist/buurtkaart.zip (pure Python, no QGIS);
- `style_builder` + `form_builder`: layers/styles/<id>.qml (symbology, labels, forms) from a database;
- `render_map`, `render_form`: the README pictures, headless.

The plugin itself is `qgis_plugin/buurtkaart` and never imports this package (tests/test_core.py). The tools import
it the way QGIS does: its parent folder `qgis_plugin/`, which holds nothing but the plugin, on sys.path (appended, so
a plugin that a test installed from the zip and put first stays the one imported).

The plugin shares packages with the service: SHARED_PACKAGES, one list for the build (a copy in the zip) and the
development link (a symbolic link in the source folder, git-ignored), under the same name in both:
`buurtkaart.core` is spatial_service/core, `buurtkaart.reports` is spatial_service/reports.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from spatial_service.errors import BuurtkaartError
from spatial_service.paths import PROJECT_ROOT

PLUGIN_NAME = "buurtkaart"
PLUGIN_PARENT = PROJECT_ROOT / "qgis_plugin"
PLUGIN_SOURCE = PLUGIN_PARENT / PLUGIN_NAME
# name inside the plugin -> the package of the service it is (dependency-free: tests/test_core.py)
SHARED_PACKAGES: dict[str, Path] = {
    "core": PROJECT_ROOT / "spatial_service" / "core",
    "reports": PROJECT_ROOT / "spatial_service" / "reports",
}


def link_shared_packages() -> list[Path]:
    """qgis_plugin/buurtkaart/<name> -> spatial_service/<package> for each shared package, so the source folder
    imports them as the built plugin does (relative links: the checkout may move). Idempotent; a real folder in
    their place (a copy) is refused, it would go stale."""
    links = []
    for name, package in SHARED_PACKAGES.items():
        link = PLUGIN_SOURCE / name
        target = Path("..") / ".." / package.relative_to(PROJECT_ROOT)
        if link.is_symlink():
            if link.resolve() != package.resolve():
                link.unlink()
                link.symlink_to(target, target_is_directory=True)
        elif link.exists():
            raise BuurtkaartError(f"{link} is een gewone map: {package.relative_to(PROJECT_ROOT)} hoort daar alleen "
                                  "als koppeling (of in de gebouwde zip); verwijder deze kopie.")
        else:
            with contextlib.suppress(FileExistsError):  # another process (a parallel test run) made it meanwhile
                link.symlink_to(target, target_is_directory=True)
        links.append(link)
    return links


def use_source_plugin() -> None:
    """Make `import buurtkaart` find the source folder (with its shared packages linked), as QGIS finds a plugin
    in its plugins folder."""
    link_shared_packages()
    if str(PLUGIN_PARENT) not in sys.path:
        sys.path.append(str(PLUGIN_PARENT))


use_source_plugin()  # the tools below import buurtkaart at module level
