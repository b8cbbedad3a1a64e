"""The static virtuele stad (`buurtkaart export-site DIR`): a complete site for any static host with HTTP Range.

    DIR/index.html                 the live viewer's page, marked data-bron="statisch" (and data-loket="URL"
                                   when the live service is configured: the submit and support links go there)
    DIR/static/                    every file of spatial_service/web/static (viewer and the modules beside it)
    DIR/vendor/maplibre-gl/        MapLibre GL JS + CSS (npm, no CDN)
    DIR/vendor/pmtiles/pmtiles.js  the PMTiles protocol for MapLibre (npm)
    DIR/data/virtuele_stad.pmtiles the public tiles (spatial_service/tiles/export.py, the same SQL as the service)
    DIR/data/style.json            the service's style, its source pointing at the archive
    DIR/data/labels.json, details.json   what /labels.json and /details.json answer live
    DIR/data/agenda/WK040201.json  the wijkagenda panel of each wijk (/agenda/WK040201.json, agenda.js)
    DIR/data/cijfers/...           the buurtmonitor (monitor.js): indicatoren.json;
                                   GM0402/<indicator>/<jaar>-<niveau>.json per gemeente, indicator, year and level
                                   (/cijfers.json); trend/<code>.json, every indicator's trend of one buurt or wijk
    DIR/data/budget/GM0402/2018.json the budget table (/budget.json)

Everything is read as the public role from schema publiek, so the site holds nothing the live map does not show.
With `--gemeente GM0402` the site is that gemeente's, as /g/GM0402/ live: its tiles, list, names and extent.
The site is built in a folder beside DIR and swapped in at the end: a failed export leaves DIR as it was.
"""

from __future__ import annotations

import asyncio
import html
import json
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import psycopg
from psycopg import sql

from spatial_service.catalogue import Catalogue
from spatial_service.db import gemeente as gemeente_scope
from spatial_service.db.connection import connect
from spatial_service.errors import BuurtkaartError
from spatial_service.settings import Settings
from spatial_service.tiles import export as tile_export
from spatial_service.web import monitor
from spatial_service.web.agenda import panel_query
from spatial_service.web.basemap import basemap_config
from spatial_service.web.details import details_query, labels_query
from spatial_service.web.http import MAPLIBRE_DIR, PMTILES_DIR, STATIC_DIR
from spatial_service.web.style import COMPOSITE_SOURCE, style, value_lists

MARKER = ".buurtkaart-site.json"
ARCHIVE = "virtuele_stad.pmtiles"
VENDOR_FILES = {MAPLIBRE_DIR: ("maplibre-gl.js", "maplibre-gl.css"), PMTILES_DIR: ("pmtiles.js",)}
Say = Callable[[str], None]


class SiteError(BuurtkaartError):
    pass


@dataclass(frozen=True)
class SiteResult:
    path: Path
    tiles: int
    items: int
    bytes: int

    def summary(self) -> str:
        return (f"Virtuele stad geschreven naar {self.path}: {self.tiles} tegels, {self.items} buurtdeals en "
                f"initiatieven, {self.bytes / 1e6:.1f} MB. Zet de map op een webserver met HTTP Range "
                "(bv. nginx, object storage); index.html is de startpagina.")


def check_target(target: Path) -> None:
    if target.exists() and not target.is_dir():
        raise SiteError(f"{target} bestaat en is geen map: kies een (nieuwe) map voor de site.")
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).is_file():
        raise SiteError(f"De map {target} is niet leeg en bevat geen eerder geschreven virtuele stad "
                        f"({MARKER} ontbreekt): kies een lege of nieuwe map, dan wordt er niets overschreven.")


def check_vendor() -> None:
    for folder, names in VENDOR_FILES.items():
        for name in names:
            if not (folder / name).is_file():
                raise SiteError(f"{folder / name} ontbreekt: de npm-pakketten van de viewer zijn niet "
                                "geïnstalleerd. Draai eerst: bash scripts/setup.sh")


