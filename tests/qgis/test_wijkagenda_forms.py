"""The wijkagenda edited in real QGIS 3.22 forms: a priority and a jaarschijf typed into QgsAttributeDialog and
saved with its OK button and the plugin's save; the relation editors (jaarschijven under a priority, priorities
under a wijk); the priority picker of a deal offers only its own wijk's priorities; a jaarschijf outside the
period is refused in Dutch."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from qgis.core import QgsFeatureRequest, QgsGeometry, QgsVectorLayerUtils

from tests.qgis import forms


@pytest.fixture
def dialogs() -> Iterator[None]:
    """Last in each test's fixtures: the forms close before the layers go (a form outliving its layer crashes QGIS)."""
    yield
    forms.close_all()


def _relation_ids(dialog) -> set[str]:
    """The relations shown as relation editors in the form."""
    from qgis.gui import QgsAbstractRelationEditorWidget

    return {w.relation().id() for w in dialog.attributeForm().findChildren(QgsAbstractRelationEditorWidget)}


def test_priority_and_jaarschijf_save_through_their_forms(plugin, project, fresh_connection, fresh_db, dialogs):
    layers = plugin.load_layers(connection=fresh_connection).layers
    agenda, slices = layers["wijkagenda"], layers["jaarschijf"]
    assert agenda.isEditable() or agenda.startEditing()
    dialog = forms.open_form(agenda, QgsVectorLayerUtils.createFeature(agenda, QgsGeometry(), {}), add=True)
    assert "jaarschijf_wijkagenda" in _relation_ids(dialog)  # jaarschijven under the priority
    forms.type_text(dialog, "prioriteit", "Veilig oversteken bij de scholen")
    forms.choose(dialog, "wijkcode", "Zuid")
    forms.choose(dialog, "thema", "Verkeer")
    forms.choose(dialog, "herkomst", "B100 (gesprekken met bewoners)")
    forms.set_number(dialog, "jaar_van", 2019)
    forms.set_number(dialog, "jaar_tot", 2022)
    forms.press_ok(dialog)
    saved = plugin.save_edits()
    assert saved.ok, saved.message
    with psycopg.connect(fresh_db.admin_dsn) as conn:
        row = conn.execute("SELECT id, wijkcode, thema, herkomst, jaar_van, jaar_tot, aangemaakt_door "
                           "FROM buurt.wijkagenda WHERE prioriteit = 'Veilig oversteken bij de scholen'").fetchone()
    assert row[1:] == ("WK040204", "verkeer", "b100", 2019, 2022, "buurtkaart_gis")

    assert slices.isEditable() or slices.startEditing()
    dialog = forms.open_form(slices, QgsVectorLayerUtils.createFeature(slices, QgsGeometry(), {}), add=True)
    forms.choose(dialog, "wijkagenda_id", "Veilig oversteken bij de scholen")
    forms.set_number(dialog, "jaar", 2020)
    forms.type_text(dialog, "doel", "Zebrapad en klaar-overs bij twee scholen")
    forms.choose(dialog, "indicator", "Rapportcijfer buurt/woonomgeving")
    forms.press_ok(dialog)
    saved = plugin.save_edits()
    assert saved.ok, saved.message
    with psycopg.connect(fresh_db.admin_dsn) as conn:
        assert conn.execute("SELECT jaar, doel, indicator, evaluatie FROM buurt.jaarschijf WHERE wijkagenda_id = %s",
                            (row[0],)).fetchall() == [
            (2020, "Zebrapad en klaar-overs bij twee scholen", "rapportcijfer_woonomgeving", None)]


