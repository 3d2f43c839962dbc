"""The main window around the entry form: lazy views, switching away with unsaved
changes, opening a form from Records, rounds, operators, databases, demo, settings."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import QMessageBox

from desktop.services.project import DatabaseLocator, Project
from desktop.storage import response_store
from desktop.ui import database_actions, entry_view
from desktop.ui.database_actions import recent_databases
from desktop.ui.main_window import MainWindow
from desktop.services.form_service import Actor
from desktop.services.operator_service import OperatorService
from desktop.ui.operator_dialog import OperatorDialog, recent_operators, remember_operator
from desktop.ui.round_dialog import RoundDialog
from desktop.ui.settings_dialog import SettingsDialog


def test_starts_on_entry_and_builds_other_views_only_when_shown(window):
    assert window.stack.currentWidget() is window.entry_view
    assert all(window.pages[key] is None for key in window.page_keys if key != "entry")
    for key in window.page_keys:
        window.nav.setCurrentRow(window.page_keys.index(key))
        assert window.stack.currentWidget() is window.pages[key]
    assert "Ronda 1" in window.round_label.text()
    assert "AM" in window.operator_label.text()
    assert "Target 416" in window.counts_label.text()


def test_switching_away_with_unsaved_changes_asks_first(qtbot, window, monkeypatch):
    answers = iter([QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard])
    monkeypatch.setattr(entry_view.QMessageBox, "question",
                        lambda *args, **kwargs: next(answers))
    entry = window.entry_view
    qtbot.keyClicks(entry.number, "7")
    window.nav.setCurrentRow(1)  # Cancel: stay on the entry form, keep the typing
    assert window.stack.currentWidget() is entry and entry.number.text() == "7"
    assert window.nav.currentRow() == 0
    window.nav.setCurrentRow(1)  # Discard
    assert window.stack.currentWidget() is window.pages["records"]
    assert entry.number.text() == ""


def test_records_open_a_form_in_the_entry_view(qtbot, window, context, service, round_uuid,
                                                valid_answers):
    uuid = service.save_new(round_uuid, 9, valid_answers).uuid
    context.forms_changed.emit(None)
    window.nav.setCurrentRow(1)
    records = window.pages["records"]
    records.table.selectRow(0)
    qtbot.keyClick(records.table, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.entry_view
    assert window.entry_view.session.editing.response.uuid == uuid
    assert window.entry_view.number.text() == "9"
    assert window.entry_view.form.values() == valid_answers
    assert "Entered 1" in window.counts_label.text()


def test_new_round_dialog_creates_and_refuses_a_taken_name(qtbot, context):
    dialog = RoundDialog(context.round_service())
    qtbot.addWidget(dialog)
    dialog.name.setText("Ronda 1")
    dialog.save()
    assert "exists" in dialog.message.text() and dialog.saved_round is None
    dialog.name.setText("Ronda 2")
    dialog.start.setText("2026-11-02")
    dialog.end.setText("not a date")
    dialog.save()
    assert "YYYY-MM-DD" in dialog.message.text()
    dialog.end.setText("2026-11-06")
    dialog.target.setValue(300)
    dialog.form_min.setValue(1)
    dialog.form_max.setValue(300)
    dialog.verify_mode.setCurrentIndex(dialog.verify_mode.findData("every_nth"))
    dialog.verify_value.setValue(5)
    dialog.save()
    saved = dialog.saved_round
    assert (saved.name, saved.start_date, saved.end_date, saved.target_count, saved.form_min,
            saved.form_max, saved.verify_mode, saved.verify_value) == (
        "Ronda 2", "2026-11-02", "2026-11-06", 300, 1, 300, "every_nth", 5)
    edit = RoundDialog(context.round_service(), saved)
    qtbot.addWidget(edit)
    assert edit.verify_value.value() == 5 and edit.form_max.value() == 300
    edit.place.setText("Puesto Sur")
    edit.save()
    assert context.round_service().get(saved.uuid).place == "Puesto Sur"


def test_operator_sign_in_offers_the_last_one(qtbot, settings, project):
    service = OperatorService(project.db)
    sara = service.create_first_supervisor("SR", "123456")
    for name in ("JR", "AM"):
        OperatorService(project.db, Actor("SR", "dev", sara.id)).add(name, "keyer", "654321")
    remember_operator(settings, "JR")
    remember_operator(settings, "AM")
    remember_operator(settings, "XX")  # not an operator of this project: not offered
    remember_operator(settings, "JR")
    assert recent_operators(settings) == ["JR", "XX", "AM"]
    dialog = OperatorDialog(service, settings)
    qtbot.addWidget(dialog)
    assert dialog.operator() == "JR"
    assert [dialog.name.itemText(i) for i in range(dialog.name.count())] == ["JR", "AM", "SR"]


def test_open_database_remembers_it_and_backup_copy(qtbot, window, tmp_path, monkeypatch,
                                                    typed_passphrase):
    other = tmp_path / "other.db"
    typed_passphrase.type("a team passphrase for tests")
    assert window.files.open_database(other)
    assert window.context.project.db.path == other
    assert recent_databases(window.settings)[0] == str(other)
    window.files.fill_recent_menu()
    listed = [action.text() for action in window.recent_menu.actions()]
    assert listed[0] == str(other) and len(listed) == 2  # and the database opened first
    assert "other.db" in window.db_label.text()
    copy = tmp_path / "copy.db"
    monkeypatch.setattr(database_actions.QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(copy), ""))
    window.files.backup_copy()
    assert b"SQLite format 3" not in copy.read_bytes()[:100]  # encrypted with the same key
    reopened = Project.open(DatabaseLocator(copy, window.context.workspace.locator.key))
    assert reopened.questionnaire.sha256 == window.context.project.questionnaire.sha256
    reopened.close()


def test_demo_project_is_filled_and_opened(qtbot, window):
    window.files.open_demo()
    project = window.context.project
    assert "demo" in project.db.path.name
    counts = response_store.count_by_status(project.db.conn)
    assert counts["entered"] + counts["verified"] == 416 and counts["verified"] > 0
    assert f"Verified {counts['verified']}" in window.counts_label.text()


def test_settings_turn_on_operator_controlled_mode_and_language(qtbot, window, context):
    dialog = SettingsDialog(context, window.settings, window)
    qtbot.addWidget(dialog)
    dialog.operator_controlled.setChecked(True)
    dialog.min_group.setValue(7)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.save()
    assert context.operator_controlled and context.project.min_group_size == 7
    assert context.lang == "en"
    assert window.entry_view.form.operator_controlled
    assert "institution" in window.entry_view.form.fields["institution"].text.text().lower()


class _Marking(QTranslator):
    """Translates every string to «string», to see which texts are retranslated."""

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: D102
        return f"«{source}»"

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return False


def test_views_retranslate_when_a_translator_is_installed(qtbot, window):
    window.nav.setCurrentRow(1)  # build the records view too
    window.nav.setCurrentRow(0)
    app = QCoreApplication.instance()
    marking = _Marking()
    app.installTranslator(marking)
    try:
        qtbot.waitUntil(lambda: window.nav.item(1).text() == "«Records»")
        entry, records = window.entry_view, window.pages["records"]
        assert entry.save_button.text() == "«Save»"
        assert entry.number_label.text() == "«Form number»"
        assert records.clear_button.text() == "«Clear filters»"
        assert records.model.headerData(0, Qt.Orientation.Horizontal) == "«Form no.»"
        assert window.menuBar().actions()[0].text() == "«&File»"
        assert window.new_round_action.text() == "«New round…»"
    finally:
        app.removeTranslator(marking)
    qtbot.waitUntil(lambda: window.nav.item(1).text() == "Records")
    assert len(window.menuBar().actions()) == 4  # rebuilt, not added to


def test_start_up_does_not_import_the_heavy_libraries(tmp_path):
    """The window must come up about as fast as a bare Qt window: pyqtgraph and pandas
    load only when the dashboard is first shown."""
    script = (
        "import sys\n"
        "from PySide6.QtCore import QSettings\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from desktop.services.project import DatabaseLocator, Project\n"
        "from desktop.ui.app_context import AppContext\n"
        "from desktop.ui.main_window import MainWindow\n"
        f"home = {str(tmp_path)!r}\n"
        "ctx = AppContext(Project.open(home + '/p.db'))\n"
        "w = MainWindow(ctx, QSettings(home + '/s.ini', QSettings.Format.IniFormat))\n"
        "w.show(); app.processEvents()\n"
        "print(sorted(m for m in ('pyqtgraph', 'pandas', 'sqlite_utils') if m in sys.modules))\n")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            env=env, timeout=120, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_geometry_is_remembered(qtbot, context, settings):
    first = MainWindow(context, settings)
    qtbot.addWidget(first)
    first.resize(900, 560)
    first.show()
    qtbot.waitExposed(first)
    size = (first.width(), first.height())
    first.close()
    second = MainWindow(context, settings)
    qtbot.addWidget(second)
    assert not settings.value("window/geometry").isEmpty()
    # The offscreen screen is 800 px wide, so only the height comes back unclamped.
    assert second.height() == size[1] == 560
