"""The resident's pages over real HTTP on a real database (web/loket/): what each answers, the honeypot, the rate
limit (429 with a Dutch page and Retry-After), a mail scanner that fetches a confirmation link, a body over its
bound, unknown tokens, withdrawal, and that no page shows a resident's name or e-mail address."""

from __future__ import annotations

import re

import httpx
import psycopg
import pytest

from tests.db.loket_helpers import admin_execute, last_token, outbox, point_in
from tests.loket.resident import add_deal

FORM = {"titel": "Speeltuin opknappen", "omschrijving": "De wipwap is kapot; wij schilderen mee.",
        "thema": "openbare_ruimte", "geojson": "", "buurtcode": "BU04020101", "naam": "Bram Jansen",
        "email": "bram@voorbeeld.nl", "toestemming": "ja", "website": ""}


def post(site, path: str, data: dict, address: str = "198.51.100.1", **kw) -> httpx.Response:
    # the service trusts X-Forwarded-For from loopback (uvicorn's proxy headers, as behind nginx): each test its own
    # client address, so the per-address limits of one test do not touch another
    return httpx.post(f"{site.url}{path}", data=data, headers={"X-Forwarded-For": address}, timeout=30, **kw)


def pending(db) -> int:
    return admin_execute(db, "SELECT count(*) FROM buurt_loket.aanmelding")[0][0]


def test_every_page_answers_dutch_html_without_a_store(site):
    for path in ("/indienen", "/privacy", "/g/GM0402/indienen", "/bevestig/" + "a" * 32, "/steun/bevestig/" + "b" * 32):
        r = httpx.get(site.url + path, timeout=30)
        assert r.status_code == 200, (path, r.text[:300])
        assert r.headers["content-type"].startswith("text/html")
        assert r.headers["cache-control"] == "no-store"
        assert '<html lang="nl">' in r.text and "script-src 'self'" in r.headers["content-security-policy"]
        assert " style=" not in r.text and "<script>" not in r.text and " on" + "click=" not in r.text
    page = httpx.get(site.url + "/g/GM0402/indienen", timeout=30).text
    assert '<base href="/g/GM0402/">' in page


def test_the_form_offers_the_themes_and_buurten_of_publiek(site, site_db):
    page = httpx.get(site.url + "/indienen", timeout=30).text
    with psycopg.connect(site_db.public_dsn) as conn:
        themes = [r[0] for r in conn.execute("SELECT naam FROM publiek.thema")]
        buurten = [r[0] for r in conn.execute("SELECT code FROM publiek.buurt WHERE NOT water")]
    assert themes and all(f">{t}</option>" in page for t in themes)
    assert len(buurten) > 30 and all(f'value="{b}"' in page for b in buurten)


def test_privacy_page_tells_the_periods_the_database_keeps(site, site_db):
    admin_execute(site_db, "UPDATE buurt_sys.instelling SET waarde = '400' "
                            "WHERE sleutel = 'loket_bewaartermijn_dagen'")
    try:
        page = httpx.get(site.url + "/privacy", timeout=30).text
        form = httpx.get(site.url + "/indienen", timeout=30).text
    finally:
        admin_execute(site_db, "UPDATE buurt_sys.instelling SET waarde = '365' "
                                "WHERE sleutel = 'loket_bewaartermijn_dagen'")
    for heading in ("Welke gegevens", "Waarom", "Wie ziet ze", "Hoe lang", "Uw rechten", "Contact"):
        assert f"<h2>{heading}</h2>" in page
    assert "400 dagen" in page and "48 uur" in page and "400 dagen" in form


def test_submit_queues_one_confirmation_mail_and_stores_nothing_public(site, site_db):
    before = pending(site_db)
    r = post(site, "/indienen", {**FORM, "titel": "Bloembakken Kerkstraat"}, "198.51.100.2")
    assert r.status_code == 200 and "Kijk in uw mail" in r.text
    assert pending(site_db) == before + 1
    mails = [m for m in outbox(site_db) if m["soort"] == "indienen_bevestigen" and m["aan"] == FORM["email"]]
    assert mails
    with psycopg.connect(site_db.public_dsn) as conn:
        assert not conn.execute("SELECT 1 FROM publiek.initiatief WHERE titel = 'Bloembakken Kerkstraat'").fetchall()
    assert FORM["email"] not in r.text and FORM["naam"] not in r.text


