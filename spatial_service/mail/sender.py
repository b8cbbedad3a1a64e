"""Deliver the outbox: take the next due mail (locked FOR UPDATE SKIP LOCKED by buurt_app.mail_volgende, so two
senders never take the same one), send it, mark it sent (the database erases its link token) or failed (the
database sets the next try, with back-off), commit; one mail per transaction, so a crash sends at most the mail
in hand again. `run_forever` waits for NOTIFY buurtkaart_mail (sent at the commit that queued a mail) or for the
next retry, whichever comes first."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from datetime import datetime

import psycopg

from spatial_service.db.connection import connect
from spatial_service.errors import BuurtkaartError
from spatial_service.mail.render import compose, message
from spatial_service.mail.smtp import MailRefused, MailServerDown, SmtpConfig, SmtpSession
from spatial_service.settings import Settings

log = logging.getLogger("buurtkaart.mail")

CHANNEL = "buurtkaart_mail"
MAX_SLEEP_S = 60.0  # look again at least this often (a missed NOTIFY, a retry that became due)
RECONNECT_S = 5.0


@dataclass
class Outcome:
    sent: int = 0
    failed: int = 0
    server_down: str | None = None  # why the run stopped early


@dataclass(frozen=True)
class Queue:
    waiting: int
    given_up: int
    next_due: datetime | None


class Sender:
    """One sender (role buurtkaart_post). Its connections are in autocommit: each mail is its own transaction."""

    def __init__(self, settings: Settings, dsn: str | None = None, config: SmtpConfig | None = None) -> None:
        self.settings = settings
        self.dsn = dsn or settings.post()
        self.config = config if config is not None else SmtpConfig.from_settings(settings)
        self._told_no_server = False

    def _base(self, pagina: str | None) -> str:
        return self.settings.publieke_url + (f"/g/{pagina}" if pagina else "")

    def queue(self, conn: psycopg.Connection) -> Queue:
        return Queue(*conn.execute("SELECT wachtend, opgegeven, eerstvolgende FROM buurt_app.mail_wachtrij()"
                                   ).fetchone())

    def run_once(self, conn: psycopg.Connection) -> Outcome:
        """Send every mail that is due now; stops early when the mail server is down."""
        outcome = Outcome()
        if self.config is None:
            self._tell_no_server(conn)
            return outcome
        session = SmtpSession(self.config)
        tried: set[int] = set()
        try:
            while True:
                with conn.transaction():
                    row = conn.execute("SELECT id, soort, aan, pagina, gegevens, token FROM buurt_app.mail_volgende()"
                                       ).fetchone()
                    if row is None or row[0] in tried:
                        break  # nothing due, or only what failed in this run and is due again at once
                    mail_id, soort, aan, pagina, gegevens, token = row
                    tried.add(mail_id)
                    try:
                        session.send(message(compose(soort, gegevens, token, self._base(pagina)),
                                             self.config.sender, aan))
                    except (MailRefused, MailServerDown, ValueError) as exc:
                        # a mail that cannot be written, or that the server refused for good, is not tried again
                        final = isinstance(exc, ValueError) or (isinstance(exc, MailRefused) and exc.permanent)
                        conn.execute("SELECT buurt_app.mail_mislukt(%s, %s, %s)", (mail_id, str(exc), final))
                        outcome.failed += 1
                        log.warning("mail %s (%s) niet verzonden: %s", mail_id, soort, exc)
                        if isinstance(exc, MailServerDown):
                            outcome.server_down = str(exc)
                            break
                    else:
                        conn.execute("SELECT buurt_app.mail_verzonden(%s)", (mail_id,))
                        outcome.sent += 1
        finally:
            session.close()
        return outcome

    def _tell_no_server(self, conn: psycopg.Connection) -> None:
        if self._told_no_server:
            return
        waiting = self.queue(conn).waiting
        log.warning("Geen mailserver ingesteld (BUURTKAART_SMTP_HOST is leeg): er wordt geen mail verstuurd; "
                    "%s mail(s) wachten in de uitgaande post.", waiting)
        self._told_no_server = True

    def run_forever(self, stop: threading.Event) -> None:
        """Until `stop` is set: send what is due, then sleep until a NOTIFY, the next retry or MAX_SLEEP_S."""
        while not stop.is_set():
            try:
                with connect(self.dsn, autocommit=True) as listen, connect(self.dsn, autocommit=True) as conn:
                    listen.execute(f"LISTEN {CHANNEL}")
                    while not stop.is_set():
                        outcome = self.run_once(conn)
                        if outcome.sent or outcome.failed:
                            log.info("%s mail(s) verzonden, %s mislukt", outcome.sent, outcome.failed)
                        self._sleep(listen, self._pause(conn), stop)
            except (psycopg.OperationalError, OSError, BuurtkaartError) as exc:
                # connect() says why in Dutch (DatabaseUnavailable); a lost connection is an OperationalError
                log.warning("mailverzender: database niet bereikbaar (%s); nieuwe poging over %s s", exc,
                            RECONNECT_S)
                stop.wait(RECONNECT_S)
            except Exception as exc:  # the sender must not take the service down; it tries again
                log.exception("mailverzender: onverwachte fout (%s); nieuwe poging over %s s", exc, RECONNECT_S)
                stop.wait(RECONNECT_S)

    def _pause(self, conn: psycopg.Connection) -> float:
        if self.config is None:
            return MAX_SLEEP_S
        # measured on the database's clock, which set the retry times
        (seconds,) = conn.execute("SELECT extract(epoch FROM q.eerstvolgende - now())::float8 "
                                  "FROM buurt_app.mail_wachtrij() q").fetchone()
        return MAX_SLEEP_S if seconds is None else min(MAX_SLEEP_S, max(0.05, seconds))

    @staticmethod
    def _sleep(listen: psycopg.Connection, seconds: float, stop: threading.Event) -> None:
        # in short slices, so that a stop request is seen within half a second. Each notifies() generator is run
        # to its end: a suspended one keeps the connection's lock, and the next call would wait for it forever.
        deadline = time.monotonic() + seconds
        while not stop.is_set():
            left = deadline - time.monotonic()
            if left <= 0:
                return
            if list(listen.notifies(timeout=min(0.5, left), stop_after=1)):
                # what else arrived meanwhile: one run sends them all (timeout 0 would mean "wait forever")
                while list(listen.notifies(timeout=0.01)):
                    pass
                return


def start_thread(settings: Settings, dsn: str | None = None) -> tuple[threading.Thread, threading.Event]:
    """The sender in a daemon thread (inside `buurtkaart serve`); set the event to stop it."""
    stop = threading.Event()
    sender = Sender(settings, dsn)
    thread = threading.Thread(target=sender.run_forever, args=(stop,), name="buurtkaart-mail", daemon=True)
    thread.start()
    return thread, stop
