"""A small dialog asking why: the reason for deleting a form or changing a verified one.

OK stays disabled until a reason is typed, so an empty reason can never be recorded.
"""

from __future__ import annotations

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout,
                               QWidget)


class ReasonDialog(QDialog):
    """Asks for a one-line reason; `reason()` after `exec()` returns it."""

    def __init__(self, title: str, prompt: str, ok_text: str = "",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        label = QLabel(prompt)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("For example: corrected against the paper form"))
        layout.addWidget(self.edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok_text:
            self.ok.setText(ok_text)
        self.ok.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.edit.textChanged.connect(lambda text: self.ok.setEnabled(bool(text.strip())))

    def reason(self) -> str:
        """The typed reason, trimmed."""
        return self.edit.text().strip()

    @staticmethod
    def ask(parent: QWidget | None, title: str, prompt: str, ok_text: str = "") -> str | None:
        """Show the dialog; the reason, or None when cancelled."""
        dialog = ReasonDialog(title, prompt, ok_text, parent)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.reason():
            return dialog.reason()
        return None
