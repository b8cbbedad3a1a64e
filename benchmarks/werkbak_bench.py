"""The werkbak on the national data (`buurtkaart demo --nederland`, database buurtkaart_nederland, loaded when
missing): one gemeente's werkbak user (GM0150, two wijken as werkgebied, row-level security as in production: the
'*' rows for the group roles removed), the inbox and item pages over real HTTP on `buurtkaart serve`.

The national generator loads without triggers, so it has no status history, commitments or audit log; this adds,
once, what the werkbak reads: a status history for every initiative and deal of the country (so row-level security
and the inbox meet a national statusverloop), two commitments per deal with dates (some past), and a real audit
trail for the gemeente's items (updates through the triggers). Target: p95 < 150 ms per page.

Server time is measured at the client over loopback with keep-alive, one request at a time (so it includes HTTP,
an upper bound of what the server spends). Writes benchmarks/results/werkbak.md."""

from __future__ import annotations

import dataclasses
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
import psycopg  # noqa: E402

from benchmarks.common import postgres_version, run_line, section, start_server, table, write_results  # noqa: E402
from spatial_service.db import cluster, install, werkbak_gebruikers  # noqa: E402
from spatial_service.demo import nederland  # noqa: E402
from spatial_service.settings import get_settings  # noqa: E402
from tests.werkbak_gebruikers import cookie_from  # noqa: E402

DBNAME = "buurtkaart_nederland"
GEMEENTE = "GM0150"
USER = "bk_bench_werkbak"
PASSWORD = "Bench-werkbak-2026"
RUNS = 200
RESULTS = ROOT / "benchmarks" / "results" / "werkbak.md"
TARGET_MS = 150


def prepare() -> tuple[str, list[str]]:
    settings = dataclasses.replace(get_settings(), dbname=DBNAME)
    cluster.start(settings)
    cluster.ensure_database(settings)
    admin = settings.admin()
    install.upgrade(admin)
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT count(*) FROM buurt.gemeente").fetchone()[0]:
            print("landelijke gegevens laden ...", flush=True)
            nederland.load(admin, progress=True)
        conn.execute("DELETE FROM buurt_sys.gemeente_toegang WHERE rol IN ('buurtkaart_editor', 'buurtkaart_lezer')")
        if not conn.execute("SELECT count(*) FROM buurt.statusverloop").fetchone()[0]:
            print("statusverloop, afspraken en wijzigingslog aanvullen ...", flush=True)
            with conn.transaction():
                conn.execute("SET LOCAL session_replication_role = replica")
                # one step per status reached so far, a week apart, the last one ~ingediend_op + 3 months back
                for kind, first in (("initiatief", 1), ("buurtdeal", 3)):
                    conn.execute(
                        f"INSERT INTO buurt.statusverloop ({kind}_id, status_van, status, op, door) "
                        f"SELECT x.id, lag(s.code) OVER w, s.code, now() - interval '200 days' + "
                        f"(s.volgorde * interval '7 days') + (x.id % 300) * interval '1 day', 'generator' "
                        f"FROM buurt.{kind} x JOIN buurt_vl.status cur ON cur.code = x.status "
                        f"JOIN buurt_vl.status s ON s.volgorde BETWEEN {first} AND cur.volgorde AND s.volgorde < 90 "
                        f"WINDOW w AS (PARTITION BY x.id ORDER BY s.volgorde)")
                conn.execute("INSERT INTO buurt.afspraak (buurtdeal_id, partij, omschrijving, gereed, uiterlijk, "
                             "aangemaakt_door) SELECT d.id, p.partij, 'Afspraak ' || p.partij, d.id % 3 = 0, "
                             "make_date(d.jaar, 6 + (d.id % 6), 1), 'generator' FROM buurt.buurtdeal d "
                             "CROSS JOIN (VALUES ('bewoners'), ('gemeente')) p(partij)")
            # a real audit trail for the gemeente's items: through the triggers
            conn.execute("UPDATE buurt.initiatief SET omschrijving = coalesce(omschrijving, '') || ' (bijgewerkt)' "
                         "WHERE gemeentecode = %s", (GEMEENTE,))
            conn.execute("UPDATE buurt.buurtdeal SET omschrijving = coalesce(omschrijving, '') || ' (bijgewerkt)' "
                         "WHERE gemeentecode = %s", (GEMEENTE,))
            conn.execute("ANALYZE")
        wijken = [r[0] for r in conn.execute("SELECT code FROM buurt.wijk WHERE gemeentecode = %s ORDER BY code "
                                             "LIMIT 2", (GEMEENTE,))]
        if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (USER,)).fetchone():
            werkbak_gebruikers.verwijderen(admin, USER)
    werkbak_gebruikers.toevoegen(admin, USER, (GEMEENTE,), tuple(wijken), (), PASSWORD)
    with psycopg.connect(admin) as conn:
        items = [f"/werkbak/{k}/{i}" for k, i in conn.execute(
            "SELECT 'initiatief', id FROM buurt.initiatief WHERE wijkcode = ANY (%s) UNION ALL "
            "SELECT 'buurtdeal', id FROM buurt.buurtdeal WHERE wijkcode = ANY (%s) ORDER BY 1, 2", (wijken, wijken))]
    return admin, items


