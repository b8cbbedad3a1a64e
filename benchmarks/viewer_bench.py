"""Viewer benchmark: first map paint of the live viewer and the static site on loopback, and whether a static
session of 20 pans and zooms fetches any byte twice (HTTP Range + the browser's cache).

Runs on the local cluster's demo database (`buurtkaart demo`, idempotent): the live service as `buurtkaart serve`,
the static site as `buurtkaart export-site` behind Debian's nginx. Real Chromium (headless, software GL).
First paint = navigation start to the viewer's performance mark 'buurtkaart:eerste-beeld' (MapLibre's first
'idle': style, tiles and symbols drawn); each load in a fresh browser context (empty cache).
Writes benchmarks/results/viewer.md.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.service.conftest import free_port  # noqa: E402
from tests.viewer.browser import chromium  # noqa: E402
from tests.viewer.nginx import start_nginx  # noqa: E402

BUURTKAART = str(ROOT / ".venv" / "bin" / "buurtkaart")
LOADS = 10
TARGET_S = 1.5
RESULT = ROOT / "benchmarks" / "results" / "viewer.md"
# 20 moves: zoom in on Centrum, pan around, zoom out, pan back over the same ground (revisits on purpose)
MOVES = [
    {"center": [5.1762, 52.2260], "zoom": 13}, {"center": [5.1762, 52.2260], "zoom": 14},
    {"center": [5.1762, 52.2260], "zoom": 15}, {"center": [5.1850, 52.2260], "zoom": 15},
    {"center": [5.1850, 52.2200], "zoom": 15}, {"center": [5.1700, 52.2200], "zoom": 15},
    {"center": [5.1700, 52.2300], "zoom": 15}, {"center": [5.1762, 52.2260], "zoom": 16},
    {"center": [5.1762, 52.2260], "zoom": 14}, {"center": [5.1550, 52.2350], "zoom": 14},
    {"center": [5.1950, 52.2150], "zoom": 14}, {"center": [5.1762, 52.2260], "zoom": 12},
    {"center": [5.1762, 52.2260], "zoom": 15}, {"center": [5.1850, 52.2260], "zoom": 15},
    {"center": [5.1850, 52.2200], "zoom": 15}, {"center": [5.1550, 52.2350], "zoom": 14},
    {"center": [5.1762, 52.2260], "zoom": 13}, {"center": [5.1700, 52.2300], "zoom": 15},
    {"center": [5.1762, 52.2260], "zoom": 16}, {"center": [5.1762, 52.2260], "zoom": 11.5},
]


def first_paint(browser, url: str) -> tuple[float, float]:
    context = browser.new_context(viewport={"width": 1280, "height": 820})
    page = context.new_page()
    page.goto(url)
    page.wait_for_function("() => performance.getEntriesByName('buurtkaart:rust').length > 0", timeout=30_000)
    ms = page.evaluate("['buurtkaart:eerste-beeld', 'buurtkaart:rust']"
                       ".map(n => performance.getEntriesByName(n)[0].startTime)")
    context.close()
    return ms[0] / 1000, ms[1] / 1000


def session(browser, url: str, log: Path) -> dict:
    start = len(log.read_text().splitlines()) if log.exists() else 0
    context = browser.new_context(viewport={"width": 1280, "height": 820})
    page = context.new_page()
    page.goto(url)
    page.wait_for_function("() => window.buurtkaartReady === true", timeout=30_000)
    idle = ("(m) => new Promise(r => { const map = window.buurtkaartMap; map.once('idle', r); if (m) map.jumpTo(m); "
            "map.triggerRepaint(); })")
    page.evaluate(idle, None)  # a person looks at the first picture before moving
    for move in MOVES:
        page.evaluate(idle, move)
    context.close()
    time.sleep(0.5)  # nginx writes its log line after the response
    lines = log.read_text().splitlines()[start:]
    seen: list[tuple[int, int]] = []
    sent = twice = requests = cut = 0
    for line in lines:
        m = re.match(r'(\S+) (\d+) (\d+) "([^"]*)"', line)
        if not m or not m.group(1).endswith(".pmtiles"):
            continue
        requests += 1
        size = int(m.group(3))
        sent += size
        r = re.match(r"bytes=(\d+)-(\d+)", m.group(4))
        a, b = (int(r.group(1)), int(r.group(1)) + size - 1) if r else (0, size - 1)
        if r and size < int(r.group(2)) - int(r.group(1)) + 1:
            cut += 1  # the browser cancelled it (a tile no longer needed)
        for x, y in seen:
            overlap = min(b, y) - max(a, x) + 1
            if overlap > 0:
                twice += overlap
        seen.append((a, b))
    return {"requests": requests, "bytes": sent, "twice": twice, "cut": cut}


def machine() -> str:
    return f"{platform.node()} ({os.cpu_count()} cores, {platform.machine()}), Python {platform.python_version()}"


def main() -> None:
    env = dict(os.environ)
    subprocess.run([BUURTKAART, "demo"], check=True, env=env, capture_output=True)
    work = Path(tempfile.mkdtemp(prefix="buurtkaart-viewer-bench-"))
    site = work / "site"
    subprocess.run([BUURTKAART, "export-site", str(site)], check=True, env=env, capture_output=True)
    host = start_nginx(site, work / "nginx")
    port = free_port()
    serve = subprocess.Popen([BUURTKAART, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    live_url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(live_url + "health", timeout=2).json().get("status") == "ok":
                    break
            except (httpx.TransportError, ValueError):
                pass
            time.sleep(0.2)
        with chromium() as browser:
            first_paint(browser, live_url)  # the service's first tiles ever (cold cache) are not the viewer's
            live = [first_paint(browser, live_url) for _ in range(LOADS)]
            static = [first_paint(browser, host.url + "/") for _ in range(LOADS)]
            moves = session(browser, host.url + "/", host.prefix / "access.log")
    finally:
        serve.terminate()
        serve.wait(timeout=15)
        host.stop()

    def row(name: str, loads: list[tuple[float, float]]) -> str:
        values = sorted(v[0] for v in loads)
        p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
        verdict = "ok" if statistics.median(values) < TARGET_S else "te traag"
        settled = statistics.median(v[1] for v in loads)
        return (f"| {name} | {len(values)} | {statistics.median(values):.2f} | {p95:.2f} | {max(values):.2f} | "
                f"{settled:.2f} | {TARGET_S} (median) | {verdict} |")

    now = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    verdict = "ok" if moves["twice"] == 0 else "MISSED"
    load = "/".join(f"{x:.1f}" for x in os.getloadavg())
    text = f"""## Viewer (`bash scripts/benchmark.sh viewer`)

