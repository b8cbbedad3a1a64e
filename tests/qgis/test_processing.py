"""The Processing algorithms of the Buurtkaart provider, run with processing.run on real databases."""

from __future__ import annotations

import psycopg
import pytest
from qgis.core import QgsProcessingException, QgsProcessingFeedback

from tests.qgis_registry import saved_connection
from tests.support import temporary_database


@pytest.fixture
def empty_db(pg_settings):
    with (temporary_database(pg_settings, empty=True) as db,
          saved_connection(f"Buurtkaart leeg {db.name}", db.admin_dsn) as name):
        yield db, name


def test_provider_discovers_algorithm_modules(bk, provider):
    ids = {alg.id() for alg in provider.algorithms()}
    assert {"buurtkaart:installeren", "buurtkaart:rapportage"} <= ids
    # every alg_*.py module contributes its ALGORITHMS
    assert len(ids) == len(bk.processing.provider.algorithm_classes())


def test_install_needs_confirmation_and_changes_nothing_without(provider, empty_db):
    import processing

    db, name = empty_db
    with pytest.raises(QgsProcessingException, match="Niets gewijzigd: bevestig eerst"):
        processing.run("buurtkaart:installeren", {"VERBINDING": name, "BEVESTIG": False})
    with psycopg.connect(db.admin_dsn) as conn:
        assert conn.execute("SELECT to_regnamespace('buurt') IS NULL").fetchone()[0]


def test_install_then_upgrade_is_idempotent(bk, provider, empty_db):
    import processing

    db, name = empty_db
    latest = bk.resources.migrations().latest_version(bk.resources.layers_dir())
    result = processing.run("buurtkaart:installeren", {"VERBINDING": name, "BEVESTIG": True})
    assert result["VERSIE"] == latest
    assert "0001_basis.sql" in result["TOEGEPAST"]
    with psycopg.connect(db.admin_dsn) as conn:
        assert conn.execute("SELECT max(versie) FROM buurt_sys.schema_versie").fetchone()[0] == latest
        assert conn.execute("SELECT to_regprocedure('buurt_app.rapport_wijk_jaar(integer,text)') IS NOT NULL"
                            ).fetchone()[0]
        # the script left the session role alone and committed: a new session sees everything
        assert conn.execute("SELECT count(*) FROM buurt_vl.thema").fetchone()[0] == 5
    again = processing.run("buurtkaart:installeren", {"VERBINDING": name, "BEVESTIG": True})
    assert again["VERSIE"] == latest and again["TOEGEPAST"] == ""


def test_install_refused_by_database_changes_nothing(provider, pg_settings):
    """The GIS staff login may not create schemas: the error is the database's, and nothing is half-done."""
    import processing

    with (temporary_database(pg_settings, empty=True) as db,
          saved_connection(f"Buurtkaart leeg gis {db.name}", db.editor_dsn) as name):
        with pytest.raises(QgsProcessingException, match="Installeren mislukt, er is niets gewijzigd"):
            processing.run("buurtkaart:installeren", {"VERBINDING": name, "BEVESTIG": True})
        with psycopg.connect(db.admin_dsn) as conn:
            assert conn.execute("SELECT to_regnamespace('buurt_sys') IS NULL").fetchone()[0]


