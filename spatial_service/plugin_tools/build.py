"""Builds dist/buurtkaart.zip: the plugin package, metadata.txt and LICENSE from the repository root, the layers/
files the plugin reads (changelogs, app SQL, styles, catalogue) and a copy of each shared package (SHARED_PACKAGES:
spatial_service/core as buurtkaart/core, spatial_service/reports as buurtkaart/reports; dependency-free on
purpose, so the plugin never imports spatial_service).

Pure Python (no QGIS needed), so the CLI, the tests and CI can all build it.
"""

from __future__ import annotations

import json
import tomllib
import zipfile
from pathlib import Path

from spatial_service.paths import PROJECT_ROOT

from . import PLUGIN_NAME, PLUGIN_SOURCE, SHARED_PACKAGES

SOURCE_DIR = PLUGIN_SOURCE
REPO_ROOT = PROJECT_ROOT
LAYER_PATTERNS = ("prelude.sql", "migrations/*.sql", "app/*.sql", "styles/*.qml", "catalogue.toml")


def _python_and_assets(directory: Path) -> list[Path]:
    """Files below directory, without caches and without what a dev link placed there (metadata.txt and the
    shared packages: links, which rglob does not enter)."""
    return [path for path in sorted(directory.rglob("*"))
            if path.is_file() and not path.is_symlink() and "__pycache__" not in path.parts
            and path.suffix not in (".pyc", ".pyo")]


def plugin_files(repo_root: Path = REPO_ROOT) -> dict[str, bytes]:
    """Archive path -> content, in a stable order."""
    files: dict[str, bytes] = {}
    for path in _python_and_assets(SOURCE_DIR):
        files[f"{PLUGIN_NAME}/{path.relative_to(SOURCE_DIR).as_posix()}"] = path.read_bytes()
    files[f"{PLUGIN_NAME}/metadata.txt"] = (repo_root / "metadata.txt").read_bytes()
    for name, package in SHARED_PACKAGES.items():
        package = repo_root / package.relative_to(PROJECT_ROOT)
        for path in _python_and_assets(package):  # core: Python; reports: also the print layout template (.qpt)
            files[f"{PLUGIN_NAME}/{name}/{path.relative_to(package).as_posix()}"] = path.read_bytes()
    files[f"{PLUGIN_NAME}/LICENSE"] = (repo_root / "LICENSE").read_bytes()  # the plugin repository requires it
    layers = repo_root / "layers"
    for pattern in LAYER_PATTERNS:
        for path in sorted(layers.glob(pattern)):
            files[f"{PLUGIN_NAME}/layers/{path.relative_to(layers).as_posix()}"] = path.read_bytes()
    catalogue = tomllib.loads((layers / "catalogue.toml").read_text(encoding="utf-8"))
    files[f"{PLUGIN_NAME}/layers/catalogue.json"] = json.dumps(catalogue, ensure_ascii=False, indent=1).encode()
    return files


def build(out: Path, repo_root: Path = REPO_ROOT) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in plugin_files(repo_root).items():
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content)
    tmp.replace(out)
    return out


def install(zip_path: Path, plugins_dir: Path) -> Path:
    """Unzip into <profile>/python/plugins the way the QGIS plugin manager does; returns the plugin folder."""
    plugins_dir.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(plugins_dir)
    return plugins_dir / PLUGIN_NAME


if __name__ == "__main__":
    print(build(REPO_ROOT / "dist" / "buurtkaart.zip"))