async def _read_public(dsn: str, gemeente: str | None) -> tuple[dict, dict, str]:
    async with await psycopg.AsyncConnection.connect(dsn, autocommit=True) as conn:
        lists = await value_lists(conn, gemeente)
        labels = (await (await conn.execute(labels_query(gemeente))).fetchone())[0]
        details = (await (await conn.execute(details_query(gemeente))).fetchone())[0]
    return lists, labels, details


TREND_SQL = """
SELECT g.code, json_object_agg(i.code, publiek.cijfertrend(g.code, i.code))::text
  FROM publiek.gebied g CROSS JOIN unnest(%s::text[]) AS i(code)
 WHERE g.niveau IN ('buurt', 'wijk'){gemeente}
 GROUP BY g.code
"""


def module_data(dsn: str, gemeente: str | None) -> dict[str, str]:
    """The files of the wijkagenda and the buurtmonitor, path under data/ -> JSON: every answer their live routes
    can give this site's viewer, from the same queries and SQL functions (web/agenda.py, web/monitor.py)."""
    files: dict[str, str] = {}
    dump = lambda value: json.dumps(value, ensure_ascii=False)  # noqa: E731
    with connect(dsn, autocommit=True) as conn:
        for code, paneel in conn.execute(panel_query(gemeente)):
            files[f"agenda/{code}.json"] = dump(paneel)
        meta = conn.execute(monitor.indicators_query(gemeente)).fetchone()[0]
        files["cijfers/indicatoren.json"] = dump(meta)
        # the choices monitor.js offers: each gemeente of the list, each indicator with its years, both levels
        for g in meta["gemeenten"]:
            for ind in meta["indicatoren"]:
                for year in ind["jaren"] or []:
                    for level in monitor.LEVELS:
                        row = conn.execute("SELECT publiek.cijferkaart(%s, %s, %s, %s)::text",
                                           (ind["code"], year, level, g["code"])).fetchone()
                        files[f"cijfers/{g['code']}/{ind['code']}/{year}-{level}.json"] = row[0]
            for year in g["budgetjaren"] or []:
                row = conn.execute(monitor.BUDGET_SQL, (g["code"], year, g["code"], year)).fetchone()
                files[f"budget/{g['code']}/{year}.json"] = dump(row[0])
        codes = [ind["code"] for ind in meta["indicatoren"]]
        if codes:
            query = sql.SQL(TREND_SQL).format(gemeente=gemeente_scope.condition(gemeente, "g.gemeentecode", "AND"))
            for code, trends in conn.execute(query, (codes,)):
                files[f"cijfers/trend/{code}.json"] = trends
    return files


def static_style(dsn: str, catalogue: Catalogue, settings: Settings, lists: dict,
                 gemeente: str | None = None) -> dict:
    with connect(dsn, autocommit=True) as conn:
        compiled, _ = tile_export.compile_for(conn, catalogue)
        bounds = tile_export.municipality_bounds(conn, gemeente)
        name = conn.execute("SELECT naam FROM publiek.gemeente WHERE code = %s", (gemeente,)).fetchone()
    body = style(list(compiled.values()), "", lists, basemap_config(settings))
    # the viewer (bron.js) makes this relative URL absolute against the page, so the site runs under any path
    body["sources"][COMPOSITE_SOURCE] = {"type": "vector", "url": f"pmtiles://data/{ARCHIVE}",
                                         "attribution": "Gemeente — Buurtkaart"}
    body["metadata"]["buurtkaart:extent"] = list(bounds)
    if gemeente is not None:  # as /g/GM0402/style.json says it
        body["metadata"]["buurtkaart:gemeente"] = gemeente
        body["metadata"]["buurtkaart:gemeentenaam"] = name[0]
    return body


