"""buurt_app.plantoets against the constructed municipality: exact areas, lengths, distances and severities."""

from __future__ import annotations

from decimal import Decimal

import psycopg
import pytest

from tests.plancheck.world import PLAN, X0, Y0, line, point, rect

COLUMNS = ("volgnr", "categorie", "ernst", "regel", "soort", "object_id", "naam", "relatie", "oppervlakte_m2",
           "aandeel_pct", "lengte_m", "afstand_m", "buurtdeal_id", "buurtdeal_titel", "melding")


def check(conn: psycopg.Connection, plan: str, *args: object, function: str = "buurt_app.plantoets") -> list[dict]:
    placeholders = "".join(", %s" for _ in args)
    rows = conn.execute(f"SELECT {', '.join(COLUMNS)}, ST_AsText(geom) FROM {function}(%s::geometry{placeholders})",
                        [plan, *args]).fetchall()
    return [{k: float(v) if isinstance(v, Decimal) else v for k, v in zip((*COLUMNS, "wkt"), r, strict=True)}
            for r in rows]


def by_object(rows: list[dict], categorie: str, object_id: str) -> dict:
    [row] = [r for r in rows if r["categorie"] == categorie and r["object_id"] == object_id]
    return row


def refusal(conn: psycopg.Connection, plan: str, *args: object) -> str:
    with pytest.raises(psycopg.errors.CheckViolation) as info:
        check(conn, plan, *args)
    conn.rollback()
    return info.value.diag.message_primary


def test_assets_with_exact_measures(world_conn):
    rows = check(world_conn, PLAN)
    plan = rows[0]
    assert (plan["categorie"], plan["oppervlakte_m2"]) == ("plan", 20000)

    groen = by_object(rows, "beheerobject", "9201")
    assert (groen["ernst"], groen["regel"], groen["relatie"]) == ("ernstig", "bewonersbeheer", "overlapt")
    assert (groen["oppervlakte_m2"], groen["aandeel_pct"], groen["afstand_m"]) == (5000, 50, 0)
    assert (groen["buurtdeal_id"], groen["buurtdeal_titel"]) == (9001, "Groenimpuls Proef")

    gras = by_object(rows, "beheerobject", "9202")
    assert (gras["ernst"], gras["regel"], gras["oppervlakte_m2"], gras["aandeel_pct"]) == (
        "info", "groen_geraakt", 2000, pytest.approx(16.7))

    toestel = by_object(rows, "beheerobject", "9203")
    assert (toestel["ernst"], toestel["regel"], toestel["relatie"]) == ("ernstig", "speelplek_verdwijnt", "binnen")

    veld = by_object(rows, "beheerobject", "9204")
    assert (veld["ernst"], veld["regel"], veld["oppervlakte_m2"], veld["aandeel_pct"]) == (
        "waarschuwing", "speelplek_geraakt", 200, 10)

    zebra = by_object(rows, "beheerobject", "9205")
    assert (zebra["ernst"], zebra["regel"], zebra["lengte_m"], zebra["aandeel_pct"]) == (
        "waarschuwing", "zebrapad_in_plan", 100, pytest.approx(71.4))

    near = by_object(rows, "beheerobject", "9206")
    assert (near["ernst"], near["relatie"], near["afstand_m"], near["regel"]) == ("info", "nabij", 10, None)
    assert not [r for r in rows if r["object_id"] == "9207"], "100 m away is beyond the 25 m search distance"


