"""What the QGIS tests register in the running QGIS: saved PostgreSQL connections and the Buurtkaart Processing
provider, each removed again afterwards."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType

from qgis.core import QgsApplication, QgsDataSourceUri, QgsProcessingProvider, QgsProviderRegistry


def save_connection(name: str, dsn: str) -> str:
    md = QgsProviderRegistry.instance().providerMetadata("postgres")
    # saveUsername: QGIS drops the user name of a saved connection unless told to keep it (no password here)
    conn = md.createConnection(QgsDataSourceUri(dsn).uri(False), {"saveUsername": True})
    md.saveConnection(conn, name)
    return name


def delete_connection(name: str) -> None:
    QgsProviderRegistry.instance().providerMetadata("postgres").deleteConnection(name)


# connections saved by remembered_connection, deleted again after each test by tests/io/conftest.py
REMEMBERED: set[str] = set()


def remembered_connection(name: str, dsn: str) -> str:
    """save_connection, remembered so that forget_remembered() deletes it when the test is done (QGIS keeps a
    saved connection in the profile's settings: a left-over one shows up in every later session)."""
    REMEMBERED.add(save_connection(name, dsn))
    return name


def forget_remembered() -> list[str]:
    """Delete every remembered connection; returns those QGIS still lists afterwards (none, normally)."""
    md = QgsProviderRegistry.instance().providerMetadata("postgres")
    for name in sorted(REMEMBERED):
        md.deleteConnection(name)
    left = sorted(set(md.connections()) & REMEMBERED)
    REMEMBERED.clear()
    return left


@contextmanager
def saved_connection(name: str, dsn: str) -> Iterator[str]:
    """A saved QGIS connection `name` to `dsn` for the length of the block."""
    save_connection(name, dsn)
    try:
        yield name
    finally:
        delete_connection(name)


@contextmanager
def registered_provider(provider_module: ModuleType, replace: bool = False) -> Iterator[QgsProcessingProvider]:
    """The plugin's provider registered as the plugin does, for the length of the block; `replace` removes one
    registered earlier by the same id first. The Python object must outlive the registration (sip ownership)."""
    registry = QgsApplication.processingRegistry()
    if replace and (existing := registry.providerById(provider_module.PROVIDER_ID)) is not None:
        registry.removeProvider(existing)
    instance = provider_module.BuurtkaartProvider()
    assert registry.addProvider(instance)
    yield instance
    registry.removeProvider(instance)