def test_report_per_wijk_and_year(provider, gis_connection, demo_db, tmp_path):
    import processing

    html_path = tmp_path / "rapport.html"
    result = processing.run("buurtkaart:rapportage", {
        "VERBINDING": gis_connection, "JAAR": 2018, "OUTPUT": "memory:", "OUTPUT_HTML": str(html_path)})
    table = result["OUTPUT"]
    rows = [f.attributes() for f in table.getFeatures()]
    names = table.fields().names()
    with psycopg.connect(demo_db.admin_dsn) as conn:
        deals = conn.execute("SELECT count(*) FROM buurt.buurtdeal WHERE jaar = 2018").fetchone()[0]
        initiatives = conn.execute("SELECT count(*) FROM buurt.initiatief WHERE extract(year FROM ingediend_op) = 2018"
                                   ).fetchone()[0]
        committed = conn.execute("SELECT coalesce(sum(budget_gemeente), 0) FROM buurt.buurtdeal d JOIN buurt_vl.status "
                                 "s ON s.code = d.status WHERE jaar = 2018 AND s.deal_gesloten").fetchone()[0]
        wijken = [r[0] for r in conn.execute("SELECT naam FROM buurt.wijk ORDER BY code")]
    count = names.index("aantal")
    kind = names.index("soort")
    assert deals > 0
    assert sum(r[count] for r in rows if r[kind] == "buurtdeal") == deals
    assert sum(r[count] for r in rows if r[kind] == "initiatief") == initiatives
    assert all(r[names.index("jaar")] == 2018 for r in rows)
    assert result["BUDGET"] == 500000
    assert result["TOEGEZEGD"] == pytest.approx(float(committed))
    assert result["BENUT_PCT"] == pytest.approx(round(100 * float(committed) / 500000, 1))
    text = html_path.read_text(encoding="utf-8")
    assert "Rapportage buurten 2018" in text and "EUR 500.000" in text
    assert all(naam in text for naam in wijken)


def test_report_for_one_wijk_and_bad_wijk(provider, gis_connection, tmp_path):
    import processing

    result = processing.run("buurtkaart:rapportage", {
        "VERBINDING": gis_connection, "JAAR": 2018, "WIJK": "wk040201", "OUTPUT": "memory:",
        "OUTPUT_HTML": str(tmp_path / "centrum.html")})
    codes = {f["wijkcode"] for f in result["OUTPUT"].getFeatures()}
    assert codes == {"WK040201"}
    with pytest.raises(QgsProcessingException, match="Wijk 'WK999999' bestaat niet \\(parameter WIJK\\)"):
        processing.run("buurtkaart:rapportage", {
            "VERBINDING": gis_connection, "JAAR": 2018, "WIJK": "WK999999", "OUTPUT": "memory:",
            "OUTPUT_HTML": str(tmp_path / "x.html")})


def test_report_progress_and_cancel(provider, gis_connection, tmp_path):
    import processing

    class Recorder(QgsProcessingFeedback):
        def __init__(self, cancel_at: float | None = None) -> None:
            super().__init__()
            self.steps: list[float] = []
            self.progressChanged.connect(self._record)
            self.cancel_at = cancel_at

        def _record(self, value: float) -> None:
            self.steps.append(value)
            if self.cancel_at is not None and value >= self.cancel_at:
                self.cancel()

    feedback = Recorder()
    processing.run("buurtkaart:rapportage", {"VERBINDING": gis_connection, "JAAR": 2018, "OUTPUT": "memory:",
                                             "OUTPUT_HTML": str(tmp_path / "a.html")}, feedback=feedback)
    assert feedback.steps[-1] == 100 and len(feedback.steps) >= 5
    assert feedback.steps == sorted(feedback.steps)

    cancelling = Recorder(cancel_at=20)
    with pytest.raises(QgsProcessingException, match="Afgebroken"):
        processing.run("buurtkaart:rapportage", {"VERBINDING": gis_connection, "JAAR": 2018, "OUTPUT": "memory:",
                                                 "OUTPUT_HTML": str(tmp_path / "b.html")}, feedback=cancelling)
    assert not (tmp_path / "b.html").exists()


def test_algorithm_reports_unreachable_database_in_dutch(provider, pg_settings, tmp_path):
    import processing

    with pytest.raises(QgsProcessingException, match="Kan geen verbinding maken met de database"):
        processing.run("buurtkaart:rapportage", {
            "VERBINDING": f"host={pg_settings.socket_dir} port=1 dbname=nergens user=postgres", "JAAR": 2018,
            "OUTPUT": "memory:", "OUTPUT_HTML": str(tmp_path / "x.html")})