def test_jaarschijf_outside_the_period_is_refused_in_dutch(plugin, project, fresh_connection, fresh_db, dialogs):
    """The period rule is checked when the work is saved (a form may extend the period after writing the new
    jaarschijf): the save is refused in Dutch, the jaarschijf stays in the edit session, nothing is stored."""
    layers = plugin.load_layers(connection=fresh_connection).layers
    slices = layers["jaarschijf"]
    assert slices.isEditable() or slices.startEditing()
    dialog = forms.open_form(slices, QgsVectorLayerUtils.createFeature(slices, QgsGeometry(), {}), add=True)
    forms.choose(dialog, "wijkagenda_id", "Speelplekken opknappen")  # 2018-2021 in the demo
    forms.set_number(dialog, "jaar", 2024)
    forms.type_text(dialog, "doel", "Te laat")
    forms.press_ok(dialog)
    saved = plugin.save_edits()
    assert not saved.ok
    assert ('Jaarschijf 2024 valt buiten de looptijd van prioriteit "Speelplekken opknappen" '
            "(2018 tot en met 2021)") in saved.message, saved.message
    assert "CONTEXT" not in saved.message
    assert any(f["doel"] == "Te laat" for f in slices.getFeatures())
    with psycopg.connect(fresh_db.admin_dsn) as conn:
        assert conn.execute("SELECT count(*) FROM buurt.jaarschijf WHERE doel = 'Te laat'").fetchone()[0] == 0


def test_deal_form_offers_only_the_priorities_of_its_own_wijk(plugin, project, fresh_connection, fresh_db, dialogs):
    layers = plugin.load_layers(connection=fresh_connection).layers
    deals = layers["buurtdeal_punt"]
    feature = next(deals.getFeatures(QgsFeatureRequest().setFilterExpression("\"titel\" = 'Aanpak Wildplassen'")))
    assert deals.isEditable() or deals.startEditing()
    dialog = forms.open_form(deals, feature, add=False)
    with psycopg.connect(fresh_db.admin_dsn) as conn:
        own = sorted(r[0] for r in conn.execute("SELECT prioriteit FROM buurt.wijkagenda WHERE wijkcode = %s",
                                                (feature["wijkcode"],)))
        other = conn.execute("SELECT prioriteit FROM buurt.wijkagenda WHERE wijkcode <> %s LIMIT 1",
                             (feature["wijkcode"],)).fetchone()[0]
    offered = [o for o in forms.choices(dialog, "wijkagenda_id") if o and o != "NULL" and not o.startswith("(")]
    assert sorted(offered) == own and other not in offered
    assert forms.shown_choice(dialog, "wijkagenda_id") == "Een schoon en veilig centrum in de avond"
    # spontaneous: the empty choice is there too
    assert len(forms.choices(dialog, "wijkagenda_id")) == len(own) + 1


def test_wijk_form_lists_its_priorities(plugin, project, fresh_connection, dialogs):
    layers = plugin.load_layers(connection=fresh_connection).layers
    wijken = layers["wijk"]
    feature = next(wijken.getFeatures(QgsFeatureRequest().setFilterExpression("\"code\" = 'WK040201'")))
    dialog = forms.open_form(wijken, feature, add=False)
    assert "wijkagenda_wijk" in _relation_ids(dialog)


def test_new_deal_offers_the_priorities_of_the_wijk_under_its_geometry(plugin, project, fresh_connection, fresh_db,
                                                                       dialogs):
    """Before the first save the database has not derived the wijk yet: the picker follows the drawn geometry."""
    layers = plugin.load_layers(connection=fresh_connection).layers
    deals = layers["buurtdeal_punt"]
    with psycopg.connect(fresh_db.admin_dsn) as conn:
        x, y, wijk = conn.execute("SELECT ST_X(p), ST_Y(p), wijkcode FROM (SELECT ST_PointOnSurface(geom) p, wijkcode "
                                  "FROM buurt.buurt WHERE code = 'BU04020402') s").fetchone()
        own = sorted(r[0] for r in conn.execute("SELECT prioriteit FROM buurt.wijkagenda WHERE wijkcode = %s",
                                                (wijk,)))
    assert deals.isEditable() or deals.startEditing()
    feature = QgsVectorLayerUtils.createFeature(deals, QgsGeometry.fromWkt(f"POINT ({x} {y})"), {})
    dialog = forms.open_form(deals, feature, add=True)
    offered = sorted(o for o in forms.choices(dialog, "wijkagenda_id") if o and o != "NULL" and not o.startswith("("))
    assert offered == own and len(own) >= 2
