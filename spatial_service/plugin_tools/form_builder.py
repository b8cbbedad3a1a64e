"""The attribute-form part of the generated QML styles: aliases, editor widgets, constraints, defaults, the
form layout and its relation widgets. Called by style_builder.build_styles for every [[qgis]] layer.

Every expression written here must parse and evaluate on QGIS 3.22 (the plugin's minimum): no BETWEEN (3.26),
no functions newer than 3.22. tests/qgis/test_expressions.py parses every expression of every QML file.
"""

from __future__ import annotations

from buurtkaart import catalogue, loader
from qgis.core import (
    Qgis,
    QgsAttributeEditorContainer,
    QgsAttributeEditorField,
    QgsAttributeEditorRelation,
    QgsDefaultValue,
    QgsEditFormConfig,
    QgsEditorWidgetSetup,
    QgsFieldConstraints,
    QgsProject,
    QgsVectorLayer,
)

DERIVED = ("buurtcode", "wijkcode", "gemeentecode", "buiten_gemeente", "aangemaakt_door", "aangemaakt_op",
           "gewijzigd_door", "gewijzigd_op")
LABELS = {
    "id": "Nummer", "titel": "Titel", "omschrijving": "Omschrijving", "thema": "Thema", "status": "Status",
    "ingediend_op": "Ingediend op", "indiener_naam": "Naam indiener", "indiener_email": "E-mail indiener",
    "indiener_telefoon": "Telefoon indiener", "gepubliceerd": "Publiceren op de virtuele stad",
    "jaar": "Jaar", "initiatief_id": "Initiatief (nummer)", "budget_gemeente": "Budget gemeente (EUR)",
    "buurtcode": "Buurt (afgeleid)", "wijkcode": "Wijk (afgeleid)", "gemeentecode": "Gemeente (afgeleid)",
    "aangemaakt_door": "Aangemaakt door", "aangemaakt_op": "Aangemaakt op", "gewijzigd_door": "Gewijzigd door",
    "gewijzigd_op": "Gewijzigd op", "buurtdeal_id": "Buurtdeal (nummer)", "partij": "Partij",
    "gereed": "Gereed", "uiterlijk": "Uiterlijk gereed (datum)", "soort": "Soort", "naam": "Naam",
    "beheerder": "Beheerder", "bron": "Bron",
    "bron_id": "Bron-id", "code": "Code", "wijkcode_": "Wijk", "water": "Water", "peiljaar": "Peiljaar",
    "gebiedcode": "Gebied", "buiten_gemeente": "Buiten de gemeente (na grenzenimport)",
    # the wijkagenda (issue 10)
    "oorsprong": "Oorsprong (gemeente of website)",
    "prioriteit": "Prioriteit", "herkomst": "Herkomst", "jaar_van": "Van (jaar)", "jaar_tot": "Tot en met (jaar)",
    "wijkagenda_id": "Prioriteit uit de wijkagenda (leeg = spontaan)", "doel": "Doel van het jaar",
    "indicator": "Indicator (buurtmonitor)", "streefwaarde": "Streefwaarde", "evaluatie": "Evaluatie",
    "evaluatie_toelichting": "Toelichting op de evaluatie", "planjaar": "Gepland voor jaar",
    "begroting": "Begroting (EUR)", "groene_deal": "Green deal (groenaanleg en -beheer)",
}
VALUE_LISTS = {"thema": "vl_thema", "status": "vl_status", "partij": "vl_partij", "beheerder": "vl_partij",
               "soort": "vl_objectsoort", "herkomst": "vl_herkomst", "evaluatie": "vl_evaluatie",
               "indicator": "vl_indicator", "oorsprong": "vl_oorsprong"}
