"""Builds layers/styles/<id>.qml for every [[qgis]] layer: symbology, labels, attribute form, widgets,
defaults and constraints. Run by `buurtkaart plugin styles` against an installed database; the QML files are
the source the plugin loads, and GIS staff may refine them in QGIS and save them back over these files.

Colours come from the value lists (buurt_vl.thema, buurt_vl.status, buurt_vl.objectsoort), so a recoloured
theme is a row update plus a rebuild of the styles.
"""

from __future__ import annotations

from pathlib import Path

from buurtkaart import loader
from buurtkaart.connection import connect, run_sql
from qgis.core import (
    Qgis,
    QgsAttributeEditorContainer,
    QgsAttributeEditorField,
    QgsAttributeEditorRelation,
    QgsCategorizedSymbolRenderer,
    QgsDefaultValue,
    QgsEditFormConfig,
    QgsEditorWidgetSetup,
    QgsFieldConstraints,
    QgsFillSymbol,
    QgsMapLayer,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsProject,
    QgsProperty,
    QgsRendererCategory,
    QgsSingleSymbolRenderer,
    QgsSymbol,
    QgsSymbolLayer,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtGui import QColor, QFont

DERIVED = ("buurtcode", "wijkcode", "gemeentecode", "aangemaakt_door", "aangemaakt_op", "gewijzigd_door",
           "gewijzigd_op")
LABELS = {
    "id": "Nummer", "titel": "Titel", "omschrijving": "Omschrijving", "thema": "Thema", "status": "Status",
    "ingediend_op": "Ingediend op", "indiener_naam": "Naam indiener", "indiener_email": "E-mail indiener",
    "indiener_telefoon": "Telefoon indiener", "gepubliceerd": "Publiceren op de virtuele stad",
    "jaar": "Jaar", "initiatief_id": "Initiatief (nummer)", "budget_gemeente": "Budget gemeente (EUR)",
    "buurtcode": "Buurt (afgeleid)", "wijkcode": "Wijk (afgeleid)", "gemeentecode": "Gemeente (afgeleid)",
    "aangemaakt_door": "Aangemaakt door", "aangemaakt_op": "Aangemaakt op", "gewijzigd_door": "Gewijzigd door",
    "gewijzigd_op": "Gewijzigd op", "buurtdeal_id": "Buurtdeal (nummer)", "partij": "Partij",
    "gereed": "Gereed", "soort": "Soort", "naam": "Naam", "beheerder": "Beheerder", "bron": "Bron",
    "bron_id": "Bron-id", "code": "Code", "wijkcode_": "Wijk", "water": "Water", "peiljaar": "Peiljaar",
    "gebiedcode": "Gebied",
}
VALUE_LISTS = {"thema": "vl_thema", "status": "vl_status", "partij": "vl_partij", "beheerder": "vl_partij",
               "soort": "vl_objectsoort"}
END_STATUSES = ("afgewezen", "ingetrokken")


def _rgba(hex_colour: str, alpha: int) -> str:
    c = QColor(hex_colour)
    return f"{c.red()},{c.green()},{c.blue()},{alpha}"


def _status_expression(statuses: list[list]) -> str:
    whens = " ".join(f"WHEN '{code}' THEN '{colour}'" for code, colour in statuses)
    return f'CASE "status" {whens} ELSE \'#ffffff\' END'


def _theme_renderer(layer: QgsVectorLayer, themes: list[list], statuses: list[list], deal: bool):
    status_colour = QgsProperty.fromExpression(_status_expression(statuses))
    # closed and rejected work fades: the map shows what is alive
    faded = QgsProperty.fromExpression(
        "CASE WHEN \"status\" IN ('afgewezen', 'ingetrokken') THEN 35 ELSE 100 END")
    categories = []
    for code, name, colour in themes:
        if layer.geometryType() == 0:  # point
            symbol = QgsMarkerSymbol.createSimple({
                "name": "square" if deal else "circle", "color": colour, "size": "4.2" if deal else "3.4",
                "outline_color": "#ffffff", "outline_width": "0.7"})
        else:
            symbol = QgsFillSymbol.createSimple({
                "color": _rgba(colour, 110 if deal else 70), "style": "solid" if deal else "b_diagonal",
                "outline_color": colour, "outline_width": "0.8"})
        symbol.symbolLayer(0).setDataDefinedProperty(QgsSymbolLayer.PropertyStrokeColor, status_colour)
        symbol.setDataDefinedProperty(QgsSymbol.PropertyOpacity, faded)
        categories.append(QgsRendererCategory(code, symbol, name))
    return QgsCategorizedSymbolRenderer("thema", categories)


def _simple_renderer(layer_id: str, colours: dict[str, str]):
    if layer_id == "zebrapad":
        return QgsSingleSymbolRenderer(QgsMarkerSymbol.createSimple({
            "name": "square", "color": colours["zebrapad"], "size": "1.8", "outline_color": "#ffffff",
            "outline_width": "0.5"}))
    if layer_id == "speelplek_punt":
        return QgsSingleSymbolRenderer(QgsMarkerSymbol.createSimple({
            "name": "triangle", "color": colours["speelplek"], "size": "2.8", "outline_color": "#7f2704",
            "outline_width": "0.4"}))
    if layer_id == "speelplek_vlak":
        return QgsSingleSymbolRenderer(QgsFillSymbol.createSimple({
            "color": _rgba(colours["speelplek"], 150), "outline_color": "#a63603", "outline_width": "0.4"}))
    if layer_id == "groen":
        # residents' green (beheerder bewoners) hatched: visible at a glance who looks after it
        gemeente = QgsFillSymbol.createSimple({"color": _rgba(colours["groen"], 150),
                                               "outline_color": "#238b45", "outline_width": "0.2"})
        bewoners = QgsFillSymbol.createSimple({"color": _rgba("#a1d99b", 200), "outline_color": "#006d2c",
                                               "outline_width": "0.5", "style": "solid"})
        return QgsCategorizedSymbolRenderer("beheerder", [
            QgsRendererCategory("gemeente", gemeente, "Groen (beheer gemeente)"),
            QgsRendererCategory("bewoners", bewoners, "Groen (beheer bewoners)"),
            QgsRendererCategory("partner", gemeente.clone(), "Groen (beheer partner)"),
        ])
    if layer_id == "buurt":
        return QgsSingleSymbolRenderer(QgsFillSymbol.createSimple({
            "color": "255,255,255,0", "style": "no", "outline_color": "#737373", "outline_width": "0.25",
            "outline_style": "dash"}))
    if layer_id == "wijk":
        return QgsSingleSymbolRenderer(QgsFillSymbol.createSimple({
            "color": "247,247,247,255", "outline_color": "#252525", "outline_width": "0.7"}))
    return None


def _labels(field: str, size: float, colour: str, bold: bool) -> QgsVectorLayerSimpleLabeling:
    settings = QgsPalLayerSettings()
    settings.fieldName = field
    settings.enabled = True
    fmt = QgsTextFormat()
    font = QFont("DejaVu Sans")
    font.setBold(bold)
    fmt.setFont(font)
    fmt.setSize(size)
    fmt.setColor(QColor(colour))
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(0.8)
    buffer.setColor(QColor("#ffffff"))
    fmt.setBuffer(buffer)
    settings.setFormat(fmt)
    settings.placement = QgsPalLayerSettings.Horizontal
    return QgsVectorLayerSimpleLabeling(settings)


def _widget(layer: QgsVectorLayer, name: str, kind: str, config: dict) -> None:
    index = layer.fields().indexOf(name)
    if index >= 0:
        layer.setEditorWidgetSetup(index, QgsEditorWidgetSetup(kind, config))


def _configure_fields(layer: QgsVectorLayer, layer_id: str, table: str) -> None:
    fields = layer.fields()
    for index, fld in enumerate(fields):
        name = fld.name()
        layer.setFieldAlias(index, LABELS.get(name, name.replace("_", " ").capitalize()))
        if name in VALUE_LISTS and table != "buurt_vl":
            filter_expression = '"voor_buurtdeal"' if (name == "status" and table == "buurtdeal") else ""
            _widget(layer, name, "ValueRelation", {
                "Layer": "", "LayerName": "", "Key": "code", "Value": "naam", "OrderByValue": False,
                "AllowNull": False, "AllowMulti": False, "UseCompleter": False, "FilterExpression": filter_expression,
                loader.VALUE_LIST_KEY: VALUE_LISTS[name]})
        elif fld.typeName() == "bool":
            _widget(layer, name, "CheckBox", {"CheckedState": "", "UncheckedState": "", "TextDisplayMethod": 0})
        elif fld.typeName() == "date" or name.endswith("_op"):
            fmt = "yyyy-MM-dd" if fld.typeName() == "date" else "yyyy-MM-dd HH:mm"
            _widget(layer, name, "DateTime", {"field_format": fmt, "display_format": fmt, "calendar_popup": True,
                                              "allow_null": True})
        elif name == "omschrijving":
            _widget(layer, name, "TextEdit", {"IsMultiline": True, "UseHtml": False})
        elif name == "jaar":
            _widget(layer, name, "Range", {"Min": 2000, "Max": 2100, "Step": 1, "Style": "SpinBox",
                                           "AllowNull": False})
        elif name == "budget_gemeente":
            _widget(layer, name, "Range", {"Min": 0.0, "Max": 10000000.0, "Step": 100.0, "Precision": 2,
                                           "Style": "SpinBox", "AllowNull": False})
        else:
            _widget(layer, name, "TextEdit", {"IsMultiline": False, "UseHtml": False})

    def constrain(name: str, expression: str, description: str) -> None:
        index = fields.indexOf(name)
        if index >= 0:
            layer.setConstraintExpression(index, expression, description)
            layer.setFieldConstraint(index, QgsFieldConstraints.ConstraintExpression,
                                     QgsFieldConstraints.ConstraintStrengthHard)

    constrain("titel", "length(trim(\"titel\")) > 0", "Geef een titel.")
    constrain("omschrijving", "length(trim(\"omschrijving\")) > 0" if table == "afspraak" else "true",
              "Beschrijf de afspraak.")
    constrain("jaar", '"jaar" BETWEEN 2000 AND 2100', "Het jaar ligt tussen 2000 en 2100.")
    constrain("budget_gemeente", '"budget_gemeente" >= 0', "Het budget is niet negatief.")
    if fields.indexOf("jaar") >= 0:
        layer.setDefaultValueDefinition(fields.indexOf("jaar"), QgsDefaultValue("year(now())"))
    if table == "beheerobject":
        soort = layer_id.split("_")[0]
        layer.setDefaultValueDefinition(fields.indexOf("soort"), QgsDefaultValue(f"'{soort}'"))


def _form(layer: QgsVectorLayer, layer_id: str, table: str, relation_id: str | None) -> None:
    config: QgsEditFormConfig = layer.editFormConfig()
    fields = layer.fields()
    for name in (*DERIVED, "id", "code"):
        if fields.indexOf(name) >= 0 and (name != "code" or table in ("buurt", "wijk")):
            config.setReadOnly(fields.indexOf(name), True)
    if table == "beheerobject":
        config.setReadOnly(fields.indexOf("soort"), True)
    if table in ("buurt", "wijk") or table == "buurt_vl":
        layer.setEditFormConfig(config)
        return
    layout = getattr(getattr(Qgis, "AttributeFormLayout", None), "DragAndDrop", None)
    config.setLayout(layout if layout is not None else QgsEditFormConfig.TabLayout)
    root = config.invisibleRootContainer()
    root.clear()
    names = [f.name() for f in fields]
    private = [n for n in names if n.startswith("indiener_")]
    main = [n for n in names if n not in DERIVED and n not in private]
    titles = {"initiatief": "Initiatief", "buurtdeal": "Buurtdeal", "afspraak": "Afspraak",
              "beheerobject": "Object"}
    tabs: list[tuple[str, list[str]]] = [(titles[table], main)]
    if private:
        tabs.append(("Indiener (privé, nooit openbaar)", private))
    tabs.append(("Afgeleid (door de database)", [n for n in names if n in DERIVED]))
    for title, members in tabs:
        tab = QgsAttributeEditorContainer(title, root)
        for name in members:
            tab.addChildElement(QgsAttributeEditorField(name, fields.indexOf(name), tab))
        root.addChildElement(tab)
        if title == titles[table] and relation_id:
            relation = QgsProject.instance().relationManager().relation(relation_id)
            commitments = QgsAttributeEditorContainer("Afspraken (wederkerigheid)", root)
            commitments.addChildElement(QgsAttributeEditorRelation(relation, commitments))
            root.addChildElement(commitments)
    layer.setEditFormConfig(config)


def build_styles(name_or_uri: str, out_dir: Path) -> list[Path]:
    """Write one QML per catalogue layer into out_dir; returns the paths written."""
    conn = connect(name_or_uri)
    themes = run_sql(conn, "SELECT code, naam, kleur FROM buurt_vl.thema ORDER BY volgorde")
    statuses = run_sql(conn, "SELECT code, kleur FROM buurt_vl.status ORDER BY volgorde")
    kinds = dict(run_sql(conn, "SELECT code, kleur FROM buurt_vl.objectsoort"))
    result = loader.load_layer_set(name_or_uri, QgsProject.instance())
    written = []
    out_dir.mkdir(parents=True, exist_ok=True)
    for layer_id, layer in result.layers.items():
        schema, table = layer.dataProvider().uri().schema(), layer.dataProvider().uri().table()
        table_key = "buurt_vl" if schema == "buurt_vl" else table
        _configure_fields(layer, layer_id, table_key)
        _form(layer, layer_id, table_key, loader.DEAL_RELATIONS.get(layer_id))
        if table in ("initiatief", "buurtdeal"):
            layer.setRenderer(_theme_renderer(layer, themes, statuses, deal=table == "buurtdeal"))
        elif layer.isSpatial():
            renderer = _simple_renderer(layer_id, kinds)
            if renderer is not None:
                layer.setRenderer(renderer)
        if layer_id in ("buurt", "wijk"):
            layer.setLabeling(_labels("naam", 7.0 if layer_id == "buurt" else 9.5,
                                      "#525252" if layer_id == "buurt" else "#000000", layer_id == "wijk"))
            layer.setLabelsEnabled(True)
            if layer_id == "buurt":
                layer.labeling().settings().minimumScale = 0
        path = out_dir / f"{layer_id}.qml"
        categories = QgsMapLayer.StyleCategories(QgsMapLayer.AllStyleCategories & ~QgsMapLayer.CustomProperties)
        message, ok = layer.saveNamedStyle(str(path), categories)
        if not ok:
            raise RuntimeError(f"{path.name}: {message}")
        written.append(path)
    return written
