"""/ogc forwarded from a tile worker to the OGC API's own processes (`buurtkaart serve --ogc-workers N`).

The OGC API (tipg, its asyncpg pool, the cql2 parser) runs in processes of its own, so a crash there leaves the
tiles, the viewer and the plan check running. A front (nginx, docs/nginx/buurtkaart.conf) sends /ogc straight
to those processes; this forwarder keeps the single port working without a front: the tile worker passes the
request on over loopback, streaming both ways, and answers 502 with an OGC exception in Dutch while the OGC
process is being replaced. It never retries: a request that crashed one OGC process would crash the next.
"""

from __future__ import annotations

import json

import httpx
from starlette.types import Receive, Scope, Send

# hop-by-hop headers (RFC 9110 7.6.1) are for one connection only; the rest passes through, Host included, so
# tipg writes its links with the address the client used
HOP_BY_HOP = frozenset({b"connection", b"keep-alive", b"proxy-authenticate", b"proxy-authorization", b"te",
                        b"trailer", b"transfer-encoding", b"upgrade", b"x-forwarded-for", b"x-forwarded-proto"})
UNAVAILABLE = json.dumps({
    "code": "ServiceUnavailable",
    "description": "De OGC API is even niet bereikbaar (het proces wordt opnieuw gestart). Probeer het zo opnieuw.",
}).encode()


class OgcForwarder:
    """An ASGI app (mounted at /ogc) that forwards every HTTP request to `upstream` (http://127.0.0.1:PORT)."""

    def __init__(self, upstream: str, timeout: float = 60.0) -> None:
        self.upstream = upstream.rstrip("/")
        self.timeout = timeout
        self._client: httpx.AsyncClient | None = None

    @property
    def client(self) -> httpx.AsyncClient:
        # made on first use, inside the worker's event loop
        if self._client is None:
            self._client = httpx.AsyncClient(timeout=httpx.Timeout(self.timeout, connect=5.0),
                                             limits=httpx.Limits(max_connections=64, max_keepalive_connections=16))
        return self._client

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        target = self.upstream + scope.get("raw_path", scope["path"].encode()).decode("latin-1")
        if scope.get("query_string"):
            target += "?" + scope["query_string"].decode("latin-1")
        headers = [(k, v) for k, v in scope["headers"] if k.lower() not in HOP_BY_HOP]
        forwarded_for = [v.decode("latin-1") for k, v in scope["headers"] if k.lower() == b"x-forwarded-for"]
        if scope.get("client"):
            forwarded_for.append(scope["client"][0])
        if forwarded_for:
            headers.append((b"x-forwarded-for", ", ".join(forwarded_for).encode("latin-1")))
        # uvicorn has already taken a trusted front's X-Forwarded-Proto into scope["scheme"]
        headers.append((b"x-forwarded-proto", scope.get("scheme", "http").encode()))

        async def body():
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
                chunk = message.get("body", b"")
                if chunk:
                    yield chunk
                if not message.get("more_body", False):
                    return

        has_body = scope["method"] not in ("GET", "HEAD", "OPTIONS", "DELETE")
        request = self.client.build_request(scope["method"], target, headers=headers,
                                            content=body() if has_body else None)
        try:
            response = await self.client.send(request, stream=True)
        except httpx.TransportError:
            await _answer(send, 502, UNAVAILABLE)
            return
        try:
            # uvicorn writes its own Date and Server
            out = [(k.lower(), v) for k, v in response.headers.raw
                   if k.lower() not in HOP_BY_HOP and k.lower() not in (b"date", b"server")]
            await send({"type": "http.response.start", "status": response.status_code, "headers": out})
            try:
                async for chunk in response.aiter_raw():
                    await send({"type": "http.response.body", "body": chunk, "more_body": True})
            except httpx.TransportError:
                pass  # the OGC process died mid-answer: end the body; the client sees a short response
            await send({"type": "http.response.body", "body": b"", "more_body": False})
        finally:
            await response.aclose()


async def _answer(send: Send, status: int, body: bytes) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"cache-control", b"no-store")]})
    await send({"type": "http.response.body", "body": body})
