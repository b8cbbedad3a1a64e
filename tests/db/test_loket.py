"""The residents' door (schema loket, issue 21) as the web pages call it, as role buurtkaart_loket: submit with a
dry run of every rule, double opt-in, follow, withdraw with erasure, support once per address, rate limits, and
the outbox written in the same transaction as a status change."""

from __future__ import annotations

import json

import psycopg
import pytest

from tests.db.loket_helpers import (
    BUURT,
    admin_execute,
    confirmed_initiative,
    last_token,
    loket,
    outbox,
    point_in,
    submit,
)


@pytest.fixture
def db(loket_db):
    return loket_db


@pytest.fixture
def conn(db):
    with loket(db) as c:
        yield c


def refusal(conn: psycopg.Connection, exc: type[psycopg.Error], **changes) -> psycopg.Error:
    with pytest.raises(exc) as info:
        submit(conn, **changes)
    return info.value


def test_submit_stores_nothing_public_and_queues_the_confirmation_mail(db, conn):
    before = admin_execute(db, "SELECT count(*) FROM buurt.initiatief")[0][0]
    submit(conn, p_geojson=point_in(db))
    assert admin_execute(db, "SELECT count(*) FROM buurt.initiatief")[0][0] == before
    (mail,) = outbox(db)
    assert mail["soort"] == "indienen_bevestigen" and mail["aan"] == "anna@voorbeeld.nl"
    assert len(mail["token"]) == 32 and mail["gegevens"]["titel"] == "Bankje bij de vijver"
    # only the hash of the token is kept with the submission
    stored = admin_execute(db, "SELECT encode(token_hash, 'hex') FROM buurt_loket.aanmelding")
    assert len(stored) == 1 and mail["token"] not in stored[0][0] and len(stored[0][0]) == 64


def test_confirm_makes_the_initiative_once(db, conn):
    submit(conn)
    token = last_token(db, "indienen_bevestigen")
    ini, volg, gemeente = conn.execute("SELECT * FROM loket.bevestigen(%s)", (token,)).fetchone()
    row = admin_execute(db, "SELECT status, gepubliceerd, indiener_naam, indiener_email, oorsprong, buurtcode, "
                            "gemeentecode FROM buurt.initiatief WHERE id = %s", (ini,))[0]
    assert row == ("initiatief_binnen", False, "Anna de Vries", "anna@voorbeeld.nl", "web", BUURT, "GM0402")
    assert gemeente == "GM0402" and len(volg) == 32
    assert outbox(db)[-1]["soort"] == "ontvangen" and outbox(db)[-1]["token"] == volg
    with pytest.raises(psycopg.errors.NoDataFound) as info:
        conn.execute("SELECT * FROM loket.bevestigen(%s)", (token,))
    assert "al gebruikt of verlopen" in str(info.value)
    assert admin_execute(db, "SELECT count(*) FROM buurt.initiatief WHERE oorsprong = 'web'")[0][0] == 1


def test_an_expired_confirmation_link_is_refused(db, conn):
    submit(conn)
    admin_execute(db, "UPDATE buurt_loket.aanmelding SET aangemaakt_op = now() - interval '3 days', "
                      "verloopt_op = now() - interval '1 day'")
    with pytest.raises(psycopg.errors.NoDataFound):
        conn.execute("SELECT * FROM loket.bevestigen(%s)", (last_token(db, "indienen_bevestigen"),))


def test_follow_shows_the_story_without_personal_data(db, conn):
    ini, volg = confirmed_initiative(db, conn)
    story = conn.execute("SELECT loket.volgen(%s)", (volg,)).fetchone()[0]
    assert story["id"] == ini and story["status"] == "initiatief_binnen" and story["kan_intrekken"] is True
    assert [s["status"] for s in story["stappen"]] == ["initiatief_binnen"]
    assert story["deal"] is None and story["steun"] == 0
    assert "anna" not in json.dumps(story).lower()
    with pytest.raises(psycopg.errors.NoDataFound):
        conn.execute("SELECT loket.volgen(%s)", ("x" * 32,))