def test_honeypot_answers_like_a_success_and_stores_and_sends_nothing(site, site_db):
    before, mails = pending(site_db), len(outbox(site_db))
    r = post(site, "/indienen", {**FORM, "website": "http://spam.example"}, "198.51.100.3")
    assert r.status_code == 200 and "Kijk in uw mail" in r.text
    assert pending(site_db) == before and len(outbox(site_db)) == mails
    page = httpx.get(site.url + "/indienen", timeout=30).text
    trap = re.search(r'<div class="vangnet" aria-hidden="true">.*?</div>', page, re.S)
    assert trap and 'tabindex="-1"' in trap[0] and 'autocomplete="off"' in trap[0]


def test_a_refusal_is_the_form_again_with_every_input_kept(site, site_db):
    geometry = point_in(site_db)
    before = pending(site_db)
    r = post(site, "/indienen", {**FORM, "geojson": geometry, "toestemming": ""}, "198.51.100.4")
    assert r.status_code == 400
    assert "Zonder uw toestemming" in r.text and 'id="fouten"' in r.text
    for name in ("titel", "naam", "email"):
        assert f'value="{FORM[name]}"' in r.text
    assert f">{FORM['omschrijving']}</textarea>" in r.text
    assert 'value="openbare_ruimte" selected' in r.text and 'value="BU04020101"' in r.text
    assert f'value="{geometry.replace(chr(34), "&quot;")}"' in r.text
    assert pending(site_db) == before


@pytest.mark.parametrize(("change", "field", "words"), [
    ({"email": "geen-adres"}, "email", "geen geldig e-mailadres"),
    ({"titel": "  "}, "titel", "titel"),
    ({"naam": ""}, "naam", "naam"),
    ({"toestemming": ""}, "toestemming", "toestemming"),
])
def test_a_refusal_stands_beside_the_field_the_database_names(site, site_db, change, field, words):
    """The function names the column of its refusal (RAISE ... USING COLUMN): the message is at that field, linked
    from the summary, and the field says it is invalid."""
    r = post(site, "/indienen", {**FORM, "geojson": point_in(site_db), **change}, "198.51.100.14")
    assert r.status_code == 400
    message = re.search(rf'<p class="veldfout" id="{field}-fout">(.*?)</p>', r.text, re.S)
    assert message and words in message.group(1).lower()
    assert f'href="#{field}"' in r.text
    assert re.search(rf'<[^>]+id="{field}"[^>]*aria-invalid="true"|<[^>]+aria-invalid="true"[^>]*id="{field}"', r.text)


def test_rate_limit_is_a_dutch_429_with_retry_after(site, site_db):
    limit = admin_execute(site_db, "SELECT loket.privacy()->>'indienen_per_uur'")[0][0]
    for i in range(int(limit)):
        assert post(site, "/indienen", {**FORM, "titel": f"Initiatief {i}"}, "198.51.100.5").status_code == 200
    typed = {**FORM, "titel": "Een te veel", "omschrijving": "Lang getypt verhaal <over> de wipwap"}
    r = post(site, "/indienen", typed, "198.51.100.5")
    assert r.status_code == 429
    assert r.headers["retry-after"].isdigit() and int(r.headers["retry-after"]) > 0
    assert "te veel verzoeken" in r.text.lower() and "opnieuw" in r.text
    # the form again with everything the resident typed, so nothing is lost while waiting
    assert 'role="alert"' in r.text and 'id="indienformulier"' in r.text
    assert 'value="Een te veel"' in r.text and "Lang getypt verhaal &lt;over&gt; de wipwap</textarea>" in r.text
    assert 'value="Bram Jansen"' in r.text and 'value="bram@voorbeeld.nl"' in r.text
    # another address is not held back
    assert post(site, "/indienen", {**FORM, "titel": "Van de buren"}, "198.51.100.6").status_code == 200


def test_support_over_the_rate_limit_keeps_the_address_typed(site, site_db):
    ident = admin_execute(site_db, "SELECT id FROM publiek.initiatief ORDER BY id LIMIT 1")[0][0]
    limit = int(admin_execute(site_db, "SELECT loket.privacy()->>'steunen_per_uur'")[0][0])
    for i in range(limit):
        assert post(site, f"/steun/{ident}", {"email": f"buur{i}@voorbeeld.nl"}, "198.51.100.15").status_code == 200
    r = post(site, f"/steun/{ident}", {"email": "nog.een@voorbeeld.nl"}, "198.51.100.15")
    assert r.status_code == 429 and int(r.headers["retry-after"]) > 0
    assert "te veel verzoeken" in r.text.lower() and 'value="nog.een@voorbeeld.nl"' in r.text
    assert 'action="steun/' in r.text


