"""`buurtkaart opschonen` (buurt_app.loket_opschonen): after the retention period the resident's name and e-mail,
the support addresses, expired submissions and old mails are gone; a second run erases nothing; the audit log
says what was erased, never the values."""

from __future__ import annotations

import json
import subprocess
import sys

import psycopg
import pytest

from tests.db.loket_helpers import (
    admin_execute,
    confirmed_initiative,
    last_token,
    loket,
    submit,
)


@pytest.fixture
def db(loket_db):
    return loket_db


def dump(db) -> str:
    """Everything the owner can read of the residents' data and the audit log, as one text."""
    return admin_execute(db, """
        SELECT concat_ws(' ', (SELECT string_agg(to_jsonb(i)::text, ' ') FROM buurt.initiatief i),
                         (SELECT string_agg(to_jsonb(w)::text, ' ') FROM buurt_sys.wijziging w),
                         (SELECT string_agg(to_jsonb(u)::text, ' ') FROM buurt_loket.uitgaand u),
                         (SELECT string_agg(to_jsonb(a)::text, ' ') FROM buurt_loket.aanmelding a))""")[0][0]


def test_retention_erases_and_logs_without_values(db):
    with loket(db) as conn:
        old, _ = confirmed_initiative(db, conn, p_email="oud@voorbeeld.nl", p_naam="Olga Oud")
        recent, recent_link = confirmed_initiative(db, conn, p_email="nieuw@voorbeeld.nl", p_naam="Niels Nieuw")
        submit(conn, p_email="nooit@voorbeeld.nl", p_naam="Nora Nooit")  # never confirmed
        admin_execute(db, "UPDATE buurt.initiatief SET gepubliceerd = true WHERE id = %s", (old,))
        conn.execute("SELECT loket.steunen(%s, 'steun@voorbeeld.nl', '192.0.2.30')", (old,))
        conn.execute("SELECT * FROM loket.steun_bevestigen(%s)", (last_token(db, "steun_bevestigen"),))
    # time passes: the old initiative's last step and its support are 400 days old, the submission expired
    admin_execute(db, "UPDATE buurt.statusverloop SET op = now() - interval '400 days' WHERE initiatief_id = %s",
                  (old,))
    admin_execute(db, "UPDATE buurt_loket.steun SET bevestigd_op = now() - interval '400 days'")
    admin_execute(db, "UPDATE buurt_loket.aanmelding SET aangemaakt_op = now() - interval '3 days', "
                      "verloopt_op = now() - interval '1 day'")
    admin_execute(db, "UPDATE buurt_loket.uitgaand SET verzonden_op = now() - interval '40 days', token = NULL "
                      "WHERE aan = 'nieuw@voorbeeld.nl' AND soort = 'indienen_bevestigen'")
    assert "Olga Oud" in dump(db)

    result = subprocess.run([sys.executable, "-m", "spatial_service.cli", "opschonen", "--dsn", db.admin_dsn],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "naam en e-mailadres van indieners: 1" in result.stdout
    assert "onbevestigde aanmeldingen: 1" in result.stdout

    text = dump(db)
    for value in ("Olga Oud", "oud@voorbeeld.nl", "Nora Nooit", "nooit@voorbeeld.nl", "steun@voorbeeld.nl"):
        assert value not in text
    assert admin_execute(db, "SELECT indiener_naam, indiener_email FROM buurt.initiatief WHERE id = %s",
                         (recent,)) == [("Niels Nieuw", "nieuw@voorbeeld.nl")]
    assert admin_execute(db, "SELECT count(*) FROM buurt_loket.steun WHERE adres_hash IS NOT NULL") == [(0,)]
    assert admin_execute(db, "SELECT steunbetuigingen FROM publiek.initiatief WHERE id = %s", (old,)) == [(1,)]
    assert admin_execute(db, "SELECT count(*) FROM buurt_loket.volgsleutel WHERE initiatief_id = %s", (old,)) == [(0,)]
    with loket(db) as conn:  # the recent one is still followed
        assert conn.execute("SELECT loket.volgen(%s) ->> 'id'", (recent_link,)).fetchone()[0] == str(recent)

    ((counts,),) = admin_execute(db, "SELECT nieuw FROM buurt_sys.wijziging WHERE tabel = 'buurt_loket.opschonen'")
    assert counts["indieners"] == 1 and counts["steunadressen"] == 1 and counts["aanmeldingen"] == 1
    # the 40-day-old sent mail and the expired submission's confirmation mail
    assert counts["mails"] == 2 and counts["mails_indieners"] >= 2
    assert all(isinstance(v, int) for v in counts.values())

    # idempotent: nothing more to erase, nothing more logged
    again = subprocess.run([sys.executable, "-m", "spatial_service.cli", "opschonen", "--dsn", db.admin_dsn],
                           capture_output=True, text=True, timeout=120)
    assert again.returncode == 0 and "niets te wissen" in again.stdout
    assert admin_execute(db, "SELECT count(*) FROM buurt_sys.wijziging WHERE tabel = 'buurt_loket.opschonen'") == [(1,)]


def test_the_audit_log_never_holds_the_residents_data(db):
    with loket(db) as conn:
        ini, link = confirmed_initiative(db, conn)
        admin_execute(db, "UPDATE buurt.initiatief SET status = 'check_intern' WHERE id = %s", (ini,))
        conn.execute("SELECT loket.intrekken(%s)", (link,))
    log = json.dumps(admin_execute(db, "SELECT oud, nieuw FROM buurt_sys.wijziging WHERE tabel = 'buurt.initiatief' "
                                       "AND rij_id = %s", (str(ini),)))
    assert "Bankje bij de vijver" in log  # the harness sees the row's other values
    assert "anna" not in log.lower()


def test_retention_is_for_the_owner_only(db):
    with psycopg.connect(db.editor_dsn) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("SELECT buurt_app.loket_opschonen()")
