"""The outbox (issue 21): how long 1,000 queued mails take to reach a local SMTP server (aiosmtpd on loopback),
with one sender and with two senders at once (FOR UPDATE SKIP LOCKED). Target: < 30 s for 1,000 mails.

Each mail is one transaction (take it locked, send it, mark it sent); one SMTP connection per run. The mails are
the real kinds with their links, rendered in Dutch as text and HTML by spatial_service/mail/render.py."""

from __future__ import annotations

import dataclasses
import os
import statistics
import sys
import threading
import time
from pathlib import Path

import psycopg

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # tests.support: the scratch database; tests.mailserver: the SMTP server

from benchmarks.common import postgres_version, run_line, section, table, write_results  # noqa: E402
from spatial_service.mail.sender import Sender  # noqa: E402
from spatial_service.settings import get_settings  # noqa: E402
from tests.mailserver import SmtpServer  # noqa: E402
from tests.support import ensure_cluster, temporary_database  # noqa: E402

MAILS = 1000
TARGET_S = 30.0
KINDS = ("indienen_bevestigen", "ontvangen", "status", "steun_bevestigen")


def queue(admin_dsn: str, n: int) -> None:
    with psycopg.connect(admin_dsn) as conn:
        conn.execute("DELETE FROM buurt_loket.uitgaand")
        conn.execute(
            "INSERT INTO buurt_loket.uitgaand (soort, aan, pagina, gegevens, token) "
            "SELECT (%s::text[])[1 + g %% 4], 'bewoner' || g || '@voorbeeld.nl', 'GM0402', "
            "jsonb_build_object('titel', 'Initiatief ' || g, 'uren', 48, 'status_naam', 'Check intern (wijkteam)', "
            "'status_van_naam', 'Initiatief binnen'), buurt_app.loket_token() FROM generate_series(1, %s) g",
            (list(KINDS), n))


def deliver(db, server: SmtpServer, senders: int) -> tuple[float, int]:
    """Seconds until every queued mail arrived, and how many arrived in all (must be exactly MAILS)."""
    queue(db.admin_dsn, MAILS)
    server.clear()
    settings = dataclasses.replace(get_settings(), smtp_host=server.host, smtp_port=server.port,
                                   smtp_afzender="Gemeente Hilversum <buurten@voorbeeld.nl>",
                                   publieke_url_instelling="https://buurtkaart.voorbeeld.nl")

    def one() -> None:
        with psycopg.connect(db.post_dsn, autocommit=True) as conn:
            Sender(settings, db.post_dsn).run_once(conn)

    threads = [threading.Thread(target=one) for _ in range(senders)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    server.wait_for(MAILS, timeout=120)
    seconds = time.perf_counter() - start
    time.sleep(0.5)
    return seconds, len(server.messages)


def submit_times(db, n: int = 300) -> list[float]:
    """Milliseconds per loket.indienen (every rule of the initiative in a rolled-back dry run, the pending
    submission, the queued mail) as the web pages' login, a drawn point, rate limit lifted for the run."""
    with psycopg.connect(db.admin_dsn, autocommit=True) as conn:
        conn.execute("UPDATE buurt_sys.instelling SET waarde = '1000000' WHERE sleutel = 'loket_indienen_per_uur'")
        point = conn.execute("SELECT ST_AsGeoJSON(ST_Transform(ST_PointOnSurface(geom), 4326)) FROM buurt.buurt "
                             "WHERE code = 'BU04020101'").fetchone()[0]
    times = []
    with psycopg.connect(db.loket_dsn, autocommit=True) as conn:
        for i in range(n):
            start = time.perf_counter()
            conn.execute("SELECT loket.indienen(NULL, %s, 'Meting', 'ontmoeten', %s, 'BU04020101', 'Meting', "
                         "'meting@voorbeeld.nl', true, %s)", (f"Meting {i}", point, f"192.0.2.{i % 250}"))
            times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    settings = ensure_cluster()
    server = SmtpServer()
    server.start()
    rows = []
    try:
        with temporary_database(settings) as db:
            pg = postgres_version(db.admin_dsn)
            for senders in (1, 2):
                seconds, arrived = deliver(db, server, senders)
                if arrived != MAILS:
                    raise SystemExit(f"{arrived} mails aangekomen in plaats van {MAILS}")
                verdict = "gehaald" if seconds < TARGET_S else "NIET gehaald"
                rows.append((senders, MAILS, arrived, f"{seconds:.2f}", f"{MAILS / seconds:.0f}",
                             f"{os.getloadavg()[0]:.1f}", f"< {TARGET_S:.0f} s: {verdict}"))
                print(f"{senders} verzender(s): {MAILS} mails in {seconds:.2f} s", flush=True)
            times = sorted(submit_times(db))
    finally:
        server.stop()
    text = section(
        "## Uitgaande mail (`benchmarks/mail.py`)",
        run_line(pg),
        f"{MAILS} queued mails (four kinds, Dutch text + HTML with links) delivered by `spatial_service/mail/` to a "
        "local aiosmtpd on loopback: one transaction per mail (FOR UPDATE SKIP LOCKED, send, mark sent), one SMTP "
        "connection per sender. Wall clock from the start of the senders until the last mail arrived; every mail "
        "arrived exactly once. Load = 1-minute load average after the run (2 cores, shared).",
        table(["verzenders", "in de wachtrij", "aangekomen", "tijd (s)", "mails/s", "load", "doel"], "rrrrrrl", rows),
        f"`loket.indienen` in SQL (the database's share of `POST /indienen`, whose p95 target is < 100 ms), "
        f"{len(times)} calls as the web pages' login on loopback: p50 {statistics.median(times):.1f} ms, "
        f"p95 {times[int(0.95 * len(times)) - 1]:.1f} ms, max {times[-1]:.1f} ms.")
    write_results(REPO / "benchmarks" / "results" / "mail.md", text)


if __name__ == "__main__":
    main()
