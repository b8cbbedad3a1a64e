"""docs/nginx/buurtkaart.conf on Debian's real nginx, in front of a real `buurtkaart serve`: the shipped file as
it stands, with only its ports, listen line and cache folder swapped for the test's."""

from __future__ import annotations

from pathlib import Path

from spatial_service.paths import PROJECT_ROOT
from tests.service.conftest import free_port
from tests.viewer.nginx import Nginx, nginx_user, run_nginx

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


class Front(Nginx):
    """The front door; its access log is read as fields (method, uri, status, upstream, cache status)."""

    def requests(self) -> list[list[str]]:
        return [line.split() for line in self.access_log().splitlines()]


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
    (prefix / "tmp").mkdir(parents=True, exist_ok=True)
    port = free_port()
    (prefix / "buurtkaart.conf").write_text(render(tile_port, ogc_port, port, prefix / "cache"))
    (prefix / "nginx.conf").write_text(MAIN.format(user=nginx_user(), prefix=prefix))
    url, process = run_nginx(prefix, prefix / "nginx.conf", port, "/health")
    return Front(url, process, prefix)
