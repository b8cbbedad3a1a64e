"""The SMTP side of the sender: the settings (BUURTKAART_SMTP_*, the password from a file) and one session that
sends many messages over one connection and reconnects when the server dropped it."""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import parseaddr
from pathlib import Path

from spatial_service.errors import BuurtkaartError
from spatial_service.settings import Settings

TLS_MODES = ("geen", "starttls", "tls")
TIMEOUT_S = 30.0


class MailServerDown(Exception):
    """The mail server cannot be reached or broke off: every mail would fail now, so the run stops."""


class MailRefused(Exception):
    """The server refused this one mail (a recipient, the content): the others may still go. `permanent`: a 5xx
    answer, which another try will not change."""

    def __init__(self, message: str, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    tls: str
    sender: str
    user: str
    password: str

    @classmethod
    def from_settings(cls, settings: Settings) -> SmtpConfig | None:
        """None when no mail server is configured (BUURTKAART_SMTP_HOST empty): the mails wait in the outbox."""
        if not settings.smtp_host:
            return None
        tls = settings.smtp_tls.strip().lower()
        if tls not in TLS_MODES:
            raise BuurtkaartError(f"BUURTKAART_SMTP_TLS is \"{settings.smtp_tls}\": kies geen, starttls of tls.")
        sender = settings.smtp_afzender.strip()
        if not sender or "@" not in parseaddr(sender)[1] or any(c in sender for c in "\r\n"):
            raise BuurtkaartError("BUURTKAART_SMTP_AFZENDER is leeg of geen e-mailadres: geef het adres waarvan de "
                                  "mails komen, bv. \"Gemeente Hilversum <buurten@hilversum.nl>\".")
        password = ""
        if settings.smtp_wachtwoord_bestand:
            path = Path(settings.smtp_wachtwoord_bestand)
            try:
                password = path.read_text(encoding="utf-8").rstrip("\r\n")
            except OSError as exc:
                raise BuurtkaartError(f"Het wachtwoordbestand van de mailserver ({path}) is niet te lezen: "
                                      f"{exc.strerror or exc}.") from exc
        if password and not settings.smtp_gebruiker:
            raise BuurtkaartError("Er is een wachtwoordbestand voor de mailserver maar geen BUURTKAART_SMTP_GEBRUIKER.")
        return cls(settings.smtp_host, settings.smtp_port, tls, sender, settings.smtp_gebruiker, password)

    def describe(self) -> str:
        return f"{self.host}:{self.port} ({'zonder TLS' if self.tls == 'geen' else self.tls})"


class SmtpSession:
    """One connection, opened at the first message and reused; `close()` ends it."""

    def __init__(self, config: SmtpConfig) -> None:
        self.config = config
        self._smtp: smtplib.SMTP | None = None

    def _open(self) -> smtplib.SMTP:
        c = self.config
        try:
            if c.tls == "tls":
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(c.host, c.port, timeout=TIMEOUT_S,
                                                      context=ssl.create_default_context())
            else:
                smtp = smtplib.SMTP(c.host, c.port, timeout=TIMEOUT_S)
                if c.tls == "starttls":
                    smtp.starttls(context=ssl.create_default_context())
            if c.user:
                smtp.login(c.user, c.password)
        except smtplib.SMTPAuthenticationError as exc:
            raise MailServerDown(f"de mailserver {c.describe()} weigert de aanmelding als {c.user}: "
                                 f"{_reply(exc)}") from exc
        except (OSError, smtplib.SMTPException) as exc:
            raise MailServerDown(f"de mailserver {c.describe()} is niet bereikbaar: {_reply(exc)}") from exc
        return smtp

    def send(self, message: EmailMessage) -> None:
        for attempt in (1, 2):
            if self._smtp is None:
                self._smtp = self._open()
            try:
                self._smtp.send_message(message)
                return
            except smtplib.SMTPServerDisconnected as exc:
                # a connection kept open between runs may have timed out at the server: one fresh try
                self._smtp = None
                if attempt == 2:
                    raise MailServerDown(f"de mailserver {self.config.describe()} verbrak de verbinding") from exc
            except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as exc:
                raise MailRefused(f"de mailserver weigerde de mail: {_reply(exc)}", _permanent(exc)) from exc
            except (OSError, smtplib.SMTPException) as exc:
                self.close()
                raise MailServerDown(f"verzenden via {self.config.describe()} mislukt: {_reply(exc)}") from exc

    def close(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is not None:
            try:
                smtp.quit()
            except (OSError, smtplib.SMTPException):
                smtp.close()


def _permanent(exc: smtplib.SMTPException) -> bool:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in exc.recipients.values())
    return isinstance(exc, smtplib.SMTPResponseException) and exc.smtp_code >= 500


def _reply(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "; ".join(f"{rcpt}: {code} {msg.decode(errors='replace')}" for rcpt, (code, msg) in
                         exc.recipients.items())
    if isinstance(exc, smtplib.SMTPResponseException):
        error = exc.smtp_error
        return f"{exc.smtp_code} {error.decode(errors='replace') if isinstance(error, bytes) else error}"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__
