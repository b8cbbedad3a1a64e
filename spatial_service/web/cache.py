"""A bounded in-memory tile cache (LRU by bytes) that can drop exactly the tiles a changed bounding box touches.

Keys carry the layers, z/x/y and the filters, so invalidation can test each cached tile against the layers and
the EPSG:3857 box that changed. A generation counter stops a query that started before an invalidation from
storing its (possibly stale) result after it.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass

from spatial_service.tiles.sql import BUFFER, EXTENT, WEB_MERCATOR_SIZE

HALF = WEB_MERCATOR_SIZE / 2
ENTRY_OVERHEAD = 1500  # bytes per entry besides the tile body: key, filters, ETag, dict node (measured: RSS
# grew ~137 MB for 52,500 entries holding 63 MB of tiles), so max_bytes bounds the real memory


@dataclass(frozen=True)
class TileKey:
    layers: tuple[str, ...]
    z: int
    x: int
    y: int
    filters: tuple[tuple[str, tuple], ...] = ()


@dataclass(frozen=True)
class CachedTile:
    body: bytes
    etag: str


def make_etag(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'


def tile_bounds(z: int, x: int, y: int, buffer: float = BUFFER / EXTENT) -> tuple[float, float, float, float]:
    """EPSG:3857 bounds of a tile, widened by the render buffer (features that far outside still show)."""
    size = WEB_MERCATOR_SIZE / 2**z
    margin = size * buffer
    xmin = -HALF + x * size
    ymax = HALF - y * size
    return xmin - margin, ymax - size - margin, xmin + size + margin, ymax + margin


def intersects(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


class TileCache:
    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._tiles: OrderedDict[TileKey, CachedTile] = OrderedDict()
        self.bytes = 0
        self.generation = 0
        self.hits = 0
        self.misses = 0
        self.dropped = 0
        self.invalidations = 0

    def __len__(self) -> int:
        return len(self._tiles)

    def __contains__(self, key: TileKey) -> bool:
        return key in self._tiles

    def get(self, key: TileKey) -> CachedTile | None:
        tile = self._tiles.get(key)
        if tile is None:
            self.misses += 1
            return None
        self._tiles.move_to_end(key)
        self.hits += 1
        return tile

    def hit(self, key: TileKey) -> CachedTile | None:
        """Like get, but a miss is not counted: the fast path falls through to the route, which counts it."""
        tile = self._tiles.get(key)
        if tile is not None:
            self._tiles.move_to_end(key)
            self.hits += 1
        return tile

    def put(self, key: TileKey, tile: CachedTile, generation: int) -> bool:
        """Store unless an invalidation happened since `generation` was read, or the tile alone is too big."""
        size = len(tile.body) + ENTRY_OVERHEAD
        if generation != self.generation or size > self.max_bytes:
            return False
        old = self._tiles.pop(key, None)
        if old is not None:
            self.bytes -= len(old.body) + ENTRY_OVERHEAD
        self._tiles[key] = tile
        self.bytes += size
        while self.bytes > self.max_bytes:
            _, evicted = self._tiles.popitem(last=False)
            self.bytes -= len(evicted.body) + ENTRY_OVERHEAD
        return True

    def invalidate(self, layers: set[str], bbox: tuple[float, float, float, float]) -> int:
        """Drop the cached tiles (every zoom, every filter) of these layers that the box touches."""
        self.generation += 1
        self.invalidations += 1
        doomed = [key for key in self._tiles
                  if layers.intersection(key.layers) and intersects(tile_bounds(key.z, key.x, key.y), bbox)]
        for key in doomed:
            tile = self._tiles.pop(key)
            self.bytes -= len(tile.body) + ENTRY_OVERHEAD
        self.dropped += len(doomed)
        return len(doomed)

    def clear(self) -> None:
        self.generation += 1
        self.dropped += len(self._tiles)
        self._tiles.clear()
        self.bytes = 0

    def stats(self) -> dict[str, int]:
        return {"tegels": len(self._tiles), "bytes": self.bytes, "max_bytes": self.max_bytes,
                "hits": self.hits, "misses": self.misses, "verwijderd": self.dropped,
                "invalidaties": self.invalidations, "generatie": self.generation}
