"""What residents left on the website in the demo (issue 21): a submission waiting for its confirmation and
confirmed supports for a few published initiatives, through the same door the web pages use (schema loket). No
new initiative: the demo's counts stay as they were. Its mails count as sent (a demo database with a mail server
configured must not mail example.org); the privacy tests look for these private values in every public output."""

from __future__ import annotations

import psycopg

PENDING = ("Moestuin achter de bibliotheek", "Een gezamenlijke moestuin op het grasveld achter de bibliotheek.",
           "openbare_ruimte", "BU04020101", "Pieter Peters", "pieter.peters@example.org")
SUPPORTERS = ("steun.een@example.org", "steun.twee@example.org", "Steun.Een@example.org")  # the third is the first


def add_residents(conn: psycopg.Connection) -> None:
    titel, omschrijving, thema, buurt, naam, email = PENDING
    conn.execute("SELECT loket.indienen(NULL, %s, %s, %s, NULL, %s, %s, %s, true, '203.0.113.5')",
                 (titel, omschrijving, thema, buurt, naam, email))
    published = [r[0] for r in conn.execute("SELECT id FROM publiek.initiatief ORDER BY id LIMIT 2")]
    for ini in published:
        for address in SUPPORTERS:
            conn.execute("SELECT loket.steunen(%s, %s, '203.0.113.6')", (ini, address))
            (token,) = conn.execute("SELECT token FROM buurt_loket.uitgaand ORDER BY id DESC LIMIT 1").fetchone()
            conn.execute("SELECT * FROM loket.steun_bevestigen(%s)", (token,))
    conn.execute("UPDATE buurt_loket.uitgaand SET verzonden_op = now(), token = NULL")
