"""The project-local PostgreSQL cluster: initdb/start/stop/status, as the postgres user when run as root.

Socket-only (listen_addresses=''), socket in the data directory whose mode is 0700: only its owner (and root)
can connect, so local 'trust' authentication needs no password anywhere.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import time
from pathlib import Path

from spatial_service.errors import BuurtkaartError
from spatial_service.settings import (
    LOCAL_EDITOR_LOGIN,
    LOCAL_LOKET_LOGIN,
    LOCAL_POST_LOGIN,
    LOCAL_PUBLIC_LOGIN,
    LOCAL_READER_LOGIN,
    Settings,
)

PG_BIN_CANDIDATES = [Path("/usr/lib/postgresql/15/bin"), Path("/usr/lib/postgresql/16/bin")]


class ClusterError(BuurtkaartError):
    pass


def pg_bin(tool: str) -> str:
    for d in PG_BIN_CANDIDATES:
        if (d / tool).exists():
            return str(d / tool)
    found = shutil.which(tool)
    if not found:
        raise ClusterError(f"{tool} niet gevonden: installeer postgresql-15-postgis-3 (scripts/setup.sh).")
    return found


def _run_as_owner(args: list[str], *, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run a PostgreSQL tool as the cluster owner: 'postgres' when we are root, else ourselves."""
    if os.geteuid() == 0:
        args = ["runuser", "-u", "postgres", "--", *args]
    proc = subprocess.run(args, capture_output=True, text=True, cwd="/")
    if check and proc.returncode != 0:
        raise ClusterError(f"{' '.join(args)} faalde:\n{proc.stdout}{proc.stderr}")
    return proc


def _prepare_dir(settings: Settings) -> None:
    data = settings.cluster_dir
    data.parent.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        pw = pwd.getpwnam("postgres")
        data.mkdir(mode=0o700, exist_ok=True)
        os.chown(data, pw.pw_uid, pw.pw_gid)
    else:
        data.mkdir(mode=0o700, exist_ok=True)


def is_initialised(settings: Settings) -> bool:
    return (settings.cluster_dir / "PG_VERSION").exists()


def init(settings: Settings) -> bool:
    """initdb once; returns True when a new cluster was made."""
    if is_initialised(settings):
        return False
    _prepare_dir(settings)
    _run_as_owner([pg_bin("initdb"), "-D", str(settings.cluster_dir), "-U", "postgres", "-E", "UTF8",
                   "--locale=C.UTF-8", "--auth-local=trust", "--auth-host=reject"])
    conf = settings.cluster_dir / "postgresql.auto.conf"
    extra = [
        "listen_addresses = ''",
        f"port = {settings.port}",
        f"unix_socket_directories = '{settings.socket_dir}'",
        "shared_buffers = '256MB'",
        "work_mem = '16MB'",
        "max_connections = 200",
        "fsync = on",
        "jit = off",
        "log_min_messages = warning",
    ]
    text = conf.read_text() + "\n".join(extra) + "\n"
    _write_as_owner(conf, text)
    return True


def _write_as_owner(path: Path, text: str) -> None:
    path.write_text(text)
    if os.geteuid() == 0:
        pw = pwd.getpwnam("postgres")
        os.chown(path, pw.pw_uid, pw.pw_gid)


def status(settings: Settings) -> bool:
    if not is_initialised(settings):
        return False
    proc = _run_as_owner([pg_bin("pg_ctl"), "-D", str(settings.cluster_dir), "status"], check=False)
    return proc.returncode == 0


def start(settings: Settings) -> None:
    init(settings)
    if status(settings):
        # a cluster started by an older checkout lacks the login roles of newer group roles
        ensure_login_roles(settings)
        return
    log = settings.cluster_dir / "server.log"
    _run_as_owner([pg_bin("pg_ctl"), "-D", str(settings.cluster_dir), "-l", str(log), "-w", "-t", "60", "start"])
    _wait_ready(settings)
    ensure_login_roles(settings)


def stop(settings: Settings) -> None:
    if status(settings):
        _run_as_owner([pg_bin("pg_ctl"), "-D", str(settings.cluster_dir), "-m", "fast", "-w", "stop"])


def _wait_ready(settings: Settings, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        proc = subprocess.run([pg_bin("pg_isready"), "-h", str(settings.socket_dir), "-p", str(settings.port)],
                              capture_output=True, text=True)
        if proc.returncode == 0:
            return
        time.sleep(0.2)
    raise ClusterError(f"PostgreSQL op poort {settings.port} werd niet gereed binnen {timeout:.0f} s.")


def psql(settings: Settings, sql: str, dbname: str = "postgres") -> str:
    proc = _run_as_owner([pg_bin("psql"), "-X", "-v", "ON_ERROR_STOP=1", "-qAt", "-h", str(settings.socket_dir),
                          "-p", str(settings.port), "-U", "postgres", "-d", dbname, "-c", sql])
    return proc.stdout.strip()


def ensure_login_roles(settings: Settings) -> None:
    """Login roles for the local cluster, members of the data model's group roles (created if missing)."""
    groups = {LOCAL_EDITOR_LOGIN: "buurtkaart_editor", LOCAL_PUBLIC_LOGIN: "buurtkaart_publiek",
              LOCAL_READER_LOGIN: "buurtkaart_lezer", LOCAL_LOKET_LOGIN: "buurtkaart_loket",
              LOCAL_POST_LOGIN: "buurtkaart_post"}
    stmts = []
    for login, group in groups.items():
        stmts.append(
            f"IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{group}') THEN "
            f"CREATE ROLE {group} NOLOGIN; END IF; "
            f"IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{login}') THEN "
            f"CREATE ROLE {login} LOGIN IN ROLE {group}; END IF;"
        )
    psql(settings, "DO $$BEGIN " + " ".join(stmts) + " END$$;")


def ensure_database(settings: Settings, dbname: str | None = None, template: str | None = None) -> bool:
    """CREATE DATABASE if missing; returns True when it was created."""
    name = dbname or settings.dbname
    if psql(settings, f"SELECT 1 FROM pg_database WHERE datname = '{name}'"):
        return False
    tmpl = f" TEMPLATE \"{template}\"" if template else ""
    psql(settings, f'CREATE DATABASE "{name}"{tmpl}')
    return True


def drop_database(settings: Settings, dbname: str) -> None:
    psql(settings, f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')


def write_service_file(settings: Settings, path: Path) -> Path:
    """A pg_service.conf for QGIS and the service: connection by name, no password in any project."""
    entries = {
        "buurtkaart": LOCAL_EDITOR_LOGIN,
        "buurtkaart_beheer": "postgres",
        "buurtkaart_publiek": LOCAL_PUBLIC_LOGIN,
        "buurtkaart_lezer": LOCAL_READER_LOGIN,
        "buurtkaart_loket": LOCAL_LOKET_LOGIN,
        "buurtkaart_post": LOCAL_POST_LOGIN,
    }
    lines = []
    for name, user in entries.items():
        lines += [f"[{name}]", f"host={settings.socket_dir}", f"port={settings.port}",
                  f"dbname={settings.dbname}", f"user={user}", ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines))
    return path
