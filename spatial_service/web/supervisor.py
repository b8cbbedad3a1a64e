"""The process supervisor of `buurtkaart serve`: groups of uvicorn worker processes, each group on its own socket,
and a worker that dies is replaced at once.

Why not uvicorn's own `--workers` supervisor (uvicorn/supervisors/multiprocess.py): it serves one app on one
socket, so the OGC API could not get processes of its own; it looks at its workers only every 0.5 s and pings
them one after another with a 5 s timeout, so one stuck worker delays noticing a dead one; a worker that dies
before its start-up finished stops the whole parent; and uvicorn before 0.30 (pyproject allows 0.29) did not
replace a dead worker at all. Here:

- the parent binds every socket before it starts a worker and keeps them open, so while a worker is replaced
  the kernel queues new connections instead of refusing them, and the other workers of the group take them;
- it sleeps in `multiprocessing.connection.wait` on the workers' process sentinels, so an exit (SIGKILL,
  SIGSEGV, anything) wakes it immediately and the replacement is started in the same moment;
- each worker sends a heartbeat byte from a thread once a second; a worker whose heartbeat stops for
  `hang_seconds` (the interpreter is stuck in C code holding the GIL) is killed and replaced;
- a worker that dies again and again before it was ever up (database or code broken) is restarted with a
  growing pause (up to 30 s) instead of in a tight loop; the parent itself is kept alive by systemd
  (`Restart=always`, docs/deployment.md);
- SIGTERM/SIGINT stop gracefully (uvicorn finishes open requests, the lifespans close their pools), SIGHUP
  replaces the workers one by one (new code, new settings from the environment): a new one first, and once it
  is up the old one drains (accepts nothing more, finishes what it has, stops).

A worker is a plain `uvicorn.Server` on the inherited socket with its own app instance: its own pools, its own
tile cache and its own LISTEN connection (service.py), so every worker drops the tiles an edit touches itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import multiprocessing.connection
import os
import signal
import socket
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.context import SpawnProcess

import uvicorn

log = logging.getLogger("buurtkaart.supervisor")

multiprocessing.allow_connection_pickling()  # the listening socket travels to each spawned worker
_spawn = multiprocessing.get_context("spawn")

HEARTBEAT_SECONDS = 1.0
MAX_BACKOFF_SECONDS = 30.0
STOP_SECONDS = 15.0  # how long a graceful stop may take before the workers are killed
DRAIN_SECONDS = 0.5  # a draining worker accepts nothing more, then stops after this long (SIGHUP)


@dataclass
class Group:
    """`workers` processes serving `config` (an import string app) on one socket."""
    name: str
    config: uvicorn.Config
    workers: int
    sock: socket.socket | None = None


@dataclass
class Worker:
    group: Group
    process: SpawnProcess
    beat: multiprocessing.connection.Connection
    started: float = field(default_factory=time.monotonic)
    last_beat: float = field(default_factory=time.monotonic)
    up: bool = False  # sent a heartbeat after its server started


def _heartbeat(conn: multiprocessing.connection.Connection, server: uvicorn.Server) -> None:
    while True:
        try:
            conn.send_bytes(b"1" if server.started else b"0")
        except OSError:
            return  # the parent is gone
        time.sleep(HEARTBEAT_SECONDS)


class _DrainingServer(uvicorn.Server):
    """uvicorn's server plus SIGUSR1 = drain: stop accepting, then stop after DRAIN_SECONDS. uvicorn's own stop
    closes every connection that has no request in progress yet, including one it accepted a moment ago whose
    request bytes are still on their way, so a rolling restart (SIGHUP) cost a visitor a request now and then
    (tests/service/test_supervisor.py caught one). Accepting nothing first leaves those a moment to arrive, while
    the other workers take the new connections from the shared socket."""

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        asyncio.get_running_loop().add_signal_handler(signal.SIGUSR1, self._drain)

    def _drain(self) -> None:
        for server in getattr(self, "servers", []):
            server.close()
        asyncio.get_running_loop().call_later(DRAIN_SECONDS, setattr, self, "should_exit", True)


def _worker_main(config: uvicorn.Config, sock: socket.socket, beat: multiprocessing.connection.Connection) -> None:
    """The body of a worker process (spawned: a fresh interpreter that imports the app itself)."""
    config.configure_logging()
    signal.signal(signal.SIGHUP, signal.SIG_IGN)  # the parent handles HUP; a worker stops on TERM only
    signal.signal(signal.SIGUSR1, signal.SIG_IGN)  # a drain before the server runs: nothing to drain yet
    server = _DrainingServer(config)
    threading.Thread(target=_heartbeat, args=(beat, server), daemon=True, name="heartbeat").start()
    with contextlib.suppress(KeyboardInterrupt):
        server.run(sockets=[sock])


class Supervisor:
    def __init__(self, groups: list[Group], hang_seconds: float = 60.0) -> None:
        self.groups = [g for g in groups if g.workers > 0]
        self.hang_seconds = hang_seconds
        self.workers: list[Worker] = []
        self.restarts = 0
        self._stop = False
        self._hup = False
        self._failures: dict[str, int] = {}
        self._pending: list[tuple[float, Group]] = []  # (when, group): replacements waiting out their pause
        self._wake_r, self._wake_w = socket.socketpair()

    # --- workers -------------------------------------------------------------------------------------
    def _start(self, group: Group) -> Worker:
        parent_end, child_end = _spawn.Pipe(duplex=False)
        process = _spawn.Process(target=_worker_main, args=(group.config, group.sock, child_end),
                                 name=f"buurtkaart-{group.name}", daemon=False)
        process.start()
        child_end.close()
        worker = Worker(group, process, parent_end)
        self.workers.append(worker)
        log.info("%s-proces %s gestart", group.name, process.pid)
        return worker

    def _reap(self, worker: Worker) -> None:
        worker.process.join(timeout=5)
        worker.beat.close()
        self.workers.remove(worker)

    def _replace(self, worker: Worker, reason: str) -> None:
        group = worker.group
        code = worker.process.exitcode
        self._reap(worker)
        if self._stop:
            return
        self.restarts += 1
        if worker.up:
            self._failures[group.name] = 0
            pause = 0.0
        else:  # it never came up: do not spin when every start fails the same way
            n = self._failures[group.name] = self._failures.get(group.name, 0) + 1
            pause = min(MAX_BACKOFF_SECONDS, 0.5 * 2 ** (n - 1)) if n > 1 else 0.0
        log.warning("%s-proces %s %s (exitcode %s); vervangen%s", group.name, worker.process.pid, reason, code,
                    f" over {pause:.1f} s" if pause else "")
        if pause:  # scheduled, not slept: the other workers (and groups) stay watched meanwhile
            self._pending.append((time.monotonic() + pause, group))
        else:
            self._start(group)

    def _start_due(self) -> float:
        """Start the replacements whose pause is over; the seconds until the next one (or a heartbeat)."""
        now = time.monotonic()
        due = [(at, group) for at, group in self._pending if at <= now]
        self._pending = [(at, group) for at, group in self._pending if at > now]
        for _, group in due:
            self._start(group)
        return min([HEARTBEAT_SECONDS, *(at - now for at, _ in self._pending)])

    def _drain_wake(self) -> None:
        self._wake_r.setblocking(False)
        with contextlib.suppress(BlockingIOError):
            while self._wake_r.recv(64):
                pass

    def _on_signal(self, signum: int, _frame: object) -> None:
        if signum == signal.SIGHUP:
            self._hup = True
        else:
            self._stop = True
        with contextlib.suppress(OSError):
            self._wake_w.send(b"x")

    def _rolling_restart(self) -> None:
        """SIGHUP: start a new worker, wait until it is up, then stop an old one; one at a time."""
        for old in list(self.workers):
            if self._stop:
                return
            new = self._start(old.group)
            deadline = time.monotonic() + 60
            while not new.up and new.process.is_alive() and time.monotonic() < deadline and not self._stop:
                self._read_beats(multiprocessing.connection.wait([w.beat for w in self.workers], timeout=0.5))
            if new.up:
                os.kill(old.process.pid, signal.SIGUSR1)  # drain, then stop by itself
                old.process.join(timeout=STOP_SECONDS)
            if old.process.is_alive():
                old.process.terminate()
            self._reap(old)

    def _read_beats(self, ready: list) -> None:
        now = time.monotonic()
        for worker in self.workers:
            if worker.beat in ready:
                with contextlib.suppress(EOFError, OSError):
                    while worker.beat.poll():
                        if worker.beat.recv_bytes() == b"1":
                            worker.up = True
                        worker.last_beat = now

    # --- the loop ------------------------------------------------------------------------------------
    def run(self) -> int:
        for group in self.groups:
            if group.sock is None:
                group.sock = group.config.bind_socket()
        for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(signum, self._on_signal)
        for group in self.groups:
            for _ in range(group.workers):
                self._start(group)
        try:
            while not self._stop:
                if self._hup:
                    self._hup = False
                    self._rolling_restart()
                    continue
                timeout = self._start_due()
                sentinels = {w.process.sentinel: w for w in self.workers}
                ready = multiprocessing.connection.wait(
                    [*sentinels, *(w.beat for w in self.workers), self._wake_r], timeout=max(0.01, timeout))
                if self._wake_r in ready:
                    self._drain_wake()
                self._read_beats(ready)
                for sentinel in ready:
                    worker = sentinels.get(sentinel)
                    if worker is not None and worker in self.workers:
                        self._replace(worker, "gestopt")
                now = time.monotonic()
                for worker in list(self.workers):
                    if now - worker.last_beat > self.hang_seconds:
                        worker.process.kill()  # stuck: its heartbeat thread cannot get the GIL
                        self._replace(worker, f"reageerde {self.hang_seconds:.0f} s niet")
        finally:
            self._shutdown()
        return 0

    def _shutdown(self) -> None:
        for worker in self.workers:
            if worker.process.is_alive():
                worker.process.terminate()
        deadline = time.monotonic() + STOP_SECONDS
        for worker in list(self.workers):
            worker.process.join(timeout=max(0.1, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(timeout=5)
        for group in self.groups:
            if group.sock is not None:
                group.sock.close()
        log.info("%d processen gestopt", len(self.workers))
