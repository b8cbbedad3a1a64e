"""Every QGIS expression a QML style carries, read from the XML the way QGIS stores it: field constraints,
default values, data-defined properties (renderers, symbols, labels), categorized/rule renderers, label
expressions, value-relation filters, form container visibility and the layer's display expression."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from qgis.core import QgsExpression


@dataclass(frozen=True)
class Found:
    file: str
    kind: str
    field: str
    expression: str

    def __str__(self) -> str:
        return f"{self.file}: {self.kind} {self.field!r}: {self.expression}"


def qml_expressions(path: Path) -> list[Found]:
    root = ET.parse(path).getroot()
    found: list[Found] = []

    def add(kind: str, field: str, text: str | None) -> None:
        if text and text.strip():
            found.append(Found(path.name, kind, field, text.strip()))

    for el in root.iter("constraint"):
        if "exp" in el.attrib:
            add("constraint", el.get("field", ""), el.get("exp"))
    for el in root.iter("default"):
        add("default", el.get("field", ""), el.get("expression"))
    for el in root.iter("renderer-v2"):
        add("renderer", el.get("type", ""), el.get("attr"))
    for el in root.iter("rule"):
        add("rule", el.get("label", ""), el.get("filter"))
    for el in root.iter("text-style"):
        if el.get("isExpression") == "1":
            add("label", "", el.get("fieldName"))
    for el in root.iter("Option"):
        if el.get("name") == "expression":
            add("data-defined", "", el.get("value"))
        elif el.get("name") == "FilterExpression":
            add("value-relation filter", "", el.get("value"))
    for el in root.iter("attributeEditorContainer"):
        if el.get("visibilityExpressionEnabled") == "1":
            add("container visibility", el.get("name", ""), el.get("visibilityExpression"))
    for el in root.iter("previewExpression"):
        add("display expression", "", el.text)
    return found


def parser_errors(found: list[Found]) -> list[str]:
    """One line per expression that QGIS (this version: 3.22 here) cannot parse."""
    errors = []
    for item in found:
        expression = QgsExpression(item.expression)
        if expression.hasParserError():
            errors.append(f"{item} -> {expression.parserErrorString()}")
    return errors