def test_a_mail_scanner_fetching_the_link_confirms_nothing(site, site_db):
    post(site, "/indienen", {**FORM, "titel": "Scanner proef", "email": "scan@voorbeeld.nl"}, "198.51.100.7")
    token = last_token(site_db, "indienen_bevestigen", "scan@voorbeeld.nl")
    for _ in range(3):  # a scanner, a link preview, the resident's first look
        r = httpx.get(f"{site.url}/bevestig/{token}", timeout=30)
        assert r.status_code == 200 and 'method="post"' in r.text
    assert not admin_execute(site_db, "SELECT 1 FROM buurt.initiatief WHERE titel = 'Scanner proef'")
    r = post(site, f"/bevestig/{token}", {}, "198.51.100.7")
    assert r.status_code == 200 and "volg/" in r.text
    row = admin_execute(site_db, "SELECT status, gepubliceerd, oorsprong FROM buurt.initiatief "
                                  "WHERE titel = 'Scanner proef'")
    assert row == [("initiatief_binnen", False, "web")]
    again = post(site, f"/bevestig/{token}", {}, "198.51.100.7")  # single use
    assert again.status_code == 404 and "gebruikt" in again.text


@pytest.mark.parametrize("path", ["/bevestig/{t}", "/volg/{t}", "/steun/bevestig/{t}"])
def test_unknown_or_malformed_tokens_are_a_dutch_404_page(site, path):
    for token in ("x" * 43, "kort", "a" * 300):
        r = httpx.post(site.url + path.format(t=token), timeout=30) if path != "/volg/{t}" else httpx.get(
            site.url + path.format(t=token), timeout=30)
        assert r.status_code == 404, (path, token, r.status_code)
        assert "text/html" in r.headers["content-type"] and "Link onbekend" in r.text


def test_a_form_over_its_bound_is_refused_before_it_is_read(site):
    r = post(site, "/indienen", {**FORM, "geojson": "[" * 70_000})
    assert r.status_code == 413 and "te groot" in r.text and "BUURTKAART_MAX_FORM_KB" in r.text
    deep = post(site, "/indienen", {**FORM, "geojson": "[" * 100 + "]" * 100}, "198.51.100.8")
    assert deep.status_code == 400 and "genest" in deep.text
    wrong = httpx.post(site.url + "/indienen", json=FORM, timeout=30)
    assert wrong.status_code == 415


def test_follow_page_tells_the_story_and_withdraw_erases(site, site_db):
    post(site, "/indienen", {**FORM, "titel": "Volg mij", "email": "volg@voorbeeld.nl"}, "198.51.100.9")
    token = last_token(site_db, "indienen_bevestigen", "volg@voorbeeld.nl")
    confirmed = post(site, f"/bevestig/{token}", {}, "198.51.100.9")
    follow = re.search(r'href="((?:g/GM[0-9]{4}/)?volg/[A-Za-z0-9_-]+)"', confirmed.text)[1]
    page = httpx.get(f"{site.url}/{follow}", timeout=30).text
    assert "Volg mij" in page and "Initiatief binnen" in page and "Nog niet openbaar" in page
    assert "Er is nog geen buurtdeal" in page and "intrekken" in page
    assert "volg@voorbeeld.nl" not in page and FORM["naam"] not in page
    unsure = post(site, f"/{follow}/intrekken", {}, "198.51.100.9")
    assert unsure.status_code == 400 and "niets ingetrokken" in unsure.text
    assert httpx.get(f"{site.url}/{follow}", timeout=30).status_code == 200
    r = post(site, f"/{follow}/intrekken", {"zeker": "ja"}, "198.51.100.9")
    assert r.status_code == 200 and "ingetrokken" in r.text
    row = admin_execute(site_db, "SELECT status, indiener_naam, indiener_email FROM buurt.initiatief "
                                  "WHERE titel = 'Volg mij'")
    assert row == [("ingetrokken", None, None)]
    assert httpx.get(f"{site.url}/{follow}", timeout=30).status_code == 404


