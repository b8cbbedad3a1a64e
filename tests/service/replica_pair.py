"""A real primary + hot-standby pair on this machine for the replica tests: initdb, the data model and the
Hilversum demo on the primary, pg_basebackup -R (streaming), recovery_min_apply_delay on the standby to force
lag. Each with its socket in its own 0700 data directory (and the loopback listener for werkbak logins every
cluster of ours has), run as the postgres user."""

from __future__ import annotations

import dataclasses
import random
import shutil
import socket
from dataclasses import dataclass
from pathlib import Path

from spatial_service.db import cluster, install
from spatial_service.settings import LOCAL_EDITOR_LOGIN, LOCAL_PUBLIC_LOGIN, LOOPBACK, Settings
from tests.support import TestDatabase

DBNAME = "buurtkaart"


def _free_port(base: Path) -> int:
    """A port free for the socket and for the loopback listener every cluster has (the werkbak's logins)."""
    while True:
        port = random.randint(56000, 58999)
        if (base / f".s.PGSQL.{port}").exists():
            continue
        with socket.socket() as s:
            try:
                s.bind((LOOPBACK, port))
            except OSError:
                continue
        return port


@dataclass
class ReplicaPair:
    primary: Settings
    standby: Settings
    root: Path

    @property
    def db(self) -> TestDatabase:
        return TestDatabase(self.primary, DBNAME)

    def editor_dsn(self) -> str:
        return self.primary.local_dsn(LOCAL_EDITOR_LOGIN, DBNAME)

    def admin_dsn(self, standby: bool = False) -> str:
        return (self.standby if standby else self.primary).local_dsn("postgres", DBNAME)

    def public_dsn(self, standby: bool = False) -> str:
        return (self.standby if standby else self.primary).local_dsn(LOCAL_PUBLIC_LOGIN, DBNAME)

    def service_overrides(self, **extra) -> dict:
        """Settings for a tile service: tiles from the standby, LISTEN on the primary."""
        return {"public_dsn": self.public_dsn(), "replica_dsn": self.public_dsn(standby=True), **extra}

    def restart(self, which: str) -> None:
        settings = self.primary if which == "primary" else self.standby
        cluster.stop(settings)
        _start(settings)

    def wait_streaming(self, timeout: float = 30.0) -> None:
        """Until the standby's WAL receiver streams from the primary again (after a restart of either)."""
        import time

        import psycopg

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with psycopg.connect(self.admin_dsn(standby=True), connect_timeout=2) as conn:
                    if conn.execute("SELECT status FROM pg_stat_wal_receiver").fetchone() == ("streaming",):
                        return
            except psycopg.OperationalError:
                pass
            time.sleep(0.1)
        raise AssertionError(f"de standby streamt na {timeout:.0f} s nog niet")

    def stop(self) -> None:
        for settings in (self.standby, self.primary):
            cluster.stop(settings)
        shutil.rmtree(self.root, ignore_errors=True)


def _start(settings: Settings) -> None:
    log = settings.cluster_dir / "server.log"
    cluster._run_as_owner([cluster.pg_bin("pg_ctl"), "-D", str(settings.cluster_dir), "-l", str(log), "-w",
                           "-t", "60", "start"])
    cluster._wait_ready(settings)


def start_pair(base: Settings, apply_delay_s: float) -> ReplicaPair:
    """A fresh pair next to the project's own cluster (a directory the postgres user can reach)."""
    root = base.cluster_dir.parent / f"replica-{random.getrandbits(32):08x}"
    root.mkdir(parents=True)
    if _is_root():
        shutil.chown(root, "postgres", "postgres")
    primary = dataclasses.replace(base, cluster_dir=root / "primary", port=_free_port(root), dbname=DBNAME)
    standby = dataclasses.replace(base, cluster_dir=root / "standby", port=_free_port(root), dbname=DBNAME)
    cluster.init(primary)
    cluster._write_as_owner(primary.cluster_dir / "postgresql.auto.conf",
                            (primary.cluster_dir / "postgresql.auto.conf").read_text()
                            + "shared_buffers = '32MB'\nmax_connections = 60\nwal_level = replica\n")
    cluster.start(primary)
    cluster.ensure_database(primary, DBNAME)
    install.upgrade(primary.admin(DBNAME))
    from spatial_service.demo import hilversum

    hilversum.load(primary.admin(DBNAME))
    # -R: standby.signal + primary_conninfo; -X stream: the WAL during the copy comes along
    # -c fast: checkpoint now instead of a spread one (minutes)
    cluster._run_as_owner([cluster.pg_bin("pg_basebackup"), "-D", str(standby.cluster_dir), "-R", "-X", "stream",
                           "-c", "fast", "-h", str(primary.socket_dir), "-p", str(primary.port), "-U", "postgres"])
    conf = standby.cluster_dir / "postgresql.auto.conf"
    cluster._write_as_owner(conf, conf.read_text() + (
        f"port = {standby.port}\nunix_socket_directories = '{standby.socket_dir}'\n"
        f"recovery_min_apply_delay = '{int(apply_delay_s * 1000)}ms'\nhot_standby = on\n"
        # after a primary restart, reconnect the WAL stream within a second (default 5 s)
        "wal_retrieve_retry_interval = '1s'\n"))
    _start(standby)
    return ReplicaPair(primary, standby, root)


def _is_root() -> bool:
    import os

    return os.geteuid() == 0
