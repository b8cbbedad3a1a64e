"""Tile service benchmark: Buurtkaart vs tipg vs raw SQL, side by side in one run, on one private cluster.

Runs on its own PostgreSQL cluster (in /tmp, its own port) so the database restart in the load run disturbs
nobody else. Phases: cold tiles, a browsing mix with repeats, raw SQL of the same tile queries, edit-to-map
latency, RSS with a filled cache, and a load run with a database restart in the middle.
Writes benchmarks/results/tiles.md.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import os
import platform
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import httpx
import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.common import start_server, write_results  # noqa: E402
from benchmarks.loadclient import Connection, split  # noqa: E402
from spatial_service.catalogue import load as load_catalogue  # noqa: E402
from spatial_service.db import cluster, install  # noqa: E402
from spatial_service.settings import Settings  # noqa: E402
from spatial_service.tiles import sql as tilesql  # noqa: E402
from spatial_service.tiles.export import compile_for, municipality_bounds, tile_range  # noqa: E402
from spatial_service.web.app import configure_connection  # noqa: E402

PGDATA = Path(f"/tmp/buurtkaart_bench_{os.getuid()}/pgdata")
PGPORT = 55491
DBNAME = "buurtkaart_bench"
CONCURRENCY = 8
LAYERS = ["buurtdeals", "initiatieven", "buurten", "wijken", "groen"]
ZOOMS = (12, 15)
MIX_REQUESTS = 8000
ZIPF_S = 1.3
LOAD_SECONDS = 16
LOAD_CLIENTS = 16
RESULTS = ROOT / "benchmarks" / "results" / "tiles.md"
TIPG_PY = ROOT / "benchmarks" / ".venv-tipg" / "bin" / "python"
WALK_LUA = ROOT / "benchmarks" / "walk.lua"
# What the data is and where the tiles are: benchmarks/tiles_nederland.py sets these for the national run.
TITLE = "## Tiles (`bash scripts/benchmark.sh tiles`)"
DATA = "Hilversum demo data on a private cluster"
AREA = "the municipality"
COLD_TARGET = ">= 3x"
SQL_THROUGHPUT_TARGET = "(for reference)"
MIX_TARGET = ">= 30x"
LOAD_VARIANTS = ["", "?jaar=2017", "?jaar=2018", "?thema=verkeer", "?status=uitvoering", "?wijk=WK040203"]
# Both servers run under exactly these uvicorn options (only the app differs).
UVICORN_OPTIONS = ["--host", "127.0.0.1", "--loop", "uvloop", "--http", "httptools", "--log-level", "warning",
                   "--no-access-log"]


def env() -> dict[str, str]:
    return {**os.environ, "BUURTKAART_PGDATA": str(PGDATA), "BUURTKAART_PGPORT": str(PGPORT),
            "BUURTKAART_DBNAME": DBNAME}


def settings() -> Settings:
    return Settings(cluster_dir=PGDATA, port=PGPORT, dbname=DBNAME)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cli(*args: str) -> None:
    subprocess.run([str(ROOT / ".venv" / "bin" / "buurtkaart"), *args], env=env(), check=True,
                   stdout=subprocess.DEVNULL)


def load_data(admin_dsn: str) -> None:
    from spatial_service.demo import hilversum

    hilversum.load(admin_dsn)


def tile_bounds_of(conn: psycopg.Connection) -> tuple[float, float, float, float]:
    return municipality_bounds(conn)


def prepare_database() -> None:
    PGDATA.parent.mkdir(parents=True, exist_ok=True)
    cli("db", "start")
    s = settings()
    cluster.drop_database(s, DBNAME)
    cluster.ensure_database(s, DBNAME)
    install.upgrade(s.admin())
    load_data(s.admin())
    cluster.psql(s, "ANALYZE", DBNAME)


def ensure_tipg() -> None:
    if not TIPG_PY.exists():
        subprocess.run(["/usr/bin/python3", "-m", "venv", str(TIPG_PY.parent.parent)], check=True)
        subprocess.run([str(TIPG_PY), "-m", "pip", "install", "-q", "tipg", "uvicorn", "uvloop", "httptools"],
                       check=True)


def ensure_wrk() -> str:
    """wrk (Debian package): a C load generator, so the client takes little of the 2 cores the servers share."""
    if shutil.which("wrk") is None:
        apt = ["apt-get", "install", "-y", "-q", "wrk"]
        if os.geteuid() != 0:
            apt = ["sudo", *apt]
        subprocess.run(apt, check=True, stdout=subprocess.DEVNULL)
    found = shutil.which("wrk")
    if found is None:
        raise SystemExit("wrk ontbreekt en kon niet worden geïnstalleerd (apt-get install wrk)")
    return found


def start(cmd: list[str], extra_env: dict[str, str], port: int, probe: str) -> subprocess.Popen:
    return start_server(cmd, {**env(), **extra_env}, f"http://127.0.0.1:{port}{probe}")


def start_ours(port: int) -> subprocess.Popen:
    # what `buurtkaart serve` runs, under the same uvicorn command line as tipg
    return start([str(ROOT / ".venv" / "bin" / "python"), "-m", "uvicorn", "spatial_service.web.asgi:app",
                  "--port", str(port), *UVICORN_OPTIONS], {}, port, "/health")


def start_tipg(port: int) -> subprocess.Popen:
    # the socket directory as a percent-encoded host: asyncpg ignores a ?host= parameter
    url = f"postgresql://buurtkaart_tiles@{quote(str(PGDATA), safe='')}:{PGPORT}/{DBNAME}"
    return start([str(TIPG_PY), "-m", "uvicorn", "tipg.main:app", "--port", str(port), *UVICORN_OPTIONS],
                 {"DATABASE_URL": url, "TIPG_DB_SCHEMAS": '["publiek"]', "TIPG_MAX_FEATURES_PER_TILE": "20000",
                  "TIPG_DB_SPATIAL_EXTENT": "false", "TIPG_DB_DATETIME_EXTENT": "false"}, port, "/collections")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@dataclasses.dataclass
class Run:
    name: str
    n: int
    seconds: float
    p50_ms: float
    p95_ms: float
    errors: int

    @property
    def rps(self) -> float:
        return self.n / self.seconds

    def row(self) -> str:
        return (f"| {self.name} | {self.n} | {self.rps:.0f} | {self.p50_ms:.2f} | {self.p95_ms:.2f} | "
                f"{self.errors} |")


def measured(name: str, n: int, seconds: float, latencies: list[float], errors: int) -> Run:
    xs = sorted(latencies)

    def pct(q: float) -> float:
        return xs[min(len(xs) - 1, int(q * len(xs)))] * 1000

    return Run(name, n, seconds, pct(0.5), pct(0.95), errors)


def wrk_run(name: str, base: str, paths: list[str], concurrency: int = CONCURRENCY) -> Run:
    """Each path once, in order, `concurrency` keep-alive connections, one wrk thread (benchmarks/walk.lua)."""
    with tempfile.NamedTemporaryFile("w", suffix=".paths", delete=False) as f:
        f.write("\n".join(paths) + "\n")
    cmd = [ensure_wrk(), "-t1", f"-c{concurrency}", "-d600s", "--timeout", "30s", "-s", str(WALK_LUA), base,
           "--", f.name]
    found: dict[str, float] = {}
    try:
        with subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True) as proc:
            assert proc.stdout is not None
            for line in proc.stdout:
                found.update((k, float(v)) for k, v in re.findall(r"(\w+)=([0-9.]+)", line))
                if line.startswith("walk-done"):
                    proc.send_signal(signal.SIGINT)  # the list is done: end now instead of after -d
    finally:
        os.unlink(f.name)
    if found.get("requests") != len(paths) or "p50_us" not in found:
        raise SystemExit(f"wrk ended before the list was done ({name}): {found}")
    return Run(name, len(paths), found["seconds"], found["p50_us"] / 1000, found["p95_us"] / 1000,
               int(found["non200"] + found["socket_errors"]))


async def http_run(name: str, urls: list[str], concurrency: int = CONCURRENCY) -> Run:
    queue = list(reversed(urls))
    latencies: list[float] = []
    errors = 0

    async def worker() -> None:
        nonlocal errors
        conn: Connection | None = None
        while queue:
            host, port, path = split(queue.pop())
            conn = conn or Connection(host, port)
            t = time.perf_counter()
            try:
                status, _ = await conn.get(path)
                if status != 200:
                    errors += 1
            except (OSError, asyncio.IncompleteReadError):
                errors += 1
            latencies.append(time.perf_counter() - t)
        if conn:
            conn.close()

    t0 = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return measured(name, len(urls), time.perf_counter() - t0, latencies, errors)


async def sql_run(name: str, jobs: list[tuple], concurrency: int = CONCURRENCY) -> Run:
    queue = list(reversed(jobs))
    latencies: list[float] = []

    async def worker() -> None:
        async with await psycopg.AsyncConnection.connect(settings().public(), autocommit=True) as conn:
            await configure_connection(conn)  # the service's own connection set-up: the same plans
            while queue:
                stmt, params = queue.pop()
                t = time.perf_counter()
                await (await conn.execute(stmt, params, prepare=True)).fetchone()
                latencies.append(time.perf_counter() - t)

    t0 = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return measured(name, len(jobs), time.perf_counter() - t0, latencies, 0)


async def paired_run(names: tuple[str, str], base: str, sample: list[tuple], path_of, job_of) -> tuple[Run, Run]:
    """One client, tile by tile: the service's cold answer and the raw SQL of the same tile, in alternating order,
    so that a change in the machine's load while it runs hits both alike (separate runs a minute apart differed
    by 2x on a shared machine). The SQL connection is set up and warmed as the service's are."""
    host, port, _ = split(base + "/")
    http = Connection(host, port)
    ours: list[float] = []
    raw: list[float] = []
    errors = 0
    async with await psycopg.AsyncConnection.connect(settings().public(), autocommit=True) as conn:
        await configure_connection(conn)
        jobs = [job_of(t) for t in sample]
        for stmt, params in {stmt: (stmt, params) for stmt, params in jobs}.values():
            await (await conn.execute(stmt, params, prepare=True)).fetchone()  # prepared, as service.warm does
        for i, (t, (stmt, params)) in enumerate(zip(sample, jobs, strict=True)):
            for side in ((0, 1) if i % 2 else (1, 0)):
                started = time.perf_counter()
                if side == 0:
                    status, _ = await http.get(path_of(t))
                    ours.append(time.perf_counter() - started)
                    errors += status != 200
                else:
                    await (await conn.execute(stmt, params, prepare=True)).fetchone()
                    raw.append(time.perf_counter() - started)
    http.close()
    return (measured(names[0], len(sample), sum(ours), ours, errors),
            measured(names[1], len(sample), sum(raw), raw, 0))