@pytest.mark.parametrize(("changes", "words"), [
    ({"p_toestemming": False}, "toestemming"),
    ({"p_email": "anna.voorbeeld.nl"}, "geen geldig e-mailadres"),
    ({"p_email": "anna@voorbeeld.nl\r\nBcc: x@y.nl"}, "geen geldig e-mailadres"),
    ({"p_email": " "}, "Vul uw e-mailadres in"),
    ({"p_naam": ""}, "Vul uw naam in"),
    ({"p_titel": "  "}, "titel"),
    ({"p_titel": "x" * 151}, "hoogstens 150"),
    ({"p_thema": "onbekend"}, 'Thema "onbekend" bestaat niet'),
    ({"p_buurtcode": "BU99999999"}, "bestaat niet"),
    ({"p_buurtcode": None}, "kies een plek op de kaart of een buurt"),
    ({"p_geojson": "{niet json"}, "geen geldige GeoJSON"),
    ({"p_geojson": '{"type": "LineString", "coordinates": [[5.17, 52.22], [5.18, 52.23]]}'}, "punt of een vlak"),
    ({"p_geojson": '{"type": "Point", "coordinates": [140000, 470000]}'}, "graden"),
    ({"p_geojson": '{"type": "Point", "coordinates": [3.0, 52.0]}', "p_buurtcode": None}, "buiten de gemeente"),
    ({"p_geojson": '{"type": "Polygon", "coordinates": [[[5.10, 52.20], [5.20, 52.20], [5.20, 52.26], '
                   '[5.10, 52.26], [5.10, 52.20]]]}', "p_buurtcode": None}, "m² is toegestaan"),
    ({"p_gemeente": "GM9999"}, 'Gemeente "GM9999" is onbekend'),
])
def test_refusals_come_at_submit_time_in_dutch(db, conn, changes, words):
    error = refusal(conn, psycopg.errors.CheckViolation, **changes)
    assert words.lower() in str(error).lower()
    assert admin_execute(db, "SELECT count(*) FROM buurt_loket.aanmelding")[0][0] == 0
    assert outbox(db) == []


def test_a_point_outside_the_chosen_buurt_is_refused(db, conn):
    error = refusal(conn, psycopg.errors.CheckViolation, p_geojson=point_in(db, "BU04020801"))
    assert "niet in de gekozen buurt" in str(error)


def test_too_many_vertices_are_refused(db, conn):
    admin_execute(db, "UPDATE buurt_sys.instelling SET waarde = '10' WHERE sleutel = 'loket_max_punten'")
    ring = [[5.17 + 0.0001 * i, 52.22 + 0.0001 * (i % 2)] for i in range(12)]
    polygon = json.dumps({"type": "Polygon", "coordinates": [[*ring, ring[0]]]})
    error = refusal(conn, psycopg.errors.CheckViolation, p_geojson=polygon, p_buurtcode=None)
    assert "13 hoekpunten; hoogstens 10" in str(error)


def test_rate_limit_per_address(db, conn):
    admin_execute(db, "UPDATE buurt_sys.instelling SET waarde = '2' WHERE sleutel = 'loket_indienen_per_uur'")
    submit(conn)
    submit(conn)
    with pytest.raises(psycopg.Error) as info:
        submit(conn)
    assert info.value.sqlstate == "BK429" and "te veel verzoeken" in str(info.value)
    submit(conn, p_afzender="198.51.100.7")  # another address is not limited
    stored = admin_execute(db, "SELECT encode(afzender_hash, 'hex') FROM buurt_loket.verzoek")
    assert len(stored) == 3 and not any("192.0.2.10" in s for (s,) in stored)


def test_support_once_per_address(db, conn):
    ini, _ = confirmed_initiative(db, conn)
    with pytest.raises(psycopg.errors.NoDataFound):  # not published yet
        conn.execute("SELECT loket.steunen(%s, %s, %s)", (ini, "bert@voorbeeld.nl", "192.0.2.20"))
    admin_execute(db, "UPDATE buurt.initiatief SET gepubliceerd = true WHERE id = %s", (ini,))
    conn.execute("SELECT loket.steunen(%s, %s, %s)", (ini, "bert@voorbeeld.nl", "192.0.2.20"))
    first = last_token(db, "steun_bevestigen")
    conn.execute("SELECT loket.steunen(%s, %s, %s)", (ini, " Bert@Voorbeeld.NL", "192.0.2.20"))
    second = last_token(db, "steun_bevestigen")
    assert conn.execute("SELECT * FROM loket.steun_bevestigen(%s)", (first,)).fetchone() == (ini, 1, True)
    assert conn.execute("SELECT * FROM loket.steun_bevestigen(%s)", (second,)).fetchone() == (ini, 1, False)
    with pytest.raises(psycopg.errors.NoDataFound):
        conn.execute("SELECT * FROM loket.steun_bevestigen(%s)", (first,))
    assert admin_execute(db, "SELECT steunbetuigingen FROM publiek.initiatief WHERE id = %s", (ini,)) == [(1,)]
    assert admin_execute(db, "SELECT count(*) FROM buurt_loket.steun WHERE adres_hash IS NOT NULL")[0][0] == 1


