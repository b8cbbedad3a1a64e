"""The security scan plugins.qgis.org runs on every upload, run here on our built zip.

The site (qgis/QGIS-Plugins-Website, qgis-app/plugins/security_scanner.py) unzips the upload and runs bandit 1.9,
detect-secrets 1.5 and flake8 7.3 (+ flake8-json) as subprocesses; a bandit or detect-secrets finding blocks the
version. We run the same commands on the same unzipped tree, a little stricter where the site filters:
- bandit `-r DIR -f json --quiet` with every test and every severity and confidence (the site passes its list of
  enabled tests, B101–B704 less four LOW ones, or `-ll` when it has none);
- detect-secrets exactly as the site (`scan --all-files`, metadata.txt and .secrets.baseline excluded, from the
  unzipped folder) but with every plugin (the site turns off IPPublicDetector);
- flake8 as the site: `--format=json --max-line-length=120 --select` its enabled codes (flake8_rules.json).
Any finding fails. The tools are test dependencies (pyproject's dev extra); a missing one fails, never skips.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent
# flake8 codes the site enables (qgis-app/plugins/management/commands/data/flake8_rules.json, "enabled": true)
SITE_FLAKE8_CODES = ("C901,E101,E711,E712,E713,E714,E721,E722,E731,E741,E742,E743,E901,E902,E999,"
                     "F402,F403,F404,F405,F811,F821,F822,F823,F831,F901,W605")
# a narrow suppression: one test id, then the reason after a second '#'
NARROW_NOSEC = re.compile(r"#\s*nosec B608\s+#\s*\S")


def tool(name: str) -> str:
    path = BIN / name
    assert path.exists(), f"{name} ontbreekt in {BIN}: installeer de dev-extra (pip install -e '.[dev]')"
    return str(path)


@pytest.fixture(scope="module")
def unzipped(plugin_zip, tmp_path_factory) -> Path:
    """The zip unpacked as the site does it (zipfile.extractall into an empty folder)."""
    target = tmp_path_factory.mktemp("upload")
    with zipfile.ZipFile(plugin_zip) as archive:
        archive.extractall(target)
    assert (target / "buurtkaart" / "processing" / "provider.py").exists()
    return target


def python_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.py"))


def test_the_site_versions_are_installed():
    for name, wanted in (("bandit", (1, 9)), ("detect-secrets", (1, 5)), ("flake8", (7, 3))):
        major, minor = (int(part) for part in metadata.version(name).split(".")[:2])
        assert major == wanted[0] and minor >= wanted[1], f"{name} {metadata.version(name)}: de site draait ~={wanted}"
    metadata.version("flake8-json")  # the site's --format=json


def test_bandit_finds_nothing_with_every_test_and_severity(unzipped):
    result = subprocess.run([tool("bandit"), "-r", str(unzipped), "-f", "json", "--quiet"],
                            capture_output=True, text=True, timeout=300)
    report = json.loads(result.stdout)
    findings = [f"{r['test_id']} {Path(r['filename']).relative_to(unzipped)}:{r['line_number']} {r['issue_text']}"
                for r in report["results"]]
    assert findings == [], "\n".join(findings)
    assert report["errors"] == []
    assert report["metrics"]["_totals"]["loc"] > 1000  # it read the plugin, not an empty folder
    assert result.returncode == 0
    # every suppression is one narrow B608 with its reason, and each one suppresses a finding (none left unused)
    nosec = [(path, line) for path in python_files(unzipped)
             for line in path.read_text(encoding="utf-8").splitlines() if "nosec" in line]
    assert all(NARROW_NOSEC.search(line) for _, line in nosec), nosec
    assert report["metrics"]["_totals"]["skipped_tests"] == len(nosec)


def test_no_assert_in_the_plugin(unzipped):
    """Python -O drops asserts: the plugin must not use them for control flow (bandit B101, checked per file)."""
    offenders = [f"{path.relative_to(unzipped)}:{n}" for path in python_files(unzipped)
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                 if re.match(r"\s*assert\b", line)]
    assert offenders == []


def test_detect_secrets_finds_nothing(unzipped):
    result = subprocess.run([tool("detect-secrets"), "scan", "--all-files", "--exclude-files", r"metadata\.txt",
                             "--exclude-files", r"\.secrets\.baseline", "."],
                            cwd=unzipped, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert len(report["plugins_used"]) >= 20  # every detector, IPPublicDetector too
    assert report["results"] == {}


def test_flake8_as_the_site_runs_it_finds_nothing(unzipped):
    files = python_files(unzipped)
    assert len(files) > 30
    result = subprocess.run([tool("flake8"), "--format=json", "--max-line-length=120",
                             "--select", SITE_FLAKE8_CODES, *map(str, files)],
                            capture_output=True, text=True, timeout=300)
    report = json.loads(result.stdout)
    assert set(report) == {str(f) for f in files}  # every file was checked
    findings = [f"{Path(name).relative_to(unzipped)}:{i['line_number']} {i['code']} {i['text']}"
                for name, issues in report.items() for i in issues]
    assert findings == [], "\n".join(findings)
    assert result.returncode == 0, result.stderr


HOSTILE = ["O'Brien", "eindigt op \\", "\\'; DROP TABLE buurt.initiatief; --", "$$ $x$", "%s en %(g)s", "100 %",
           "Gemeente 's-Hertogenbosch — ë", ""]


def test_bound_values_reach_the_database_unchanged(bk, gis_connection):
    """connection.bind is how the plugin binds values (QGIS 3.22's executeSql takes text only): hostile text, numbers,
    NULL, booleans and arrays come back from PostgreSQL exactly as given."""
    conn = bk.connection.connect(gis_connection)
    run_sql = bk.connection.run_sql
    for value in HOSTILE:
        assert run_sql(conn, "SELECT %s::text, length(%s::text)", [value, value]) == [[value, len(value)]]
        assert run_sql(conn, "SELECT %(v)s::text = %(v)s::text, '100%%'", {"v": value}) == [[True, "100%"]]
    assert run_sql(conn, "SELECT %s::int, %s::float8, %s::text IS NULL, %s::boolean, %s::boolean",
                   [2021, 0.25, None, True, False]) == [[2021, 0.25, True, True, False]]
    assert run_sql(conn, "SELECT array_length(%s::text[], 1), (%s::text[])[2], cardinality(%s::text[])",
                   [HOSTILE, HOSTILE, []]) == [[len(HOSTILE), HOSTILE[1], 0]]
    assert run_sql(conn, "SELECT count(*) FROM buurt.initiatief")[0][0] > 0  # nothing was dropped
    for sql, params in (("SELECT %s, %s", [1]), ("SELECT %s", [1, 2]), ("SELECT %(a)s", [1]), ("SELECT %s", {"a": 1})):
        with pytest.raises(TypeError):
            bk.connection.bind(sql, params)
    with pytest.raises(TypeError, match="geen SQL-waarde"):
        bk.connection.bind("SELECT %s", [object()])
    with pytest.raises(ValueError, match="geen eindig getal"):
        bk.connection.bind("SELECT %s", [float("nan")])
