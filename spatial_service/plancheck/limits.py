"""Bounds on a plan before a parser we did not write sees it (json, shapely, GDAL through fiona, ezdxf): size,
nesting depth, number of features and of vertices. Each is a setting (BUURTKAART_MAX_*, settings.py, README
"Grenzen aan invoer"); a plan over one gets a PlanError (Dutch, HTTP 400) that names the limit and its setting.
The sizes bound what the parsers read; the other counts are taken on the raw structure before it is parsed
further (nesting of the JSON text, feature and coordinate counts of the decoded GeoJSON, block depth in a DXF).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from spatial_service.plancheck.errors import PlanError
from spatial_service.settings import Settings, get_settings

# a JSON string (with its escapes): brackets inside one do not nest
_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_OPEN = np.zeros(256, dtype=np.int8)
_OPEN[[ord("["), ord("{")]] = 1
_OPEN[[ord("]"), ord("}")]] = -1


@dataclass(frozen=True)
class Limits:
    body_bytes: int
    file_bytes: int
    nesting: int
    features: int
    vertices: int

    @classmethod
    def of(cls, settings: Settings | None = None) -> Limits:
        s = settings or get_settings()
        return cls(int(s.max_body_mb * 1024 * 1024), int(s.max_file_mb * 1024 * 1024), s.max_nesting,
                   s.max_features, s.max_vertices)

    def check_file_size(self, size: int, name: str) -> None:
        if size > self.file_bytes:
            raise PlanError(f"Planbestand {name} is te groot ({size / 1024 / 1024:.1f} MB; de grens is "
                            f"{_mb(self.file_bytes)} MB, instelling BUURTKAART_MAX_FILE_MB).")

    def check_json_nesting(self, body: bytes) -> None:
        """The nesting depth of a JSON text, measured on the bytes before json parses them."""
        depth = json_depth(body)
        if depth > self.nesting:
            raise PlanError(f"De JSON is te diep genest ({depth} niveaus; de grens is {self.nesting}, instelling "
                            "BUURTKAART_MAX_NESTING).")

    def check_nesting(self, depth: int, what: str) -> None:
        if depth > self.nesting:
            raise PlanError(f"{what} is te diep genest (meer dan {self.nesting} niveaus, instelling "
                            "BUURTKAART_MAX_NESTING).")

    def check_features(self, count: int, what: str = "Het plan") -> None:
        if count > self.features:
            raise PlanError(f"{what} heeft te veel objecten ({count}; de grens is {self.features}, instelling "
                            "BUURTKAART_MAX_FEATURES).")

    def check_vertices(self, count: int, what: str = "Het plan") -> None:
        if count > self.vertices:
            raise PlanError(f"{what} heeft te veel punten (meer dan {self.vertices}, instelling "
                            "BUURTKAART_MAX_VERTICES); vereenvoudig de geometrie.")


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:g}"


def json_depth(body: bytes) -> int:
    """How deep the brackets of a JSON text nest, strings left out (linear, in C: a regex and numpy)."""
    stripped = _JSON_STRING.sub(b"", body)
    if not stripped:
        return 0
    return int(np.cumsum(_OPEN[np.frombuffer(stripped, dtype=np.uint8)], dtype=np.int64).max(initial=0))


def count_positions(coordinates: object, limits: Limits, what: str) -> int:
    """The number of positions ([x, y, ...]) in a GeoJSON `coordinates` member, walked without recursion and
    stopped as soon as it passes the vertex limit."""
    count, stack = 0, [coordinates]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            if item and not isinstance(item[0], list):
                count += 1
                if count > limits.vertices:
                    limits.check_vertices(count, what)
            else:
                stack.extend(item)
    return count
