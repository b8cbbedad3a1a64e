"""spatial_service/web/supervisor.py on its own, with tiny apps (real processes and sockets, no database): a group
whose every start fails is retried with growing pauses while a killed worker of another group is still replaced
at once; SIGHUP replaces every worker without a failed request; SIGTERM stops everything."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time

import httpx

from spatial_service.paths import PROJECT_ROOT
from tests.service.conftest import free_port
from tests.service.processes import children, listens_on

SCRIPT = """
import logging, sys, uvicorn
from spatial_service.web.supervisor import Group, Supervisor
logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
good, bad = int(sys.argv[1]), int(sys.argv[2])
config = lambda app, port: uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
sys.exit(Supervisor([Group("goed", config("tests.service.tiny_apps:ok", good), 2),
                     Group("stuk", config("tests.service.tiny_apps:bestaat_niet", bad), 1)]).run())
"""


def workers(proc: subprocess.Popen, port: int) -> set[int]:
    return {pid for pid in children(proc.pid) if listens_on(pid, port)}


def wait_for(predicate, timeout: float):
    deadline = time.monotonic() + timeout
    while not (value := predicate()):
        assert time.monotonic() < deadline, "niet op tijd"
        time.sleep(0.02)
    return value


def test_supervisor_restarts_backs_off_reloads_and_stops(tmp_path):
    good, bad = free_port(), free_port()
    log = tmp_path / "supervisor.log"
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-c", SCRIPT, str(good), str(bad)], cwd=PROJECT_ROOT, stdout=out,
                                stderr=subprocess.STDOUT, env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)})
    try:
        first = wait_for(lambda: len(w := workers(proc, good)) == 2 and w, 30)
        wait_for(lambda: httpx.get(f"http://127.0.0.1:{good}/", timeout=2).status_code == 200, 30)
        # the broken group: every start fails; the pauses grow instead of a tight loop
        wait_for(lambda: log.read_text().count("stuk-proces") >= 8, 30)
        assert "vervangen over 1.0 s" in log.read_text() and "vervangen over 2.0 s" in log.read_text()

        # meanwhile a killed worker of the good group is replaced at once
        victim = min(first)
        os.kill(victim, signal.SIGKILL)
        killed = time.monotonic()
        replacement = wait_for(lambda: workers(proc, good) - first, 5)
        assert time.monotonic() - killed < 1.0
        assert httpx.get(f"http://127.0.0.1:{good}/", timeout=5).status_code == 200

        # SIGHUP: every worker replaced, one by one, while requests keep being answered
        before = workers(proc, good)
        failures, answered, stop = [], [], threading.Event()

        def load() -> None:
            while not stop.is_set():
                try:
                    r = httpx.get(f"http://127.0.0.1:{good}/", timeout=10, headers={"Connection": "close"})
                    if r.status_code == 200:
                        answered.append(int(r.text))
                    else:
                        failures.append(r.status_code)
                except httpx.TransportError as exc:
                    failures.append(repr(exc))

        threads = [threading.Thread(target=load) for _ in range(3)]
        for t in threads:
            t.start()
        proc.send_signal(signal.SIGHUP)
        wait_for(lambda: len(w := workers(proc, good)) == 2 and not w & before, 60)
        time.sleep(0.5)
        stop.set()
        for t in threads:
            t.join(timeout=30)
        assert not failures, failures[:5]
        assert set(answered) & workers(proc, good) and set(answered) & before  # old ones, then the new ones
        assert replacement & before
    finally:
        proc.send_signal(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=30)
    assert proc.returncode == 0, log.read_text()[-2000:]
    assert not children(proc.pid)
