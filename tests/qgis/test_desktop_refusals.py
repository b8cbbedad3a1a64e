"""Every refusal path in the real QGIS 3.22 desktop (qgis under xvfb, the plugin from its zip, forms opened the way
QGIS opens them, saved with QGIS' own actions): refused at once (a status jump in the deal form), at save (the
deferred wederkerigheid rule), across parent and child layers (afspraken changed in the deal form, saved on the
deal layer), and the order a form writes (a priority's longer period with the new year's jaarschijf). Afterwards
every typed value is still there, the layers say they are modified, a second save tries again, ending edit mode
asks first, and the message bar holds one Dutch message that can be read in full. The desktop starts once for
the module (tests/qgis/desktop_refusals.py drives it) on a private copy of the demo."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.qgis import desktop
from tests.support import TestDatabase, temporary_database

RAW = ("PostGIS error", "ERROR", "CONTEXT", "PL/pgSQL", "Could not commit", "Commit errors")


@pytest.fixture(scope="module")
def refusal_db(pg_settings) -> Iterator[TestDatabase]:
    with temporary_database(pg_settings) as db:
        yield db


@pytest.fixture(scope="module")
def seen(plugins_dir, refusal_db, tmp_path_factory) -> dict:
    return desktop.run("desktop_refusals.py", plugins_dir, tmp_path_factory.mktemp("desktop"),
                       BK_DSN=refusal_db.editor_dsn, BK_ADMIN_DSN=refusal_db.admin_dsn)


def scenario(seen: dict, name: str) -> dict:
    report = seen[name]
    assert "error" not in report, report["error"]
    assert not seen.get("modal"), seen["modal"]  # nothing unexpected blocked the desktop
    return report


def one_dutch_message(messages: list[str], full: str | None, *parts: str) -> None:
    assert len(messages) == 1, messages
    assert all(part in messages[0] for part in parts), messages[0]
    assert not any(raw in messages[0] for raw in RAW), messages[0]
    assert full == messages[0]  # "Hele melding…" shows it whole


def test_refused_at_once_keeps_the_form_open_with_everything_typed(seen):
    report = scenario(seen, "immediate")
    assert report["form_shown"] == 1
    assert (report["typed_titel"], report["typed_status"]) == ("Wildplassen aangepakt", "Gesprek wederkerigheid")
    one_dutch_message(report["messages"], report["full"],
                      'Statuswijziging van "Uitvoering" naar "Gesprek wederkerigheid" slaat een stap in het proces '
                      "over", '"Evaluatie"', "Het formulier staat nog open")
    assert report["modified"]
    # the person picks a status that follows, OK, and QGIS' save stores the title too
    assert report["layer_after_fix"] == ["Wildplassen aangepakt", "evaluatie"]
    assert report["database"] == ["Wildplassen aangepakt", "evaluatie"]
    # the same feature's form again in the same edit session: a new form, shown, with the saved title
    assert report["reopened_shown"] == 1 and report["reopened_titel"] == "Wildplassen aangepakt"


def test_refused_at_save_keeps_every_edit_and_the_layers_modified(seen):
    report = scenario(seen, "deferred")
    one_dutch_message(report["messages"], report["full"],
                      'Buurtdeal "Speelplek met nieuwe afspraken" kan niet de status "Buurtdeal gesloten" hebben '
                      "zonder wederkerigheid: er is geen afspraak voor Gemeente", "Niet opgeslagen")
    assert report["kept"] == ["Speelplek met nieuwe afspraken", "partner"]
    assert report["modified"] == [True, True]
    assert report["database"] == report["database_before"]
    # a second "Laagwijzigingen opslaan" checks again and says so again
    assert report["save_action_enabled"][1] is True and report["modified_after_second"]
    assert len(report["second_messages"]) == 1 and "zonder wederkerigheid" in report["second_messages"][0]
    # ending edit mode asks first (answered Cancel): still editing, nothing lost
    assert report["end_edit_asked"] and report["editable_after_cancel"]
    assert report["kept_after_cancel"] == ["Speelplek met nieuwe afspraken", "partner"]
    # completed, the same save stores it
    assert report["final_messages"] == [] and report["database_final"] == ["Speelplek met nieuwe afspraken"]


def test_only_a_child_changed_saves_with_the_parent_layers_button(seen):
    report = scenario(seen, "children_only")
    assert report["parent_modified"] and report["save_enabled"]
    assert report["messages"] == []
    assert report["database"] == "Alleen de afspraak gewijzigd"


def test_child_refused_at_save_on_the_parent_layer_keeps_it_all(seen):
    report = scenario(seen, "children_refused")
    one_dutch_message(report["messages"], report["full"], "zonder wederkerigheid", "geen afspraak voor Gemeente")
    assert report["kept"] == ["partner", "Doet de partner nu"]
    assert report["modified"] == [True, True]
    assert report["database"] == "gemeente"
    assert len(report["second_messages"]) == 1
    assert report["end_edit_asked"] and report["editable_after_cancel"]


def test_longer_period_and_new_jaarschijf_in_one_form_save_together(seen):
    report = scenario(seen, "period_and_jaarschijf")
    year = report["year"]
    assert report["messages_after_child"] == [] and report["messages"] == []
    assert report["database"][0] == year and str(year) in report["database"][1]
    # the relation editor lists the jaarschijven by year
    years = [int(item.split(" ", 1)[0]) for item in report["order_after"]]
    assert years == sorted(years) and years[-1] == year and len(years) == len(report["order_before"]) + 1
