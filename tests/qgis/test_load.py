"""Loading the layer set: one group, every catalogue layer with its style and form, counts equal to the
database, one transaction group, and loading twice adds nothing."""

from __future__ import annotations

import psycopg
import pytest
from qgis.core import (
    Qgis,
    QgsDataSourceUri,
    QgsProject,
    QgsSingleSymbolRenderer,
    QgsSymbol,
    QgsVectorLayer,
    QgsWkbTypes,
)

from tests.support import new_database

GEOMETRY_SQL = {"Point": "POINT", "MultiPolygon": "MULTIPOLYGON"}


def database_count(dsn: str, entry) -> int:
    where = []
    if entry.geometrie:
        where.append(f"GeometryType(geom) = '{GEOMETRY_SQL[entry.geometrie]}'")
    if entry.filter:
        where.append(entry.filter)
    sql = f"SELECT count(*) FROM {entry.tabel}" + (" WHERE " + " AND ".join(where) if where else "")
    with psycopg.connect(dsn) as conn:
        return conn.execute(sql).fetchone()[0]


def test_loads_every_catalogue_layer_with_database_counts(bk, plugin, project, gis_connection, demo_db):
    result = plugin.load_layers(connection=gis_connection)
    cat = bk.catalogue.load()
    assert result is not None
    assert set(result.layers) == {entry.id for entry in cat.layers}
    assert len(project.mapLayers()) == len(cat.layers) == 23
    group = project.layerTreeRoot().findGroup("Buurtkaart")
    assert group is not None and len(group.findLayers()) == 23
    assert group.findGroup("Waardelijsten") is not None
    for entry in cat.layers:
        layer = result.layers[entry.id]
        assert layer.isValid(), entry.id
        assert layer.featureCount() == database_count(demo_db.admin_dsn, entry), entry.id
        if entry.geometrie:
            assert QgsWkbTypes.flatType(layer.wkbType()) == QgsWkbTypes.parseType(entry.geometrie), entry.id
        assert layer.readOnly() == entry.alleen_lezen, entry.id
    # the demo has deals drawn as points and as areas: both layers have features
    assert result.layers["buurtdeal_punt"].featureCount() > 0 and result.layers["buurtdeal_vlak"].featureCount() > 0
    assert not result.style_errors
    assert plugin.iface.messageBar().get_messages(Qgis.Success)


def test_styles_and_forms_are_applied(bk, plugin, project, gis_connection):
    result = plugin.load_layers(connection=gis_connection)
    deals = result.layers["buurtdeal_punt"]
    renderer = deals.renderer()
    assert renderer.type() == "categorizedSymbol" and renderer.classAttribute() == "thema"
    assert {c.value() for c in renderer.categories()} == {"ontmoeten", "veiligheid", "verkeer", "openbare_ruimte",
                                                          "zorgbehoefte"}
    # thema colour from buurt_vl.thema
    ontmoeten = next(c for c in renderer.categories() if c.value() == "ontmoeten")
    assert ontmoeten.symbol().color().name() == "#e6550d"
    assert result.layers["wijk"].labelsEnabled()

    fields = deals.fields()
    thema = deals.editorWidgetSetup(fields.indexOf("thema"))
    assert thema.type() == "ValueRelation"
    assert thema.config()["Layer"] == result.layers["vl_thema"].id()
    status = deals.editorWidgetSetup(fields.indexOf("status"))
    assert status.config()["Layer"] == result.layers["vl_status"].id()
    assert status.config()["FilterExpression"] == '"voor_buurtdeal"'
    partij = result.layers["afspraak"].editorWidgetSetup(result.layers["afspraak"].fields().indexOf("partij"))
    assert partij.type() == "ValueRelation" and partij.config()["Layer"] == result.layers["vl_partij"].id()
    form = deals.editFormConfig()
    for name in ("buurtcode", "wijkcode", "gemeentecode", "aangemaakt_door", "aangemaakt_op", "gewijzigd_door",
                 "gewijzigd_op", "id"):
        assert form.readOnly(fields.indexOf(name)), name
    assert not form.readOnly(fields.indexOf("titel"))
    relations = [el for tab in form.tabs() for el in tab.children() if el.type() == el.AeTypeRelation]
    assert [r.relation().id() for r in relations] == ["afspraak_buurtdeal_punt"]
    relation = project.relationManager().relation("afspraak_buurtdeal_punt")
    assert relation.isValid() and relation.referencingLayer() is result.layers["afspraak"]
    # a new speelplek gets its soort from the layer, a new deal this year
    speelplek = result.layers["speelplek_punt"]
    assert speelplek.defaultValueDefinition(speelplek.fields().indexOf("soort")).expression() == "'speelplek'"
    assert deals.defaultValueDefinition(fields.indexOf("jaar")).expression() == "year(now())"
    # titel may not be empty (expression constraint, hard)
    assert "length(trim" in deals.constraintExpression(fields.indexOf("titel"))


