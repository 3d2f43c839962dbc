"""File > Import questionnaire: a workbook becomes a stored version, or every problem is
listed and nothing is stored."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QMessageBox

from desktop.ui.main_window import MainWindow

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "domain"))
from xlsform_builder import labels, write_workbook  # noqa: E402


@pytest.fixture
def window(qtbot, context, settings, monkeypatch):
    shown: list[tuple] = []
    monkeypatch.setattr("desktop.ui.questionnaire_import.QuestionnaireImport._message",
                        lambda self, icon, title, text, details: shown.append(
                            (icon, title, text, details)))
    win = MainWindow(context, settings)
    win.shown_messages = shown
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
    win.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _stored(context) -> list[tuple]:
    return [tuple(r) for r in context.project.db.conn.execute(
        "SELECT id, version FROM questionnaire ORDER BY added, rowid")]


def test_menu_has_the_action(window):
    file_menu = window.menuBar().actions()[0].menu()
    assert "&Import questionnaire…" in [a.text() for a in file_menu.actions()]


def test_a_workbook_is_stored_as_a_new_version(window, context, tmp_path):
    path = write_workbook(tmp_path / "v2.xlsx", [
        {"type": "integer", "name": "n", **labels("N", "N"), "required": "yes"},
        {"type": "note", "name": "hello", **labels("Hola", "Hello")}], [],
        {"form_id": "other", "version": "2", "form_title": "Other"})
    window.questionnaires.import_file(path)
    assert _stored(context) == [("border_risk_map", "1.1.0"), ("other", "2")]
    icon, title, text, details = window.shown_messages[-1]
    assert icon == QMessageBox.Icon.Information and title == "Questionnaire imported"
    assert "other version 2 (1 question) is stored" in text
    assert "still keyed with border_risk_map version 1.1.0" in text
    assert "no se digita; se omite" in details  # the note, in the window's language
    assert context.project.questionnaire.id == "border_risk_map"


def test_problems_are_listed_and_nothing_is_stored(window, context, tmp_path):
    path = write_workbook(tmp_path / "bad.xlsx", [
        {"type": "calculate", "name": "c", "calculation": "1"},
        {"type": "range", "name": "r", "label": "R"}])
    window.questionnaires.import_file(path)
    assert _stored(context) == [("border_risk_map", "1.1.0")]
    icon, title, text, details = window.shown_messages[-1]
    assert icon == QMessageBox.Icon.Warning and "2 things in it" in text
    # The problems are said in the window's language (the test context's is Spanish).
    assert context.lang == "es" and details.splitlines() == [
        "hoja survey, fila 2, columna 'calculation' (C): no se admiten cálculos (calculate)",
        "hoja survey, fila 3, columna 'type' (A): no se admite el tipo 'range'"]