def measure(client: httpx.Client, paths: list[str], runs: int) -> list[float]:
    times = []
    for n in range(runs):
        path = paths[n % len(paths)]
        start = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code, response.text[:300])
    return times


def row(name: str, times: list[float]) -> list[str]:
    ordered = sorted(times)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    return [name, str(len(times)), f"{statistics.median(ordered):.1f}", f"{p95:.1f}", f"{ordered[-1]:.1f}",
            "ja" if p95 < TARGET_MS else "NEE"]


def load_average() -> str:
    return Path("/proc/loadavg").read_text().split()[0]


def main() -> None:
    admin, items = prepare()
    load_before = load_average()
    settings = get_settings()
    port = settings.port + 150
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "BUURTKAART_DBNAME": DBNAME}
    server = start_server([str(ROOT / ".venv" / "bin" / "buurtkaart"), "serve", "--port", str(port),
                           "--ogc-workers", "0"], env, f"{url}/health")
    try:
        page = httpx.get(f"{url}/werkbak/inloggen", timeout=30)
        token = cookie_from(page, "bk_inloggen")
        login = httpx.post(f"{url}/werkbak/inloggen", data={"csrf": token, "naam": USER, "wachtwoord": PASSWORD,
                                                             "terug": "/werkbak/"},
                           cookies={"bk_inloggen": token}, timeout=30)
        assert login.status_code == 303, login.text[:300]
        with httpx.Client(base_url=url, cookies={"bk_werkbak": cookie_from(login, "bk_werkbak")},
                          timeout=30) as client:
            measure(client, ["/werkbak/", *items[:5]], 10)  # warm the pools and the plans
            inbox = measure(client, ["/werkbak/"], RUNS)
            item = measure(client, items, RUNS)
            inbox_rows = client.get("/werkbak/").text.count("<tr>")
    finally:
        server.terminate()
        server.wait(timeout=30)
    with psycopg.connect(admin) as conn:
        counts = conn.execute("SELECT (SELECT count(*) FROM buurt.initiatief), (SELECT count(*) FROM buurt.buurtdeal), "
                              "(SELECT count(*) FROM buurt.statusverloop), (SELECT count(*) FROM buurt.afspraak), "
                              "(SELECT count(*) FROM buurt.gemeente)").fetchone()
    text = section(
        "## Werkbak on national data (`bash scripts/benchmark.sh werkbak`, benchmarks/werkbak_bench.py)",
        f"{run_line(postgres_version(admin))} Database {DBNAME}: {counts[4]} gemeenten, {counts[0]:,} initiatives, "
        f"{counts[1]:,} deals, {counts[2]:,} status steps, {counts[3]:,} commitments. One werkbak user of {GEMEENTE} "
        f"(werkgebied: two wijken, {len(items)} items; the inbox showed {inbox_rows} table rows incl. headers), "
        "row-level security as in production. `buurtkaart serve` (1 process), httpx over loopback with keep-alive, "
        f"one request at a time, {RUNS} requests per page after 10 warm-up requests; the item pages cycle through "
        f"every item of the werkgebied. Target: p95 < {TARGET_MS} ms. The machine is shared with other work: 1-min "
        f"load average {load_before} before, {load_average()} after.",
        table(["page", "requests", "median ms", "p95 ms", "max ms", "p95 < 150 ms"], "lrrrrl",
              [row("inbox GET /werkbak/", inbox), row("item GET /werkbak/{soort}/{id}", item)]))
    write_results(RESULTS, text)


if __name__ == "__main__":
    main()
