"""What the werkbak's access costs per request (issue 22): a login (PostgreSQL checks the password over the
loopback SCRAM listener, then the session is made), a request with a session (the session check in SQL on every
request: timeouts, still in buurtkaart_wijkteam) and a refused login (held to at least 0.5 s on purpose). Wall clock
as seen by one client on loopback, on a copy of the demo. Writes benchmarks/results/werkbak_toegang.md."""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # tests.support and the test helpers: the scratch database, users, logins

from benchmarks.common import postgres_version, run_line, table, write_results  # noqa: E402
from tests.service.conftest import serving  # noqa: E402
from tests.support import ensure_cluster, temporary_database  # noqa: E402
from tests.werkbak_gebruikers import login, post_login, werkbak_user  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "werkbak_toegang.md"


def quantiles(samples: list[float]) -> tuple[str, str]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"{statistics.median(ordered) * 1000:.1f}", f"{p95 * 1000:.1f}"


def timed(call, n: int) -> list[float]:
    found = []
    for _ in range(n):
        t = time.perf_counter()
        call()
        found.append(time.perf_counter() - t)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100, help="requests per measurement")
    args = parser.parse_args()
    with temporary_database(ensure_cluster()) as db:
        version = postgres_version(db.admin_dsn)
        load = os.getloadavg()[0]
        with serving(db, werkbak_max_account=10_000, werkbak_max_address=10_000) as server, werkbak_user(db) as user:
            session = login(server.url, user)
            with httpx.Client(base_url=server.url, timeout=30) as client:
                def page() -> None:
                    assert client.get("/werkbak/uitloggen", cookies={"bk_werkbak": session}).status_code == 200

                def form() -> None:
                    assert client.get("/werkbak/inloggen").status_code == 200

                page()
                rows = [
                    ("login page, no session (no database)", *quantiles(timed(form, args.n))),
                    ("page with a session (session check in SQL)", *quantiles(timed(page, args.n))),
                    ("login (GET form + POST: SCRAM over loopback, session made)",
                     *quantiles(timed(lambda: login(server.url, user), args.n // 2))),
                    ("refused login (wrong password; at least 0.5 s on purpose)",
                     *quantiles(timed(lambda: post_login(server.url, user.naam, "fout"), 10))),
                ]
        load_end = os.getloadavg()[0]
    for row in rows:
        print(" | ".join(row))
    lines = [
        "## Werkbak access (`benchmarks/werkbak_toegang.py`)", "",
        run_line(version),
        f"One client on loopback against `buurtkaart serve`'s app (uvicorn, one process) on a copy of the demo; "
        f"{args.n} requests per line (logins {args.n // 2}, refusals 10), wall clock per request as the client sees "
        f"it. Load average {load:.1f} at the start and {load_end:.1f} at the end (2 cores, shared).", "",
        *table(["request", "p50 (ms)", "p95 (ms)"], "lrr", rows), "",
    ]
    write_results(RESULTS, "\n".join(lines), show=False)


if __name__ == "__main__":
    main()
