"""`buurtkaart docs pictures` makes the README pictures, and only it: a real process with its own service and
Chromium, writing where --out says; the checkout's docs/img stays as it was."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

from spatial_service.paths import PROJECT_ROOT


def _docs_img() -> dict[str, str]:
    return {p.name: hashlib.md5(p.read_bytes()).hexdigest() for p in sorted((PROJECT_ROOT / "docs" / "img").glob("*"))}


def test_docs_pictures_writes_the_picture_asked_for_into_out(demo_db, tmp_path):
    before = _docs_img()
    env = {**os.environ, "BUURTKAART_DBNAME": demo_db.name, "BUURTKAART_PGDATA": str(demo_db.settings.cluster_dir),
           "BUURTKAART_PGPORT": str(demo_db.settings.port), "BUURTKAART_BASEMAP": "geen"}
    result = subprocess.run([sys.executable, "-m", "spatial_service.cli", "docs", "pictures", "--out", str(tmp_path),
                             "--alleen", "viewer"], capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 0, result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["viewer.png"]
    assert (tmp_path / "viewer.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (tmp_path / "viewer.png").stat().st_size > 50_000
    assert "1 afbeelding(en)" in result.stdout
    assert _docs_img() == before


def test_the_submit_form_picture_shows_a_drawn_area(demo_db, tmp_path):
    env = {**os.environ, "BUURTKAART_DBNAME": demo_db.name, "BUURTKAART_PGDATA": str(demo_db.settings.cluster_dir),
           "BUURTKAART_PGPORT": str(demo_db.settings.port), "BUURTKAART_BASEMAP": "geen"}
    result = subprocess.run([sys.executable, "-m", "spatial_service.cli", "docs", "pictures", "--out", str(tmp_path),
                             "--alleen", "indienen"], capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 0, result.stderr
    picture = tmp_path / "indienen.png"
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and picture.stat().st_size > 10_000


def test_an_unknown_picture_is_refused_by_name():
    result = subprocess.run([sys.executable, "-m", "spatial_service.cli", "docs", "pictures", "--alleen", "kaart"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "kaart" in result.stderr and "viewer" in result.stderr
