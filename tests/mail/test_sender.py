"""The outbox sender against a real SMTP server on loopback (aiosmtpd) and a real database: what a resident
receives, that a rolled-back change sends nothing, that a mail survives the mail server being down and arrives
exactly once, and that several senders at once send each mail once."""

from __future__ import annotations

import dataclasses
import logging
import os
import re
import subprocess
import sys
import threading
import time

import psycopg
import pytest

from spatial_service.errors import BuurtkaartError
from spatial_service.mail.sender import Sender
from spatial_service.mail.smtp import SmtpConfig
from spatial_service.settings import get_settings
from tests.db.loket_helpers import admin_execute, confirmed_initiative, loket, outbox, submit

PUBLIC = "https://buurtkaart.voorbeeld.nl"
LINK = re.compile(re.escape(PUBLIC) + r"(/g/GM\d{4})?/(bevestig|volg|steun/bevestig)/([A-Za-z0-9_-]{32})")


@pytest.fixture
def db(loket_db):
    # retries in the tests come after a fraction of a second instead of half a minute
    admin_execute(loket_db, "UPDATE buurt_sys.instelling SET waarde = '0.3' WHERE sleutel = 'mail_herhaal_na_s'")
    return loket_db


def mail_settings(server, **changes):
    values = {"smtp_host": server.host, "smtp_port": server.port, "smtp_afzender": "Gemeente <buurten@voorbeeld.nl>",
              "publieke_url_instelling": PUBLIC}
    values.update(changes)
    return dataclasses.replace(get_settings(), **values)


def send_once(db, server) -> tuple[int, int]:
    sender = Sender(mail_settings(server), db.post_dsn)
    with psycopg.connect(db.post_dsn, autocommit=True) as conn:
        outcome = sender.run_once(conn)
    return outcome.sent, outcome.failed


def links(text: str) -> list[tuple[str, str, str]]:
    return LINK.findall(text)


def test_the_confirmation_mail_carries_the_link_and_the_token_goes_once_sent(db, smtp_server):
    with loket(db) as conn:
        submit(conn, p_gemeente="GM0402")
    assert send_once(db, smtp_server) == (1, 0)
    (mail,) = smtp_server.wait_for(1)
    assert mail.rcpt_tos == ["anna@voorbeeld.nl"] and mail.subject == "Bevestig uw initiatief: Bankje bij de vijver"
    assert "binnen 48 uur" in mail.text and "Beste bewoner" in mail.text
    ((prefix, route, token),) = links(mail.text)
    assert (prefix, route) == ("/g/GM0402", "bevestig")
    assert f'href="{PUBLIC}/g/GM0402/bevestig/{token}"' in mail.html and '<html lang="nl">' in mail.html
    (row,) = outbox(db)
    assert row["token"] is None and row["verzonden_op"] is not None
    assert send_once(db, smtp_server) == (0, 0)
    # the link in the mail confirms
    with loket(db) as conn:
        ini, _, _ = conn.execute("SELECT * FROM loket.bevestigen(%s)", (token,)).fetchone()
    assert admin_execute(db, "SELECT oorsprong FROM buurt.initiatief WHERE id = %s", (ini,)) == [("web",)]


def test_a_resident_hears_every_step_and_nothing_of_a_rolled_back_one(db, smtp_server):
    with loket(db) as conn:
        ini, _ = confirmed_initiative(db, conn)
    assert send_once(db, smtp_server) == (2, 0)
    received = smtp_server.wait_for(2)
    assert [m.subject.split(":")[0] for m in received] == ["Bevestig uw initiatief", "Uw initiatief is ontvangen"]
    with psycopg.connect(db.editor_dsn) as editor:
        editor.execute("UPDATE buurt.initiatief SET status = 'check_intern' WHERE id = %s", (ini,))
        editor.rollback()
    assert send_once(db, smtp_server) == (0, 0)
    with psycopg.connect(db.editor_dsn) as editor:
        editor.execute("UPDATE buurt.initiatief SET status = 'check_intern' WHERE id = %s", (ini,))
    assert send_once(db, smtp_server) == (1, 0)
    status = smtp_server.wait_for(3)[-1]
    assert status.subject == "Nieuwe stap voor uw initiatief: Bankje bij de vijver"
    assert '"Initiatief binnen" naar "Check intern (wijkteam)"' in status.text
    assert "&quot;Check intern (wijkteam)&quot;" in status.html
    ((prefix, route, token),) = links(status.text)
    assert (prefix, route) == ("/g/GM0402", "volg")
    with loket(db) as conn:
        assert conn.execute("SELECT loket.volgen(%s) ->> 'status'", (token,)).fetchone()[0] == "check_intern"