def test_withdraw_erases_the_resident_and_kills_the_link(db, conn):
    ini, volg = confirmed_initiative(db, conn)
    conn.execute("SELECT loket.intrekken(%s)", (volg,))
    row = admin_execute(db, "SELECT status, indiener_naam, indiener_email FROM buurt.initiatief WHERE id = %s", (ini,))
    assert row == [("ingetrokken", None, None)]
    assert admin_execute(db, "SELECT count(*) FROM buurt_loket.uitgaand WHERE initiatief_id = %s", (ini,)) == [(0,)]
    with pytest.raises(psycopg.errors.NoDataFound):
        conn.execute("SELECT loket.volgen(%s)", (volg,))


def test_a_published_initiative_cannot_be_withdrawn_from_the_link(db, conn):
    ini, volg = confirmed_initiative(db, conn)
    admin_execute(db, "UPDATE buurt.initiatief SET gepubliceerd = true WHERE id = %s", (ini,))
    with pytest.raises(psycopg.errors.CheckViolation) as info:
        conn.execute("SELECT loket.intrekken(%s)", (volg,))
    assert "al gepubliceerd" in str(info.value)
    assert conn.execute("SELECT loket.volgen(%s)", (volg,)).fetchone()[0]["kan_intrekken"] is False


def test_a_status_change_queues_a_mail_in_its_own_transaction(db, conn):
    ini, _ = confirmed_initiative(db, conn)
    with psycopg.connect(db.editor_dsn) as editor:
        editor.execute("UPDATE buurt.initiatief SET status = 'check_intern' WHERE id = %s", (ini,))
        editor.rollback()
    assert [m["soort"] for m in outbox(db)] == ["indienen_bevestigen", "ontvangen"]
    with psycopg.connect(db.editor_dsn) as editor:
        editor.execute("UPDATE buurt.initiatief SET status = 'check_intern' WHERE id = %s", (ini,))
    mail = outbox(db)[-1]
    assert mail["soort"] == "status" and mail["gegevens"]["status_naam"] == "Check intern (wijkteam)"
    assert mail["aan"] == "anna@voorbeeld.nl" and mail["pagina"] == "GM0402"
    # the new mail's follow link works
    story = conn.execute("SELECT loket.volgen(%s)", (mail["token"],)).fetchone()[0]
    assert [s["status"] for s in story["stappen"]] == ["initiatief_binnen", "check_intern"]


def test_a_deal_made_from_the_initiative_is_told_too(db, conn):
    ini, _ = confirmed_initiative(db, conn)
    with psycopg.connect(db.editor_dsn) as editor:
        editor.execute("INSERT INTO buurt.buurtdeal (titel, jaar, thema, initiatief_id, geom) "
                       "SELECT 'Deal bankje', 2026, 'ontmoeten', id, geom FROM buurt.initiatief WHERE id = %s", (ini,))
    mail = outbox(db)[-1]
    assert mail["soort"] == "deal_status" and mail["gegevens"]["deal_titel"] == "Deal bankje"


def test_staff_initiatives_send_no_mail(db):
    with psycopg.connect(db.editor_dsn) as editor:
        editor.execute("UPDATE buurt.initiatief SET status = 'check_intern' WHERE status = 'initiatief_binnen' "
                       "AND indiener_email IS NOT NULL")
    assert outbox(db) == []


def test_privacy_tells_the_settings(conn):
    facts = conn.execute("SELECT loket.privacy()").fetchone()[0]
    assert facts["bewaartermijn_dagen"] == 365 and facts["bevestigen_binnen_uren"] == 48


