"""Coordinate reference systems of the OGC API (Features Part 2): which ones, and the one of the current request.

tipg (the library behind /ogc) answers in CRS84 only; Part 2 adds `crs` (the answer's CRS) and `bbox-crs` (the
CRS of `bbox`). The middleware in api.py parses both once per request into REQUEST_CRS; the collection class
(collections.py) reads it where tipg builds the geometry and the bbox filter. A contextvar, because tipg's
endpoints give the collection no request; each request runs in its own task, so values never leak between them.
"""

from __future__ import annotations

import contextvars
from dataclasses import dataclass

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
EPSG_4326 = "http://www.opengis.net/def/crs/EPSG/0/4326"
EPSG_28992 = "http://www.opengis.net/def/crs/EPSG/0/28992"
EPSG_3857 = "http://www.opengis.net/def/crs/EPSG/0/3857"

STORAGE_CRS = EPSG_28992
PART2_CONFORMANCE = "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs"


@dataclass(frozen=True)
class Crs:
    uri: str
    srid: int
    # EPSG:4326 is latitude first (Part 2 follows the authority's axis order); CRS84, RD New and 3857 are x first
    lat_first: bool = False
    # a plausible range of the first and second coordinate, to refuse a bbox in the wrong CRS with a clear message;
    # None: read from the database at start-up (RD New: publiek.rd_gebied(), see `limits_of`)
    limits: tuple[float, float, float, float] | None = (-180.0, -90.0, 180.0, 90.0)


SUPPORTED: tuple[Crs, ...] = (
    Crs(CRS84, 4326),
    Crs(EPSG_4326, 4326, lat_first=True, limits=(-90.0, -180.0, 90.0, 180.0)),
    Crs(EPSG_28992, 28992, limits=None),  # buurt_app.rd_gebied(), the one place it is written
    Crs(EPSG_3857, 3857, limits=(-20037508.35, -20037508.35, 20037508.35, 20037508.35)),
)
DEFAULT = SUPPORTED[0]
URIS: tuple[str, ...] = tuple(c.uri for c in SUPPORTED)

# short spellings clients use; the URI is what the standard requires, the rest is courtesy
_ALIASES = {"crs84": CRS84, "ogc:crs84": CRS84, "epsg:4326": EPSG_4326, "epsg:28992": EPSG_28992,
            "epsg:3857": EPSG_3857, "[ogc:crs84]": CRS84, "[epsg:4326]": EPSG_4326, "[epsg:28992]": EPSG_28992,
            "[epsg:3857]": EPSG_3857}


# the SQL that gives the limits of the CRSs with limits=None (run once per service start, public role)
AREA_QUERY = {28992: "SELECT xmin, ymin, xmax, ymax FROM publiek.rd_gebied()"}


def limits_of(crs: Crs, areas: dict[int, tuple[float, float, float, float]]) -> tuple[float, float, float, float]:
    """The coordinate range of `crs`: its own, or the one read from the database (`areas`, by SRID)."""
    if crs.limits is not None:
        return crs.limits
    if crs.srid not in areas:
        raise CrsError(f"Het bereik van {crs.uri} is nog niet uit de database gelezen; probeer het zo opnieuw.")
    return areas[crs.srid]


class CrsError(ValueError):
    """A `crs` or `bbox-crs` we do not serve (HTTP 400)."""


def parse(value: str | None, parameter: str) -> Crs:
    if value is None or value == "":
        return DEFAULT
    uri = _ALIASES.get(value.strip().lower(), value.strip())
    uri = uri.replace("https://", "http://")
    for crs in SUPPORTED:
        if crs.uri == uri:
            return crs
    raise CrsError(f"Parameter '{parameter}': coördinatenstelsel '{value[:100]}' wordt niet ondersteund; "
                   f"kies uit {', '.join(URIS)}.")


@dataclass(frozen=True)
class RequestCrs:
    output: Crs = DEFAULT
    bbox: Crs = DEFAULT


PLAIN = RequestCrs()  # frozen: safe as the shared default
REQUEST_CRS: contextvars.ContextVar[RequestCrs] = contextvars.ContextVar("ogc_request_crs", default=PLAIN)
