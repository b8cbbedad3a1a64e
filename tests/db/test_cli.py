"""The `buurtkaart` command as a newcomer runs it: real processes, real database."""

from __future__ import annotations

import os
import subprocess
import sys

import psycopg

from tests.support import new_database


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "spatial_service.cli", *args], capture_output=True, text=True,
                          timeout=300)


def test_install_into_any_database_by_dsn(pg_settings):
    db = new_database(pg_settings, empty=True)
    try:
        first = run("db", "install", "--dsn", db.admin_dsn)
        assert first.returncode == 0, first.stderr
        assert "0001_basis.sql" in first.stdout
        second = run("db", "upgrade", "--dsn", db.admin_dsn)
        assert second.returncode == 0 and "geen nieuwe changelogs" in second.stdout
        with psycopg.connect(db.admin_dsn) as conn:
            assert conn.execute("SELECT count(*) FROM buurt_vl.status").fetchone()[0] == 8
    finally:
        db.drop()


def test_unreachable_database_gives_a_dutch_message_not_a_traceback(pg_settings):
    result = run("db", "install", "--dsn", f"host={pg_settings.socket_dir} port={pg_settings.port} "
                                           "dbname=bestaat_niet user=postgres")
    assert result.returncode == 2
    assert "Kan geen verbinding maken met de database" in result.stderr
    assert "Traceback" not in result.stderr


def test_status_reports_the_schema_version(pg_settings):
    result = run("db", "status")
    assert result.returncode == 0, result.stderr
    assert "draait" in result.stdout


def test_install_by_service_name(pg_settings, tmp_path):
    db = new_database(pg_settings, empty=True)
    service_file = tmp_path / "pg_service.conf"
    service_file.write_text(f"[gemeente_test]\nhost={pg_settings.socket_dir}\nport={pg_settings.port}\n"
                            f"dbname={db.name}\nuser=postgres\n")
    try:
        result = subprocess.run([sys.executable, "-m", "spatial_service.cli", "db", "install", "--dsn",
                                 "service=gemeente_test"], capture_output=True, text=True, timeout=300,
                                env={**os.environ, "PGSERVICEFILE": str(service_file)})
        assert result.returncode == 0, result.stderr
        assert "service=gemeente_test: schemaversie" in result.stdout
        with psycopg.connect(db.admin_dsn) as conn:
            assert conn.execute("SELECT count(*) FROM buurt_vl.thema").fetchone()[0] == 5
    finally:
        db.drop()


def test_a_second_cluster_writes_its_own_service_file_not_the_checkouts(tmp_path):
    """The benchmark's cluster in /tmp (BUURTKAART_PGDATA) names itself next to its data directory: the checkout's
    .local/pg_service.conf, which QGIS was started with, keeps pointing at the checkout's cluster."""
    from spatial_service.paths import LOCAL_DIR

    own = LOCAL_DIR / "pg_service.conf"
    before = own.read_bytes() if own.exists() else None
    other = tmp_path / "bench" / "pgdata"
    result = subprocess.run([sys.executable, "-m", "spatial_service.cli", "db", "service-file"], capture_output=True,
                            text=True, timeout=300, env={**os.environ, "BUURTKAART_PGDATA": str(other)})
    assert result.returncode == 0, result.stderr
    written = tmp_path / "bench" / "pg_service.conf"
    assert result.stdout.strip() == str(written)
    assert f"host={other}" in written.read_text()
    assert (own.read_bytes() if own.exists() else None) == before


def test_db_status_names_each_gemeente_with_what_it_holds(demo_db):
    """`db status` reads the contents with the geoalchemy2 models (spatial_service/db/overview.py): the counts
    agree with plain SQL."""
    env = {**os.environ, "BUURTKAART_DBNAME": demo_db.name, "BUURTKAART_PGDATA": str(demo_db.settings.cluster_dir),
           "BUURTKAART_PGPORT": str(demo_db.settings.port)}
    result = subprocess.run([sys.executable, "-m", "spatial_service.cli", "db", "status"], capture_output=True,
                            text=True, timeout=300, env=env)
    assert result.returncode == 0, result.stderr
    with psycopg.connect(demo_db.admin_dsn) as conn:
        expected = conn.execute("""
            SELECT g.naam, g.code, (SELECT count(*) FROM buurt.wijk x WHERE x.gemeentecode = g.code),
                   (SELECT count(*) FROM buurt.buurt x WHERE x.gemeentecode = g.code),
                   (SELECT count(*) FROM buurt.initiatief x WHERE x.gemeentecode = g.code),
                   (SELECT count(*) FROM buurt.buurtdeal x WHERE x.gemeentecode = g.code)
              FROM buurt.gemeente g ORDER BY g.code""").fetchall()
    assert expected and any(row[5] > 0 for row in expected)
    lines = [f"  {n} ({c}): {w} wijken, {b} buurten, {i} initiatieven, {d} buurtdeals" for n, c, w, b, i, d in expected]
    assert result.stdout.splitlines()[2:] == lines