OPTIONAL_VALUES = ("evaluatie", "indicator")
# references to data layers shown as pickers: (table, field) -> (layer, key, value, filter, may be empty).
# A deal or initiative may only serve a priority of its own wijk (the database refuses others): the picker
# offers just those.
# a saved feature knows its wijk (derived by the database); a new one not yet: then the wijk under its geometry
OWN_WIJK = ("\"wijkcode\" = current_value('wijkcode') OR (current_value('wijkcode') IS NULL AND "
            "intersects(@current_geometry, geometry(get_feature('Wijken', 'code', \"wijkcode\"))))")
PICKERS = {
    ("wijkagenda", "wijkcode"): ("wijk", "code", "naam", "", False),
    ("jaarschijf", "wijkagenda_id"): ("wijkagenda", "id", "prioriteit", "", False),
    ("initiatief", "wijkagenda_id"): ("wijkagenda", "id", "prioriteit", OWN_WIJK, True),
    ("buurtdeal", "wijkagenda_id"): ("wijkagenda", "id", "prioriteit", OWN_WIJK, True),
}
YEAR_FIELDS = ("jaar", "jaar_van", "jaar_tot", "planjaar")
SPIN_MIN, SPIN_MAX = 1000, 9999


def widget(layer: QgsVectorLayer, name: str, kind: str, config: dict) -> None:
    index = layer.fields().indexOf(name)
    if index >= 0:
        layer.setEditorWidgetSetup(index, QgsEditorWidgetSetup(kind, config))


