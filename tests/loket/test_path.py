"""A resident's whole path, in real Chromium at 1280 and 360 px, keyboard only and with a mouse, on a real PostGIS,
a real SMTP server (aiosmtpd) and a headless QGIS 3.22: submit on /indienen, receive the confirmation mail, confirm
(the link's page has a button), get the follow link; GIS staff see the new initiative in a QGIS layer of the same
database; a status change by staff (SQL as the editor role) sends a mail; its link shows the new step.

Mails leave the outbox through `buurtkaart mail verzenden`, run as an operator (or cron) runs it."""

from __future__ import annotations

import itertools
import re
import subprocess
from collections.abc import Iterator

import psycopg
import pytest
from qgis.core import QgsDataSourceUri, QgsVectorLayer, QgsWkbTypes

from tests.loket.resident import (
    Submission,
    fill_by_keyboard,
    fill_by_mouse,
    submit_by_keyboard,
    submit_by_mouse,
    tab_to,
)
from tests.mailserver import SmtpServer
from tests.service.test_cli import cli_env
from tests.viewer.browser import axe_violations
from tests.viewer.conftest import BUURTKAART

_addresses = (f"192.0.2.{n}" for n in itertools.count(20))
TOKEN_LINK = r"{base}/(?:g/GM[0-9]{{4}}/)?{route}/[A-Za-z0-9_-]+"


@pytest.fixture(scope="module")
def mailbox() -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


def deliver(db, mailbox: SmtpServer, site) -> None:
    """The outbox sent to the SMTP server by the operator's command; the links point at the live service."""
    env = {**cli_env(db), "BUURTKAART_SMTP_HOST": mailbox.host, "BUURTKAART_SMTP_PORT": str(mailbox.port),
           "BUURTKAART_SMTP_AFZENDER": "virtuele-stad@gemeente.example", "BUURTKAART_PUBLIEKE_URL": site.url}
    done = subprocess.run([BUURTKAART, "mail", "verzenden"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def link_in(mail, site, route: str) -> str:
    """The link of `route` in the plain text, the same one in the HTML."""
    pattern = TOKEN_LINK.format(base=re.escape(site.url), route=route)
    found = re.search(pattern, mail.text)
    assert found, mail.text
    assert found[0] in mail.html
    return found[0]


def qgis_layer(db, geometry: str, title: str) -> QgsVectorLayer:
    """What GIS staff load: buurt.initiatief through the postgres provider, as their own login."""
    uri = QgsDataSourceUri(db.editor_dsn)
    uri.setDataSource("buurt", "initiatief", "geom", f"\"titel\" = '{title}'", "id")
    uri.setWkbType(QgsWkbTypes.parseType(geometry))
    uri.setSrid("28992")
    return QgsVectorLayer(uri.uri(False), "initiatieven", "postgres")


def press_or_click(page, element_id: str, keyboard: bool) -> None:
    with page.expect_navigation():
        if keyboard:
            page.evaluate("document.activeElement && document.activeElement.blur()")
            tab_to(page, element_id)
            page.keyboard.press("Enter")
        else:
            page.click(f"#{element_id}")


@pytest.mark.parametrize("way", ["toetsenbord", "muis"])
@pytest.mark.parametrize("width", [1280, 360])
def test_the_residents_whole_path(qgis_app, browser, site, site_db, mailbox, width, way):
    keyboard = way == "toetsenbord"
    s = Submission(titel=f"Picknicktafel {way} {width}", omschrijving="Wij zetten hem neer en houden hem schoon.",
                   thema_naam="Ontmoeten", buurt_naam="Centrum", naam=f"Dana {way} {width}",
                   email=f"{way}{width}@voorbeeld.nl")
    page = browser.new_page(viewport={"width": width, "height": 860})
    page.set_extra_http_headers({"X-Forwarded-For": next(_addresses)})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    layer = None
    try:
        page.goto(f"{site.url}/indienen")
        drawn = fill_by_keyboard(page, s) if keyboard else fill_by_mouse(page, s)
        (submit_by_keyboard if keyboard else submit_by_mouse)(page)
        assert page.inner_text("h1") == "Kijk in uw mail"

        deliver(site_db, mailbox, site)
        [confirmation] = mailbox.wait_for(1, address=s.email)
        page.goto(link_in(confirmation, site, "bevestig"))  # the resident clicks the link in the mail
        assert page.inner_text("h1") == "Initiatief bevestigen"
        with psycopg.connect(site_db.admin_dsn) as conn:  # the page itself confirmed nothing
            assert not conn.execute("SELECT 1 FROM buurt.initiatief WHERE titel = %s", (s.titel,)).fetchall()
        press_or_click(page, "bevestigen", keyboard)
        assert "uw initiatief is binnen" in page.inner_text("h1")
        press_or_click(page, "volglink", keyboard)
        story = page.inner_text("main")
        assert s.titel in story and "Initiatief binnen" in story and "Nog niet openbaar" in story
        assert s.naam not in page.content() and s.email not in page.content()

        # GIS staff, in QGIS: the new initiative in the layer of the same database
        geometry = "Point" if drawn["type"] == "Point" else "MultiPolygon"
        layer = qgis_layer(site_db, geometry, s.titel)
        assert layer.isValid(), layer.dataProvider().error().message()
        features = list(layer.getFeatures())
        assert len(features) == 1
        f = features[0]
        assert (f["status"], f["gepubliceerd"], f["indiener_email"]) == ("initiatief_binnen", False, s.email)
        # the buurt derived as for every initiative: the chosen one for the keyboard's point in it
        assert f["buurtcode"] == "BU04020101" if keyboard else str(f["buurtcode"]).startswith("BU0402")
        assert f.geometry().wkbType() == QgsWkbTypes.parseType(geometry)
        ident = f["id"]

        # a status change by staff (as GIS staff's own role), then its mail and the follow link's new step
        with psycopg.connect(site_db.editor_dsn) as conn:
            conn.execute("UPDATE buurt.initiatief SET status = 'check_intern' WHERE id = %s", (ident,))
        deliver(site_db, mailbox, site)
        mails = mailbox.wait_for(3, address=s.email)
        news = [m for m in mails if m is not confirmation and "Check intern" in m.text]
        assert len(news) == 1, [m.subject for m in mails]
        page.goto(link_in(news[0], site, "volg"))
        assert "Check intern (wijkteam)" in page.inner_text(".stap-nu")
        steps = page.inner_text(".verloop")
        assert steps.index("Initiatief binnen") < steps.index("Check intern")
        assert axe_violations(page) == []
        assert not errors, errors
    finally:
        layer = None
        page.close()
