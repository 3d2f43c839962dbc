"""The records model over 100k forms: row counts, filters, sorting and lazy windows; and
the records view's soft delete and history."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.services.project import Project
from desktop.services.records_service import LIVE, RecordFilter, RecordsService
from desktop.storage import response_store
from desktop.ui import records_view as records_module
from desktop.ui.app_context import AppContext
from desktop.ui.background import SynchronousRunner
from desktop.ui.records_model import PAGE, RecordsModel
from desktop.ui.records_view import RecordsView

N = 100_000
OPERATORS = ("AM", "JR", "LC", "PV")
STATUSES = ("entered",) * 6 + ("verified", "verified", "draft", "deleted")


def expected(predicate) -> int:
    return sum(1 for i in range(N) if predicate(i))


def status_of(i: int) -> str:
    return STATUSES[i % len(STATUSES)]


@pytest.fixture(scope="session")
def big_db(tmp_path_factory):
    """A project with 100k forms in two rounds, written fast with executemany (tests only;
    the records view needs response rows, not answers)."""
    path = tmp_path_factory.mktemp("big") / "big.db"
    project = Project.open(path)
    first = project.create_round("Ronda 1", target_count=60_000)
    second = project.create_round("Ronda 2", target_count=40_000)
    rows = []
    for i in range(N):
        round_ = first if i < 60_000 else second
        stamp = f"2026-10-{5 + i % 5:02d}T08:00:{i % 60:02d}.000000Z"
        rows.append((f"u{i:06d}", round_.uuid, i + 1, status_of(i), OPERATORS[i % 4], "dev",
                     stamp, stamp, 1))
    with project.db.transaction() as conn:
        conn.executemany("INSERT INTO response (uuid, round_uuid, form_number, status, "
                         "operator, device, created, updated, revision) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    project.close()
    return path, first.uuid, second.uuid


@pytest.fixture
def big(big_db):
    path, first, second = big_db
    project = Project.open(path)
    yield project, first, second
    project.close()


def test_row_count_and_filters_at_100k(qtbot, big):
    project, first, second = big
    service = RecordsService(project.db)
    model = RecordsModel(lambda: service)
    assert model.rowCount() == expected(lambda i: status_of(i) != "deleted")
    model.set_filter(RecordFilter(status=""))
    assert model.rowCount() == N
    model.set_filter(RecordFilter(status="verified"))
    assert model.rowCount() == expected(lambda i: status_of(i) == "verified")
    model.set_filter(RecordFilter(operator="JR", round_uuid=second))
    assert model.rowCount() == expected(
        lambda i: i >= 60_000 and OPERATORS[i % 4] == "JR" and status_of(i) != "deleted")
    model.set_filter(RecordFilter(form_number=70_001, status=""))
    assert model.rowCount() == 1
    assert model.data(model.index(0, 0)) == 70_001
    assert model.data(model.index(0, 1)) == "Ronda 2"


def test_windows_are_fetched_lazily_and_sorted_in_the_database(qtbot, big):
    project, first, _second = big
    model = RecordsModel(lambda: RecordsService(project.db))
    model.set_filter(RecordFilter(status="", round_uuid=first))
    assert model.cached_rows() == 0
    assert model.data(model.index(0, 0)) == 1
    assert model.data(model.index(59_999, 0)) == 60_000
    assert model.cached_rows() <= 2 * PAGE
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.data(model.index(0, 0)) == 60_000
    model.sort(3, Qt.SortOrder.AscendingOrder)  # operator
    assert model.data(model.index(0, 3)) == "AM"
    assert model.data(model.index(model.rowCount() - 1, 3)) == "PV"
    for row in range(0, model.rowCount(), 4999):
        model.data(model.index(row, 0))
    assert model.cached_rows() <= 16 * PAGE  # a bounded cache, never the whole table


@pytest.fixture
def records(qtbot, project, round_uuid, service, valid_answers):
    context = AppContext(project, operator="AM", runner=SynchronousRunner())
    uuids = [service.save_new(round_uuid, n, valid_answers).uuid for n in (1, 2, 3)]
    view = RecordsView(context)
    qtbot.addWidget(view)
    view.show()
    return view, context, uuids


def test_soft_delete_keeps_the_row(qtbot, records, monkeypatch):
    view, context, uuids = records
    monkeypatch.setattr(records_module.ReasonDialog, "ask",
                        staticmethod(lambda *args, **kwargs: "Duplicate paper form"))
    assert view.model.rowCount() == 3
    view.table.selectRow(1)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert view.model.rowCount() == 2
    stored = response_store.get_form(context.project.db.conn, uuids[1])
    assert stored.response.status == "deleted"
    assert stored.response.deleted_reason == "Duplicate paper form"
    assert stored.answers  # the answers stay too
    view.status_filter.setCurrentIndex(view.status_filter.findData("deleted"))
    assert view.model.rowCount() == 1
    assert view.model.data(view.model.index(0, 0)) == 2
    assert view.model.data(view.model.index(0, 2), Qt.ItemDataRole.ToolTipRole) \
        == "Duplicate paper form"
    rows = context.form_service().history(uuids[1])
    assert rows[-1]["action"] == "delete" and rows[-1]["reason"] == "Duplicate paper form"


def test_delete_cancelled_without_reason(qtbot, records, monkeypatch):
    view, context, uuids = records
    monkeypatch.setattr(records_module.ReasonDialog, "ask",
                        staticmethod(lambda *args, **kwargs: None))
    view.table.selectRow(0)
    view.delete_current()
    assert view.model.rowCount() == 3


def test_enter_opens_the_form_and_filters_narrow(qtbot, records):
    view, context, uuids = records
    view.table.selectRow(2)
    with qtbot.waitSignal(view.open_requested) as opened:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert opened.args == [uuids[2]]
    qtbot.keyClicks(view.number_filter, "2")
    assert view.model.rowCount() == 1
    view.clear_filters()
    assert view.model.rowCount() == 3
    assert view.current_filter() == RecordFilter(status=LIVE)
    assert view.count_label.text() == "3 forms"
    qtbot.keyClicks(view.number_filter, "2")
    assert view.count_label.text() == "1 form"  # not "1 forms"
    view.clear_filters()


def test_history_dialog_lists_the_audit_rows(qtbot, records, service):
    from desktop.ui.form_history_dialog import FormHistoryDialog
    view, context, uuids = records
    stored = service.load(uuids[0]).answers
    service.update(uuids[0], dict(stored, shift="3" if stored["shift"] != "3" else "2"))
    dialog = FormHistoryDialog(context.form_service(), uuids[0], 1)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(0, 2).text() == "keyed"
    assert dialog.table.item(0, 5).toolTip().startswith(f"{len(stored)} answers: A1=")
    assert (dialog.table.item(1, 2).text(), dialog.table.item(1, 3).text()) == ("changed", "A6")


def test_find_by_number_and_open_with_the_keyboard(qtbot, records):
    view, context, uuids = records
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.keyClicks(view.number_filter, "3")
    assert view.model.rowCount() == 1
    qtbot.keyClick(view.number_filter, Qt.Key.Key_Return)
    with qtbot.waitSignal(view.open_requested) as opened:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert opened.args == [uuids[2]]


def test_hidden_view_reads_again_when_shown_and_keeps_the_filter(qtbot, records, project,
                                                                   round_uuid, valid_answers):
    from desktop.services.form_service import Actor, FormService
    view, context, uuids = records
    view.round_filter.setCurrentIndex(view.round_filter.findData(round_uuid))
    view.hide()
    other = FormService(project.db, project.questionnaire, Actor("ZZ", "dev-2"))
    context.forms_changed.emit(other.save_new(round_uuid, 44, valid_answers))
    assert view.model.rowCount() == 3  # not read while hidden
    view.show()
    assert view.model.rowCount() == 4
    assert view.operator_filter.findData("ZZ") == -1  # listed on first use only
    view.operator_filter.ensure_loaded()
    assert view.operator_filter.findData("ZZ") > 0
    assert view.round_filter.currentData() == round_uuid


def test_operator_list_is_filled_when_first_keyed(qtbot, records):
    view, context, uuids = records
    assert view.operator_filter.count() == 1  # only "All" until used
    qtbot.keyClick(view.operator_filter, Qt.Key.Key_Down)
    assert view.operator_filter.currentData() == "AM"
    assert view.model.filter.operator == "AM" and view.model.rowCount() == 3


def test_history_says_statuses_in_the_reader_s_language(qtbot, qapp, records, service):
    from desktop.ui.form_history_dialog import FormHistoryDialog
    from desktop.ui.translation import install_translator
    view, context, uuids = records
    service.delete(uuids[0], "keyed twice")
    install_translator(qapp, "es")
    try:
        dialog = FormHistoryDialog(context.form_service(), uuids[0], 1, view)
        qtbot.addWidget(dialog)
        deleted = dialog.table.rowCount() - 1
        assert dialog.table.item(deleted, 2).text() == "eliminado"
        assert (dialog.table.item(deleted, 4).text(),
                dialog.table.item(deleted, 5).text()) == ("digitado", "eliminado")
        # Reasons the verification writes as codes, in words; a person's reason as typed.
        assert dialog._reason_text("verify_decision", "keep_second") == \
            "se mantuvo la segunda digitación"
        assert dialog._reason_text("verify_keyed", "34 fields compared") == \
            "34 campos comparados"
        assert dialog._reason_text("delete", "keep_second") == "keep_second"
        dialog.show()
        qtbot.waitExposed(dialog)
        rows = dialog.table.verticalHeader()
        assert dialog.table.rowHeight(0) >= rows.defaultSectionSize()  # not cramped
    finally:
        install_translator(qapp, "en")
