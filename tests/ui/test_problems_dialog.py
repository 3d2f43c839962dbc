"""The problems of a questionnaire that cannot be imported are shown whole: every problem
in the box, wrapped, no horizontal scrolling, the dialog within the screen."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.ui.problems_dialog import ProblemsDialog

PROBLEMS = [f"hoja survey, fila {row}, columna 'relevant' (E): no se admite la función "
            f"string-length()" for row in range(2, 9)]
LONG = ("No se puede leer el libro (pyxform dice, en inglés): There should be a choices "
        "sheet in this xlsform. Please ensure that the choices sheet has the mandatory "
        "columns 'list_name', 'name', and 'label'. ") * 3


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _shown(qtbot, parent, problems: list[str]) -> ProblemsDialog:
    dialog = ProblemsDialog(QMessageBox.Icon.Warning, "Questionnaire not imported",
                            "bad.xlsx was not imported.", "\n".join(problems), parent)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _lines(dialog: ProblemsDialog) -> int:
    document = dialog.details.document()
    block, lines = document.begin(), 0
    while block.isValid():
        lines += block.layout().lineCount()
        block = block.next()
    return lines


def test_every_problem_is_in_view_without_scrolling(qtbot, parent):
    dialog = _shown(qtbot, parent, PROBLEMS)
    assert dialog.details.isVisible()  # shown at once, not behind a Details button
    text = dialog.details.toPlainText()
    assert all(problem in text for problem in PROBLEMS)
    assert dialog.details.horizontalScrollBar().maximum() == 0
    assert dialog.details.verticalScrollBar().maximum() == 0
    assert _lines(dialog) == len(PROBLEMS)  # wide enough: one line each, none wrapped


def test_a_long_problem_wraps_within_the_screen(qtbot, parent):
    dialog = _shown(qtbot, parent, PROBLEMS[:3] + [LONG] + PROBLEMS[3:])
    room = dialog.screen().availableGeometry()
    assert dialog.width() <= room.width() and dialog.height() <= room.height()
    assert dialog.details.horizontalScrollBar().maximum() == 0
    assert _lines(dialog) > len(PROBLEMS) + 1  # the long one takes several lines
    assert dialog.details.verticalScrollBar().maximum() == 0


def test_a_long_list_scrolls_down_only(qtbot, parent):
    dialog = _shown(qtbot, parent, PROBLEMS * 20)
    room = dialog.screen().availableGeometry()
    assert dialog.height() <= room.height()
    assert dialog.details.horizontalScrollBar().maximum() == 0
    assert dialog.details.verticalScrollBar().maximum() > 0


def test_the_import_shows_its_problems_in_the_dialog(qtbot, parent, monkeypatch, tmp_path):
    from desktop.ui import questionnaire_import
    shown: list[ProblemsDialog] = []
    monkeypatch.setattr(ProblemsDialog, "exec", lambda self: shown.append(self))
    importer = questionnaire_import.QuestionnaireImport(parent)
    importer._show_problems(tmp_path / "bad.xlsx", PROBLEMS)
    assert len(shown) == 1 and "bad.xlsx" in shown[0].text.text()
    assert shown[0].problems == PROBLEMS


@pytest.mark.parametrize("count", [1, 3])
def test_a_sentence_of_two_lines_leaves_room_for_the_problems_and_the_button(qtbot, parent,
                                                                            count):
    """The Spanish sentence wraps to a second line; the box of problems then covered the
    top of the OK button."""
    sentence = ("bad.xlsx no se importó: 3 elementos no se pueden usar aquí. No se guardó "
                "nada. Corríjalos en el archivo e impórtelo de nuevo.")
    dialog = ProblemsDialog(QMessageBox.Icon.Warning, "Cuestionario no importado", sentence,
                            "\n".join(PROBLEMS[:count]), parent)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    text, details = dialog.text.geometry(), dialog.details.geometry()
    ok_top = dialog.ok.mapTo(dialog, dialog.ok.rect().topLeft()).y()
    ok_bottom = dialog.ok.mapTo(dialog, dialog.ok.rect().bottomLeft()).y()
    assert text.height() >= dialog.text.heightForWidth(text.width())
    assert text.bottom() < details.top() and details.bottom() < ok_top
    assert ok_bottom < dialog.height()
    assert dialog.details.verticalScrollBar().maximum() == 0
