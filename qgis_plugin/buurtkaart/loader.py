"""One action loads the whole Buurtkaart layer set as a layer-tree group, from layers/catalogue.toml.

Every layer gets its QML style + form from layers/styles/<id>.qml; the loader only wires what depends on this
project: the value-relation layer ids, the relations of the catalogue ([[relatie]]), snapping and the transaction
group.
Loading again reuses the layers already in the group (matched by the custom property buurtkaart/id).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from qgis.core import (
    QgsApplication,
    QgsDataSourceUri,
    QgsEditFormConfig,
    QgsEditorWidgetSetup,
    QgsLayerTreeGroup,
    QgsProject,
    QgsPythonRunner,
    QgsRelation,
    QgsVectorLayer,
    QgsWkbTypes,
)

from . import catalogue as catalogue_module
from . import formulier, project_setup
from .connection import BuurtkaartDbError, connect, data_source_uri, run_sql
from .resources import layers_dir, migrations, styles_dir

LAYER_ID_PROPERTY = "buurtkaart/id"
VALUE_LIST_GROUP = "Waardelijsten"
# the value-relation config key that names the catalogue id of the value-list layer (set by the style builder)
VALUE_LIST_KEY = "BuurtkaartWaardelijst"
SRID = "28992"

# Many gemeenten in one database (layers/app/080_rls.sql): row-level security already limits the data layers to
# the user's gemeente(n); boundaries are readable for all, so the layers with a gemeentecode load the user's own.
GEMEENTE_TABLES = {"buurt.buurt", "buurt.wijk", "buurt.initiatief", "buurt.buurtdeal", "buurt.beheerobject"}
GEMEENTEN_QUERY = "SELECT buurt_app.alle_gemeenten(), array_to_string(buurt_app.mijn_gemeenten(), ',')"


@dataclass
class LoadResult:
    group: QgsLayerTreeGroup
    layers: dict[str, QgsVectorLayer] = field(default_factory=dict)
    added: list[str] = field(default_factory=list)
    style_errors: dict[str, str] = field(default_factory=dict)
    schema_version: int = 0


def check_database(name_or_uri: str) -> int:
    """The installed schema version; BuurtkaartDbError (Dutch) when unreachable or not a Buurtkaart database."""
    conn = connect(name_or_uri)
    mig = migrations()
    if not run_sql(conn, mig.HAS_VERSION_TABLE)[0][0]:
        raise NotInstalled(
            "Deze database is (nog) geen Buurtkaart-database. Installeer het datamodel met Processing > "
            "Buurtkaart > Database installeren of bijwerken."
        )
    applied = mig.applied_versions(lambda sql: run_sql(conn, sql)[0][0])
    return max(applied) if applied else 0


def upgrade_advice(installed: int) -> str | None:
    """A Dutch hint when the database and this plugin's data model differ, else None."""
    latest = migrations().latest_version(layers_dir())
    if installed < latest:
        return (f"De database heeft schemaversie {installed}, deze plugin kent versie {latest}: werk de database bij "
                "(Processing > Buurtkaart > Database installeren of bijwerken).")
    if installed > latest:
        return (f"De database (schemaversie {installed}) is nieuwer dan deze plugin (versie {latest}): "
                "installeer de nieuwste Buurtkaart-plugin.")
    return None


class NotInstalled(BuurtkaartDbError):
    """Reachable, but the data model is not installed: the UI offers the install algorithm."""


def layer_filter(layer: catalogue_module.Layer, gemeenten: list[str] | None = None) -> str:
    """The catalogue filter plus the geometry type. The provider's own type=... filter is not enough: QGIS 3.22
    samples a generic geometry column, and when the sample has the requested type it filters nothing.
    `gemeenten`: the user's own (None: all), for the layers with a gemeentecode."""
    parts = [f"({layer.filter})"] if layer.filter else []
    if layer.geometrie:
        parts.append(f"GeometryType(\"geom\") = '{layer.geometrie.upper()}'")
    if gemeenten is not None and layer.tabel in GEMEENTE_TABLES:
        parts.append("\"gemeentecode\" IN ({})".format(", ".join(f"'{c}'" for c in gemeenten) or "NULL"))
    return " AND ".join(parts)


