"""`buurtkaart serve` runs the mail sender itself (one per service, in the supervisor, whatever --workers says):
a mail queued while it runs reaches the SMTP server within seconds, exactly once."""

from __future__ import annotations

import time

import pytest

from tests.db.loket_helpers import admin_execute, loket, submit
from tests.service.processes import serve


@pytest.fixture
def db(loket_db):
    return loket_db


def test_serve_sends_the_outbox(db, smtp_server, tmp_path, monkeypatch):
    monkeypatch.setenv("BUURTKAART_SMTP_HOST", smtp_server.host)
    monkeypatch.setenv("BUURTKAART_SMTP_PORT", str(smtp_server.port))
    monkeypatch.setenv("BUURTKAART_SMTP_AFZENDER", "buurten@voorbeeld.nl")
    monkeypatch.setenv("BUURTKAART_PUBLIEKE_URL", "https://buurtkaart.voorbeeld.nl/")
    with serve(db, tmp_path, workers=2, ogc_workers=0):
        with loket(db) as conn:
            submit(conn)
        (mail,) = smtp_server.wait_for(1, timeout=20)
        assert "https://buurtkaart.voorbeeld.nl/bevestig/" in mail.text
        time.sleep(1.0)
    assert len(smtp_server.messages) == 1
    assert admin_execute(db, "SELECT count(*) FROM buurt_loket.uitgaand WHERE verzonden_op IS NOT NULL "
                             "AND aan = 'anna@voorbeeld.nl'") == [(1,)]


def test_serve_without_the_sender(db, smtp_server, tmp_path, monkeypatch):
    monkeypatch.setenv("BUURTKAART_SMTP_HOST", smtp_server.host)
    monkeypatch.setenv("BUURTKAART_SMTP_PORT", str(smtp_server.port))
    monkeypatch.setenv("BUURTKAART_SMTP_AFZENDER", "buurten@voorbeeld.nl")
    with serve(db, tmp_path, "--geen-mail", workers=1, ogc_workers=0):
        with loket(db) as conn:
            submit(conn)
        time.sleep(2.0)
    assert smtp_server.messages == []