def configure_fields(layer: QgsVectorLayer, layer_id: str, table: str, soort: str | None = None,
                     years: tuple[int, int] | None = None) -> None:
    """soort: the catalogue entry's kind (beheerobject layers), the form's default for new objects; years: the
    range the database allows for jaar, which style_builder reads from the CHECK through publiek.jaarbereik (the
    form says so while typing; the CHECK stays the rule): needed when the layer has a year field."""
    if years is None and any(f.name() in YEAR_FIELDS for f in layer.fields()):
        raise ValueError(f"{layer_id}: het jaarbereik (publiek.jaarbereik) ontbreekt voor het jaarveld")
    year_min, year_max = years or (0, 0)
    fields = layer.fields()
    for index, fld in enumerate(fields):
        name = fld.name()
        layer.setFieldAlias(index, LABELS.get(name, name.replace("_", " ").capitalize()))
        if (table, name) in PICKERS:
            target, key, value, filter_expression, optional = PICKERS[(table, name)]
            widget(layer, name, "ValueRelation", {
                "Layer": "", "LayerName": "", "Key": key, "Value": value, "OrderByValue": True,
                "AllowNull": optional, "AllowMulti": False, "UseCompleter": False,
                "FilterExpression": filter_expression, loader.VALUE_LIST_KEY: target})
        elif name in VALUE_LISTS and table != "buurt_vl":
            filter_expression = '"voor_buurtdeal"' if (name == "status" and table == "buurtdeal") else ""
            widget(layer, name, "ValueRelation", {
                "Layer": "", "LayerName": "", "Key": "code", "Value": "naam", "OrderByValue": False,
                "AllowNull": name in OPTIONAL_VALUES, "AllowMulti": False, "UseCompleter": False,
                "FilterExpression": filter_expression, loader.VALUE_LIST_KEY: VALUE_LISTS[name]})
        elif fld.typeName() == "bool":
            widget(layer, name, "CheckBox", {"CheckedState": "", "UncheckedState": "", "TextDisplayMethod": 0})
        elif fld.typeName() == "date" or name.endswith("_op"):
            fmt = "yyyy-MM-dd" if fld.typeName() == "date" else "yyyy-MM-dd HH:mm"
            widget(layer, name, "DateTime", {"field_format": fmt, "display_format": fmt, "calendar_popup": True,
                                              "allow_null": True})
        elif name in ("omschrijving", "doel", "evaluatie_toelichting"):
            widget(layer, name, "TextEdit", {"IsMultiline": True, "UseHtml": False})
        elif name in YEAR_FIELDS:
            # the spin box takes any four-digit year: limited to the allowed range it would silently change a
            # year typed outside it into the nearest allowed one; the constraint below says what is wrong instead
            widget(layer, name, "Range", {"Min": SPIN_MIN, "Max": SPIN_MAX, "Step": 1, "Style": "SpinBox",
                                           "AllowNull": name == "planjaar"})
        elif name in ("budget_gemeente", "begroting"):
            widget(layer, name, "Range", {"Min": 0.0, "Max": 10000000.0, "Step": 100.0, "Precision": 2,
                                           "Style": "SpinBox", "AllowNull": False})
        else:
            widget(layer, name, "TextEdit", {"IsMultiline": False, "UseHtml": False})

    def constrain(name: str, expression: str, description: str) -> None:
        index = fields.indexOf(name)
        if index >= 0:
            layer.setConstraintExpression(index, expression, description)
            layer.setFieldConstraint(index, QgsFieldConstraints.ConstraintExpression,
                                     QgsFieldConstraints.ConstraintStrengthHard)

    constrain("titel", "length(trim(\"titel\")) > 0", "Geef een titel.")
    if table == "afspraak":
        constrain("omschrijving", "length(trim(\"omschrijving\")) > 0", "Beschrijf de afspraak.")
    # not BETWEEN: QGIS before 3.26 cannot parse it, and a constraint that does not parse fails every feature
    for name in YEAR_FIELDS:
        inside = f'"{name}" >= {year_min} AND "{name}" <= {year_max}'
        constrain(name, f'"{name}" IS NULL OR ({inside})' if name == "planjaar" else inside,
                  f"Het jaar ligt tussen {year_min} en {year_max}.")
    constrain("budget_gemeente", '"budget_gemeente" >= 0', "Het budget is niet negatief.")
    if table == "wijkagenda":
        constrain("prioriteit", "length(trim(\"prioriteit\")) > 0", "Geef de prioriteit een titel.")
        # one expression per field: the allowed range and the order of the period together
        constrain("jaar_tot", f'"jaar_tot" >= "jaar_van" AND "jaar_tot" <= {year_max}',
                  f"De looptijd eindigt niet voor hij begint, en uiterlijk in {year_max}.")
    if table == "jaarschijf":
        constrain("doel", "length(trim(\"doel\")) > 0", "Beschrijf het doel van het jaar.")
    for name in ("jaar", "jaar_van"):
        if fields.indexOf(name) >= 0:
            layer.setDefaultValueDefinition(fields.indexOf(name), QgsDefaultValue("year(now())"))
    if fields.indexOf("jaar_tot") >= 0:
        layer.setDefaultValueDefinition(fields.indexOf("jaar_tot"), QgsDefaultValue("year(now()) + 3"))
    if table == "beheerobject" and soort:
        layer.setDefaultValueDefinition(fields.indexOf("soort"), QgsDefaultValue(f"'{soort}'"))


