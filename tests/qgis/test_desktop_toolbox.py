"""Every Buurtkaart Processing algorithm run from its Toolbox dialog in the real QGIS 3.22 desktop (qgis under
xvfb, the plugin from its zip): the AlgorithmDialog QGIS opens, its Run button, the algorithm in QGIS' background
task unless it asks for the main thread, exactly as staff run it. Then the output is inspected: the buurtcyclus
reports' PDFs have the pages and words of `buurtkaart rapport` on the command line, tables included; the other
algorithms' results match the database. processing.run in the test process (the other tests) runs in the main
thread and could not see what the Toolbox does differently. One desktop for the module (desktop_toolbox.py)."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from spatial_service.cli import main
from tests.io.files import municipality, write_cbs_geopackage
from tests.io.test_assets import bgt_file, osm_file
from tests.io.test_qgis_object_files import centres
from tests.io.test_qgis_objects import objects_file
from tests.io.test_qgis_polls import locali_csv
from tests.plancheck import plans, world
from tests.qgis import desktop
from tests.reports import pdf
from tests.support import TestDatabase, temporary_database

DEMO, WORK, EMPTY, BARE, WORLD = ("Toolbox demo", "Toolbox werk", "Toolbox leeg", "Toolbox zonder demo",
                                  "Toolbox plantoets")


@pytest.fixture(scope="module")
def databases(pg_settings) -> Iterator[dict[str, TestDatabase]]:
    with (temporary_database(pg_settings) as demo, temporary_database(pg_settings) as work,
          temporary_database(pg_settings, empty=True) as empty,
          temporary_database(pg_settings, with_demo=False) as bare,
          temporary_database(pg_settings, with_demo=False) as plan_world):
        world.build(plan_world.admin_dsn)  # the plan check's own test world (tests/plancheck/world.py)
        yield {DEMO: demo, WORK: work, EMPTY: empty, BARE: bare, WORLD: plan_world}


def one(dsn: str, sql: str, params: tuple = ()):
    with psycopg.connect(dsn) as conn:
        return conn.execute(sql, params).fetchone()


@pytest.fixture(scope="module")
def inputs(databases, tmp_path_factory) -> dict:
    files = tmp_path_factory.mktemp("invoer")
    work = databases[WORK]
    deal_id, titel = one(work.admin_dsn, "SELECT id, titel FROM buurt.buurtdeal WHERE status = 'uitvoering' "
                                         "ORDER BY id LIMIT 1")
    with psycopg.connect(work.editor_dsn) as conn:
        conn.execute("UPDATE buurt.buurtdeal SET titel = 'Titel via de Toolbox' WHERE id = %s", (deal_id,))
    first = one(work.admin_dsn, "SELECT min(id) FROM buurt_sys.wijziging WHERE tabel = 'buurt.buurtdeal' "
                                "AND rij_id = %s AND actie = 'I'", (str(deal_id),))[0]
    spots = centres(work.admin_dsn)
    return {
        "files": files, "deal": deal_id, "titel": titel, "wijziging": first,
        "polls": str(locali_csv(files / "locali.csv", work.admin_dsn)),
        "objects": str(objects_file(files / "objecten.gpkg", work.admin_dsn)),
        "osm": str(osm_file(files / "extract.osm", spots)),
        "bgt": str(bgt_file(files / "bgt.gpkg", spots)),
        "boundaries": str(write_cbs_geopackage(files / "wijkenbuurten_2023.gpkg", municipality("GM0402"))),
        "plan": str(plans.plan_dxf(files / "herinrichting.dxf")),
    }


def cases(inputs: dict, out: Path) -> list[dict]:
    deal = {"layer": "buurtdeal_punt", "where": f'"id" = {inputs["deal"]}', "parameter": "INVOER"}
    return [
        {"name": "jaarrapportage", "alg": "buurtkaart:buurtcyclus_rapport", "params": {
            "VERBINDING": DEMO, "SOORT": 0, "GEMEENTE": "GM0402", "JAAR": 2018,
            "OUTPUT_PDF": str(out / "jaar.pdf"), "OUTPUT_HTML": str(out / "jaar.html")}},
        {"name": "wijkanalyse", "alg": "buurtkaart:buurtcyclus_rapport", "params": {
            "VERBINDING": DEMO, "SOORT": 1, "WIJK": "WK040206", "JAAR": 2018, "OUTPUT_PDF": str(out / "wijk.pdf")}},
        {"name": "rapportage", "alg": "buurtkaart:rapportage", "params": {
            "VERBINDING": DEMO, "JAAR": 2018, "OUTPUT": "TEMPORARY_OUTPUT", "OUTPUT_HTML": str(out / "rap.html")}},
        {"name": "buurtmonitor", "alg": "buurtkaart:buurtmonitor_kaart", "params": {
            "VERBINDING": DEMO, "INDICATOR": "sociale_cohesie", "JAAR": 2017, "NIVEAU": 0, "GEMEENTE": "GM0402"}},
        {"name": "budget", "alg": "buurtkaart:budget_verdelen", "params": {
            "VERBINDING": WORK, "GEMEENTE": "GM0402", "JAAR": 2018, "OUTPUT": "TEMPORARY_OUTPUT"}},
        {"name": "installeren", "alg": "buurtkaart:installeren", "params": {"VERBINDING": EMPTY, "BEVESTIG": True}},
        {"name": "geschiedenis", "alg": "buurtkaart:geschiedenis", "select": deal,
         "params": {"OUTPUT": "TEMPORARY_OUTPUT"}},
        {"name": "herstellen", "alg": "buurtkaart:versie_herstellen", "select": deal,
         "params": {"WIJZIGING": inputs["wijziging"]}},
        {"name": "peilingen", "alg": "buurtkaart:peilingen_importeren", "params": {
            "VERBINDING": WORK, "INVOER": inputs["polls"], "BRON": "locali"}},
        {"name": "objecten", "alg": "buurtkaart:objecten_importeren", "params": {
            "VERBINDING": WORK, "INVOER": f"{inputs['objects']}|layername=objecten", "VELD_ID": "objectid",
            "VELD_SOORT": "categorie", "VELD_NAAM": "naam", "BRON": "objecten", "ONBRUIKBARE_OVERSLAAN": True}},
        {"name": "osm", "alg": "buurtkaart:osm_objecten_importeren", "params": {
            "VERBINDING": WORK, "BESTAND": inputs["osm"]}},
        {"name": "bgt", "alg": "buurtkaart:bgt_objecten_importeren", "params": {
            "VERBINDING": WORK, "BESTAND": inputs["bgt"]}},
        {"name": "grenzen", "alg": "buurtkaart:grenzen_importeren", "params": {
            "VERBINDING": BARE, "INVOER": inputs["boundaries"], "GEMEENTEN": "GM0402",
            "VERSLAG": str(out / "verslag.csv")}},
        {"name": "plantoets", "alg": "buurtkaart:plantoets", "params": {
            "VERBINDING": WORLD, "PLAN": inputs["plan"], "OUTPUT": "TEMPORARY_OUTPUT",
            "OUTPUT_VLAKKEN": "TEMPORARY_OUTPUT", "OUTPUT_HTML": str(out / "plantoets.html")}},
    ]


@pytest.fixture(scope="module")
def ran(plugins_dir, databases, inputs, tmp_path_factory) -> tuple[dict, Path]:
    out = tmp_path_factory.mktemp("uitvoer")
    spec = out / "gevallen.json"
    connections = {name: db.editor_dsn for name, db in databases.items()}
    connections[EMPTY] = databases[EMPTY].admin_dsn  # installing needs the owner
    spec.write_text(json.dumps({"connections": connections, "layers_from": WORK,
                                "cases": cases(inputs, out)}), encoding="utf-8")
    report = desktop.run("desktop_toolbox.py", plugins_dir, tmp_path_factory.mktemp("desktop"), timeout=900,
                         BK_CASES=str(spec))
    return report, out


def result(ran, name: str) -> dict:
    report = ran[0][name]
    assert "error" not in report, report["error"]
    assert report["finished"] and report["ok"], report["dialog_log"]
    return report["results"]


def words(path: Path) -> int:
    return len(pdf.text(path).split())


def test_every_algorithm_of_the_provider_has_a_toolbox_case(bk, provider, ran, inputs):
    covered = {case["alg"] for case in cases(inputs, Path("."))}
    assert covered == {alg.id() for alg in provider.algorithms()}


@pytest.mark.parametrize("name, cli", [
    ("jaarrapportage", ["rapport", "jaar", "--gemeente", "GM0402", "--jaar", "2018"]),
    ("wijkanalyse", ["rapport", "wijk", "--wijk", "WK040206", "--jaar", "2018"]),
])
def test_buurtcyclus_report_from_the_toolbox_equals_the_cli(ran, databases, tmp_path, name, cli):
    report = result(ran, name)
    assert not any("background thread" in line for line in ran[0][name]["log"]), ran[0][name]["log"]
    ours = Path(report["OUTPUT_PDF"])
    assert main([*cli, "--pdf", str(tmp_path / "cli.pdf"), "--dsn", databases[DEMO].editor_dsn]) == 0
    assert pdf.pages(ours) == pdf.pages(tmp_path / "cli.pdf")
    assert words(ours) == words(tmp_path / "cli.pdf") > 500
    for page in range(1, pdf.pages(ours) + 1):
        assert pdf.text(ours, page) == pdf.text(tmp_path / "cli.pdf", page), f"pagina {page}"
    # the tables are there: amounts in euro (the HTML items of the layout)
    assert len(re.findall(r"\d{1,3}(?:\.\d{3})+", pdf.text(ours))) >= 5


def test_report_per_wijk_and_year_from_the_toolbox(ran, databases):
    report = result(ran, "rapportage")
    budget = one(databases[DEMO].admin_dsn, "SELECT bedrag FROM buurt.budget WHERE gemeentecode = 'GM0402' "
                                            "AND jaar = 2018")[0]
    assert report["BUDGET"] == float(budget)
    html = Path(report["OUTPUT_HTML"]).read_text(encoding="utf-8")
    with psycopg.connect(databases[DEMO].admin_dsn) as conn:
        assert all(naam in html for (naam,) in conn.execute("SELECT naam FROM buurt.wijk"))


def test_buurtmonitor_map_and_budget_allocation_from_the_toolbox(ran, databases):
    assert result(ran, "buurtmonitor")["OUTPUT"]
    result(ran, "budget")
    assert one(databases[WORK].admin_dsn, "SELECT count(*) FROM buurt.budgetverdeling WHERE gemeentecode = 'GM0402' "
                                          "AND jaar = 2018")[0] > 0


def test_install_from_the_toolbox(bk, ran, databases):
    latest = bk.resources.migrations().latest_version(bk.resources.layers_dir())
    assert result(ran, "installeren")["VERSIE"] == latest
    assert one(databases[EMPTY].admin_dsn, "SELECT max(versie) FROM buurt_sys.schema_versie")[0] == latest


def test_history_and_restore_from_the_toolbox(ran, databases, inputs):
    assert result(ran, "geschiedenis")["OUTPUT"]
    assert "staat weer zoals na wijziging" in result(ran, "herstellen")["BERICHT"]
    assert one(databases[WORK].admin_dsn, "SELECT titel FROM buurt.buurtdeal WHERE id = %s",
               (inputs["deal"],))[0] == inputs["titel"]


@pytest.mark.parametrize("name, source", [("peilingen", "locali"), ("objecten", "objecten"), ("osm", "osm"),
                                          ("bgt", "bgt")])
def test_imports_from_the_toolbox(ran, databases, name, source):
    outcome = result(ran, name)
    assert outcome["NIEUW"] > 0, outcome
    table = "buurt.peiling" if name == "peilingen" else "buurt.beheerobject"
    stored = one(databases[WORK].admin_dsn, f"SELECT count(*) FROM {table} WHERE bron = %s", (source,))[0]
    assert stored == outcome["NIEUW"], (stored, outcome)


def test_boundary_import_from_the_toolbox(ran, databases):
    outcome = result(ran, "grenzen")
    stored = one(databases[BARE].admin_dsn, "SELECT (SELECT count(*) FROM buurt.gemeente) + "
                 "(SELECT count(*) FROM buurt.wijk) + (SELECT count(*) FROM buurt.buurt)")[0]
    assert outcome["NIEUW"] == stored > 0
    assert os.path.exists(outcome["VERSLAG"]) if "VERSLAG" in outcome else True


def test_plan_check_from_the_toolbox_equals_the_cli(ran, databases, inputs, capsys):
    outcome = result(ran, "plantoets")
    assert main(["plancheck", inputs["plan"], "--json", "--dsn", databases[WORLD].editor_dsn]) == 0
    findings = json.loads(capsys.readouterr().out)["features"]
    assert outcome["ERNSTIG"] + outcome["WAARSCHUWING"] <= len(findings)
    assert (outcome["ERNSTIG"], outcome["WAARSCHUWING"]) == (4, 5)  # as test_qgis.py in tests/plancheck
    page = Path(outcome["OUTPUT_HTML"]).read_text(encoding="utf-8")
    assert "data:image/png;base64," in page and "Plantsoen Midden" in page