def user_gemeenten(name_or_uri: str) -> list[str] | None:
    """The gemeenten this login may use; None when all (or a database from before row-level security)."""
    try:
        everything, codes = run_sql(connect(name_or_uri), GEMEENTEN_QUERY)[0]
    except BuurtkaartDbError:
        return None
    # codes are ^GM[0-9]{4}$ by the table's CHECK: safe to quote into a filter
    return None if everything else [c for c in str(codes or "").split(",") if c]


def layer_uri(conninfo: str, layer: catalogue_module.Layer, gemeenten: list[str] | None = None) -> str:
    uri = QgsDataSourceUri(conninfo)
    uri.setDataSource(layer.schema, layer.table, "geom" if layer.geometrie else "", layer_filter(layer, gemeenten),
                      layer.sleutel)
    if layer.geometrie:
        uri.setWkbType(QgsWkbTypes.parseType(layer.geometrie))
        uri.setSrid(SRID)
    return uri.uri(False)


def new_layer(uri: str, title: str, spatial: bool) -> QgsVectorLayer:
    """A postgres layer, without its default style: apply_style loads ours right after, and looking for a default
    style in the database costs QGIS a new connection per layer (measured: most of the load time of a gemeente's
    layer set). For a table without geometry QGIS 3.22 looks up the CRS of srid 0 (the first time in a
    QGIS session), finds no row in spatial_ref_sys, reads row 0 anyway and libpq logs "NOTICE: row number 0 is
    out of range 0..-1" four times. A srid in the URI would add a WHERE st_srid("") filter that returns nothing,
    so the noise is kept out of the message log while such a layer is made instead."""
    options = QgsVectorLayer.LayerOptions()
    options.loadDefaultStyle = False
    if spatial:
        return QgsVectorLayer(uri, title, "postgres", options)
    log = QgsApplication.messageLog()
    blocked = log.blockSignals(True)
    try:
        return QgsVectorLayer(uri, title, "postgres", options)
    finally:
        log.blockSignals(blocked)


def _draw_rank(layer: catalogue_module.Layer) -> tuple[int, int]:
    """Top to bottom: editable points, editable areas, reference areas, tables."""
    if not layer.geometrie:
        return (3, 0)
    is_point = QgsWkbTypes.geometryType(QgsWkbTypes.parseType(layer.geometrie)) == QgsWkbTypes.PointGeometry
    if layer.alleen_lezen:
        return (2, 0)
    return (0 if is_point else 1, 0)


def load_layer_set(name_or_uri: str, project: QgsProject | None = None) -> LoadResult:
    project = project or QgsProject.instance()
    version = check_database(name_or_uri)
    conninfo = data_source_uri(name_or_uri).connectionInfo(False)
    try:
        cat = catalogue_module.load()
    except catalogue_module.CatalogueError as exc:  # shown in the message bar like any other load failure
        raise BuurtkaartDbError(str(exc)) from exc
    gemeenten = user_gemeenten(name_or_uri)

    root = project.layerTreeRoot()
    group = root.findGroup(cat.group) or root.insertGroup(0, cat.group)
    vl_group = group.findGroup(VALUE_LIST_GROUP) or group.addGroup(VALUE_LIST_GROUP)
    vl_group.setExpanded(False)
    vl_group.setItemVisibilityChecked(False)
    result = LoadResult(group, schema_version=version)
    existing = _existing_layers(group)

    ordered = sorted(enumerate(cat.layers), key=lambda item: (_draw_rank(item[1]), item[0]))
    for _, entry in ordered:
        layer = existing.get(entry.id)
        if layer is None:
            layer = new_layer(layer_uri(conninfo, entry, gemeenten), entry.titel, spatial=bool(entry.geometrie))
            if not layer.isValid():
                raise BuurtkaartDbError(
                    f"Laag '{entry.titel}' ({entry.tabel}) kon niet worden geladen: "
                    f"{layer.error().summary() or 'onbekende fout'}"
                )
            layer.setCustomProperty(LAYER_ID_PROPERTY, entry.id)
            project.addMapLayer(layer, False)
            (vl_group if entry.is_value_list else group).addLayer(layer)
            result.added.append(entry.id)
        layer.setReadOnly(entry.alleen_lezen)
        result.layers[entry.id] = layer

    _add_relations(project, cat, result.layers)
    for entry in cat.layers:
        layer = result.layers[entry.id]
        error = apply_style(layer, entry.id)
        if error:
            result.style_errors[entry.id] = error
        link_value_relations(layer, result.layers)

    project_setup.evaluate_defaults_on_provider(project)
    project_setup.enable_transaction_groups(project)
    project_setup.configure_snapping(project, [result.layers[e.id] for e in cat.map_layers if e.snappen])
    return result


