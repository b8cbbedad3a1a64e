"""`buurtkaart serve` as real processes, and what the kernel knows about them: which worker holds which client
connection (from /proc), so a test can tell the requests a killed worker had in flight from the others."""

from __future__ import annotations

import contextlib
import http.client
import os
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from tests.service.conftest import free_port
from tests.service.test_cli import BUURTKAART, cli_env


def _tcp_table() -> list[tuple[int, int, str, int]]:
    """(local port, remote port, state, inode) of every IPv4 TCP socket of this network namespace."""
    rows = []
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        parts = line.split()
        local, remote, state, inode = parts[1], parts[2], parts[3], int(parts[9])
        rows.append((int(local.rsplit(":", 1)[1], 16), int(remote.rsplit(":", 1)[1], 16), state, inode))
    return rows


def socket_inodes(pid: int) -> set[int]:
    inodes = set()
    with contextlib.suppress(FileNotFoundError, ProcessLookupError):
        for fd in os.listdir(f"/proc/{pid}/fd"):
            with contextlib.suppress(OSError):
                target = os.readlink(f"/proc/{pid}/fd/{fd}")
                if target.startswith("socket:["):
                    inodes.add(int(target[8:-1]))
    return inodes


def client_ports_of(pid: int, server_port: int) -> set[int]:
    """The client ports of the connections to `server_port` that process `pid` holds (accepted, established)."""
    inodes = socket_inodes(pid)
    return {remote for local, remote, state, inode in _tcp_table()
            if local == server_port and state == "01" and inode in inodes}


def listens_on(pid: int, port: int) -> bool:
    inodes = socket_inodes(pid)
    return any(local == port and state == "0A" and inode in inodes for local, _, state, inode in _tcp_table())


def children(pid: int) -> set[int]:
    kids = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError):
                stat = Path(f"/proc/{entry}/stat").read_text()
                if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                    kids.add(int(entry))
    return kids


