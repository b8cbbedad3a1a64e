"""The installed plugin reads the catalogue with the shared core's strict reader: an unknown key is refused (it
used to be dropped silently), and loading the layer set says so in Dutch instead of loading half a set."""

from __future__ import annotations

import pytest

from tests.test_core import write_catalogue


def test_plugin_refuses_an_unknown_catalogue_key(bk, tmp_path):
    write_catalogue(tmp_path, "qgis", {"sleutle": "id"})
    with pytest.raises(bk.catalogue.CatalogueError, match=r"\[\[qgis\]\] 'initiatief_punt' heeft onbekende "
                                                          r"sleutel\(s\) sleutle"):
        bk.catalogue.load(tmp_path)
    good = tmp_path / "goed"
    good.mkdir()
    write_catalogue(good, "qgis", {})
    assert [layer.id for layer in bk.catalogue.load(good).layers] == [layer.id for layer in bk.catalogue.load().layers]
    assert bk.catalogue.CatalogueError.__module__ == "buurtkaart.core.catalogue"  # the bundled core, not a copy
