"""Operator sign-in: name or initials, recorded on every form, audit row and statistic.

The last operators who signed in on this computer are offered (QSettings), the most
recent first, so a returning operator presses Enter.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout,
                               QWidget)

RECENT_KEY = "operators/recent"
MAX_RECENT = 12


def recent_operators(settings: QSettings) -> list[str]:
    """Operators who signed in here, most recent first."""
    value = settings.value(RECENT_KEY, [])
    if isinstance(value, str):
        value = [value]
    return [str(name) for name in (value or []) if str(name).strip()]


def remember_operator(settings: QSettings, name: str) -> None:
    """Put `name` first in the list of recent operators."""
    names = [name] + [n for n in recent_operators(settings) if n != name]
    settings.setValue(RECENT_KEY, names[:MAX_RECENT])


class OperatorDialog(QDialog):
    """Asks who is keying; `operator()` after accept."""

    def __init__(self, settings: QSettings, current: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Sign in"))
        self.setMinimumWidth(380)
        layout = QVBoxLayout(self)
        prompt = QLabel(self.tr("Who is keying? Type your name or initials. They are recorded "
                                "with every form you key and every change you make."))
        prompt.setWordWrap(True)
        layout.addWidget(prompt)
        self.name = QComboBox()
        self.name.setEditable(True)
        self.name.addItems(recent_operators(settings))
        if current:
            self.name.setCurrentText(current)
        self.name.lineEdit().selectAll()
        layout.addWidget(self.name)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Sign in"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.name.currentTextChanged.connect(
            lambda text: self.ok.setEnabled(bool(text.strip())))
        self.ok.setEnabled(bool(self.name.currentText().strip()))

    def operator(self) -> str:
        """The name typed or chosen, trimmed."""
        return self.name.currentText().strip()

    def _accept(self) -> None:
        if self.operator():
            remember_operator(self.settings, self.operator())
            self.accept()
