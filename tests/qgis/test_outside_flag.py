"""The flag a boundary import sets on initiatives and deals left outside the gemeente is visible in QGIS: a
read-only field in the form's 'Afgeleid' tab of every initiative and deal layer."""

from __future__ import annotations


def test_buiten_gemeente_is_a_read_only_derived_field_in_the_forms(plugin, project, gis_connection):
    result = plugin.load_layers(connection=gis_connection)
    for layer_id in ("initiatief_punt", "initiatief_vlak", "buurtdeal_punt", "buurtdeal_vlak"):
        layer = result.layers[layer_id]
        index = layer.fields().indexOf("buiten_gemeente")
        assert index >= 0, layer_id
        assert layer.attributeDisplayName(index) == "Buiten de gemeente (na grenzenimport)"
        config = layer.editFormConfig()
        assert config.readOnly(index), layer_id
        tabs = {tab.name(): [child.name() for child in tab.children()]
                for tab in config.invisibleRootContainer().children()}
        assert "buiten_gemeente" in tabs["Afgeleid (door de database)"], layer_id
        assert "buiten_gemeente" not in tabs[next(iter(tabs))]  # not among the fields staff fill in