def build_form(layer: QgsVectorLayer, layer_id: str, table: str, editors: list[tuple[str, str]]) -> None:
    config: QgsEditFormConfig = layer.editFormConfig()
    fields = layer.fields()
    # a priority's wijk is chosen, not derived from a geometry
    derived = tuple(n for n in DERIVED if not (table == "wijkagenda" and n == "wijkcode"))
    relations = [rel_id for rel_id, _title in editors]  # editors: (relation id, tab title), editor_relations
    for name in (*derived, "id", "code"):
        if fields.indexOf(name) >= 0 and (name != "code" or table in ("buurt", "wijk")):
            config.setReadOnly(fields.indexOf(name), True)
    if table == "beheerobject":
        config.setReadOnly(fields.indexOf("soort"), True)
    if table == "buurt" or table == "buurt_vl" or (table == "wijk" and not relations):
        layer.setEditFormConfig(config)
        return
    layout = getattr(getattr(Qgis, "AttributeFormLayout", None), "DragAndDrop", None)
    config.setLayout(layout if layout is not None else QgsEditFormConfig.TabLayout)
    root = config.invisibleRootContainer()
    root.clear()
    names = [f.name() for f in fields]
    private = [n for n in names if n.startswith("indiener_")]
    main = [n for n in names if n not in derived and n not in private]
    titles = {"initiatief": "Initiatief", "buurtdeal": "Buurtdeal", "afspraak": "Afspraak",
              "beheerobject": "Object", "wijk": "Wijk", "wijkagenda": "Prioriteit", "jaarschijf": "Jaarschijf"}
    tabs: list[tuple[str, list[str]]] = [(titles[table], main)]
    if private:
        tabs.append(("Indiener (privé, nooit openbaar)", private))
    if any(n in derived for n in names):
        tabs.append(("Afgeleid (door de database)", [n for n in names if n in derived]))
    for title, members in tabs:
        tab = QgsAttributeEditorContainer(title, root)
        for name in members:
            tab.addChildElement(QgsAttributeEditorField(name, fields.indexOf(name), tab))
        root.addChildElement(tab)
        if title != titles[table]:
            continue
        for rel_id, rel_title in editors:
            relation = QgsProject.instance().relationManager().relation(rel_id)
            container = QgsAttributeEditorContainer(rel_title, root)
            container.addChildElement(QgsAttributeEditorRelation(relation, container))
            root.addChildElement(container)
    layer.setEditFormConfig(config)




# --- issue 9: relation widgets from the catalogue's [[relatie]], tabs that fit 768 px ---------------------------

def editor_relations(cat: catalogue.Catalogue, entry: catalogue.Layer) -> list[tuple[str, str]]:
    """(relation id, tab title) of each relation editor this layer's form shows (a deal's afspraken, a wijk's
    priorities), from [[relatie]]."""
    return [(rel_id, rel.tab_title) for rel_id, rel, _child, parent in cat.layer_relations()
            if rel.editor and parent.id == entry.id]


def references(cat: catalogue.Catalogue, entry: catalogue.Layer) -> dict[str, str]:
    """Foreign-key field -> the relation id its relation-reference widget uses (on the list of all rows)."""
    if entry.is_value_list:
        return {}
    return {rel.veld: catalogue.relation_id(entry.id, cat.reference_list(rel).id)
            for rel in cat.relations if rel.van == entry.tabel and rel.verwijzing}


def finish_form(layer: QgsVectorLayer, entry: catalogue.Layer, cat: catalogue.Catalogue) -> None:
    """After configure_fields/build_form: the display expression, a relation-reference widget (pick by title) for
    every foreign key of [[relatie]] (not verwijzing = false), the form's top-level containers as tabs (group boxes
    stacked in one column made a deal form ~1,240 px high) and every relation editor as QGIS' own editor (an empty
    widget type makes QGIS log 'Failed to create relation widget, fallback to basic')."""
    if entry.weergave:
        layer.setDisplayExpression(entry.weergave)
    fields = layer.fields()
    for name, relation_id in references(cat, entry).items():
        index = fields.indexOf(name)
        if index < 0:
            continue
        not_null = bool(fields[index].constraints().constraints() & QgsFieldConstraints.ConstraintNotNull)
        widget(layer, name, "RelationReference", {
            "Relation": relation_id, "AllowNULL": not not_null, "OrderByValue": True, "ShowForm": False,
            "ShowOpenFormButton": False, "MapIdentification": False, "ReadOnly": False, "AllowAddFeatures": False,
            "FetchLimitActive": False})
    config = layer.editFormConfig()
    root = config.invisibleRootContainer()

    def walk(container, top: bool) -> None:
        for element in container.children():
            if isinstance(element, QgsAttributeEditorRelation):
                element.setRelationWidgetTypeId("relation_editor")
                element.setShowLabel(False)
            elif isinstance(element, QgsAttributeEditorContainer):
                if top:
                    element.setIsGroupBox(False)
                walk(element, False)

    walk(root, True)
    layer.setEditFormConfig(config)
