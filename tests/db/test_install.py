"""Install/upgrade: idempotent, and every older version upgrades to exactly what a fresh install gives."""

from __future__ import annotations

import shutil

import psycopg
import pytest

from spatial_service.core import migrations
from spatial_service.db import install
from spatial_service.paths import LAYERS_DIR
from tests.db.fingerprint import fingerprint
from tests.support import new_database


@pytest.fixture(scope="module")
def fresh_install(pg_settings):
    db = new_database(pg_settings, empty=True)
    install.upgrade(db.admin_dsn)
    yield db
    db.drop()


def test_fresh_install_records_every_changelog(fresh_install):
    logs = migrations.changelogs(LAYERS_DIR)
    assert install.schema_version(fresh_install.admin_dsn) == logs[-1].version
    with psycopg.connect(fresh_install.admin_dsn) as conn:
        rows = conn.execute("SELECT versie, bestand FROM buurt_sys.schema_versie ORDER BY versie").fetchall()
    assert rows == [(log.version, log.path.name) for log in logs]


def test_upgrade_twice_changes_nothing(fresh_install):
    before = fingerprint(fresh_install.admin_dsn)
    result = install.upgrade(fresh_install.admin_dsn)
    assert result.applied == []
    assert fingerprint(fresh_install.admin_dsn) == before


def test_every_old_version_upgrades_to_a_fresh_install(pg_settings, fresh_install):
    expected = fingerprint(fresh_install.admin_dsn)
    versions = [log.version for log in migrations.changelogs(LAYERS_DIR)]
    assert len(versions) >= 2
    for old in versions[:-1]:
        db = new_database(pg_settings, empty=True)
        try:
            first = install.upgrade(db.admin_dsn, upto=old)
            assert first.version == old
            with psycopg.connect(db.admin_dsn) as conn:
                has_app = conn.execute("SELECT to_regnamespace('buurt_app') IS NOT NULL").fetchone()[0]
            assert not has_app, "an old version is installed without the newer app layer"
            install.upgrade(db.admin_dsn)
            got = fingerprint(db.admin_dsn)
            for part in expected:
                assert got[part] == expected[part], f"upgrade from version {old} differs in {part}"
        finally:
            db.drop()


def test_changed_changelog_is_refused(fresh_install, tmp_path):
    layers = tmp_path / "layers"
    shutil.copytree(LAYERS_DIR, layers)
    first = sorted((layers / "migrations").glob("*.sql"))[0]
    first.write_text(first.read_text() + "\n-- edited after landing\n")
    with pytest.raises(migrations.MigrationError, match="is gewijzigd nadat hij is toegepast"):
        install.upgrade(fresh_install.admin_dsn, layers_dir=layers)


def test_failed_upgrade_leaves_database_as_it_was(fresh_install, tmp_path):
    layers = tmp_path / "layers"
    shutil.copytree(LAYERS_DIR, layers)
    (layers / "migrations" / "9999_kapot.sql").write_text("CREATE TABLE buurt.nieuw (id int);\nSELECT 1/0;\n")
    before = fingerprint(fresh_install.admin_dsn)
    with pytest.raises(psycopg.errors.DivisionByZero):
        install.upgrade(fresh_install.admin_dsn, layers_dir=layers)
    assert fingerprint(fresh_install.admin_dsn) == before


def test_bad_changelog_name_is_refused(tmp_path):
    layers = tmp_path / "layers"
    shutil.copytree(LAYERS_DIR, layers)
    (layers / "migrations" / "12_zonder_voorloopnullen.sql").write_text("SELECT 1;")
    with pytest.raises(migrations.MigrationError, match=r"12_zonder_voorloopnullen\.sql"):
        migrations.changelogs(layers)
