"""The spatial service: vector tiles, TileJSON, a MapLibre style and the virtuele stad viewer (Starlette)."""
