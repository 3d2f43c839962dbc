"""`EnterInFieldsDialog`: a dialog whose fields take Enter themselves (the next field, or
submit from the last one), so the dialog's default button must not take it first (it would
submit early, or twice). The operator sign-in, add/PIN and rename dialogs are such."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog


class EnterInFieldsDialog(QDialog):
    """A QDialog that leaves Enter to its fields."""

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()  # the field with focus has already acted on it
            return
        super().keyPressEvent(event)
