"""buurtkaart opschonen: erase what the residents' pages keep longer than the retention settings allow.

buurt_app.loket_opschonen() does it all in one transaction: the name and e-mail of residents whose web-submitted
initiative saw no status change for `loket_bewaartermijn_dagen` (with its follow links and mails), the support
addresses as old, expired submissions and supports that were never confirmed, sent mails older than
`loket_mail_bewaartermijn_dagen`, rate-limit rows older than a day. Idempotent (a second run erases nothing); a
run that erased anything leaves one row in buurt_sys.wijziging with the counts, never the values. Meant for cron or
a systemd timer (docs/deployment.md).
"""

from __future__ import annotations

import argparse

from spatial_service.db.connection import connect
from spatial_service.settings import get_settings

LABELS = {
    "indieners": "naam en e-mailadres van indieners",
    "volglinks": "volglinks",
    "mails_indieners": "mails aan die indieners",
    "steunadressen": "adressen van steunbetuigingen",
    "aanmeldingen": "onbevestigde aanmeldingen",
    "steunaanvragen": "onbevestigde steunaanvragen",
    "mails": "oude mails in de uitgaande post",
    "verzoeken": "tellers van de verzoeklimiet",
}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("opschonen", help="wis persoonsgegevens van de bewonerspagina's na de bewaartermijn "
                                         "(voor cron of een systemd-timer)")
    p.add_argument("--dsn", help="verbinding (standaard BUURTKAART_ADMIN_DSN of de lokale cluster als beheerder)")
    p.set_defaults(func=_opschonen)


def _opschonen(args: argparse.Namespace) -> int:
    with connect(args.dsn or get_settings().admin()) as conn:
        counts = conn.execute("SELECT buurt_app.loket_opschonen()").fetchone()[0]
    erased = {k: v for k, v in counts.items() if v}
    if not erased:
        print("Opschonen: niets te wissen.")
        return 0
    print("Opschonen: gewist (vastgelegd in het wijzigingslogboek, zonder de gegevens zelf):")
    for key, count in erased.items():
        print(f"  {LABELS.get(key, key)}: {count}")
    return 0