@dataclass
class Service:
    process: subprocess.Popen
    port: int
    ogc_port: int | None
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def workers(self, port: int | None = None) -> set[int]:
        """The worker processes listening on `port` (default: the tile port)."""
        port = port or self.port
        return {pid for pid in children(self.process.pid) if listens_on(pid, port)}

    def owner(self, client_port: int, pids: set[int] | None = None) -> int | None:
        for pid in pids or self.workers():
            if client_port in client_ports_of(pid, self.port):
                return pid
        return None

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def wait_healthy(url: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        with contextlib.suppress(httpx.TransportError):
            r = httpx.get(f"{url}/health", timeout=2)
            last = r.text[:300]
            if r.status_code == 200 and r.json().get("status") == "ok":
                return
        time.sleep(0.2)
    raise AssertionError(f"{url} kwam niet op: {last}")


@contextlib.contextmanager
def serve(db, tmp: Path, *args: str, workers: int = 2, ogc_workers: int = 1) -> Iterator[Service]:
    """`buurtkaart serve --workers N --ogc-workers M` on loopback, waited for until every worker is up."""
    port = free_port()
    ogc_port = free_port() if ogc_workers else None
    log = tmp / f"serve-{port}.log"
    command = [BUURTKAART, "serve", "--port", str(port), "--workers", str(workers),
               "--ogc-workers", str(ogc_workers), *args]
    if ogc_port:
        command += ["--ogc-port", str(ogc_port)]
    with log.open("w") as out:
        process = subprocess.Popen(command, env=cli_env(db), stdout=out, stderr=subprocess.STDOUT)
    service = Service(process, port, ogc_port, log)
    try:
        deadline = time.monotonic() + 60
        while len(service.workers()) < workers or (ogc_port and not service.workers(ogc_port)):
            assert process.poll() is None, log.read_text()
            assert time.monotonic() < deadline, f"niet alle processen kwamen op\n{log.read_text()}"
            time.sleep(0.1)
        for pid in service.workers():
            wait_until_serving(service, pid)
        if ogc_port:
            wait_healthy(f"http://127.0.0.1:{ogc_port}")
        yield service
    finally:
        service.stop()


def connection_to(service: Service, pid: int, timeout: float = 60.0) -> http.client.HTTPConnection:
    """A keep-alive connection that worker `pid` accepted (the kernel hands connections to whichever worker
    accepts first, so open some until that one has it). The first request on it is answered, so it is up."""
    deadline = time.monotonic() + timeout
    spare: list[http.client.HTTPConnection] = []
    try:
        while time.monotonic() < deadline:
            conn = http.client.HTTPConnection("127.0.0.1", service.port, timeout=30)
            conn.connect()
            port = conn.sock.getsockname()[1]
            found = None
            for _ in range(50):  # the accept is asynchronous
                found = service.owner(port, {pid})
                if found or service.owner(port, service.workers() - {pid}):
                    break
                time.sleep(0.01)
            if found:
                return conn
            spare.append(conn)
            if len(spare) > 32:
                spare.pop(0).close()
        raise AssertionError(f"geen verbinding bij proces {pid} in {timeout} s")
    finally:
        for conn in spare:
            conn.close()


def get(conn: http.client.HTTPConnection, path: str) -> tuple[int, dict[str, str], bytes]:
    conn.request("GET", path)
    r = conn.getresponse()
    return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()


def wait_until_serving(service: Service, pid: int, timeout: float = 60.0) -> http.client.HTTPConnection:
    """A connection to worker `pid` once it answers /health with everything ready (catalogue, LISTEN)."""
    conn = connection_to(service, pid, timeout)
    deadline = time.monotonic() + timeout
    while True:
        status, _, body = get(conn, "/health")
        if status == 200 and b'"luistert":true' in body:
            return conn
        assert time.monotonic() < deadline, body[:300]
        time.sleep(0.1)


@dataclass
class Outcome:
    started: float
    ended: float
    client_port: int
    ok: bool
    error: str = ""


@dataclass
class Load:
    """Threads on loopback, each a bounded loop of GETs on fresh connections (one request each), every outcome
    recorded with the client port, so a failure can be traced to the worker that held that connection."""
    port: int
    paths: list[str]
    threads: int = 6
    max_requests: int = 4000
    outcomes: list[Outcome] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _threads: list[threading.Thread] = field(default_factory=list)

    def _run(self, offset: int) -> None:
        for i in range(self.max_requests):
            if self._stop.is_set():
                return
            path = self.paths[(offset + i) % len(self.paths)]
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
            started = time.monotonic()
            client_port = 0
            try:
                conn.connect()
                client_port = conn.sock.getsockname()[1]
                conn.request("GET", path, headers={"Connection": "close"})
                r = conn.getresponse()
                r.read()
                outcome = Outcome(started, time.monotonic(), client_port, r.status == 200,
                                  "" if r.status == 200 else f"HTTP {r.status}")
            except (OSError, http.client.HTTPException) as exc:
                outcome = Outcome(started, time.monotonic(), client_port, False, type(exc).__name__)
            finally:
                conn.close()
            with self._lock:
                self.outcomes.append(outcome)

    def __enter__(self) -> Load:
        for n in range(self.threads):
            thread = threading.Thread(target=self._run, args=(n * 7,), daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=30)

    def failures(self) -> list[Outcome]:
        with self._lock:
            return [o for o in self.outcomes if not o.ok]

    def count(self) -> int:
        with self._lock:
            return len(self.outcomes)


def kill_during_load(service: Service, victim: int, signum: int, port: int | None = None) -> tuple[float, set[int]]:
    """Stop the worker first (it accepts nothing more), read the connections it holds (its requests in flight),
    then deliver `signum` and let it run into it. Returns the moment of the kill and those client ports."""
    os.kill(victim, signal.SIGSTOP)
    time.sleep(0.2)  # the load keeps coming: connections the stopped worker had taken wait on it
    in_flight = client_ports_of(victim, port or service.port)
    os.kill(victim, signum)
    killed = time.monotonic()
    with contextlib.suppress(ProcessLookupError):
        os.kill(victim, signal.SIGCONT)  # a stopped process takes SIGSEGV only when it runs again
    return killed, in_flight
