"""Small helpers for the service tests: tile coordinates and decoding."""

from __future__ import annotations

import mapbox_vector_tile

from spatial_service.tiles.export import lonlat_to_tile

# Hilversum's Centrum (Kerkbrink), well inside the demo data
CENTRUM = (5.1762, 52.2260)
ALL_LAYERS = "gemeenten,wijken,buurten,groen,speelplekken,zebrapaden,initiatieven,buurtdeals"


def tile_at(lon: float, lat: float, z: int) -> tuple[int, int, int]:
    return (z, *lonlat_to_tile(lon, lat, z))


def decode(body: bytes) -> dict[str, list[dict]]:
    """layer -> features (each with 'id' and 'properties')."""
    return {name: layer["features"] for name, layer in mapbox_vector_tile.decode(body).items()}


def feature_ids(body: bytes, layer: str) -> set:
    return {f.get("id") for f in decode(body).get(layer, [])}
