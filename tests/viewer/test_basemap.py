"""The base map: PDOK BRT-Achtergrondkaart by default; offline (this machine has no internet) the viewer falls
back to the plain map quickly and without errors; an own XYZ service (here a real one on loopback) is added with
its attribution; BUURTKAART_BASEMAP=geen asks nothing from outside."""

from __future__ import annotations

import struct
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.service.conftest import start_server
from tests.viewer.browser import BASEMAP_HOST, open_viewer


def test_offline_the_default_base_map_falls_back_quickly(browser, live):
    started = time.monotonic()
    v = open_viewer(browser, live.url + "/")
    page = v.page
    try:
        page.wait_for_function("() => document.getElementById('kaart').dataset.basiskaart === 'onbereikbaar'",
                               timeout=4_000)
        assert time.monotonic() - started < 10
        assert "niet bereikbaar" in page.inner_text("#basiskaart-status")
        assert not page.evaluate("!!window.buurtkaartMap.getLayer('basiskaart')")
        assert page.is_checked("input[name=achtergrond][value=standaard]")
        assert any(BASEMAP_HOST in u for u in v.requests)  # it did try PDOK
        assert not v.errors, v.errors
        # the grey variant is one choice away, and also falls back
        page.check("input[name=achtergrond][value=grijs]")
        page.wait_for_function(
            "() => document.getElementById('basiskaart-status').textContent.includes('grijs is niet')")
        assert "achtergrond=grijs" in page.evaluate("location.hash")
    finally:
        page.close()


def png(width: int = 256, height: int = 256) -> bytes:
    raw = b"".join(b"\x00" + bytes([200, 220, 240]) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


@pytest.fixture
def tile_host():
    body = png()
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


def test_a_reachable_base_map_is_shown_with_its_attribution(browser, demo_db, tile_host):
    url, hits = tile_host
    running = start_server(demo_db, basemap_url=url + "/kaart/{z}/{x}/{y}.png")
    try:
        v = open_viewer(browser, running.url + "/")
        page = v.page
        page.wait_for_function("() => document.getElementById('kaart').dataset.basiskaart === 'eigen'", timeout=5_000)
        page.wait_for_function("() => window.buurtkaartMap.areTilesLoaded()")
        assert page.evaluate("window.buurtkaartMap.getLayer('basiskaart').type") == "raster"
        assert any(h.startswith("/kaart/") for h in hits) and len(hits) > 1  # the probe and the map's tiles
        assert "eigen kaartdienst" in page.inner_text(".maplibregl-ctrl-attrib")
        assert not v.errors, v.errors
        page.close()
    finally:
        running.stop()


def test_no_base_map_asks_nothing_from_outside(browser, demo_db):
    running = start_server(demo_db, basemap="geen")
    try:
        v = open_viewer(browser, running.url + "/")
        assert v.page.inner_text("#basiskaart-status") == "Kaart zonder achtergrond."
        assert [u for u in v.requests if not u.startswith((running.url, "data:", "blob:"))] == []
        v.page.close()
    finally:
        running.stop()
