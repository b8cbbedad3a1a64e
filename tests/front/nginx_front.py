"""docs/nginx/buurtkaart.conf on Debian's real nginx, in front of a real `buurtkaart serve`: the shipped file as
it stands, with only its ports, listen line and cache folder swapped for the test's."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from spatial_service.paths import PROJECT_ROOT
from tests.service.conftest import free_port

SHIPPED = PROJECT_ROOT / "docs" / "nginx" / "buurtkaart.conf"

MAIN = """
worker_processes 1;
daemon off;
{user}
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 512; }}
http {{
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  log_format voordeur '$request_method $uri $status $upstream_addr $upstream_cache_status';
  access_log {prefix}/access.log voordeur;
  client_body_temp_path {prefix}/tmp/body;
  proxy_temp_path {prefix}/tmp/proxy;
  fastcgi_temp_path {prefix}/tmp/fastcgi;
  uwsgi_temp_path {prefix}/tmp/uwsgi;
  scgi_temp_path {prefix}/tmp/scgi;
  include {prefix}/buurtkaart.conf;
}}
"""


@dataclass
class Front:
    url: str
    process: subprocess.Popen
    prefix: Path

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    def access_log(self) -> list[list[str]]:
        path = self.prefix / "access.log"
        return [line.split() for line in path.read_text().splitlines()] if path.exists() else []


def render(tile_port: int, ogc_port: int, listen_port: int, cache_dir: Path) -> str:
    text = SHIPPED.read_text()
    for old, new, count in [("server 127.0.0.1:8765 ", f"server 127.0.0.1:{tile_port} ", 3),
                            ("server 127.0.0.1:8766 ", f"server 127.0.0.1:{ogc_port} ", 1),
                            ("listen 80;", f"listen 127.0.0.1:{listen_port};", 1),
                            ("/var/cache/nginx/buurtkaart", str(cache_dir), 1)]:
        assert text.count(old) == count, f"{SHIPPED.name}: verwacht {count}x {old!r}"
        text = text.replace(old, new)
    return text


def start_front(tile_port: int, ogc_port: int, prefix: Path) -> Front:
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    assert Path(binary).is_file(), "nginx ontbreekt: draai bash scripts/setup.sh (apt-pakket nginx)"
    (prefix / "tmp").mkdir(parents=True, exist_ok=True)
    port = free_port()
    (prefix / "buurtkaart.conf").write_text(render(tile_port, ogc_port, port, prefix / "cache"))
    user = "user root;" if os.geteuid() == 0 else ""  # as root, workers would run as nobody (private tmp)
    (prefix / "nginx.conf").write_text(MAIN.format(user=user, prefix=prefix))
    test = subprocess.run([binary, "-t", "-p", str(prefix), "-c", str(prefix / "nginx.conf")],
                          capture_output=True, text=True)
    assert test.returncode == 0, test.stderr
    process = subprocess.Popen([binary, "-p", str(prefix), "-c", str(prefix / "nginx.conf")],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"nginx stopte meteen: {process.stderr.read().decode()[:500]}")
        try:
            httpx.get(url + "/health", timeout=2)
            return Front(url, process, prefix)
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise AssertionError("nginx kwam niet op in 15 s")