def test_mail_server_down_then_up_the_mail_arrives_exactly_once(db, smtp_server):
    smtp_server.stop()
    stop = threading.Event()
    sender = Sender(mail_settings(smtp_server), db.post_dsn)
    thread = threading.Thread(target=sender.run_forever, args=(stop,))
    thread.start()
    try:
        with loket(db) as conn:
            submit(conn)
        deadline = time.monotonic() + 10
        while admin_execute(db, "SELECT max(pogingen) FROM buurt_loket.uitgaand")[0][0] in (None, 0):
            assert time.monotonic() < deadline, "de verzender probeerde het niet"
            time.sleep(0.05)
        ((pogingen, fout, verzonden),) = admin_execute(
            db, "SELECT pogingen, laatste_fout, verzonden_op FROM buurt_loket.uitgaand")
        assert pogingen >= 1 and "niet bereikbaar" in fout and verzonden is None
        smtp_server.start()
        smtp_server.wait_for(1, timeout=20)
        time.sleep(1.5)  # more retries would have come by now
    finally:
        stop.set()
        thread.join(timeout=10)
    assert len(smtp_server.messages) == 1
    assert admin_execute(db, "SELECT count(*) FROM buurt_loket.uitgaand WHERE verzonden_op IS NOT NULL") == [(1,)]


def test_a_queued_mail_wakes_the_sender_at_once(db, smtp_server):
    """The running sender sleeps up to a minute between looks: only NOTIFY brings a mail within seconds."""
    stop = threading.Event()
    thread = threading.Thread(target=Sender(mail_settings(smtp_server), db.post_dsn).run_forever, args=(stop,))
    thread.start()
    try:
        time.sleep(0.5)  # the sender has looked and found nothing
        with loket(db) as conn:
            submit(conn)
        start = time.monotonic()
        smtp_server.wait_for(1, timeout=10)
        assert time.monotonic() - start < 10
    finally:
        stop.set()
        thread.join(timeout=10)


