"""`buurtkaart serve` and `buurtkaart export-tiles` as a user runs them (real processes, real database)."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.service.conftest import free_port

BUURTKAART = str(Path(sys.executable).parent / "buurtkaart")


def cli_env(db) -> dict[str, str]:
    return {**os.environ, "BUURTKAART_DBNAME": db.name, "BUURTKAART_PGDATA": str(db.settings.cluster_dir),
            "BUURTKAART_PGPORT": str(db.settings.port)}


def test_serve_command_serves_tiles_and_the_viewer(demo_db):
    port = free_port()
    proc = subprocess.Popen([BUURTKAART, "serve", "--port", str(port)], env=cli_env(demo_db),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        health = None
        # during start-up /health answers 503 "gestoord" until the catalogue is compiled: poll until ready
        while time.monotonic() < deadline and (health is None or health["status"] != "ok"):
            with contextlib.suppress(httpx.TransportError):
                health = httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).json()
            time.sleep(0.2)
        assert health and health["status"] == "ok", health
        page = httpx.get(f"http://127.0.0.1:{port}/", timeout=30).text
        assert "vendor/maplibre-gl/maplibre-gl.js" in page and "cdn" not in page.lower()
        js = httpx.get(f"http://127.0.0.1:{port}/vendor/maplibre-gl/maplibre-gl.js", timeout=30)
        assert js.status_code == 200 and len(js.content) > 500_000
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=15)
    assert f"http://127.0.0.1:{port}/" in out


def test_export_tiles_command_reports_progress(demo_db, tmp_path):
    out = tmp_path / "stad.pmtiles"
    done = subprocess.run([BUURTKAART, "export-tiles", "--out", str(out), "--minzoom", "10", "--maxzoom", "12"],
                          env=cli_env(demo_db), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "(100%)" in done.stderr and "tegels" in done.stdout
    assert out.stat().st_size > 10_000


def test_export_tiles_refuses_a_bad_zoom_range_in_dutch(demo_db, tmp_path):
    done = subprocess.run([BUURTKAART, "export-tiles", "--out", str(tmp_path / "x.pmtiles"), "--minzoom", "14",
                           "--maxzoom", "12"], env=cli_env(demo_db), capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "Ongeldig zoombereik 14-12" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "x.pmtiles").exists()
