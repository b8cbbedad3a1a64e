"""buurtkaart docs pictures: the README pictures of the virtuele stad, the buurtmonitor, the wijkagenda, the
resident's submit form, the werkbak and QGIS over /ogc, made from the local demo database (`buurtkaart demo`) by a
real service, headless Chromium and QGIS.

The pictures are made here and only here: tests call the same functions with a temporary folder (and assert on
what they made), so a test run never rewrites docs/img. The QGIS map and form pictures have their own commands
(`buurtkaart plugin render`, `buurtkaart plugin formulier`).
"""

from __future__ import annotations

import argparse
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from spatial_service.errors import BuurtkaartError
from spatial_service.paths import PROJECT_ROOT
from spatial_service.settings import Settings, get_settings

DOCS_IMG = PROJECT_ROOT / "docs" / "img"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("docs", help="documentatie: de afbeeldingen van de README maken")
    dsub = p.add_subparsers(dest="docs_command", metavar="ACTIE", required=True)
    s = dsub.add_parser("pictures", help="maak docs/img/*.png opnieuw uit de lokale demodatabase "
                                         "(service, Chromium en QGIS; headless)")
    s.add_argument("--out", type=Path, default=DOCS_IMG, help=f"map voor de afbeeldingen (standaard {DOCS_IMG})")
    s.add_argument("--alleen", nargs="+", metavar="NAAM", choices=sorted(PICTURES) + sorted(QGIS_PICTURES),
                   help="alleen deze afbeeldingen (zonder .png)")
    s.set_defaults(func=_pictures)


# --- the browser pictures: each opens the viewer in a fresh page of `browser` at the service on `url` --------

def _open(browser: Any, url: str, width: int = 1280, height: int = 820) -> Any:
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(url)
    page.wait_for_function("() => window.buurtkaartReady === true", timeout=30_000)
    wait_idle(page)
    return page


def wait_idle(page: Any) -> None:
    """Tiles loaded and one full render after it (symbols are placed a frame after a change)."""
    page.wait_for_function("() => window.buurtkaartMap.loaded() && window.buurtkaartMap.areTilesLoaded()",
                           timeout=30_000)
    page.evaluate("new Promise(r => { const m = window.buurtkaartMap; m.once('idle', r); m.triggerRepaint(); })")


def viewer_desktop(browser: Any, url: str, out: Path) -> Path:
    """viewer.png: Hilversum's centre with a deal in execution and its commitments in the details panel."""
    page = _open(browser, url + "/#kaart=13.80/52.22550/5.17450")
    try:
        key = page.evaluate("""() => window.buurtkaart.data.items.find(i => i.soort === 'buurtdeal'
            && i.status === 'uitvoering' && i.afspraken.length >= 4).id""")
        page.evaluate("(id) => window.buurtkaart.openDetails('buurtdeal:' + id)", key)
        wait_idle(page)
        page.evaluate("document.activeElement.blur()")
        page.wait_for_timeout(300)
        page.screenshot(path=str(out))
    finally:
        page.close()
    return out


def viewer_phone(browser: Any, url: str, out: Path) -> Path:
    """viewer-telefoon.png: 320 px wide, the drawer open on the first deal of the list."""
    page = _open(browser, url + "/#kaart=13.60/52.22600/5.17200", width=320, height=640)
    try:
        page.locator("#paneel-knop").click()
        page.locator("#paneel").wait_for(state="visible")
        page.wait_for_timeout(300)  # the drawer's slide
        page.locator("#lijst .item[data-item^='buurtdeal:']").first.click()
        page.locator("#details .stappen").wait_for()
        wait_idle(page)
        page.screenshot(path=str(out))
    finally:
        page.close()
    return out


def viewer_agenda(browser: Any, url: str, out: Path) -> Path:
    """viewer-wijkagenda.png: the wijkagenda of Centrum in 2018 with the deals that serve it."""
    page = _open(browser, url + "/", height=900)
    try:
        page.select_option("#filter-jaar", label="2018")
        page.select_option("#filter-wijk", label="Centrum")
        page.wait_for_selector("#wijkagenda .agenda-prioriteiten li")
        wait_idle(page)
        page.screenshot(path=str(out))
    finally:
        page.close()
    return out