def browsing_mix(tiles: list[tuple], n: int) -> list[tuple]:
    """Zipf-like: a few tiles (the centre at common zooms) are asked for again and again."""
    rng = random.Random(42)
    weights = [1.0 / (i + 1) ** ZIPF_S for i in range(len(tiles))]
    order = tiles[:]
    rng.shuffle(order)
    return rng.choices(order, weights=weights, k=n)


async def edit_latency(base: str, samples: int = 10) -> list[float]:
    s = settings()
    results = []
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        with psycopg.connect(s.editor(), autocommit=True) as editor:
            deal, lon, lat = editor.execute(
                "SELECT id, ST_X(p), ST_Y(p) FROM (SELECT id, ST_Transform(geom, 4326) p FROM buurt.buurtdeal "
                "WHERE gepubliceerd AND GeometryType(geom) = 'POINT' ORDER BY id LIMIT 1) d").fetchone()
            from spatial_service.tiles.export import lonlat_to_tile

            x, y = lonlat_to_tile(lon, lat, 14)
            path = f"/tiles/buurtdeals/14/{x}/{y}.pbf"
            import mapbox_vector_tile

            for i in range(samples):
                await client.get(path)
                title = f"Benchmark-titel {i} {time.time()}"
                editor.execute("UPDATE buurt.buurtdeal SET titel = %s WHERE id = %s", (title, deal))
                t0 = time.perf_counter()
                while True:
                    body = (await client.get(path)).content
                    layer = mapbox_vector_tile.decode(body).get("buurtdeals", {"features": []})
                    if any(f["properties"].get("titel") == title for f in layer["features"]):
                        break
                    if time.perf_counter() - t0 > 10:
                        break
                    await asyncio.sleep(0.01)
                results.append(time.perf_counter() - t0)
    return results


