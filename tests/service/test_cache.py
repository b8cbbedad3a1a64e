"""The tile cache on its own: bounded by bytes, LRU, exact invalidation by layer and box."""

from __future__ import annotations

from spatial_service.web.cache import ENTRY_OVERHEAD, CachedTile, TileCache, TileKey, tile_bounds


def key(layer: str, z: int, x: int, y: int) -> TileKey:
    return TileKey((layer,), z, x, y)


def test_cache_stays_within_its_bytes_and_evicts_least_recently_used():
    cache = TileCache(max_bytes=3 * (1000 + ENTRY_OVERHEAD))
    for i in range(3):
        assert cache.put(key("groen", 14, i, 0), CachedTile(b"x" * 1000, str(i)), cache.generation)
    cache.get(key("groen", 14, 0, 0))  # used: survives the next insert
    cache.put(key("groen", 14, 9, 0), CachedTile(b"x" * 1000, "9"), cache.generation)
    assert cache.bytes <= cache.max_bytes and len(cache) == 3
    assert key("groen", 14, 1, 0) not in cache and key("groen", 14, 0, 0) in cache


def test_a_result_older_than_an_invalidation_is_not_stored():
    cache = TileCache(max_bytes=10**6)
    generation = cache.generation
    cache.invalidate({"groen"}, (0, 0, 1, 1))
    assert not cache.put(key("groen", 1, 0, 0), CachedTile(b"old", "e"), generation)


def test_invalidation_drops_only_touched_tiles_of_the_named_layers():
    cache = TileCache(max_bytes=10**6)
    z = 14
    inside, neighbour, far = (z, 8427, 5393), (z, 8428, 5393), (z, 8440, 5380)
    for layer in ("buurtdeals", "groen"):
        for t in (inside, neighbour, far):
            cache.put(key(layer, *t), CachedTile(b"t", "e"), cache.generation)
    cache.put(TileKey(("groen", "buurtdeals"), *inside), CachedTile(b"t", "e"), cache.generation)
    cache.put(key("buurtdeals", 10, 526, 337), CachedTile(b"t", "e"), cache.generation)  # parent of inside
    b = tile_bounds(*inside, buffer=0)
    box = (b[0] + 10, b[1] + 10, b[0] + 20, b[1] + 20)  # a small box in the middle of `inside`
    dropped = cache.invalidate({"buurtdeals"}, box)
    assert dropped == 3
    assert key("buurtdeals", *inside) not in cache and key("buurtdeals", 10, 526, 337) not in cache
    assert TileKey(("groen", "buurtdeals"), *inside) not in cache
    assert key("groen", *inside) in cache and key("buurtdeals", *neighbour) in cache
    assert key("buurtdeals", *far) in cache
