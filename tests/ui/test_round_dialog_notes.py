"""The round dialog says which date is wrong and when the form-number range and the target
differ; typed with the keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.ui.round_dialog import RoundDialog


def _dialog(qtbot, context):
    dialog = RoundDialog(context.round_service())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_a_bad_date_is_named_and_focused(qtbot, context):
    dialog = _dialog(qtbot, context)
    qtbot.keyClicks(dialog.name, "Ronda 2")
    qtbot.keyClicks(dialog.start, "2026-11-02")
    qtbot.keyClicks(dialog.end, "2026-13-40")
    qtbot.keyClick(dialog.end, Qt.Key.Key_Return)  # Save is the default button
    assert dialog.saved_round is None
    assert dialog.message.text().startswith("The end date \u201c2026-13-40\u201d is not a date")
    assert dialog.focusWidget() is dialog.end
    dialog.end.clear()
    qtbot.keyClicks(dialog.end, "2026-10-01")
    qtbot.keyClick(dialog.end, Qt.Key.Key_Return)
    assert dialog.message.text() == "The end date 2026-10-01 is before the start date 2026-11-02."
    dialog.start.clear()
    qtbot.keyClicks(dialog.start, "yesterday")
    qtbot.keyClick(dialog.start, Qt.Key.Key_Return)
    assert dialog.message.text().startswith("The start date \u201cyesterday\u201d")


def test_range_and_target_that_differ_are_pointed_out(qtbot, context):
    dialog = _dialog(qtbot, context)
    assert dialog.range_note.isHidden()
    dialog.target.setFocus()
    dialog.target.selectAll()
    qtbot.keyClicks(dialog.target, "416")
    dialog.form_min.selectAll()
    qtbot.keyClicks(dialog.form_min, "1")
    dialog.form_max.selectAll()
    qtbot.keyClicks(dialog.form_max, "500")
    assert dialog.range_note.isVisible()
    assert "1–500 are 500 numbers for a target of 416 forms" in dialog.range_note.text()
    dialog.form_max.selectAll()
    qtbot.keyClicks(dialog.form_max, "416")
    assert dialog.range_note.isHidden()


def test_the_range_note_is_never_cut_off(qtbot, context):
    dialog = _dialog(qtbot, context)
    dialog.target.setValue(50)
    dialog.form_min.setValue(1)
    dialog.form_max.setValue(100)  # three lines at the dialog's width
    note = dialog.range_note
    qtbot.waitUntil(lambda: note.height() >= note.heightForWidth(note.width()))
    assert note.heightForWidth(note.width()) > note.fontMetrics().height() * 2
    dialog.form_max.setValue(50)
    assert note.isHidden() and note.minimumHeight() == 0


def test_a_note_seen_while_typing_leaves_no_gap(qtbot, context):
    """Typing 416 as the last form number passes through 4 and 41, which show the note for
    a moment; once it goes, the dialog is its old height again (no empty band above the
    buttons)."""
    dialog = _dialog(qtbot, context)
    dialog.target.setValue(416)
    dialog.form_min.setValue(1)
    dialog.form_max.setValue(416)
    height = dialog.height()
    dialog.form_max.selectAll()
    qtbot.keyClicks(dialog.form_max, "4")
    qtbot.waitUntil(lambda: dialog.height() > height)
    qtbot.keyClicks(dialog.form_max, "16")
    assert dialog.range_note.isHidden()
    qtbot.waitUntil(lambda: dialog.height() == height)