def test_web_supports_are_a_source_of_their_own_in_the_report_figures(demo_db):
    """The demo's confirmed supports (spatial_service/demo/bewoners.py) stand beside the polls in wijk_steun, the
    wijkanalyse's support table, also for an initiative without a poll; as an editor, who cannot read them."""
    with psycopg.connect(demo_db.admin_dsn) as conn:
        supported = conn.execute("SELECT p.id, c.wijkcode, c.jaar, p.steunbetuigingen FROM publiek.initiatief p "
                                 "JOIN buurt_app.cyclus_initiatief c ON c.id = p.id WHERE p.steunbetuigingen > 0 "
                                 "ORDER BY p.id").fetchall()
    assert len(supported) == 2 and all(n == 2 for *_, n in supported)
    with psycopg.connect(demo_db.editor_dsn) as conn:
        for ini, wijk, jaar, n in supported:
            rows = {r[0]: r for r in conn.execute("SELECT initiatief_id, steun_pct, steunbetuigingen "
                                                  "FROM buurt_app.wijk_steun(%s, %s)", (wijk, jaar))}
            assert rows[ini][2] == n
            assert all(r[1] is not None or r[2] > 0 for r in rows.values())


def test_follow_tells_the_published_deal_with_both_sides_commitments(db, conn):
    ini, volg = confirmed_initiative(db, conn)
    with psycopg.connect(db.editor_dsn) as editor:
        deal = editor.execute("INSERT INTO buurt.buurtdeal (titel, jaar, thema, initiatief_id, geom) "
                              "SELECT 'Deal bankje', 2026, 'ontmoeten', id, geom FROM buurt.initiatief WHERE id = %s "
                              "RETURNING id", (ini,)).fetchone()[0]
        editor.execute("INSERT INTO buurt.afspraak (buurtdeal_id, partij, omschrijving, gereed) VALUES "
                       "(%s, 'bewoners', 'Onderhoud van de bank', false), (%s, 'gemeente', 'Bank plaatsen', true)",
                       (deal, deal))
    assert conn.execute("SELECT loket.volgen(%s) -> 'deal'", (volg,)).fetchone()[0] is None  # a draft: not yet
    with psycopg.connect(db.editor_dsn) as editor:
        editor.execute("UPDATE buurt.buurtdeal SET gepubliceerd = true, status = 'buurtdeal_gesloten' WHERE id = %s",
                       (deal,))
    story = conn.execute("SELECT loket.volgen(%s)", (volg,)).fetchone()[0]
    assert story["deal"]["titel"] == "Deal bankje" and story["deal"]["status_naam"] == "Buurtdeal gesloten"
    assert [(a["partij"], a["gereed"]) for a in story["deal"]["afspraken"]] == [("bewoners", False),
                                                                               ("gemeente", True)]
    kinds = [m["soort"] for m in outbox(db)]
    assert kinds.count("deal_status") == 2  # the new deal and its step to "gesloten"
    # the follow token itself is kept only as its hash
    stored = admin_execute(db, "SELECT encode(token_hash, 'hex') FROM buurt_loket.volgsleutel")
    assert stored and all(volg not in h for (h,) in stored)


def test_a_confirmed_support_drops_the_initiatives_cached_tiles(db, conn):
    """The tiles carry steunbetuigingen: a new support notifies the tile services like a new poll does."""
    ini, _ = confirmed_initiative(db, conn)
    admin_execute(db, "UPDATE buurt.initiatief SET gepubliceerd = true WHERE id = %s", (ini,))
    conn.execute("SELECT loket.steunen(%s, 'bert@voorbeeld.nl', '192.0.2.20')", (ini,))
    with psycopg.connect(db.public_dsn, autocommit=True) as listener:
        listener.execute("LISTEN buurtkaart_tegels")
        conn.execute("SELECT * FROM loket.steun_bevestigen(%s)", (last_token(db, "steun_bevestigen"),))
        notes = [json.loads(n.payload) for n in listener.notifies(timeout=5, stop_after=1)]
    assert notes and notes[0]["tabel"] == "buurt_loket.steun"
    assert [item["bron"] for item in notes[0]["items"]] == ["publiek.initiatief"]


def test_a_confirmation_tells_qgis(db, conn):
    """QGIS layers with "refresh on notification" listen on channel qgis (README: the message buurt.initiatief)."""
    submit(conn)
    with psycopg.connect(db.editor_dsn, autocommit=True) as qgis:
        qgis.execute("LISTEN qgis")
        conn.execute("SELECT * FROM loket.bevestigen(%s)", (last_token(db, "indienen_bevestigen"),))
        notes = [n.payload for n in qgis.notifies(timeout=5, stop_after=1)]
    assert notes == ["buurt.initiatief"]
