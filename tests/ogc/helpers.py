"""Helpers for the OGC API tests: walk every page of a collection by its `next` links."""

from __future__ import annotations

from collections.abc import Iterator

import httpx

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
