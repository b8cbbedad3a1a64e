"""Opening vector files with fiona: which layers, which coordinate system (as an EPSG code for PostGIS)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import fiona
import pyproj
from fiona.errors import FionaError

from spatial_service.errors import BuurtkaartError


class FileProblem(BuurtkaartError):
    """The file cannot be read as asked: missing, empty, unknown format, no CRS, unknown layer or field."""


def layers(path: Path, only: list[str] | None = None) -> list[str]:
    if not path.exists():
        raise FileProblem(f"Bestand {path} bestaat niet.")
    if path.stat().st_size == 0:
        raise FileProblem(f"Bestand {path} is leeg (0 bytes).")
    try:
        names = fiona.listlayers(str(path))
    except FionaError as exc:
        raise FileProblem(f"Bestand {path} is geen leesbaar GeoPackage, Shapefile, GeoJSON of CSV: {exc}") from exc
    if only:
        unknown = [name for name in only if name not in names]
        if unknown:
            raise FileProblem(f"{path.name}: laag {', '.join(unknown)} bestaat niet (wel: {', '.join(names)}).")
        return list(only)
    return names


@contextmanager
def open_layer(path: Path, layer: str, **options: Any) -> Iterator[fiona.Collection]:
    try:
        with fiona.open(str(path), layer=layer, **options) as collection:
            yield collection
    except FionaError as exc:
        raise FileProblem(f"{path.name}, laag {layer}: kan niet lezen: {exc}") from exc


def epsg_of(user_input: str) -> int:
    """EPSG code of what the user typed (--crs EPSG:28992, 28992, a proj string)."""
    try:
        crs = pyproj.CRS.from_user_input(int(user_input) if user_input.isdigit() else user_input)
    except pyproj.exceptions.CRSError as exc:
        raise FileProblem(f"--crs {user_input}: onbekend coördinatenstelsel ({exc}).") from exc
    code = crs.to_epsg(min_confidence=70)
    if code is None:
        raise FileProblem(f"--crs {user_input}: geen EPSG-code gevonden; gebruik bv. EPSG:28992.")
    return code


def source_srid(collection: fiona.Collection, where: str, override: str | None) -> int:
    """The EPSG code of the layer's declared CRS, or of --crs. A file without a declaration is refused: guessing
    would put RD coordinates in the sea or degrees in the Atlantic."""
    if override:
        return epsg_of(override)
    crs = collection.crs
    if not crs:
        raise FileProblem(f"{where}: het bestand declareert geen coördinatenstelsel (ontbreekt het .prj-bestand?). "
                          "Geef het op met --crs, bv. --crs EPSG:28992 voor RD New.")
    code = crs.to_epsg()
    if code is None:
        code = pyproj.CRS.from_wkt(crs.to_wkt()).to_epsg(min_confidence=70)
    if code is None:
        raise FileProblem(f"{where}: het coördinatenstelsel van het bestand heeft geen EPSG-code "
                          f"({crs.to_wkt()[:80]}…). Geef het op met --crs.")
    return int(code)
