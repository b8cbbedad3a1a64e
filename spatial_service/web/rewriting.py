"""Rewriting a small answer on its way out, as raw ASGI: the OGC API's HTML pages (security.py) and its collection
metadata (ogc/api.py) are held back whole, changed and sent with a new Content-Length; every other answer streams
on untouched, so tiles and item pages pay nothing."""

from __future__ import annotations

from collections.abc import Callable

from starlette.types import Message, Send

Headers = list[tuple[bytes, bytes]]


def rewriting_send(send: Send, select: Callable[[Message], bool],
                   rewrite: Callable[[Message, bytes], tuple[Headers, bytes]]) -> Send:
    """A send that buffers the body of an answer whose start message `select` picks, then sends
    `rewrite(start, body)`: the headers (Content-Length is set anew) and the body."""
    start: Message | None = None
    chunks: list[bytes] = []

    async def wrapped(message: Message) -> None:
        nonlocal start
        if message["type"] == "http.response.start":
            start = message if select(message) else None
            if start is not None:
                return
        elif start is not None:
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            headers, body = rewrite(start, b"".join(chunks))
            headers = [(k, v) for k, v in headers if k.lower() != b"content-length"]
            await send({**start, "headers": [*headers, (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})
            return
        await send(message)

    return wrapped
