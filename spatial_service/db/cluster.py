"""The project-local PostgreSQL cluster: initdb/start/stop/status, as the postgres user when run as root.

The socket lies in the data directory whose mode is 0700: only its owner (and root) can connect, so local 'trust'
authentication needs no password anywhere. One TCP listener on the loopback address, the same port, is for werkbak
logins (issue 22): pg_hba.conf asks members of buurtkaart_wijkteam for their password (SCRAM) there and rejects
every other TCP connection, so the werkbak checks a password against PostgreSQL itself.
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
    LOCAL_WERKBAK_LOGIN,
    LOOPBACK,
    WERKBAK_GROUP,
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
    configure(settings)
    return True


# Settings configure() keeps, and which of them only a restart applies (pg_hba.conf and the rest: a reload).
MANAGED_OPTIONS = {"listen_addresses": f"'{LOOPBACK}'", "password_encryption": "'scram-sha-256'"}
RESTART_OPTIONS = {"listen_addresses"}
HBA_HEADER = "# Written by buurtkaart (spatial_service/db/cluster.py) at every `buurtkaart db start`: edits are lost."


def hba_rules() -> str:
    """The cluster's pg_hba.conf: the socket trusts (it is reachable by its owner only); on TCP only werkbak users,
    from the loopback address, with their password (SCRAM); everything else on TCP is rejected."""
    rules = [("local", "all", "all", "", "trust"), ("local", "replication", "all", "", "trust"),
             ("host", "all", f"+{WERKBAK_GROUP}", f"{LOOPBACK}/32", "scram-sha-256"),
             ("host", "all", "all", "0.0.0.0/0", "reject"), ("host", "all", "all", "::/0", "reject"),
             ("host", "replication", "all", "0.0.0.0/0", "reject"), ("host", "replication", "all", "::/0", "reject")]
    return "\n".join([HBA_HEADER, *(f"{t:<6} {d:<12} {u:<22} {a:<14} {m}" for t, d, u, a, m in rules)]) + "\n"


def _set_options(text: str, options: dict[str, str]) -> str:
    """postgresql.auto.conf with each option set once to its value (replaced where it stands, else appended)."""
    lines = text.splitlines()
    for name, value in options.items():
        wanted = f"{name} = {value}"
        found = [i for i, line in enumerate(lines) if line.split("=", 1)[0].strip() == name]
        for i in reversed(found[1:]):
            del lines[i]
        if found:
            lines[found[0]] = wanted
        else:
            lines.append(wanted)
    return "\n".join(lines) + "\n"


def configure(settings: Settings) -> set[str]:
    """The loopback listener, SCRAM and pg_hba.conf, on a new cluster and on every start of an existing one
    (idempotent); returns the names of what changed ('pg_hba' for the rules)."""
    changed: set[str] = set()
    conf = settings.cluster_dir / "postgresql.auto.conf"
    before = conf.read_text()
    after = _set_options(before, MANAGED_OPTIONS)
    if after != before:
        old = {line.split("=", 1)[0].strip(): line.split("=", 1)[1].strip() for line in before.splitlines()
               if "=" in line and not line.lstrip().startswith("#")}
        changed |= {name for name, value in MANAGED_OPTIONS.items() if old.get(name) != value}
        _write_as_owner(conf, after)
    hba = settings.cluster_dir / "pg_hba.conf"
    if not hba.exists() or hba.read_text() != hba_rules():
        _write_as_owner(hba, hba_rules())
        changed.add("pg_hba")
    return changed


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
    """Start the cluster (made first if needed). A running cluster of an older checkout gets the werkbak's
    listener and rules: a reload, or once a restart (listen_addresses)."""
    init(settings)
    changed = configure(settings)
    log = settings.cluster_dir / "server.log"
    pg_ctl = [pg_bin("pg_ctl"), "-D", str(settings.cluster_dir)]
    if not status(settings):
        _run_as_owner([*pg_ctl, "-l", str(log), "-w", "-t", "60", "start"])
    elif changed & RESTART_OPTIONS:
        _run_as_owner([*pg_ctl, "-l", str(log), "-m", "fast", "-w", "-t", "60", "restart"])
    elif changed:
        _run_as_owner([*pg_ctl, "reload"])
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
    # the werkbak's pool role: NOINHERIT (layers/prelude.sql makes it NOLOGIN where no cluster of ours runs)
    stmts.append(f"IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{WERKBAK_GROUP}') THEN "
                 f"CREATE ROLE {WERKBAK_GROUP} NOLOGIN; END IF; "
                 f"IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{LOCAL_WERKBAK_LOGIN}') THEN "
                 f"CREATE ROLE {LOCAL_WERKBAK_LOGIN} LOGIN NOINHERIT; ELSE ALTER ROLE {LOCAL_WERKBAK_LOGIN} LOGIN "
                 "NOINHERIT; END IF;")
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
        "buurtkaart_werkbak": LOCAL_WERKBAK_LOGIN,
    }
    lines = []
    for name, user in entries.items():
        lines += [f"[{name}]", f"host={settings.socket_dir}", f"port={settings.port}",
                  f"dbname={settings.dbname}", f"user={user}", ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines))
    return path