def test_deals_commitments_initiatives_and_areas(world_conn):
    rows = check(world_conn, PLAN)
    deal = by_object(rows, "buurtdeal", "9001")
    assert (deal["ernst"], deal["regel"], deal["relatie"]) == ("ernstig", "deal_in_uitvoering", "via_object")
    assert "Plantsoen Midden" in deal["melding"]
    assert by_object(rows, "afspraak", "9101")["ernst"] == "waarschuwing"  # open commitment of residents
    assert by_object(rows, "afspraak", "9102")["ernst"] == "info"  # done
    nearby = by_object(rows, "buurtdeal", "9002")
    assert (nearby["relatie"], nearby["afstand_m"], nearby["ernst"]) == ("nabij", 10, "info")
    assert not [r for r in rows if r["categorie"] == "afspraak" and r["buurtdeal_id"] == 9002]
    assert by_object(rows, "initiatief", "9301")["regel"] == "initiatief_geraakt"
    for code, naam in (("WK990101", "West"), ("WK990102", "Oost"), ("BU99010101", "Westbuurt"),
                       ("BU99010201", "Oostbuurt")):
        area = by_object(rows, "wijk" if code.startswith("WK") else "buurt", code)
        assert (area["naam"], area["oppervlakte_m2"], area["aandeel_pct"]) == (naam, 10000, 50)
    [total] = [r for r in rows if r["regel"] == "groenverlies"]
    assert (total["ernst"], total["oppervlakte_m2"]) == ("ernstig", 7000)
    severities = [r["ernst"] for r in rows[1:]]
    assert severities == sorted(severities, key=["ernstig", "waarschuwing", "info"].index)
    assert [r["volgnr"] for r in rows] == list(range(1, len(rows) + 1))


def test_an_initiative_carries_its_support_from_the_poll_and_the_website(world_db):
    """Both sources of the support figure (issue 21) in the finding's message, for designers (buurt_app) and for
    the public (publiek.plantoets) alike; an initiative without either says nothing about support."""
    with psycopg.connect(world_db.admin_dsn) as admin:
        before = by_object(check(admin, PLAN), "initiatief", "9301")["melding"]
        admin.execute("INSERT INTO buurt.peiling (initiatief_id, datum, voor, tegen, neutraal, respondenten) "
                      "VALUES (9301, '2024-05-01', 14, 4, 2, 20)")
        admin.execute("INSERT INTO buurt_loket.steun (initiatief_id, adres_hash) "
                      "VALUES (9301, '\\x01'), (9301, '\\x02')")
        admin.commit()
        try:
            after = by_object(check(admin, PLAN), "initiatief", "9301")["melding"]
            with psycopg.connect(world_db.public_dsn) as public:
                public_after = by_object(check(public, PLAN, function="publiek.plantoets"), "initiatief", "9301")
        finally:
            admin.execute("DELETE FROM buurt.peiling WHERE initiatief_id = 9301")
            admin.execute("DELETE FROM buurt_loket.steun WHERE initiatief_id = 9301")
            admin.commit()
    assert "Draagvlak" not in before
    expected = " Draagvlak: 70% voor in de buurtpeiling (20 respondenten), 2 steunbetuigingen via de website."
    assert after == before + expected
    assert public_after["melding"] == after


def test_thresholds_are_settings(world_conn):
    world_conn.execute("UPDATE buurt_sys.instelling SET waarde = '10000' WHERE sleutel = 'plantoets_groenverlies_m2'")
    world_conn.execute("UPDATE buurt_sys.instelling SET waarde = '5' WHERE sleutel = 'plantoets_speelplek_pct'")
    world_conn.execute("UPDATE buurt_sys.instelling SET waarde = '150' WHERE sleutel = 'plantoets_zoekafstand_m'")
    rows = check(world_conn, PLAN)
    assert [r["ernst"] for r in rows if r["regel"] == "groenverlies"] == ["info"]
    assert by_object(rows, "beheerobject", "9204")["regel"] == "speelplek_verdwijnt"  # 10 % >= 5 %
    assert by_object(rows, "beheerobject", "9207")["afstand_m"] == 100


def test_public_mode_hides_unpublished_and_personal_data(world_db):
    with psycopg.connect(world_db.public_dsn) as conn:
        rows = check(conn, PLAN, function="publiek.plantoets")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT * FROM buurt_app.plantoets(%s::geometry)", [PLAN])
    ids = {(r["categorie"], r["object_id"]) for r in rows}
    assert ("buurtdeal", "9001") not in ids and ("afspraak", "9101") not in ids  # deal 9001 is not published
    assert ("initiatief", "9302") not in ids and ("initiatief", "9301") in ids
    groen = by_object(rows, "beheerobject", "9201")
    assert (groen["regel"], groen["buurtdeal_id"], groen["buurtdeal_titel"]) == ("bewonersbeheer", None, None)
    assert "Groenimpuls" not in groen["melding"]
    text = repr(rows)
    assert "Geheim" not in text and "example.org" not in text and "Jan" not in text


