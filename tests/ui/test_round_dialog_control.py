"""The round dialog and control characters: an edited round whose name came from a bundle
with a bidirectional override or an escape shows it escaped (as the window shows it
everywhere) with a note, and saving keeps the stored name exactly; a name typed or pasted
with a control character is refused with one sentence."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.ui.round_dialog import RoundDialog

RAW = "Ronda 1 \u202eko\x1b[31m"
SHOWN = "Ronda 1 \\u202eko\\x1b[31m"


def _edited(qtbot, context, name: str, place: str = "Frontera"):
    service = context.round_service()
    round_ = service.get(context.round_uuid)
    with context.project.db.transaction() as conn:  # as an imported bundle would bring it
        conn.execute("UPDATE round SET name = ?, place = ? WHERE uuid = ?",
                     (name, place, round_.uuid))
    dialog = RoundDialog(service, service.get(round_.uuid))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_a_stored_name_with_controls_is_shown_escaped_and_kept(qtbot, context):
    dialog = _edited(qtbot, context, RAW)
    assert dialog.name.text() == SHOWN
    assert dialog.control_note.isVisible()
    assert "\\u202e" in dialog.control_note.text()
    dialog.target.setFocus()
    dialog.target.selectAll()
    qtbot.keyClicks(dialog.target, "120")
    qtbot.keyClick(dialog.target, Qt.Key.Key_Return)
    assert dialog.saved_round is not None, dialog.message.text()
    stored = context.round_service().get(dialog.original.uuid)
    assert stored.name == RAW  # not renamed to its escaped form
    assert stored.target_count == 120


def test_a_name_typed_with_a_control_character_is_refused(qtbot, context):
    dialog = _edited(qtbot, context, "Ronda 1")
    assert dialog.control_note.isHidden()
    dialog.name.setText("Ronda \u202e2")  # pasted
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.saved_round is None
    assert dialog.message.text() == (
        "The name holds a control character (an escape or an invisible mark); type it "
        "with letters, digits and spaces only.")
    assert context.round_service().get(dialog.original.uuid).name == "Ronda 1"


def test_a_changed_name_replaces_the_stored_one(qtbot, context):
    dialog = _edited(qtbot, context, RAW, place="Paso \x1b[2J")
    dialog.name.selectAll()
    qtbot.keyClicks(dialog.name, "Ronda 1")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.saved_round is not None, dialog.message.text()
    stored = context.round_service().get(dialog.original.uuid)
    assert (stored.name, stored.place) == ("Ronda 1", "Paso \x1b[2J")  # the place untouched


def test_a_new_round_with_a_control_character_is_refused(qtbot, context):
    dialog = RoundDialog(context.round_service())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.name, "Ronda 9")
    dialog.institution.setText("Aduana\x1b[31m")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.saved_round is None
    assert dialog.message.text().startswith("The institution holds a control character")
    assert dialog.focusWidget() is dialog.institution