Run {now} on {machine()}, load average {load} (other work on the machine);
Chromium headless with software GL (--disable-gpu), browser, service and nginx on the same machine (loopback).
Hilversum demo. First paint = navigation start to MapLibre's 'load' (the first visually complete
rendering: style, tiles, symbols; mark `buurtkaart:eerste-beeld`); all settled = its first 'idle' (mark
`buurtkaart:rust`: names placed, nothing left to fetch or draw). Each load in a fresh browser context
(empty cache), 1280x820. Live: `buurtkaart serve` with its tile cache warm after one load. Static: `buurtkaart
export-site` behind Debian's nginx. The PDOK base map probe fails at once offline and does not delay the paint.

| viewer | loads | first paint median s | p95 s | max s | all settled median s | target s | |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |
{row("live (service)", live)}
{row("static (nginx, PMTiles)", static)}

Static session, one browser context: load, then {len(MOVES)} pans and zooms (jumpTo, each waiting for 'idle'), going
back over ground seen before on purpose. Counted from nginx's log (Range asked, bytes sent) for the archive:

| PMTiles requests | cancelled mid-way | bytes sent | bytes sent twice | target |
| ---: | ---: | ---: | ---: | --- |
| {moves["requests"]} | {moves["cut"]} | {moves["bytes"]} | {moves["twice"]} | 0 twice: {verdict} |
"""
    RESULT.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
