"""What QGIS and the viewer draw alike and that no value list holds. Standard library only: the plugin bundles it.

Which statuses count as stopped is data (buurt_vl.status.gestopt, read by both clients); how much stopped work
fades is this one number, used by the QGIS renderers (buurtkaart/renderers.py, as a percentage) and the viewer
style (spatial_service/web/style.py, as a MapLibre opacity factor).
"""

from __future__ import annotations

# stopped work (afgewezen, ingetrokken: buurt_vl.status.gestopt) keeps this share of its normal opacity
FADED_OPACITY = 0.35
