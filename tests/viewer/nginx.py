"""Debian's real nginx as the static host of the virtuele stad: own prefix and config, loopback only."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from spatial_service.settings import Settings
from spatial_service.web.security import nginx_headers
from tests.service.conftest import free_port

CONFIG = """
worker_processes 1;
daemon off;
{user}
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 128; }}
http {{
  include /etc/nginx/mime.types;
  types {{ application/octet-stream pmtiles; }}
  default_type application/octet-stream;
  # the Range asked and the bytes sent, so a test or benchmark can tell which bytes went out twice
  log_format bereik '$request_uri $status $body_bytes_sent "$http_range"';
  access_log {prefix}/access.log bereik;
  client_body_temp_path {prefix}/tmp/body;
  proxy_temp_path {prefix}/tmp/proxy;
  fastcgi_temp_path {prefix}/tmp/fastcgi;
  uwsgi_temp_path {prefix}/tmp/uwsgi;
  scgi_temp_path {prefix}/tmp/scgi;
  server {{
    listen 127.0.0.1:{port};
    root {root};
    index index.html;
{headers}
  }}
}}
"""


@dataclass
class Nginx:
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

    def access_log(self) -> str:
        return (self.prefix / "access.log").read_text() if (self.prefix / "access.log").exists() else ""


def run_nginx(prefix: Path, conf: Path, port: int, probe_path: str) -> tuple[str, subprocess.Popen]:
    """Debian's nginx on `conf` (which listens on 127.0.0.1:`port`) in the foreground; its URL once `probe_path`
    answers."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    assert Path(binary).is_file(), "nginx ontbreekt: draai bash scripts/setup.sh (apt-pakket nginx)"
    test = subprocess.run([binary, "-t", "-p", str(prefix), "-c", str(conf)], capture_output=True, text=True)
    assert test.returncode == 0, test.stderr
    process = subprocess.Popen([binary, "-p", str(prefix), "-c", str(conf)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"nginx stopte meteen: {process.stderr.read().decode()[:500]}")
        try:
            httpx.get(url + probe_path, timeout=2)
            return url, process
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise AssertionError("nginx kwam niet op in 15 s")


def nginx_user() -> str:
    # as root nginx would run its workers as nobody, who cannot enter pytest's private temp folders
    return "user root;" if os.geteuid() == 0 else ""


def start_nginx(root: Path, prefix: Path) -> Nginx:
    (prefix / "tmp").mkdir(parents=True, exist_ok=True)
    conf = prefix / "nginx.conf"
    # the security headers docs/deployment.md tells a static host to send, from the same source as the service's
    headers = "\n".join(f"    {line}" for line in nginx_headers(Settings()))
    port = free_port()
    conf.write_text(CONFIG.format(user=nginx_user(), prefix=prefix, port=port, root=root, headers=headers))
    url, process = run_nginx(prefix, conf, port, "/")
    return Nginx(url, process, prefix)