async def fill_cache(base: str, bounds: tuple, budget_s: float = 120) -> dict:
    """Composite tiles z12-16 under many filter combinations (each a distinct cache entry), until the cache is
    full or the time budget is spent."""
    all_layers = ",".join(lay.id for lay in load_catalogue().public)
    with psycopg.connect(settings().public(), autocommit=True) as conn:
        wijken = [r[0] for r in conn.execute("SELECT code FROM publiek.wijk ORDER BY code")]
        themas = [r[0] for r in conn.execute("SELECT code FROM publiek.thema ORDER BY code")]
    variants = [""] + [f"?jaar={j}&thema={t}&wijk={w}" for j in ("2017", "2018", "2017,2018") for t in themas
                       for w in wijken]
    coords = list(tile_range(bounds, 12, 16))
    t0 = time.monotonic()
    stats: dict = {}
    async with httpx.AsyncClient(timeout=60) as client:
        for variant in variants:
            await http_run("fill", [f"{base}/tiles/{all_layers}/{z}/{x}/{y}.pbf{variant}" for z, x, y in coords])
            stats = (await client.get(f"{base}/health")).json()["cache"]
            if stats["bytes"] >= 0.97 * stats["max_bytes"] or time.monotonic() - t0 > budget_s:
                break
    return stats


