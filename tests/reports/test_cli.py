"""`buurtkaart rapport jaar|wijk` as the programme staff run it: a real process, real QGIS layout, real PDF."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from tests.reports import pdf

REPO = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "spatial_service.cli", "rapport", *args], capture_output=True,
                          text=True, timeout=300, cwd=REPO)


@pytest.fixture(scope="module")
def jaar_2018(demo_db, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("rapport")
    result = run("jaar", "--gemeente", "GM0402", "--jaar", "2018", "--pdf", str(out / "jaar.pdf"),
                 "--html", str(out / "jaar.html"), "--dsn", demo_db.editor_dsn)
    assert result.returncode == 0, result.stderr
    assert "19 buurtdeals en 1 green deals" in result.stdout  # the summary line repeats the SQL figures
    return out


def test_pdf_has_overview_pages_then_a_section_per_wijk_with_its_map(jaar_2018, admin_conn, tmp_path):
    wijken = admin_conn.execute("SELECT code, naam FROM buurt.wijk WHERE gemeentecode = 'GM0402' "
                                "ORDER BY code").fetchall()
    path = jaar_2018 / "jaar.pdf"
    texts = [pdf.text(path, n) for n in range(1, pdf.pages(path) + 1)]
    assert texts[0].startswith("Jaarrapportage buurten Hilversum 2018")
    starts = []
    for code, naam in wijken:
        # each wijk's chapter starts on its own page with its title, in code order after the overview
        number = next(n for n, t in enumerate(texts, start=1) if t.startswith(f"{naam} ({code}) — 2018"))
        starts.append(number)
        chapter = "".join(texts[number - 1:(number + 1 if number < len(texts) else number)])
        assert "Wijkagenda: voortgang per prioriteit" in chapter and "Buurtactiviteitenplan 2018" in chapter
        image = pdf.render(path, number, tmp_path / f"p{number}")
        assert pdf.count_pixels(image, pdf.MAP_BOX, pdf.magenta) > 50, f"no map with the outline of {naam}"
    assert starts == sorted(starts) and starts[0] >= 3 and len(set(starts)) == len(wijken)
    assert any("Monitoring: stappen en doorlooptijd" in t for t in texts[starts[0] - 1:])
    # the monitoring page has no map: nothing magenta where the map would be
    image = pdf.render(path, 2, tmp_path / "p2")
    assert texts[1].startswith("Jaarrapportage buurten Hilversum 2018: monitoring")
    assert pdf.count_pixels(image, pdf.MAP_BOX, pdf.magenta) == 0


def test_pdf_figures_equal_independent_sql_and_domain(jaar_2018, admin_conn):
    first = " ".join(pdf.text(jaar_2018 / "jaar.pdf", 1).split())
    # DOMAIN.md: EUR 463,499 spent of EUR 500,000 in 2018
    assert "Buurtenbudget EUR 500.000" in first
    assert "Besteed (gesloten buurtdeals) EUR 463.499 (92,7 %)" in first
    deals, green = admin_conn.execute(
        "SELECT count(*) FILTER (WHERE NOT d.groene_deal), count(*) FILTER (WHERE d.groene_deal) "
        "FROM buurt.buurtdeal d JOIN buurt_vl.status s ON s.code = d.status WHERE d.jaar = 2018 AND s.deal_gesloten"
    ).fetchone()
    assert f"Buurtdeals gesloten {deals}" in first and f"Green deals (apart geteld) {green}" in first
    spontaneous = admin_conn.execute(
        "SELECT count(*) FROM buurt.initiatief i LEFT JOIN buurt.buurtdeal d ON d.initiatief_id = i.id "
        "WHERE coalesce(d.jaar, i.planjaar, extract(year FROM i.ingediend_op)) = 2018 "
        "AND d.wijkagenda_id IS NULL AND i.wijkagenda_id IS NULL").fetchone()[0]
    assert f"Spontaan (geen prioriteit) {spontaneous} (" in first
    monitoring = " ".join(pdf.text(jaar_2018 / "jaar.pdf", 2).split())
    residents, done = admin_conn.execute(
        "SELECT count(*), count(*) FILTER (WHERE a.gereed) FROM buurt.afspraak a JOIN buurt.buurtdeal d "
        "ON d.id = a.buurtdeal_id WHERE d.jaar = 2018 AND a.partij = 'bewoners'").fetchone()
    assert f"Bewoners {residents} {done} " in monitoring
    lessons = admin_conn.execute("SELECT lessen FROM buurt.jaarverslag WHERE jaar = 2018").fetchone()[0]
    assert " ".join(lessons.split()[:8]) in monitoring


def test_html_has_the_same_sections_and_map_images(jaar_2018, admin_conn):
    page = (jaar_2018 / "jaar.html").read_text(encoding="utf-8")
    for (code,) in admin_conn.execute("SELECT code FROM buurt.wijk WHERE gemeentecode = 'GM0402'"):
        assert f"<section id='{code}'>" in page
        image = jaar_2018 / "jaar-kaarten" / f"{code}.png"
        assert image.stat().st_size > 2000 and image.read_bytes()[:4] == b"\x89PNG"
        assert f"src='jaar-kaarten/{code}.png'" in page
    assert "EUR 463.499" in page


def test_wijk_report_has_analysis_and_plan(demo_db, tmp_path, admin_conn):
    result = run("wijk", "--wijk", "WK040201", "--jaar", "2018", "--pdf", str(tmp_path / "wijk.pdf"),
                 "--dsn", demo_db.editor_dsn)
    assert result.returncode == 0, result.stderr
    assert pdf.pages(tmp_path / "wijk.pdf") == 2
    analyse = " ".join(pdf.text(tmp_path / "wijk.pdf", 1).split())
    assert "Wijkanalyse Centrum (WK040201) — 2018" in analyse
    inhabitants = admin_conn.execute("SELECT sum(c.waarde)::integer FROM buurt.buurtcijfer c JOIN buurt.buurt b "
                                     "ON b.code = c.buurtcode WHERE b.wijkcode = 'WK040201' "
                                     "AND c.indicator = 'inwoners' AND c.jaar = 2018").fetchone()[0]
    assert "Inwoners (aantal) " in analyse and f"{inhabitants:,}".replace(",", ".") + " " in analyse
    assert "Draagvlak (buurtpeilingen en steunbetuigingen)" in analyse
    plan = " ".join(pdf.text(tmp_path / "wijk.pdf", 2).split())
    assert "Wildplassen" in plan and "spontaan" in plan  # Overlast Oude Haven serves no priority


@pytest.mark.parametrize("args, message", [
    (["jaar", "--gemeente", "GM9999", "--jaar", "2018"], "--gemeente: gemeente 'GM9999' is onbekend"),
    (["jaar", "--gemeente", "GM0402", "--jaar", "2025"], "is geen budget voor 2025 vastgelegd"),
    (["wijk", "--wijk", "WK999999", "--jaar", "2018"], "--wijk: wijk 'WK999999' is onbekend"),
    (["wijk", "--wijk", "WK040201", "--jaar", "2030"], "--jaar: voor Hilversum zijn er geen buurtdeals of budget"),
    (["jaar", "--gemeente", "GM0402", "--jaar", "twintig"], "geen jaartal: 'twintig'"),
])
def test_bad_input_gives_a_dutch_message_and_exit_2(demo_db, tmp_path, args, message):
    target = tmp_path / "r.pdf"
    result = run(*args, "--pdf", str(target), "--dsn", demo_db.editor_dsn)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not target.exists()


def test_year_without_budget_even_with_deals_is_refused(fresh_db, tmp_path):
    with psycopg.connect(fresh_db.admin_dsn) as conn:
        conn.execute("DELETE FROM buurt.budget WHERE jaar = 2018")
    result = run("jaar", "--gemeente", "GM0402", "--jaar", "2018", "--pdf", str(tmp_path / "r.pdf"),
                 "--dsn", fresh_db.editor_dsn)
    assert result.returncode == 2 and "jaren met budget: 2017, 2019" in result.stderr


def test_a_long_wijk_section_continues_on_extra_pages(fresh_db, tmp_path):
    """A wijk with many deals: its plan runs past one page and nothing is cut off."""
    with psycopg.connect(fresh_db.admin_dsn) as conn:
        conn.execute("""
            INSERT INTO buurt.buurtdeal (titel, jaar, thema, status, budget_gemeente, geom)
            SELECT 'Extra deal ' || k, 2018, 'ontmoeten', 'gesprek_wederkerigheid', 100,
                   ST_PointOnSurface(b.geom) FROM buurt.buurt b, generate_series(1, 80) k
             WHERE b.code = 'BU04020102'""")
    result = run("wijk", "--wijk", "WK040201", "--jaar", "2018", "--pdf", str(tmp_path / "lang.pdf"),
                 "--dsn", fresh_db.editor_dsn)
    assert result.returncode == 0, result.stderr
    assert pdf.pages(tmp_path / "lang.pdf") > 2
    text = pdf.text(tmp_path / "lang.pdf")
    assert all(f"Extra deal {k} " in text or text.rstrip().endswith(f"Extra deal {k}") or f"Extra deal {k}\n" in text
               for k in range(1, 81))


def test_a_year_outside_the_check_is_refused_with_the_checks_own_range(fresh_db, tmp_path):
    """The report keeps no copy of the year range: narrow the CHECK on buurt.buurtdeal.jaar and the refusal
    follows (read through publiek.jaarbereik)."""
    with psycopg.connect(fresh_db.admin_dsn) as conn:
        low = conn.execute("SELECT min(jaar) FROM buurt.buurtdeal").fetchone()[0]
        conn.execute("ALTER TABLE buurt.buurtdeal DROP CONSTRAINT buurtdeal_jaar_check, "
                     f"ADD CONSTRAINT buurtdeal_jaar_check CHECK (jaar >= {low} AND jaar <= 2090)")
    result = run("jaar", "--gemeente", "GM0402", "--jaar", str(low - 1), "--pdf", str(tmp_path / "r.pdf"),
                 "--dsn", fresh_db.editor_dsn)
    assert result.returncode == 2 and f"--jaar: jaar {low - 1} ligt buiten {low}-2090." in result.stderr
