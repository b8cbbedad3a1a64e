"""The viewer takes what it draws from data: a theme's shape from buurt_vl.thema.vorm, its layers by the role the
style gives them (their publiek view), not by catalogue id. Each test runs its own server and Chromium (Playwright's
sync API allows one at a time per thread, so not beside test_viewer.py's module page)."""

from __future__ import annotations

from tests.service.test_viewer import click_feature, rendered
from tests.viewer.browser import viewer_in_chromium


def test_a_themes_shape_is_its_vorm_not_its_place_in_the_list(fresh_db):
    """buurt_vl.thema.vorm (through publiek.thema) gives the symbol's shape: change the first theme's shape to a
    star and the legend says so, while the second keeps its own."""
    import psycopg

    from tests.service.conftest import serving

    with psycopg.connect(fresh_db.admin_dsn) as conn:
        (first, first_name), (_, second_name, second_shape) = (
            conn.execute("SELECT code, naam FROM buurt_vl.thema ORDER BY volgorde LIMIT 1").fetchone(),
            conn.execute("SELECT code, naam, vorm FROM buurt_vl.thema ORDER BY volgorde OFFSET 1 LIMIT 1")
            .fetchone())
        conn.execute("UPDATE buurt_vl.thema SET vorm = 'ster' WHERE code = %s", (first,))
    with serving(fresh_db) as running, viewer_in_chromium(running.url + "/") as viewer:
        legend = viewer.page.inner_text("#legenda")
    assert f"{first_name} (ster)" in legend
    assert f"{second_name} ({second_shape})" in legend


def test_the_viewer_finds_its_layers_by_role_not_by_catalogue_id(demo_db):
    """Rename the deal, initiative, buurt and wijk layers in the catalogue: the style draws them from their publiek
    view, the viewer finds them by the role in the style's metadata (deal symbols, a click opens the deal) and the
    buurtmonitor its boundary layers."""
    import dataclasses
    import threading
    import time

    import httpx
    import uvicorn

    from spatial_service.catalogue import load
    from spatial_service.web.app import create_app
    from tests.service.conftest import free_port

    renamed = {"buurtdeals": "deals", "initiatieven": "ideeen", "buurten": "bu", "wijken": "wk"}
    cat = load()
    cat = dataclasses.replace(cat, public=tuple(dataclasses.replace(layer, id=renamed.get(layer.id, layer.id))
                                                for layer in cat.public))
    settings = dataclasses.replace(demo_db.settings, dbname=demo_db.name)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings, catalogue=cat), host="127.0.0.1", port=port,
                                           log_level="warning", access_log=False, lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        with viewer_in_chromium(url + "/") as viewer:
            pg = viewer.page
            assert pg.evaluate("window.buurtkaart.lagen") == {
                "overzicht": "gemeenten", "wijk": "wk", "buurt": "bu", "initiatief": "ideeen", "buurtdeal": "deals"}
            kinds = pg.evaluate("""(ids) => Object.fromEntries(ids.map(id => [id,
                                     window.buurtkaartMap.getLayer(id)?.type ?? null]))""",
                                ["deals-punt", "deals-symbool", "ideeen-punt", "bu-vlak", "buurtdeals-punt"])
            assert kinds == {"deals-punt": "symbol", "deals-symbool": "symbol", "ideeen-punt": "symbol",
                             "bu-vlak": "fill", "buurtdeals-punt": None}
            assert len(rendered(pg, "deals")) >= 20
            props = click_feature(pg, ["deals-punt"], "deals")
            pg.wait_for_selector("#details:not([hidden])")
            assert props["titel"] in pg.inner_text("#details")
            pg.wait_for_function("() => window.buurtmonitorKlaar === true", timeout=30_000)
            assert pg.evaluate("window.buurtkaartMap.getStyle().sources.monitor.url").endswith("/tiles/wk,bu.json")
    finally:
        server.should_exit = True
        thread.join(timeout=15)
