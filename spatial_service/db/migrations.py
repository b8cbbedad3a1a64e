"""Kept for imports that predate spatial_service.core: the migrations runner lives in core/migrations.py."""

from spatial_service.core.migrations import (  # noqa: F401
    APP_SCHEMAS,
    CHANGELOG_NAME,
    HAS_VERSION_TABLE,
    VERSION_QUERY,
    Changelog,
    MigrationError,
    applied_versions,
    changelogs,
    latest_version,
    parse_applied,
    pending,
    upgrade_script,
)