def test_support_form_counts_once_per_address(site, site_db):
    ident, title = admin_execute(site_db, "SELECT id, titel FROM publiek.initiatief ORDER BY id LIMIT 1")[0]
    page = httpx.get(f"{site.url}/steun/{ident}", timeout=30).text
    assert title in page and "Ik steun dit" in page
    counts = []
    for _ in range(2):
        assert post(site, f"/steun/{ident}", {"email": "fan@voorbeeld.nl", "website": ""}, "198.51.100.10"
                    ).status_code == 200
        token = last_token(site_db, "steun_bevestigen", "fan@voorbeeld.nl")
        # a scanner: nothing counted
        assert httpx.get(f"{site.url}/steun/bevestig/{token}", timeout=30).status_code == 200
        done = post(site, f"/steun/bevestig/{token}", {}, "198.51.100.10")
        assert done.status_code == 200
        counts.append(int(re.search(r"Nu steunen (\d+) bewoners", done.text)[1]))
    assert counts[0] == counts[1] and "al" in done.text
    assert admin_execute(site_db, "SELECT steunbetuigingen FROM publiek.initiatief WHERE id = %s", (ident,)
                         )[0][0] == counts[0]
    bad = post(site, f"/steun/{ident}", {"email": "geen-adres"}, "198.51.100.10")
    assert bad.status_code == 400 and 'aria-invalid="true"' in bad.text and 'value="geen-adres"' in bad.text
    hidden = admin_execute(site_db, "SELECT id FROM buurt.initiatief WHERE NOT gepubliceerd LIMIT 1")[0][0]
    assert httpx.get(f"{site.url}/steun/{hidden}", timeout=30).status_code == 404
    assert post(site, f"/steun/{hidden}", {"email": "fan@voorbeeld.nl"}).status_code == 404


def test_no_page_shows_a_residents_name_or_address(site, site_db):
    """Every page a visitor can reach without the resident's own form input: the demo's private names and
    addresses (and those of this module's submissions) appear on none."""
    private = {v for row in admin_execute(site_db, "SELECT indiener_naam, indiener_email FROM buurt.initiatief "
                                                    "UNION ALL SELECT naam, email FROM buurt_loket.aanmelding")
               for v in row if v}
    assert len(private) > 20
    published = [r[0] for r in admin_execute(site_db, "SELECT id FROM publiek.initiatief")]
    post(site, "/indienen", {**FORM, "titel": "Privé proef", "email": "prive@voorbeeld.nl"}, "198.51.100.11")
    token = last_token(site_db, "indienen_bevestigen", "prive@voorbeeld.nl")
    confirmed = post(site, f"/bevestig/{token}", {}, "198.51.100.11").text
    follow = re.search(r'href="((?:g/GM[0-9]{4}/)?volg/[A-Za-z0-9_-]+)"', confirmed)[1]
    pages = [confirmed, httpx.get(f"{site.url}/{follow}", timeout=30).text,
             httpx.get(site.url + "/privacy", timeout=30).text,
             httpx.get(site.url + "/indienen", timeout=30).text, httpx.get(site.url + "/details.json", timeout=30).text,
             *[httpx.get(f"{site.url}/steun/{i}", timeout=30).text for i in published]]
    private |= {"prive@voorbeeld.nl", FORM["naam"]}
    for text in pages:
        assert not [p for p in private if p in text]


def test_follow_page_shows_the_deal_and_both_sides_commitments(site, site_db):
    post(site, "/indienen", {**FORM, "titel": "Deal volgen", "email": "deal@voorbeeld.nl"}, "198.51.100.12")
    token = last_token(site_db, "indienen_bevestigen", "deal@voorbeeld.nl")
    confirmed = post(site, f"/bevestig/{token}", {}, "198.51.100.12")
    follow = re.search(r'href="((?:g/GM[0-9]{4}/)?volg/[A-Za-z0-9_-]+)"', confirmed.text)[1]
    add_deal(site_db, "Deal volgen")
    page = httpx.get(f"{site.url}/{follow}", timeout=30).text
    assert "Buurtdeal: Deal Deal volgen" in page
    bewoners = page[page.index("<h3>Bewoners doen</h3>"):page.index("<h3>Gemeente doet</h3>")]
    gemeente = page[page.index("<h3>Gemeente doet</h3>"):]
    assert "Draagvlak in de straat peilen" in bewoners and "(gedaan)" in bewoners
    assert "De bank plaatsen" in gemeente and "(nog niet gedaan)" in gemeente


def test_a_gemeente_page_submits_for_that_gemeente(site, site_db):
    """Under /g/GM0402/ the form's submission carries the gemeente (loket.indienen's p_gemeente) and its mail links
    point there; the form's own links stay under the prefix."""
    page = httpx.get(f"{site.url}/g/GM0402/indienen", timeout=30).text
    assert 'action="indienen"' in page and '<base href="/g/GM0402/">' in page
    r = post(site, "/g/GM0402/indienen", {**FORM, "titel": "Per gemeente", "email": "gm@voorbeeld.nl",
                                          "geojson": point_in(site_db)}, "198.51.100.13")
    assert r.status_code == 200 and "Kijk in uw mail" in r.text
    assert [m["pagina"] for m in outbox(site_db) if m["aan"] == "gm@voorbeeld.nl"] == ["GM0402"]
