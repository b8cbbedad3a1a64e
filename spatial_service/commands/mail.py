"""buurtkaart mail verzenden [--doorlopend]: deliver the outbox of the residents' pages (spatial_service/mail/).

Once: send every mail that is due and say how many went, failed and still wait. `--doorlopend`: keep sending until
stopped (SIGTERM/SIGINT), woken by NOTIFY buurtkaart_mail; `buurtkaart serve` runs the same loop itself.
"""

from __future__ import annotations

import argparse
import logging
import signal
import threading

from spatial_service.db.connection import connect
from spatial_service.mail.sender import Sender
from spatial_service.settings import get_settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("mail", help="uitgaande mail van de bewonerspagina's")
    msub = p.add_subparsers(dest="mail_command", metavar="ACTIE", required=True)
    s = msub.add_parser("verzenden", help="verstuur de mails die klaarstaan (instellingen BUURTKAART_SMTP_*)")
    s.add_argument("--doorlopend", action="store_true",
                   help="blijf verzenden tot het proces wordt gestopt (zoals buurtkaart serve dat zelf doet)")
    s.add_argument("--dsn", help="verbinding (standaard BUURTKAART_POST_DSN of de lokale cluster als "
                                 "buurtkaart_postbode)")
    s.set_defaults(func=_verzenden)


def _verzenden(args: argparse.Namespace) -> int:
    settings = get_settings()
    sender = Sender(settings, args.dsn)
    if args.doorlopend:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        where = sender.config.describe() if sender.config else "geen mailserver ingesteld"
        print(f"Mailverzender gestart ({where}); stoppen met Ctrl-C.", flush=True)
        sender.run_forever(stop)
        return 0
    with connect(sender.dsn, autocommit=True) as conn:
        if sender.config is None:
            waiting = sender.queue(conn).waiting
            print(f"Geen mailserver ingesteld (BUURTKAART_SMTP_HOST is leeg): er is niets verstuurd; {waiting} "
                  "mail(s) wachten in de uitgaande post.")
            return 0
        outcome = sender.run_once(conn)
        queue = sender.queue(conn)
    print(f"{outcome.sent} mail(s) verzonden, {outcome.failed} mislukt; {queue.waiting} wachten nog"
          + (f", {queue.given_up} opgegeven na te veel pogingen" if queue.given_up else "") + ".")
    if outcome.server_down:
        print(f"Gestopt: {outcome.server_down}. De mails worden later opnieuw geprobeerd.")
        return 1
    return 0
