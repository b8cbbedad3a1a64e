"""Every expression in every style and form parses and evaluates on the QGIS here (3.22, the plugin's minimum),
and every demo feature satisfies its hard constraints, so the form's OK button is enabled for every existing
feature. A later QGIS parses everything 3.22 parses (its grammar only grows), so 3.22 is the version to test."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

from qgis.core import (
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsFieldConstraints,
    QgsVectorLayerUtils,
)

from tests.qgis.conftest import REPO
from tests.qgis.expressions import Found, parser_errors, qml_expressions

STYLES = REPO / "layers" / "styles"
LAYER_COUNT = len(tomllib.loads((REPO / "layers" / "catalogue.toml").read_text(encoding="utf-8"))["qgis"])


def all_expressions(directory: Path) -> dict[str, list[Found]]:
    return {path.stem: qml_expressions(path) for path in sorted(directory.glob("*.qml"))}


def test_every_expression_in_every_qml_parses():
    found = all_expressions(STYLES)
    assert len(found) == LAYER_COUNT == 23
    flat = [item for items in found.values() for item in items]
    kinds = {item.kind for item in flat}
    # the walk reaches every kind the styles use; an empty walk would prove nothing
    assert {"constraint", "default", "renderer", "data-defined", "value-relation filter"} <= kinds, kinds
    assert parser_errors(flat) == []


def test_the_walk_fails_on_the_old_between_constraint(tmp_path):
    """The constraint that blocked every deal form on 3.22 is caught (and so is anything else 3.22 cannot read)."""
    source = STYLES / "buurtdeal_punt.qml"
    jaar = [f for f in qml_expressions(source) if f.kind == "constraint" and f.field == "jaar"]
    assert len(jaar) == 1
    broken = tmp_path / source.name
    old = '&quot;jaar&quot; BETWEEN 2000 AND 2100'
    text = source.read_text(encoding="utf-8")
    current = jaar[0].expression.replace('"', "&quot;").replace("<", "&lt;")
    assert current in text
    broken.write_text(text.replace(current, old), encoding="utf-8")
    errors = parser_errors(qml_expressions(broken))
    assert len(errors) == 1 and "BETWEEN" in errors[0] and "'jaar'" in errors[0], errors


def test_expressions_evaluate_and_hard_constraints_hold_for_every_demo_feature(bk, plugin, project, gis_connection):
    result = plugin.load_layers(connection=gis_connection)
    assert not result.style_errors
    checked_features = 0
    failures: list[str] = []
    for layer_id, layer in result.layers.items():
        expressions = [f for f in qml_expressions(STYLES / f"{layer_id}.qml")
                       if f.kind in ("constraint", "default", "data-defined", "renderer", "rule", "label",
                                     "display expression")]
        compiled = [(item, QgsExpression(item.expression)) for item in expressions]
        context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
        for _item, expression in compiled:
            expression.prepare(context)
        for feature in layer.getFeatures():
            checked_features += 1
            context.setFeature(feature)
            for item, expression in compiled:
                expression.evaluate(context)
                if expression.hasEvalError():
                    failures.append(f"{item} on {layer_id} {feature.id()}: {expression.evalErrorString()}")
            for index in range(len(layer.fields())):
                ok, errors = QgsVectorLayerUtils.validateAttribute(
                    layer, feature, index, QgsFieldConstraints.ConstraintStrengthHard,
                    QgsFieldConstraints.ConstraintOriginNotSet)
                if not ok:
                    failures.append(f"{layer_id} {feature.id()} {layer.fields()[index].name()}: {errors}")
    assert checked_features > 900  # 46 deals, 71 initiatives, 830 objects, commitments, buurten, value lists
    assert failures == [], failures[:10]


def test_value_relation_filters_evaluate_and_leave_choices(bk, plugin, project, gis_connection):
    result = plugin.load_layers(connection=gis_connection)
    checked = 0
    for layer_id, layer in result.layers.items():
        for index in range(len(layer.fields())):
            setup = layer.editorWidgetSetup(index)
            if setup.type() != "ValueRelation":
                continue
            config = setup.config()
            target = project.mapLayer(config["Layer"])
            assert target is not None, (layer_id, layer.fields()[index].name())
            text = config.get("FilterExpression") or ""
            if not text:
                continue
            expression = QgsExpression(text)
            assert not expression.hasParserError(), (layer_id, text, expression.parserErrorString())
            context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(target))
            if "current_value(" in text:  # a filter on the form's own values: as in the form of a demo feature
                own = next(f for f in layer.getFeatures() if f["wijkcode"])
                context.appendScope(QgsExpressionContextUtils.formScope(own, "SingleEditMode"))
            matching = 0
            for feature in target.getFeatures():
                context.setFeature(feature)
                value = expression.evaluate(context)
                assert not expression.hasEvalError(), (layer_id, text, expression.evalErrorString())
                matching += bool(value)
            # a filter that leaves nothing would make the dropdown empty
            assert 0 < matching < target.featureCount(), (layer_id, text, matching)
            checked += 1
    assert checked >= 2  # the status of both deal layers is filtered to the deal workflow


def test_generated_styles_are_the_committed_ones_and_parse(bk, project, gis_connection, tmp_path):
    """`buurtkaart plugin styles` writes exactly the expressions that are committed (the QML was regenerated)."""
    from spatial_service.plugin_tools import style_builder

    written = style_builder.build_styles(gis_connection, tmp_path)
    assert len(written) == LAYER_COUNT
    generated = all_expressions(tmp_path)
    committed = all_expressions(STYLES)
    assert parser_errors([item for items in generated.values() for item in items]) == []
    assert {k: sorted(map(str, v)) for k, v in generated.items()} == \
        {k: sorted(map(str, v)) for k, v in committed.items()}
    shutil.rmtree(tmp_path)