def _existing_layers(group: QgsLayerTreeGroup) -> dict[str, QgsVectorLayer]:
    found = {}
    for node in group.findLayers():
        layer = node.layer()
        if isinstance(layer, QgsVectorLayer) and layer.customProperty(LAYER_ID_PROPERTY):
            found[str(layer.customProperty(LAYER_ID_PROPERTY))] = layer
    return found


def apply_style(layer: QgsVectorLayer, layer_id: str) -> str | None:
    """Load layers/styles/<id>.qml (symbology, labels, form, widgets, defaults, constraints). None when fine.
    loadFromLocalDb=True: from the file, without first asking the database for a style of its own (QGIS opens a
    new connection for that on every call, and a style found there would replace ours)."""
    path = styles_dir() / f"{layer_id}.qml"
    if not path.exists():
        return f"stijlbestand {path.name} ontbreekt"
    message, ok = layer.loadNamedStyle(str(path), True)
    layer.triggerRepaint()
    return None if ok else message


def drop_plugin_forms(layer: QgsVectorLayer) -> None:
    """Undo use_plugin_forms (the plugin unloads: QGIS must not look for a function that is gone)."""
    config = layer.editFormConfig()
    if config.initFunction() == formulier.INIT_FUNCTION:
        config.setInitCodeSource(QgsEditFormConfig.CodeSourceNone)
        config.setInitFunction("")
        layer.setEditFormConfig(config)


def use_plugin_forms(layer: QgsVectorLayer) -> None:
    """The layer's forms call formulier.opened when QGIS opens them (a refused form stays open, see formulier.py).
    Set by the running plugin (BuurtkaartPlugin.load_layers), not in the QML: the styles stay plain data (the
    style builder loads through load_layer_set without it), and the hook is the installed plugin's."""
    if not QgsPythonRunner.isValid():
        # no Python console behind QGIS (a headless script): QGIS could not call the function and would put up a
        # modal "init function not found" box on every form
        return
    formulier.publish()
    config = layer.editFormConfig()
    config.setInitCodeSource(QgsEditFormConfig.CodeSourceEnvironment)
    config.setInitFunction(formulier.INIT_FUNCTION)
    layer.setEditFormConfig(config)


def link_value_relations(layer: QgsVectorLayer, layers: dict[str, QgsVectorLayer]) -> None:
    """Point each value relation at this project's value-list layer (layer ids differ per project)."""
    for index in range(len(layer.fields())):
        setup = layer.editorWidgetSetup(index)
        if setup.type() != "ValueRelation":
            continue
        config = dict(setup.config())
        target = layers.get(str(config.get(VALUE_LIST_KEY, "")))
        if target is None:
            continue
        config.update(Layer=target.id(), LayerName=target.name(), LayerSource=target.source(),
                      LayerProviderName="postgres")
        layer.setEditorWidgetSetup(index, QgsEditorWidgetSetup("ValueRelation", config))


def _relations(cat: catalogue_module.Catalogue) -> Iterator[tuple[str, str, str, str, str, str, bool]]:
    """(relation id, name, child layer, parent layer, child field, parent field, composition): each pair of
    layers of a catalogue [[relatie]] (the wijkagenda's too)."""
    for relation_id, entry, child, parent in cat.layer_relations():
        yield relation_id, entry.naam, child.id, parent.id, entry.veld, parent.sleutel, entry.samenstelling


def _add_relations(project: QgsProject, cat: catalogue_module.Catalogue,
                   layers: dict[str, QgsVectorLayer]) -> None:
    """One QGIS relation per relation of this project's layers (ids fixed: forms name them)."""
    manager = project.relationManager()
    for relation_id, name, child_id, parent_id, child_field, parent_field, composition in _relations(cat):
        child, parent = layers.get(child_id), layers.get(parent_id)
        if child is None or parent is None:
            continue
        if manager.relation(relation_id).isValid():
            manager.removeRelation(relation_id)
        relation = QgsRelation()
        relation.setId(relation_id)
        relation.setName(name)
        relation.setReferencingLayer(child.id())
        relation.setReferencedLayer(parent.id())
        relation.addFieldPair(child_field, parent_field)
        relation.setStrength(QgsRelation.Composition if composition else QgsRelation.Association)
        if relation.isValid():
            manager.addRelation(relation)