def viewer_monitor(browser: Any, url: str, out: Path) -> Path:
    """buurtmonitor.png: sociale cohesie per buurt and the trend chart of an area on screen."""
    page = _open(browser, url + "/", height=900)
    try:
        page.wait_for_function("() => window.buurtmonitorKlaar === true", timeout=30_000)
        if page.input_value("#monitor-indicator") != "sociale_cohesie":
            before = page.evaluate("window.buurtmonitorVersie || 0")
            page.select_option("#monitor-indicator", "sociale_cohesie")
            page.wait_for_function(f"() => (window.buurtmonitorVersie || 0) > {before}", timeout=15_000)
        wait_idle(page)
        target = page.evaluate("""() => {
            const map = window.buurtkaartMap, c = map.getCanvas(), r = map.getContainer().getBoundingClientRect();
            for (const f of map.queryRenderedFeatures({layers: ['monitor-vlak']})) {
              const ring = f.geometry.type === 'Polygon' ? f.geometry.coordinates[0] : f.geometry.coordinates[0][0];
              const mid = ring.reduce((a, p) => [a[0] + p[0] / ring.length, a[1] + p[1] / ring.length], [0, 0]);
              const pt = map.project(mid);
              if (pt.x < 30 || pt.y < 30 || pt.x > c.clientWidth - 90 || pt.y > c.clientHeight - 60) continue;
              const top = map.queryRenderedFeatures(pt, {layers: ['monitor-vlak']})[0];
              if (top && top.properties.code === f.properties.code) return {x: r.left + pt.x, y: r.top + pt.y};
            }
            return null; }""")
        if target is None:
            raise BuurtkaartError("buurtmonitor.png: geen buurt van de monitor op het scherm (demodatabase?)")
        page.mouse.click(target["x"], target["y"])
        page.wait_for_selector("#monitor-grafiek svg.trend", timeout=10_000)
        page.screenshot(path=str(out))
    finally:
        page.close()
    return out


def loket_form(browser: Any, url: str, out: Path) -> Path:
    """indienen.png: the resident's form with an area drawn on the map around a point of Centrum."""
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    try:
        page.goto(url + "/indienen")
        page.wait_for_function("() => window.loketKlaar === true", timeout=30_000)
        page.fill("#titel", "Moestuin op het braakliggende stuk")
        page.fill("#omschrijving", "Met tien buren willen we er groente kweken. Wij zorgen voor het onderhoud; kan de "
                                   "gemeente de grond laten omspitten?")
        page.select_option("#thema", "openbare_ruimte")
        page.select_option("#buurtcode", "BU04020101")
        page.check("input[name=vorm][value=gebied]")
        page.evaluate("new Promise(r => { const m = window.loketMap; m.once('idle', r); m.triggerRepaint(); })")
        canvas = page.locator("#tekenkaart canvas")
        canvas.scroll_into_view_if_needed()
        box = canvas.bounding_box()
        for dx, dy in ((-80, -50), (60, -70), (90, 40), (-40, 70)):
            canvas.click(position={"x": box["width"] / 2 + dx, "y": box["height"] / 2 + dy})
        page.click("#gebied-af")
        page.evaluate("new Promise(r => { const m = window.loketMap; m.once('idle', r); m.triggerRepaint(); })")
        page.locator("fieldset.waar").screenshot(path=str(out))
    finally:
        page.close()
def werkbak_item(browser: Any, url: str, out: Path) -> Path:
    """werkbak.png: a buurtcoördinator's page of a deal in execution (steps, commitments, map), logged in as a
    temporary werkbak user of the demo's gemeente that is removed again afterwards."""
    import secrets

    import psycopg

    from spatial_service.db import werkbak_gebruikers

    admin = get_settings().admin()
    with psycopg.connect(admin) as conn:
        found = conn.execute("SELECT d.id, d.wijkcode FROM buurt.buurtdeal d WHERE d.status = 'uitvoering' "
                             "AND d.gemeentecode = 'GM0402' ORDER BY d.wijkcode, d.id LIMIT 1").fetchone()
    if found is None:
        raise BuurtkaartError("werkbak.png: geen buurtdeal in uitvoering in GM0402 (demodatabase?)")
    naam, wachtwoord = f"bk_docs_{secrets.token_hex(3)}", secrets.token_urlsafe(16)
    werkbak_gebruikers.toevoegen(admin, naam, ("GM0402",), (found[1],), (), wachtwoord)
    page = browser.new_page(viewport={"width": 1280, "height": 760})
    try:
        page.goto(f"{url}/werkbak/inloggen")
        page.fill("#naam", naam)
        page.fill("#wachtwoord", wachtwoord)
        page.click("main button[type=submit]")
        page.wait_for_url("**/werkbak/")
        page.goto(f"{url}/werkbak/buurtdeal/{found[0]}")
        page.wait_for_function("() => window.werkbakKaartKlaar === true", timeout=30_000)
        page.evaluate("new Promise(r => { const m = window.werkbakKaart; m.once('idle', r); m.triggerRepaint(); })")
        page.screenshot(path=str(out))
    finally:
        page.close()
        werkbak_gebruikers.verwijderen(admin, naam)
    return out


PICTURES: dict[str, Callable[[Any, str, Path], Path]] = {
    "viewer": viewer_desktop,
    "viewer-telefoon": viewer_phone,
    "viewer-wijkagenda": viewer_agenda,
    "buurtmonitor": viewer_monitor,
    "indienen": loket_form,
    "werkbak": werkbak_item,
}


