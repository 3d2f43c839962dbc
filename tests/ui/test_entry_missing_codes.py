"""Issue 15, point 1, at the keyboard: on the default instrument a count of 8 stays 8
(its missing codes are 98/99), a blank D3 keyed as 9 saves as a complete form, and the
hint bar shows the codes of the question with the cursor."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.storage import response_store


def _key(qtbot, name: str, text: str) -> None:
    widget = QApplication.focusWidget()
    assert widget.objectName() == name
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_counts_and_blank_multichoice_keyed_as_on_paper(qtbot, view, context,
                                                        valid_answers):
    answers = dict(valid_answers, exp_offered="1", exp_times="8", exp_offered_by="9",
                   exp_reported="2")
    _key(qtbot, "form_number", "21")
    hints = {}
    while (qid := view.form.current_question()) is not None:
        hints[qid] = view.hint.text()
        last = qid == view.form.applicable_ids()[-1]
        _key(qtbot, f"answer_{qid}", answers.get(qid, ""))
        if last:
            break
    assert "98 No sabe" in hints["exp_times"] and "· 8 " not in hints["exp_times"]
    assert "8 No sabe" in hints["exp_offered_by"]
    assert "8 No sabe" in hints["r01_likelihood"]
    assert "No sabe" not in hints["comment"]
    with qtbot.waitSignal(view.form_saved) as saved:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S,
                       Qt.KeyboardModifier.ControlModifier)
    stored = response_store.get_form(context.project.db.conn, saved.args[0].uuid)
    assert stored.response.status == "entered"
    assert (stored.answers["exp_times"], stored.answers["exp_offered_by"]) == ("8", "9")