def test_one_transaction_group_snapping_and_provider_defaults(bk, plugin, project, gis_connection):
    result = plugin.load_layers(connection=gis_connection)
    assert bk.project_setup.uses_transaction_groups(project)
    assert bk.project_setup.evaluates_defaults_on_provider(project)
    deals = result.layers["buurtdeal_punt"]
    assert deals.startEditing()
    conninfo = QgsDataSourceUri(deals.source()).connectionInfo(False)
    group = project.transactionGroup("postgres", conninfo)
    assert group is not None
    editable = {result.layers[i] for i in ("initiatief_punt", "initiatief_vlak", "buurtdeal_punt", "buurtdeal_vlak",
                                          "afspraak", "speelplek_punt", "speelplek_vlak", "groen", "zebrapad")}
    assert editable <= set(group.layers())
    assert all(layer.isEditable() for layer in editable)
    # every layer of the set, value lists included, shares that one group: nothing commits on its own
    assert set(result.layers.values()) == set(group.layers())
    snapping = project.snappingConfig()
    assert snapping.enabled()
    assert snapping.individualLayerSettings(deals).enabled()
    assert not snapping.individualLayerSettings(result.layers["afspraak"]).enabled()


def test_loading_twice_adds_nothing(bk, plugin, project, gis_connection):
    first = plugin.load_layers(connection=gis_connection)
    second = plugin.load_layers(connection=gis_connection)
    assert second.added == []
    assert len(project.mapLayers()) == 23
    assert {k: v.id() for k, v in first.layers.items()} == {k: v.id() for k, v in second.layers.items()}
    assert len(project.layerTreeRoot().findGroup("Buurtkaart").findLayers()) == 23
    # the catalogue's [[relatie]] pairs, the wijkagenda's two among them (no relation of the loader's own)
    assert len(project.relationManager().relations()) == len(bk.catalogue.load().layer_relations()) == 11
    assert {"wijkagenda_wijk", "jaarschijf_wijkagenda"} <= set(project.relationManager().relations())


def test_service_connection(bk, project, demo_db, tmp_path, monkeypatch):
    service_file = tmp_path / "pg_service.conf"
    s = demo_db.settings
    service_file.write_text(f"[bk_test]\nhost={s.socket_dir}\nport={s.port}\ndbname={demo_db.name}\n"
                            "user=buurtkaart_gis\n")
    monkeypatch.setenv("PGSERVICEFILE", str(service_file))
    result = bk.loader.load_layer_set("service=bk_test", project)
    layer = result.layers["wijk"]
    assert layer.isValid() and layer.featureCount() > 0
    assert "service='bk_test'" in layer.source() and "password" not in layer.source()


def test_refuses_plaintext_password_and_unknown_connection(bk):
    with pytest.raises(bk.connection.BuurtkaartDbError, match="wachtwoord in platte tekst"):
        bk.connection.connect("host=localhost dbname=x user=y password=geheim")
    with pytest.raises(bk.connection.BuurtkaartDbError, match="geen opgeslagen PostgreSQL-verbinding"):
        bk.connection.connect("Bestaat niet")


def test_unreachable_and_not_installed_databases(bk, plugin, project, pg_settings, qgis_iface):
    with pytest.raises(bk.connection.BuurtkaartDbError, match="Kan geen verbinding maken"):
        bk.connection.connect(f"host={pg_settings.socket_dir} port=1 dbname=nergens user=postgres")
    empty = new_database(pg_settings, empty=True)
    try:
        with pytest.raises(bk.loader.NotInstalled, match="geen Buurtkaart-database"):
            bk.loader.load_layer_set(empty.admin_dsn, project)
        assert plugin.load_layers(connection=empty.admin_dsn) is None
        assert len(QgsProject.instance().mapLayers()) == 0
    finally:
        empty.drop()


def test_layer_uri_filters_geometry_type(bk, gis_connection):
    entry = bk.catalogue.load().by_id("speelplek_vlak")
    conninfo = bk.connection.connection_info(gis_connection)
    layer = QgsVectorLayer(bk.loader.layer_uri(conninfo, entry), "x", "postgres")
    assert "type=MultiPolygon" in layer.source() and "soort = 'speelplek'" in layer.source()


def test_upgrade_advice_compares_database_and_plugin_versions(bk, plugin, project, gis_connection):
    result = plugin.load_layers(connection=gis_connection)
    latest = bk.resources.migrations().latest_version(bk.resources.layers_dir())
    assert result.schema_version == latest
    assert bk.loader.upgrade_advice(latest) is None
    assert "werk de database bij" in bk.loader.upgrade_advice(latest - 1)
    assert "nieuwer dan deze plugin" in bk.loader.upgrade_advice(latest + 1)


def test_a_default_style_in_the_database_does_not_replace_the_catalogue_style(bk, plugin, project, fresh_db,
                                                                              fresh_connection):
    # someone saved a single-symbol style as the default of the deals table (QGIS' layer_styles)
    entry = bk.catalogue.load().by_id("buurtdeal_punt")
    admin_info = QgsDataSourceUri(fresh_db.admin_dsn).connectionInfo(False)
    own = QgsVectorLayer(bk.loader.layer_uri(admin_info, entry), "eigen", "postgres")
    assert own.isValid()
    own.setRenderer(QgsSingleSymbolRenderer(QgsSymbol.defaultSymbol(own.geometryType())))
    assert own.saveStyleToDatabase("eigen stijl", "", True, "") == ""
    del own
    with psycopg.connect(fresh_db.admin_dsn) as conn:
        assert conn.execute("SELECT count(*) FROM public.layer_styles WHERE useasdefault").fetchone()[0] == 1
        conn.execute("GRANT SELECT ON public.layer_styles TO PUBLIC")
    result = plugin.load_layers(connection=fresh_connection)
    renderer = result.layers["buurtdeal_punt"].renderer()
    assert renderer.type() == "categorizedSymbol" and renderer.classAttribute() == "thema"