# --- QGIS over /ogc ------------------------------------------------------------------------------------------

# what a colleague in another department would set by hand: nothing from our QML styles
OGC_STYLE = {
    "buurten": ("fill", {"color": "255,255,255,0", "outline_color": "#9e9e9e", "outline_width": "0.2"}),
    "groen": ("fill", {"color": "#74c476", "outline_style": "no"}),
    "wijken": ("fill", {"color": "255,255,255,0", "outline_color": "#333333", "outline_width": "0.6"}),
    # a layer of points and areas is two collections (spatial_service/ogc_split.py), as in the plugin
    "speelplekken_vlakken": ("fill", {"color": "#fd8d3c", "outline_style": "no"}),
    "speelplekken_punten": ("marker", {"color": "#fd8d3c", "size": "1.6", "outline_style": "no", "name": "triangle"}),
    "buurtdeals_vlakken": ("fill", {"color": "33,113,181,90", "outline_color": "#2171b5", "outline_width": "0.4"}),
    "buurtdeals_punten": ("marker", {"color": "#2171b5", "size": "2.6", "outline_color": "#ffffff", "name": "square"}),
}
OGC_EXTENT = (135600, 465000, 143600, 477300)  # Hilversum in RD New


def ogc_map(url: str, out: Path) -> Any:
    """qgis-ogc.png: the public layers drawn by QGIS from the OGC API (OAPIF) at `url`/ogc; returns the QImage.
    Needs a running QgsApplication."""
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsFillSymbol,
        QgsMapRendererParallelJob,
        QgsMapSettings,
        QgsMarkerSymbol,
        QgsRectangle,
        QgsVectorLayer,
    )
    from qgis.PyQt.QtCore import QSize
    from qgis.PyQt.QtGui import QColor

    layers = []
    try:
        for layer_id, (kind, props) in OGC_STYLE.items():
            vl = QgsVectorLayer(f"url='{url}/ogc' typename='{layer_id}'", layer_id, "OAPIF")
            if not vl.isValid():
                raise BuurtkaartError(f"qgis-ogc.png: laag {layer_id} van {url}/ogc is niet te lezen")
            symbol = QgsFillSymbol.createSimple(props) if kind == "fill" else QgsMarkerSymbol.createSimple(props)
            vl.renderer().setSymbol(symbol)
            layers.append(vl)
        settings = QgsMapSettings()
        settings.setLayers(list(reversed(layers)))
        settings.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:28992"))
        settings.setOutputSize(QSize(900, 1000))
        settings.setBackgroundColor(QColor("#ffffff"))
        settings.setExtent(QgsRectangle(*OGC_EXTENT))
        job = QgsMapRendererParallelJob(settings)
        job.start()
        job.waitForFinished()
        image = job.renderedImage()
        if not image.save(str(out)):
            raise BuurtkaartError(f"kan {out} niet schrijven")
        return image
    finally:
        # a layer kept alive past QGIS's exit crashes the process
        layers = []
        vl = None


QGIS_PICTURES = {"qgis-ogc"}


# --- the command -------------------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_service(settings: Settings) -> Iterator[str]:
    """The service on a free loopback port for the length of the block; yields its URL."""
    import httpx
    import uvicorn

    from spatial_service.web.app import create_app

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning",
                                           access_log=False, lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise BuurtkaartError(f"de service kwam niet op in 30 s ({url}); draait de database "
                                      "(buurtkaart db start) en is de demo geladen (buurtkaart demo)?")
            time.sleep(0.1)
        yield url
    finally:
        server.should_exit = True
        thread.join(timeout=15)


def _pictures(args: argparse.Namespace) -> int:
    wanted = set(args.alleen or [*PICTURES, *QGIS_PICTURES])
    args.out.mkdir(parents=True, exist_ok=True)
    settings = get_settings()
    made: list[Path] = []
    with running_service(settings) as url:
        browser_pictures = [n for n in PICTURES if n in wanted]
        if browser_pictures:
            try:
                from playwright.sync_api import sync_playwright
            except ImportError as exc:
                raise BuurtkaartError("playwright ontbreekt: installeer de ontwikkelpakketten "
                                      "(pip install -e '.[dev]', scripts/setup.sh).") from exc
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                try:
                    for name in browser_pictures:
                        made.append(PICTURES[name](browser, url, args.out / f"{name}.png"))
                        print(made[-1])
                finally:
                    browser.close()
        if "qgis-ogc" in wanted:
            from spatial_service.commands.plugin import start_qgis

            start_qgis()
            ogc_map(url, args.out / "qgis-ogc.png")
            made.append(args.out / "qgis-ogc.png")
            print(made[-1])
    print(f"{len(made)} afbeelding(en) in {args.out}")
    return 0
