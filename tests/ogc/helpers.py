"""Helpers for the OGC API tests: the served collections, their rows, every page of a collection by its `next` links."""

from __future__ import annotations

from collections.abc import Iterator

import httpx

from spatial_service.catalogue import load
from spatial_service.ogc_split import OgcCollection, read_collections

RD = "http://www.opengis.net/def/crs/EPSG/0/28992"
EPSG_4326 = "http://www.opengis.net/def/crs/EPSG/0/4326"
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"


def pages(client: httpx.Client, url: str, params: dict | None = None) -> Iterator[dict]:
    """Every page, following rel=next exactly as a client does (absolute links from the service)."""
    r = client.get(url, params=params)
    while True:
        assert r.status_code == 200, r.text[:500]
        body = r.json()
        yield body
        nxt = [link["href"] for link in body["links"] if link["rel"] == "next"]
        if not nxt:
            return
        r = client.get(nxt[0])


def all_features(client: httpx.Client, collection: str, **params) -> list[dict]:
    return [f for page in pages(client, f"/ogc/collections/{collection}/items", params) for f in page["features"]]


def served_collections(admin_conn) -> dict[str, OgcCollection]:
    """The collections the OGC API serves (spatial_service/ogc_split.py), by id, in catalogue order."""
    return {c.id: c for c in read_collections(admin_conn, load())}


def published(admin_conn, collection: OgcCollection, extra: str = "TRUE") -> list:
    """The keys of a collection's rows, read by the admin from its publiek view."""
    layer = collection.layer
    return [r[0] for r in admin_conn.execute(
        f"SELECT {layer.sleutel} FROM {layer.bron} WHERE ({collection.where()}) AND {extra} ORDER BY {layer.sleutel}")]
