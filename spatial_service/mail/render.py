"""The Dutch mails, one per kind of buurt_loket.uitgaand: subject, plain text and HTML with the same words.

Links are the service's public address (BUURTKAART_PUBLIEKE_URL) + `/g/<code>` when the mail names a gemeente page
+ the route of the residents' pages with the mail's token. Everything else comes from `gegevens`, which the
database filled when it queued the mail; nothing here decides what a resident is told about, only how it reads.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr
from typing import Any

FOOTER = ("Dit bericht komt van de virtuele stad van de gemeente. Hoe wij met uw gegevens omgaan leest u in de "
          "privacyverklaring:")


@dataclass(frozen=True)
class Mail:
    subject: str
    paragraphs: list[str]  # plain sentences; the link goes after them
    link_text: str
    link: str
    base: str

    def text(self) -> str:
        body = "\n\n".join(self.paragraphs)
        return (f"Beste bewoner,\n\n{body}\n\n{self.link_text}:\n{self.link}\n\n"
                f"-- \n{FOOTER}\n{self.base}/privacy\n")

    def html(self) -> str:
        paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in self.paragraphs)
        link = html.escape(self.link, quote=True)
        privacy = html.escape(f"{self.base}/privacy", quote=True)
        return (f'<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8">'
                f"<title>{html.escape(self.subject)}</title></head>\n<body>\n<p>Beste bewoner,</p>\n{paragraphs}\n"
                f'<p><a href="{link}">{html.escape(self.link_text)}</a></p>\n'
                f'<p>Werkt de knop niet? Kopieer dan dit adres in uw browser: {link}</p>\n'
                f'<hr>\n<p><small>{html.escape(FOOTER)} <a href="{privacy}">privacyverklaring</a></small></p>\n'
                "</body></html>\n")


def _one_line(text: Any) -> str:
    return re.sub(r"\s+", " ", str(text or "")).strip()


def compose(soort: str, gegevens: dict[str, Any], token: str | None, base: str) -> Mail:
    """The mail of one outbox row; `base` is the public address with the gemeente prefix, if any."""
    if not token:
        raise ValueError(f"een mail {soort} zonder link-token kan niet worden opgesteld")
    titel = _one_line(gegevens.get("titel"))
    if soort == "indienen_bevestigen":
        return Mail(f"Bevestig uw initiatief: {titel}",
                    [f"U heeft via de website het initiatief \"{titel}\" ingediend. Bevestig het binnen "
                     f"{gegevens.get('uren', 48)} uur met de link hieronder; pas daarna komt het bij de gemeente "
                     "binnen.",
                     "Heeft u niets ingediend? Dan kunt u deze mail negeren: zonder bevestiging wissen wij de "
                     "gegevens."],
                    "Initiatief bevestigen", f"{base}/bevestig/{token}", base)
    if soort == "ontvangen":
        return Mail(f"Uw initiatief is ontvangen: {titel}",
                    [f"Dank u wel. Uw initiatief \"{titel}\" is bij de gemeente binnengekomen. Het is nog niet "
                     "openbaar: de gemeente bekijkt het eerst.",
                     "Met de persoonlijke link hieronder volgt u wat er met het initiatief gebeurt. Zolang het niet "
                     "gepubliceerd is, kunt u het daar ook intrekken. Bij elke nieuwe stap krijgt u een mail."],
                    "Uw initiatief volgen", f"{base}/volg/{token}", base)
    if soort == "status":
        return Mail(f"Nieuwe stap voor uw initiatief: {titel}",
                    [f"Uw initiatief \"{titel}\" is van \"{_one_line(gegevens.get('status_van_naam'))}\" naar "
                     f"\"{_one_line(gegevens.get('status_naam'))}\" gegaan."],
                    "Bekijk de stappen van uw initiatief", f"{base}/volg/{token}", base)
    if soort == "deal_status":
        deal = _one_line(gegevens.get("deal_titel"))
        if gegevens.get("nieuw"):
            sentence = (f"Bij uw initiatief \"{titel}\" is een buurtdeal gemaakt: \"{deal}\" (status "
                        f"\"{_one_line(gegevens.get('status_naam'))}\"). Daarin staat wat de bewoners en wat de "
                        "gemeente doen.")
        else:
            sentence = (f"De buurtdeal \"{deal}\" bij uw initiatief \"{titel}\" heeft nu de status "
                        f"\"{_one_line(gegevens.get('status_naam'))}\".")
        return Mail(f"Nieuws over de buurtdeal bij uw initiatief: {titel}", [sentence],
                    "Bekijk uw initiatief en de buurtdeal", f"{base}/volg/{token}", base)
    if soort == "steun_bevestigen":
        return Mail(f"Bevestig uw steun voor: {titel}",
                    [f"U wilt het initiatief \"{titel}\" steunen. Bevestig dat binnen {gegevens.get('uren', 48)} "
                     "uur met de link hieronder. Wij tellen één steunbetuiging per e-mailadres.",
                     "Heeft u dit niet gevraagd? Dan kunt u deze mail negeren."],
                    "Steun bevestigen", f"{base}/steun/bevestig/{token}", base)
    raise ValueError(f"onbekende soort mail: {soort}")


def message(mail: Mail, sender: str, to: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = mail.subject
    msg["Date"] = formatdate(localtime=True)
    domain = parseaddr(sender)[1].rpartition("@")[2] or None
    msg["Message-ID"] = make_msgid(domain=domain)
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(mail.text())
    msg.add_alternative(mail.html(), subtype="html")
    return msg
