"""A project reopens on the round its window showed last (kept in the project, so another
project keeps its own), and on the newest round when that one is gone; an HQ that had no
round shows the first round an import brings at once."""

from __future__ import annotations

from desktop.services.project import Project
from desktop.ui.app_context import AppContext
from desktop.ui.background import SynchronousRunner
from desktop.ui.main_window import MainWindow


def _window(qtbot, context, settings) -> MainWindow:
    window = MainWindow(context, settings)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


def _rounds(project, *names):
    return [project.create_round(name, target_count=10, form_min=1, form_max=10).uuid
            for name in names]


def test_the_window_reopens_on_the_round_last_used(qtbot, tmp_path, settings):
    project = Project.open(tmp_path / "field.db")
    first, _second, newest = _rounds(project, "Ronda 1", "Ronda 2", "Ronda 3")
    other = Project.open(tmp_path / "other.db")
    _rounds(other, "A", "B")
    context = AppContext(project, operator="AM", runner=SynchronousRunner())
    assert context.round_uuid == newest
    window = _window(qtbot, context, settings)
    window.round_combo.setCurrentIndex(window.round_combo.findData(first))
    assert context.round_uuid == first
    context.replace_project(other)  # another project: its own default, not this one's
    assert window.round_combo.currentText() == "B"
    reopened = AppContext(Project.open(tmp_path / "field.db"), operator="AM",
                          runner=SynchronousRunner())
    try:
        assert reopened.round_uuid == first
        window = _window(qtbot, reopened, settings)
        assert window.round_combo.currentData() == first
        assert window.round_combo.currentText() == "Ronda 1"
    finally:
        reopened.workspace.close()
        other.close()


def test_a_round_gone_falls_back_to_the_newest(tmp_path):
    project = Project.open(tmp_path / "field.db")
    first, newest = _rounds(project, "Ronda 1", "Ronda 2")
    project.remember_round(first)
    with project.db.transaction() as conn:  # the round no longer exists
        conn.execute("DELETE FROM round WHERE uuid = ?", (first,))
    context = AppContext(project, operator="AM", runner=SynchronousRunner())
    try:
        assert context.round_uuid == newest
    finally:
        project.close()


def test_an_hq_without_rounds_shows_the_round_an_import_brought(qtbot, tmp_path, settings):
    project = Project.open(tmp_path / "hq.db")
    context = AppContext(project, operator="HQ", runner=SynchronousRunner())
    assert context.round_uuid is None
    window = _window(qtbot, context, settings)
    assert window.round_combo.count() == 0
    _rounds(project, "Importada")  # what an import writes, then "many things changed"
    context.workspace.publish(None)
    assert window.round_combo.currentText() == "Importada"
    assert context.current_round() is not None
    assert window.edit_round_action.isEnabled()
    project.close()
