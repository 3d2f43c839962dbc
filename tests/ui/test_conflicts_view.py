"""The conflicts view driven by the keyboard alone, on conflicts made by two real laptops
(export + import services): merge per question, refuse an invalid typed value, keep two
paper forms apart; the import report points to the waiting conflicts."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))
from conflict_scenarios import same_number, same_revision  # noqa: E402

from desktop.services.project import Project  # noqa: E402
from desktop.storage import conflict_store, response_store  # noqa: E402
from desktop.ui.app_context import AppContext  # noqa: E402
from desktop.ui.background import SynchronousRunner  # noqa: E402
from desktop.ui.conflicts_view import ConflictsView  # noqa: E402
from desktop.ui.import_view import ImportView  # noqa: E402
from tests.ui.window_helpers import shown_active  # noqa: E402

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def _context(path):
    return AppContext(Project.open(path), operator="ANA", lang="en",
                      runner=SynchronousRunner())


@pytest.fixture
def shown(qtbot):
    contexts = []

    def show(scenario):
        context = _context(scenario.hq)
        contexts.append(context)
        view = shown_active(qtbot, ConflictsView(context), 1366, 768)
        return view

    yield show
    for context in contexts:
        context.project.close()


def _focused():
    return QApplication.focusWidget()


def test_resolve_a_conflict_with_the_keyboard(qtbot, tmp_path, valid_answers, shown):
    scenario = same_revision(tmp_path, valid_answers)
    view = shown(scenario)
    assert view.list.rowCount() == 1 and view.table.rowCount() == 3
    assert _focused() is view.table and view.table.currentRow() == 0  # B1b: 2 vs 9
    qtbot.keyClick(_focused(), Qt.Key.Key_2, ALT)  # keep the incoming value
    assert view.table.currentRow() == 1  # C1: 1 vs 5
    qtbot.keyClick(_focused(), Qt.Key.Key_1, ALT)  # keep HQ's value
    assert view.table.currentRow() == 2  # E1: 'A' vs 'B'
    qtbot.keyClick(_focused(), Qt.Key.Key_3, ALT)
    assert _focused() is view.typed_edit
    qtbot.keyClicks(_focused(), "A and B")
    qtbot.keyClick(_focused(), Qt.Key.Key_Return)
    assert _focused() is view.reason_edit
    assert view.table.item(2, 4).text() == "Typed: A and B"
    view.grab().save(str(Path("/tmp") / "conflicts_view.png"))
    qtbot.keyClick(_focused(), Qt.Key.Key_Return, CTRL)  # no reason yet: refused
    assert "reason" in view.message.text() and _focused() is view.reason_edit
    qtbot.keyClicks(_focused(), "asked both teams")
    with qtbot.waitSignal(view.context.forms_changed):
        qtbot.keyClick(_focused(), Qt.Key.Key_Return, CTRL)
    conn = view.context.project.db.conn
    form = response_store.get_form(conn, scenario.form_uuid)
    assert (form.answers["r01_impact"], form.answers["c1_knows_reporting"],
            form.answers["comment"], form.response.revision) == ("9", "1", "A and B", 3)
    (stored,) = conflict_store.list_conflicts(conn, status="resolved")
    assert stored.resolved_by == "ANA"
    assert view.list.rowCount() == 0 and view.table.rowCount() == 0
    assert "resolved" in view.message.text() and view.title.text().endswith(": 0")


def test_invalid_typed_value_is_refused(qtbot, tmp_path, valid_answers, shown):
    view = shown(same_revision(tmp_path, valid_answers))
    qtbot.keyClick(_focused(), Qt.Key.Key_Down)  # C1 (likert 1-5)
    qtbot.keyClick(_focused(), Qt.Key.Key_3, ALT)
    qtbot.keyClicks(_focused(), "7")
    qtbot.keyClick(_focused(), Qt.Key.Key_Return)
    assert view.message.text() and view.choices == {}
    assert view.message.styleSheet().startswith("color: #b00020")


def test_keep_two_paper_forms_with_the_keyboard(qtbot, tmp_path, valid_answers, shown):
    scenario = same_number(tmp_path, valid_answers)
    view = shown(scenario)
    assert view.number_edit.isVisible()
    qtbot.keyClick(_focused(), Qt.Key.Key_4, ALT)
    assert _focused() is view.number_edit
    qtbot.keyClicks(_focused(), "8")
    qtbot.keyClick(_focused(), Qt.Key.Key_Return)
    assert _focused() is view.reason_edit  # the reason first
    qtbot.keyClicks(_focused(), "two papers numbered 7")
    qtbot.keyClick(_focused(), Qt.Key.Key_Return)
    form = response_store.get_form(view.context.project.db.conn, scenario.form_uuid)
    assert form.response.form_number == 8 and form.answers["comment"] == "B"
    assert view.list.rowCount() == 0


def test_import_report_counts_waiting_conflicts(qtbot, tmp_path, valid_answers):
    scenario = same_number(tmp_path, valid_answers)
    context = _context(scenario.hq)
    try:
        view = ImportView(context)
        qtbot.addWidget(view)
        view.identity.setText(str(scenario.keys.identity_path))
        view.add_bundles(scenario.bundles)
        view.start_import()
        assert "1 conflict waits for a decision in the Conflicts tab" in view.status.text()
    finally:
        context.project.close()


def test_a_deletion_on_the_other_laptop_is_named(qtbot, tmp_path, valid_answers, shown):
    scenario = same_revision(tmp_path, valid_answers, delete_on_b=True)
    view = shown(scenario)
    assert "deleted" in view.header.text() and "entered" in view.header.text()
    for _ in range(view.table.rowCount()):
        qtbot.keyClick(_focused(), Qt.Key.Key_1, ALT)  # keep HQ's values throughout
    qtbot.keyClicks(view.reason_edit, "the form was not keyed twice")
    qtbot.keyClick(view.reason_edit, Qt.Key.Key_Return)
    form = response_store.get_form(view.context.project.db.conn, scenario.form_uuid)
    assert form.response.status == "entered" and form.response.revision == 3
    assert view.list.rowCount() == 0
