"""The viewer's ways to the resident's pages: live, "Initiatief indienen" and, on a published initiative's details,
"Ik steun dit" with the count of confirmed supports (publiek.initiatief.steunbetuigingen); on the static site
(`buurtkaart export-site`) the same links to the live service named with --loket, and none without it."""

from __future__ import annotations

import subprocess

import httpx
import psycopg

from tests.service.test_cli import cli_env
from tests.viewer.browser import axe_violations, viewing
from tests.viewer.conftest import BUURTKAART
from tests.viewer.nginx import start_nginx

LIVE_SERVICE = "https://kaart.voorbeeld.nl/g/GM0402/"


def supported_initiative(db) -> tuple[int, str, int]:
    with psycopg.connect(db.public_dsn) as conn:
        return conn.execute("SELECT id, titel, steunbetuigingen FROM publiek.initiatief ORDER BY id LIMIT 1").fetchone()


def details_of(page, ident: int) -> None:
    page.evaluate("(key) => window.buurtkaart.openDetails(key)", f"initiatief:{ident}")
    page.locator("#details .details-initiatief").wait_for()


def test_live_viewer_links_to_submit_and_support(browser, live, demo_db):
    ident, title, count = supported_initiative(demo_db)
    with viewing(browser, live.url + "/") as v:
        page = v.page
        link = page.locator("#indienen-link")
        assert link.is_visible() and link.get_attribute("href") == f"{live.url}/indienen"
        details_of(page, ident)
        text = page.inner_text("#details")
        assert f"Steun via de virtuele stad\n{count} bewoner" in text
        support = page.locator("#details .steunen a")
        assert support.inner_text() == "Ik steun dit" and support.get_attribute("href") == f"{live.url}/steun/{ident}"
        assert axe_violations(page) == []
        with page.expect_navigation():
            support.click()
        assert title in page.inner_text("main") and page.locator("#email").is_visible()


def test_static_site_links_to_the_live_service_only_when_one_is_named(browser, static_host, demo_db, tmp_path):
    ident, _, count = supported_initiative(demo_db)
    with viewing(browser, static_host.url + "/") as v:  # exported without --loket
        page = v.page
        assert page.locator("#indienen").is_hidden()
        details_of(page, ident)
        assert f"{count} bewoner" in page.inner_text("#details")
        assert page.locator("#details .steunen").count() == 0
    site = tmp_path / "site"
    done = subprocess.run([BUURTKAART, "export-site", str(site), "--minzoom", "9", "--maxzoom", "11",
                           "--loket", LIVE_SERVICE.rstrip("/")], env=cli_env(demo_db), capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    assert f'data-loket="{LIVE_SERVICE}"' in (site / "index.html").read_text(encoding="utf-8")
    host = start_nginx(site, tmp_path / "nginx")
    try:
        with viewing(browser, host.url + "/") as v:
            page = v.page
            assert page.locator("#indienen-link").get_attribute("href") == LIVE_SERVICE + "indienen"
            details_of(page, ident)
            assert page.locator("#details .steunen a").get_attribute("href") == f"{LIVE_SERVICE}steun/{ident}"
            assert not v.foreign(), v.foreign()  # a link is not a request: nothing asked of the live service
        assert httpx.get(host.url + "/index.html", timeout=30).status_code == 200
    finally:
        host.stop()
    bad = subprocess.run([BUURTKAART, "export-site", str(tmp_path / "x"), "--loket", "javascript:alert(1)"],
                         env=cli_env(demo_db), capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "geen adres van de live service" in bad.stderr
