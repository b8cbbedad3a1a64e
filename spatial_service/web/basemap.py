"""The base map of the virtuele stad: PDOK's BRT-Achtergrondkaart (standaard or grijs), an own XYZ template, or
none. The style carries the choice in its metadata; the viewer probes one tile and adds the raster layer only
when it answers, so offline the plain map shows at once."""

from __future__ import annotations

from typing import Any

from spatial_service.errors import BuurtkaartError
from spatial_service.settings import Settings

PDOK_TEMPLATE = "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/{laag}/EPSG:3857/{{z}}/{{x}}/{{y}}.png"
PDOK_ATTRIBUTION = "Achtergrond: BRT-Achtergrondkaart © Kadaster (PDOK)"
CHOICES = ("standaard", "grijs", "geen")


class BasemapError(BuurtkaartError):
    pass


def options(own_url: str = "") -> list[dict[str, str]]:
    found = [
        {"code": "standaard", "naam": "BRT-Achtergrondkaart", "url": PDOK_TEMPLATE.format(laag="standaard"),
         "attributie": PDOK_ATTRIBUTION},
        {"code": "grijs", "naam": "BRT-Achtergrondkaart grijs", "url": PDOK_TEMPLATE.format(laag="grijs"),
         "attributie": PDOK_ATTRIBUTION},
    ]
    if own_url:
        found.append({"code": "eigen", "naam": "Eigen achtergrondkaart", "url": own_url,
                      "attributie": "Achtergrond: eigen kaartdienst (BUURTKAART_BASEMAP_URL)"})
    return [*found, {"code": "geen", "naam": "Geen achtergrondkaart", "url": "", "attributie": ""}]


def basemap_config(settings: Settings) -> dict[str, Any]:
    """{"keuze": code, "opties": [...]}, from BUURTKAART_BASEMAP / BUURTKAART_BASEMAP_URL."""
    own = settings.basemap_url.strip()
    if own and not all(part in own for part in ("{z}", "{x}", "{y}")):
        raise BasemapError(f"BUURTKAART_BASEMAP_URL='{own[:80]}' is geen XYZ-sjabloon: verwacht een URL met "
                           "{z}, {x} en {y}.")
    choice = "eigen" if own else settings.basemap.strip().lower()
    if choice not in (*CHOICES, "eigen"):
        raise BasemapError(f"BUURTKAART_BASEMAP='{settings.basemap[:40]}' is onbekend: kies standaard, grijs of "
                           "geen (of zet BUURTKAART_BASEMAP_URL voor een eigen kaartdienst).")
    return {"keuze": choice, "opties": options(own)}