async def load_with_restart(base: str, tiles: list[tuple], seconds: float = LOAD_SECONDS) -> tuple[Run, float]:
    rng = random.Random(7)
    variants = LOAD_VARIANTS
    latencies: list[float] = []
    errors = 0
    n = 0
    stop_at = time.monotonic() + seconds
    restart_took = 0.0

    async def restart() -> None:
        nonlocal restart_took
        await asyncio.sleep(seconds / 3)
        t = time.monotonic()
        await asyncio.to_thread(cli, "db", "stop")
        await asyncio.sleep(1.0)
        await asyncio.to_thread(cli, "db", "start")
        restart_took = time.monotonic() - t

    host, port, _ = split(base)

    async def worker() -> None:
        nonlocal errors, n
        conn = Connection(host, port)
        while time.monotonic() < stop_at:
            layer, z, x, y = rng.choice(tiles)
            v = rng.choice(variants) if layer == "buurtdeals" else ""
            t = time.perf_counter()
            try:
                status, _ = await conn.get(f"/tiles/{layer}/{z}/{x}/{y}.pbf{v}")
                if status != 200:
                    errors += 1
            except (OSError, asyncio.IncompleteReadError):
                errors += 1
            n += 1
            latencies.append(time.perf_counter() - t)
        conn.close()

    t0 = time.perf_counter()
    await asyncio.gather(restart(), *(worker() for _ in range(LOAD_CLIENTS)))
    return measured(f"load, {LOAD_CLIENTS} clients, DB restart", n, time.perf_counter() - t0, latencies,
                    errors), restart_took


