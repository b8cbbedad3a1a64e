"""Plan-check failures a designer can act on (bad file, bad CRS, refused plan)."""

from __future__ import annotations

from spatial_service.errors import BuurtkaartError


class PlanError(BuurtkaartError):
    """The plan cannot be checked; the Dutch message names the file or parameter."""