def test_two_senders_at_once_send_each_mail_once(db, smtp_server):
    admin_execute(db, "INSERT INTO buurt_loket.uitgaand (soort, aan, gegevens, token) "
                      "SELECT 'steun_bevestigen', 'steun' || g || '@voorbeeld.nl', '{\"titel\": \"Proef\"}', "
                      "buurt_app.loket_token() FROM generate_series(1, 150) g")
    outcomes: list[tuple[int, int]] = []
    barrier = threading.Barrier(3)

    def one() -> None:
        barrier.wait()
        outcomes.append(send_once(db, smtp_server))

    threads = [threading.Thread(target=one) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    received = smtp_server.wait_for(150)
    time.sleep(0.5)
    assert len(smtp_server.messages) == 150
    assert sorted(r for m in smtp_server.messages for r in m.rcpt_tos) == sorted(
        f"steun{g}@voorbeeld.nl" for g in range(1, 151))
    assert sum(s for s, _ in outcomes) == 150 and all(f == 0 for _, f in outcomes)
    assert len({links(m.text)[0][2] for m in received}) == 150


def test_a_mail_that_fails_alone_does_not_hold_up_the_others(db, smtp_server):
    # a mail the renderer cannot write (no token) fails alone; the next one goes
    admin_execute(db, "INSERT INTO buurt_loket.uitgaand (soort, aan, gegevens, token) VALUES "
                      "('steun_bevestigen', 'zonder@voorbeeld.nl', '{}', NULL), "
                      "('steun_bevestigen', 'met@voorbeeld.nl', '{\"titel\": \"T\"}', 'tok')")
    assert send_once(db, smtp_server) == (1, 1)
    assert [m.rcpt_tos for m in smtp_server.wait_for(1)] == [["met@voorbeeld.nl"]]
    ((fout,),) = admin_execute(db, "SELECT laatste_fout FROM buurt_loket.uitgaand WHERE aan = 'zonder@voorbeeld.nl'")
    assert "zonder link-token" in fout


def test_a_recipient_refused_for_good_is_not_tried_again(db, smtp_server):
    admin_execute(db, "INSERT INTO buurt_loket.uitgaand (soort, aan, gegevens, token) VALUES "
                      "('steun_bevestigen', 'weiger@voorbeeld.nl', '{\"titel\": \"T\"}', 'tok1'), "
                      "('steun_bevestigen', 'wel@voorbeeld.nl', '{\"titel\": \"T\"}', 'tok2')")
    assert send_once(db, smtp_server) == (1, 1)
    assert [m.rcpt_tos for m in smtp_server.wait_for(1)] == [["wel@voorbeeld.nl"]]
    ((fout,),) = admin_execute(db, "SELECT laatste_fout FROM buurt_loket.uitgaand WHERE aan = 'weiger@voorbeeld.nl'")
    assert "550" in fout and "Onbekende ontvanger" in fout
    time.sleep(0.5)  # past the retry time of a passing failure
    assert send_once(db, smtp_server) == (0, 0)
    with psycopg.connect(db.post_dsn, autocommit=True) as conn:
        assert conn.execute("SELECT wachtend, opgegeven FROM buurt_app.mail_wachtrij()").fetchone() == (0, 1)


def test_without_a_mail_server_the_mails_wait_and_the_sender_says_so(db, smtp_server, caplog):
    with loket(db) as conn:
        submit(conn)
    sender = Sender(mail_settings(smtp_server, smtp_host=""), db.post_dsn)
    with caplog.at_level(logging.WARNING, "buurtkaart.mail"), psycopg.connect(db.post_dsn, autocommit=True) as conn:
        assert sender.run_once(conn).sent == 0
        sender.run_once(conn)
    said = [r.getMessage() for r in caplog.records if "Geen mailserver ingesteld" in r.getMessage()]
    assert len(said) == 1 and "1 mail(s) wachten" in said[0]
    assert smtp_server.messages == [] and outbox(db)[0]["verzonden_op"] is None


def test_the_cli_sends_and_counts(db, smtp_server):
    with loket(db) as conn:
        submit(conn)
        submit(conn, p_email="bert@voorbeeld.nl")
    env = {**os.environ, "BUURTKAART_SMTP_HOST": smtp_server.host, "BUURTKAART_SMTP_PORT": str(smtp_server.port),
           "BUURTKAART_SMTP_AFZENDER": "buurten@voorbeeld.nl", "BUURTKAART_POST_DSN": db.post_dsn}
    result = subprocess.run([sys.executable, "-m", "spatial_service.cli", "mail", "verzenden"], capture_output=True,
                            text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    assert "2 mail(s) verzonden, 0 mislukt; 0 wachten nog." in result.stdout
    assert len(smtp_server.wait_for(2)) == 2
    smtp_server.stop()
    with loket(db) as conn:
        submit(conn)
    result = subprocess.run([sys.executable, "-m", "spatial_service.cli", "mail", "verzenden"], capture_output=True,
                            text=True, timeout=120, env=env)
    assert result.returncode == 1 and "0 mail(s) verzonden, 1 mislukt; 1 wachten nog." in result.stdout
    assert "niet bereikbaar" in result.stdout and "Traceback" not in result.stderr


@pytest.mark.parametrize(("changes", "words"), [
    ({"smtp_tls": "ssl"}, "kies geen, starttls of tls"),
    ({"smtp_afzender": ""}, "BUURTKAART_SMTP_AFZENDER is leeg"),
    ({"smtp_gebruiker": "post", "smtp_wachtwoord_bestand": "/bestaat/niet"}, "niet te lezen"),
])
def test_wrong_mail_settings_are_refused_in_dutch(smtp_server, changes, words):
    with pytest.raises(BuurtkaartError) as info:
        SmtpConfig.from_settings(mail_settings(smtp_server, **changes))
    assert words in str(info.value)


def test_the_password_comes_from_its_file(smtp_server, tmp_path):
    secret = tmp_path / "wachtwoord"
    secret.write_text("geheim wachtwoord\n")
    config = SmtpConfig.from_settings(mail_settings(smtp_server, smtp_gebruiker="post",
                                                    smtp_wachtwoord_bestand=str(secret)))
    assert config.password == "geheim wachtwoord" and "geheim" not in config.describe()


def test_an_unreachable_database_is_told_and_tried_again(pg_settings, smtp_server, caplog):
    bad = f"host={pg_settings.socket_dir} port={pg_settings.port} dbname=bestaat_niet user=buurtkaart_postbode"
    stop = threading.Event()
    thread = threading.Thread(target=Sender(mail_settings(smtp_server), bad).run_forever, args=(stop,))
    with caplog.at_level(logging.WARNING, "buurtkaart.mail"):
        thread.start()
        time.sleep(0.5)
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()
    said = [r for r in caplog.records if "database niet bereikbaar" in r.getMessage()]
    assert said and not any(r.exc_info for r in said)
    assert "Kan geen verbinding maken met de database" in said[0].getMessage()