def test_lines_and_points_are_buffered(world_conn):
    # a 100 m street axis along y = 200 (no assets), buffered 3 m each side with flat ends: exactly 600 m²
    rows = check(world_conn, line((100, 200), (200, 200)))
    assert rows[0]["oppervlakte_m2"] == 600
    rows = check(world_conn, line((100, 200), (200, 200)), 5)
    assert rows[0]["oppervlakte_m2"] == 1000
    rows = check(world_conn, point(100, 200), 10)
    assert rows[0]["oppervlakte_m2"] == 312.14  # a circle as a 32-gon: 16 r² sin(2π/32)
    # the zebra crossing line crossed by a street line: the crossing's length inside is the street's width
    rows = check(world_conn, line((480, 450), (520, 450)))
    assert by_object(rows, "beheerobject", "9205")["lengte_m"] == 6


def test_overlapping_parts_are_dissolved(world_conn):
    plan = (f"SRID=28992;GEOMETRYCOLLECTION({rect(400, 400, 500, 500)[11:]}, "
            f"{rect(450, 400, 600, 500)[11:]})")
    assert check(world_conn, plan)[0]["oppervlakte_m2"] == 20000


def test_self_intersecting_plan_is_repaired_and_reported(world_conn):
    bowtie = (f"SRID=28992;POLYGON(({X0 + 400} {Y0 + 400},{X0 + 600} {Y0 + 500},{X0 + 600} {Y0 + 400},"
              f"{X0 + 400} {Y0 + 500},{X0 + 400} {Y0 + 400}))")
    rows = check(world_conn, bowtie)
    [repair] = [r for r in rows if r["regel"] == "plan_gerepareerd"]
    assert repair["ernst"] == "waarschuwing" and "Self-intersection" in repair["melding"]
    assert rows[0]["oppervlakte_m2"] == 10000  # two triangles of 5000 m²


def test_plan_in_wgs84_is_reprojected(world_conn):
    wgs84 = world_conn.execute("SELECT ST_AsEWKT(ST_Transform(%s::geometry, 4326), 12)", [PLAN]).fetchone()[0]
    rows = check(world_conn, wgs84)
    assert rows[0]["oppervlakte_m2"] == pytest.approx(20000, abs=1)
    assert by_object(rows, "beheerobject", "9201")["oppervlakte_m2"] == pytest.approx(5000, abs=1)


def test_partly_outside_the_municipality_warns(world_conn):
    rows = check(world_conn, rect(900, 400, 1100, 500))
    [outside] = [r for r in rows if r["regel"] == "plan_buiten_gemeente"]
    assert (outside["oppervlakte_m2"], outside["aandeel_pct"]) == (10000, 50)


@pytest.mark.parametrize(("plan", "args", "expected"), [
    (rect(2000, 2000, 2100, 2100), (), "Het plan ligt buiten de gemeente."),
    ("SRID=28992;POLYGON EMPTY", (), "Het plan is leeg"),
    (f"POLYGON(({X0} {Y0},{X0 + 1} {Y0},{X0 + 1} {Y0 + 1},{X0} {Y0}))", (), "geen coördinatenstelsel"),
    (line((100, 200), (200, 200)), (0,), "alleen lijnen of punten en de lijnbuffer is 0 m"),
    (PLAN, (3, 10_000), "Zoekafstand 10000,0 m valt buiten"),
    (PLAN, (-1,), "Lijnbuffer -1,0 m valt buiten"),
    (f"SRID=28992;POLYGON(({X0 + 1} {Y0 + 1},{X0 + 2} {Y0 + 2},{X0 + 3} {Y0 + 3},{X0 + 1} {Y0 + 1}))", (),
     "Het plan heeft geen oppervlakte"),
])
def test_bad_plans_are_refused_in_dutch(world_conn, plan, args, expected):
    assert expected in refusal(world_conn, plan, *args)


def test_huge_plan_is_refused_with_the_setting(world_conn):
    world_conn.execute("UPDATE buurt_sys.instelling SET waarde = '15000' "
                       "WHERE sleutel = 'plantoets_max_oppervlakte_m2'")
    message = refusal(world_conn, PLAN)
    assert message == "Het plan is te groot: 20000 m², de plantoets neemt maximaal 15000 m²."
