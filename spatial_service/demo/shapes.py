"""Small geometry generators for the demo: rectangles and points placed inside an area without overlap."""

from __future__ import annotations

import math
import random

import numpy as np
import shapely
from shapely.geometry import Point, Polygon
from shapely.geometry.base import BaseGeometry


def rectangle(cx: float, cy: float, w: float, h: float, angle_deg: float) -> Polygon:
    a = math.radians(angle_deg)
    ca, sa = math.cos(a), math.sin(a)
    corners = [(-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)]
    return Polygon([(round(cx + x * ca - y * sa, 2), round(cy + x * sa + y * ca, 2)) for x, y in corners])


class Placer:
    """Places shapes inside areas so that no two placed shapes come closer than `gap` metres."""

    def __init__(self, rng: random.Random, gap: float = 4.0) -> None:
        self.rng = rng
        self.gap = gap
        self.placed: list[BaseGeometry] = []

    def _free(self, geom: BaseGeometry) -> bool:
        if not self.placed:
            return True
        return not np.any(shapely.dwithin(np.array(self.placed, dtype=object), geom, self.gap))

    def claim(self, geom: BaseGeometry) -> None:
        self.placed.append(geom)

    def point_in(self, area: BaseGeometry, margin: float = 10.0, tries: int = 400) -> Point | None:
        inner = area.buffer(-margin)
        minx, miny, maxx, maxy = inner.bounds
        for _ in range(tries):
            p = Point(round(self.rng.uniform(minx, maxx), 2), round(self.rng.uniform(miny, maxy), 2))
            if inner.contains(p) and self._free(p):
                self.claim(p)
                return p
        return None

    def rectangle_in(self, area: BaseGeometry, w: tuple[float, float], h: tuple[float, float],
                     tries: int = 400) -> Polygon | None:
        minx, miny, maxx, maxy = area.bounds
        for _ in range(tries):
            shape = rectangle(self.rng.uniform(minx, maxx), self.rng.uniform(miny, maxy),
                              self.rng.uniform(*w), self.rng.uniform(*h), self.rng.uniform(0, 180))
            if area.contains(shape) and self._free(shape):
                self.claim(shape)
                return shape
        return None
