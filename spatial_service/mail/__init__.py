"""The outbox sender (issue 21): mails the database queued in buurt_loket.uitgaand (layers/app/047_loket.sql) go out
over SMTP, rendered in Dutch as plain text and HTML.

`smtp.py` (the settings BUURTKAART_SMTP_* and one SMTP session), `render.py` (subject, text and HTML per kind of
mail, with the links), `sender.py` (take a due mail with FOR UPDATE SKIP LOCKED, send, mark; retries with back-off
are the database's: buurt_app.mail_mislukt). It runs as `buurtkaart mail verzenden [--doorlopend]` and inside
`buurtkaart serve`. Several senders at once are safe: each mail is locked by the one that sends it.
"""