async def main() -> None:
    started = dt.datetime.now()
    ensure_tipg()
    ensure_wrk()
    print("database (private cluster) ...", flush=True)
    prepare_database()
    catalogue = load_catalogue()
    with psycopg.connect(settings().public(), autocommit=True) as conn:
        compiled, _ = compile_for(conn, catalogue)
        bounds = tile_bounds_of(conn)
        # the SQL text a client would send: the service renders each statement once too (service.statement)
        sql_text = {lay: tilesql.tile_statement([compiled[lay]], {}).as_bytes(conn) for lay in LAYERS}
        # the virtuele stad's own tile: every public layer in one source (web/style.py), those of its zoom
        viewer_ids = list(compiled)
        viewer_layers = {z: [lay for lay in compiled.values() if lay.layer.minzoom <= z <= lay.layer.maxzoom]
                         for z in range(ZOOMS[0], ZOOMS[1] + 1)}
        viewer_sql = {z: tilesql.tile_statement(layers, {}).as_bytes(conn) for z, layers in viewer_layers.items()}
    viewer_tiles = [(",".join(viewer_ids), z, x, y) for z, x, y in tile_range(bounds, *ZOOMS)]
    tiles = [(layer, z, x, y) for layer in LAYERS for z, x, y in tile_range(bounds, *ZOOMS)
             if compiled[layer].layer.minzoom <= z <= compiled[layer].layer.maxzoom]
    tipg_collection = {lay: compiled[lay].layer.bron for lay in LAYERS}

    def tipg_url(base: str, t: tuple) -> str:
        layer, z, x, y = t
        lay = compiled[layer].layer
        extra = "&soort=" + lay.filter.split("'")[1] if lay.filter else ""
        props = ",".join(lay.velden)
        return (f"{base}/collections/{tipg_collection[layer]}/tiles/WebMercatorQuad/{z}/{x}/{y}"
                f"?properties={props}{extra}")

    def ours_path(t: tuple) -> str:
        layer, z, x, y = t
        return f"/tiles/{layer}/{z}/{x}/{y}.pbf"

    def ours_url(base: str, t: tuple) -> str:
        return base + ours_path(t)

    def sql_job(t: tuple) -> tuple:
        layer, z, x, y = t
        if layer not in sql_text:  # the viewer's tile
            return viewer_sql[z], tilesql.tile_params(viewer_layers[z], z, x, y, {})
        return sql_text[layer], tilesql.tile_params([compiled[layer]], z, x, y, {})

    mix = browsing_mix(tiles, MIX_REQUESTS)
    our_port, tipg_port = free_port(), free_port()
    ours_base, tipg_base = f"http://127.0.0.1:{our_port}", f"http://127.0.0.1:{tipg_port}"
    runs: dict[str, Run] = {}

    sample = random.Random(1).sample(tiles, min(400, len(tiles)))
    viewer_sample = random.Random(1).sample(viewer_tiles, min(400, len(viewer_tiles)))
    print(f"{len(tiles)} tiles, cold ...", flush=True)
    tipg = start_tipg(tipg_port)
    try:
        await http_run("warm-up tipg", [tipg_url(tipg_base, t) for t in tiles[:20]])
        # tipg has no tile cache: every request below is cold
        runs["tipg seq"] = await http_run("tipg, cold, 1 client", [tipg_url(tipg_base, t) for t in sample], 1)
        runs["tipg seq wrk"] = wrk_run("tipg, cold, 1 client (wrk)", tipg_base,
                                       [tipg_url("", t) for t in sample], 1)
        runs["tipg cold"] = wrk_run("tipg, cold tiles (wrk)", tipg_base, [tipg_url("", t) for t in tiles])
        runs["tipg mix"] = wrk_run("tipg, browsing mix (wrk)", tipg_base, [tipg_url("", t) for t in mix])
    finally:
        stop(tipg)
    runs["sql cold"] = await sql_run("raw SQL (same tile queries)", [sql_job(t) for t in tiles])
    runs["sql viewer cold"] = await sql_run("raw SQL, viewer tiles", [sql_job(t) for t in viewer_tiles])
    for phase in ("ours seq", "ours seq wrk", "ours cold", "ours viewer cold"):
        ours = start_ours(our_port)  # a fresh process: empty cache
        try:
            await http_run("warm-up", [f"{ours_base}/health"] * 20)
            if phase == "ours seq":
                runs[phase], runs["sql seq"] = await paired_run(
                    ("Buurtkaart, cold, 1 client (paired)", "raw SQL, 1 client (paired)"), ours_base, sample,
                    ours_path, sql_job)
                # the same tiles again, now from the cache: what one HTTP round trip costs without a query
                runs["ours seq cached"] = await http_run("Buurtkaart, cached, 1 client (the HTTP floor)",
                                                         [ours_url(ours_base, t) for t in sample], 1)
                runs["ours viewer seq"], runs["sql viewer seq"] = await paired_run(
                    ("Buurtkaart, viewer tile, cold, 1 client (paired)", "raw SQL, viewer tile, 1 client (paired)"),
                    ours_base, viewer_sample, ours_path, sql_job)
            elif phase == "ours seq wrk":
                runs[phase] = wrk_run("Buurtkaart, cold, 1 client (wrk)", ours_base, [ours_path(t) for t in sample], 1)
            elif phase == "ours cold":
                runs[phase] = wrk_run("Buurtkaart, cold tiles (wrk)", ours_base, [ours_path(t) for t in tiles])
            else:
                runs[phase] = wrk_run("Buurtkaart, viewer tiles, cold (wrk)", ours_base,
                                      [ours_path(t) for t in viewer_tiles])
        finally:
            stop(ours)
    ours = start_ours(our_port)  # empty cache again: the mix fills it itself
    try:
        runs["ours mix"] = wrk_run("Buurtkaart, browsing mix (wrk)", ours_base, [ours_path(t) for t in mix])
        mix_cache = httpx.get(f"{ours_base}/health", timeout=10).json()["cache"]
        # the same mix again: a warm cache, as for the next visitor (reference only; tipg has no tile cache)
        runs["ours mix warm"] = wrk_run("Buurtkaart, browsing mix again, cache warm (wrk)", ours_base,
                                        [ours_path(t) for t in mix])
        hit_rate = mix_cache["hits"] / max(1, mix_cache["hits"] + mix_cache["misses"])
        print("edits ...", flush=True)
        edits = await edit_latency(ours_base)
        print("filling the cache ...", flush=True)
        rss_before = rss_mb(ours.pid)
        cache = await fill_cache(ours_base, bounds)
        rss = rss_mb(ours.pid)
        print("load run with a database restart ...", flush=True)
        load, restart_took = await load_with_restart(ours_base, tiles)
        health = httpx.get(f"{ours_base}/health", timeout=10).json()
    finally:
        stop(ours)

    cold_ratio = runs["ours cold"].rps / runs["tipg cold"].rps
    p50_ratio = runs["ours seq"].p50_ms / runs["sql seq"].p50_ms
    p50_ratio_conc = runs["ours cold"].p50_ms / runs["sql cold"].p50_ms
    p50_wrk_vs_tipg = runs["tipg seq wrk"].p50_ms / runs["ours seq wrk"].p50_ms
    mix_ratio = runs["ours mix"].rps / runs["tipg mix"].rps
    edit_max = max(edits)
    lines = [
        TITLE,
        "",
        f"Run {started:%Y-%m-%d %H:%M} on {platform.node()} ({os.cpu_count()} cores, {platform.machine()}), "
        f"Python {platform.python_version()}; client and servers on the same machine (loopback), "
        f"{CONCURRENCY} concurrent clients. {DATA}; tipg "
        f"{tipg_version()} in benchmarks/.venv-tipg on the same publiek views with the same columns "
        f"(`properties=`) and the same tile list: layers {', '.join(LAYERS)}, zoom {ZOOMS[0]}-{ZOOMS[1]} over "
        f"{AREA} ({len(tiles)} tiles); the browsing mix is {MIX_REQUESTS} requests drawn Zipf-like "
        f"from the same list (repeats, Zipf s={ZIPF_S}), starting from an empty cache. Both servers under the same "
        f"uvicorn command line (`{' '.join(UVICORN_OPTIONS)}`). Runs marked (wrk): Debian's wrk (C, one thread, "
        "keep-alive) walking the same path list with benchmarks/walk.lua, each path once, identical for both "
        "servers; wrk takes little CPU, so these measure the servers. Unmarked HTTP runs: benchmarks/loadclient.py "
        "(Python asyncio, keep-alive, minimal) in the benchmark process. Raw SQL = the service's own tile "
        "statements as SQL text, prepared, on psycopg async connections in the benchmark process (round trip "
        "included, no HTTP), the same client style as loadclient.py; the 1-client p50 target compares these two. "
        "'1 client' runs use a random sample of the tile list, sequentially, each server cold; '(paired)': the "
        "service and the raw SQL take turns tile by tile (alternating which goes first), so load changes on the "
        "machine hit both alike. 'Viewer tile' = the tile the virtuele stad really asks for: every public layer "
        f"in one ({len(viewer_ids)} layers, those of the zoom), zoom {ZOOMS[0]}-{ZOOMS[1]} over the same area "
        f"({len(viewer_tiles)} tiles); tipg has no composite tiles (a map needs one request per layer from it).",
        "",
        "| run | requests | req/s | p50 ms | p95 ms | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
        *(r.row() for r in (runs["ours seq"], runs["ours seq cached"], runs["tipg seq"], runs["sql seq"],
                            runs["ours viewer seq"], runs["sql viewer seq"], runs["ours seq wrk"],
                            runs["tipg seq wrk"], runs["ours cold"], runs["tipg cold"], runs["sql cold"],
                            runs["ours viewer cold"], runs["sql viewer cold"],
                            runs["ours mix"], runs["tipg mix"], runs["ours mix warm"], load)),
        "",
        "| measure | result | target |",
        "| --- | --- | --- |",
        f"| cold throughput vs tipg | {cold_ratio:.1f}x | {COLD_TARGET} |",
        f"| cold throughput vs raw SQL throughput ({CONCURRENCY} clients) | "
        f"{runs['ours cold'].rps / runs['sql cold'].rps:.2f}x | {SQL_THROUGHPUT_TARGET} |",
        f"| cold p50 vs raw SQL p50, 1 client, viewer tile ({len(viewer_sample)} tiles, paired) | "
        f"{runs['ours viewer seq'].p50_ms / runs['sql viewer seq'].p50_ms:.2f}x | <= 1.2x |",
        f"| cold p50 vs raw SQL p50, 1 client, one layer a tile ({len(sample)} tiles, paired) | {p50_ratio:.2f}x | "
        "<= 1.2x |",
        f"| cold throughput vs raw SQL throughput ({CONCURRENCY} clients), viewer tile | "
        f"{runs['ours viewer cold'].rps / runs['sql viewer cold'].rps:.2f}x | {SQL_THROUGHPUT_TARGET} |",
        f"| cold p50 minus the HTTP floor (cached p50) vs raw SQL p50, 1 client | "
        f"{(runs['ours seq'].p50_ms - runs['ours seq cached'].p50_ms) / runs['sql seq'].p50_ms:.2f}x | "
        "(for reference: the service's own cost besides HTTP) |",
        f"| cold p50, 1 client (wrk): tipg / Buurtkaart | {p50_wrk_vs_tipg:.1f}x | (for reference) |",
        f"| cold p50 vs raw SQL p50, {CONCURRENCY} clients (wrk vs Python SQL client) | {p50_ratio_conc:.2f}x | "
        "(for reference) |",
        f"| browsing mix throughput vs tipg (cache hit rate {hit_rate:.0%}) | {mix_ratio:.1f}x | {MIX_TARGET} |",
        f"| the mix again with the cache warm vs tipg's mix (tipg has no tile cache) | "
        f"{runs['ours mix warm'].rps / runs['tipg mix'].rps:.1f}x | (for reference) |",
        f"| edit to tile (commit -> new tile served), {len(edits)} edits | median "
        f"{statistics.median(edits) * 1000:.0f} ms, max {edit_max * 1000:.0f} ms | <= 2 s |",
        f"| RSS with cache filled to {cache['bytes'] / 2**20:.0f} of {cache['max_bytes'] / 2**20:.0f} MB "
        f"({cache['tegels']} tiles) | {rss:.0f} MB (before filling: {rss_before:.0f} MB) | < 500 MB |",
        f"| load run {LOAD_SECONDS} s, {LOAD_CLIENTS} clients, `db stop`/`db start` in the middle "
        f"(restart took {restart_took:.1f} s) | {load.errors} errors of {load.n}; listener reconnected "
        f"{health['herverbonden']}x | 0 errors |",
        "",
    ]
    write_results(RESULTS, "\n".join(lines))


def tipg_version() -> str:
    out = subprocess.run([str(TIPG_PY), "-c", "import tipg; print(tipg.__version__)"], capture_output=True,
                         text=True)
    return out.stdout.strip() or "?"


if __name__ == "__main__":
    import uvloop

    try:
        uvloop.run(main())
    finally:
        cli("db", "stop")  # the private cluster: nothing else uses it