def loket_address(url: str) -> str:
    """The live service's address for the static site's links (ending in /), or '' for none; SiteError for
    anything that is not an http(s) address."""
    url = url.strip()
    if not url:
        return ""
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc or any(c in url for c in '"<> '):
        raise SiteError(f"'{url[:80]}' is geen adres van de live service (verwacht bv. https://kaart.hilversum.nl/ of "
                        "https://kaart.hilversum.nl/g/GM0402/; optie --loket, instelling BUURTKAART_LOKET_URL).")
    return url.rstrip("/") + "/"


def write_pages(site: Path, loket: str = "") -> None:
    shutil.copytree(STATIC_DIR, site / "static")
    page = (STATIC_DIR / "index.html").read_text(encoding="utf-8")
    extra = f' data-loket="{html.escape(loket)}"' if loket else ""
    marked = page.replace('<body data-bron="live">', f'<body data-bron="statisch"{extra}>')
    if marked == page:
        raise SiteError(f"{STATIC_DIR / 'index.html'} heeft geen <body data-bron=\"live\">: de viewer kan dan "
                        "niet weten dat hij statisch draait.")
    (site / "index.html").write_text(marked, encoding="utf-8")
    for folder, names in VENDOR_FILES.items():
        dest = site / "vendor" / folder.parent.name
        dest.mkdir(parents=True, exist_ok=True)
        for name in names:
            shutil.copy2(folder / name, dest / name)


def export_site(dsn: str, target: Path, catalogue: Catalogue, settings: Settings, minzoom: int, maxzoom: int,
                progress: tile_export.Progress | None = None, say: Say = lambda _: None,
                gemeente: str | None = None, loket: str | None = None) -> SiteResult:
    """The site of all gemeenten, or of one (`gemeente`: its tiles, list, names and starting view only). `loket`
    (default the setting BUURTKAART_LOKET_URL) is the live service the submit and support links lead to."""
    loket = loket_address(settings.loket_url if loket is None else loket)
    target = target.resolve()
    check_target(target)
    check_vendor()
    basemap_config(settings)  # a wrong BUURTKAART_BASEMAP fails before any work
    with connect(dsn, autocommit=True) as conn:
        gemeente = gemeente_scope.checked(conn, gemeente)  # and a wrong code too
    target.parent.mkdir(parents=True, exist_ok=True)
    site = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        (site / "data").mkdir()
        say("tegels naar data/" + ARCHIVE)
        tiles = tile_export.export(dsn, catalogue, site / "data" / ARCHIVE, None, minzoom, maxzoom, progress,
                                   gemeente=gemeente)
        say("stijl, namen en details")
        lists, labels, details = asyncio.run(_read_public(dsn, gemeente))
        (site / "data" / "style.json").write_text(
            json.dumps(static_style(dsn, catalogue, settings, lists, gemeente), ensure_ascii=False, default=str),
            encoding="utf-8")
        (site / "data" / "labels.json").write_text(json.dumps(labels, ensure_ascii=False), encoding="utf-8")
        (site / "data" / "details.json").write_text(details, encoding="utf-8")
        say("wijkagenda en buurtmonitor")
        for name, body in module_data(dsn, gemeente).items():
            (site / "data" / name).parent.mkdir(parents=True, exist_ok=True)
            (site / "data" / name).write_text(body, encoding="utf-8")
        say("viewer, MapLibre GL en PMTiles")
        write_pages(site, loket)
        items = len(json.loads(details)["items"])
        (site / MARKER).write_text(json.dumps({"tegels": tiles.tiles, "items": items, "zoom": [minzoom, maxzoom],
                                               **({"gemeente": gemeente} if gemeente else {})}), encoding="utf-8")
        size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
        site.chmod(0o755)  # mkdtemp made it private; a web server must read it
        if target.exists():
            old = target.with_name(f".{target.name}-oud")
            shutil.rmtree(old, ignore_errors=True)
            target.rename(old)
            site.rename(target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            site.rename(target)
    except BaseException:
        shutil.rmtree(site, ignore_errors=True)
        raise
    return SiteResult(target, tiles.tiles, items, size)
