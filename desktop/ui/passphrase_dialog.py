"""The team passphrase: asked to open an encrypted project, chosen (twice, with a strength
hint) for a new one, and changed from Settings.

In "unlock" mode the dialog tries the passphrase itself (`attempt` returns an error
sentence or None) and stays open on a wrong one, so nothing changes until it is right.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QLineEdit, QVBoxLayout, QWidget)

from ..services import db_keys
from .message_styles import ERROR_STYLE, error_label
from .wrapped_label import set_wrapped_text

UNLOCK, CREATE, CHANGE = "unlock", "create", "change"


class PassphraseDialog(QDialog):
    """Asks for the passphrase; `passphrase()` after accept."""

    def __init__(self, mode: str, project_name: str,
                 attempt: Callable[[str], str | None] | None = None,
                 parent: QWidget | None = None, note: str = ""):
        super().__init__(parent)
        self.mode = mode
        self.attempt = attempt
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        titles = {UNLOCK: self.tr("Open project"), CREATE: self.tr("New project passphrase"),
                  CHANGE: self.tr("Change passphrase")}
        self.setWindowTitle(titles[mode])
        prompts = {
            UNLOCK: self.tr("{name} is encrypted. Type the team passphrase to open it.")
            .format(name=project_name),
            CREATE: self.tr("{name} will be encrypted. Choose the team passphrase: everyone "
                            "who keys on this laptop needs it, and without it (or the "
                            "headquarters escrow key) nobody can read the forms.")
            .format(name=project_name),
            CHANGE: self.tr("Choose the new team passphrase for {name}. The old one stops "
                            "working at once; tell the team.").format(name=project_name)}
        prompt = QLabel(prompts[mode] + ("\n\n" + note if note else ""))
        prompt.setWordWrap(True)
        layout.addWidget(prompt)
        form = QFormLayout()
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Passphrase:"), self.first)
        self.second = QLineEdit()
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        if mode != UNLOCK:
            form.addRow(self.tr("Again:"), self.second)
            form.addRow("", self.hint)
            self.first.textChanged.connect(self._show_strength)
        layout.addLayout(form)
        self.message = error_label()
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._show_strength("")

    def passphrase(self) -> str:
        return self.first.text()

    def _show_strength(self, text: str) -> None:
        if self.mode == UNLOCK:
            return
        words = {"weak": self.tr("weak"), "fair": self.tr("fair"), "strong": self.tr("strong")}
        self.hint.setText(self.tr("Strength: {word}. Several unrelated words, 16 characters "
                                  "or more, are easy to type and hard to guess.")
                          .format(word=words[db_keys.strength_hint(text)]))

    def _attempt(self, text: str) -> str | None:
        """Try the passphrase, saying so: its scrypt takes a second or more on a busy
        laptop, and a silent, frozen window invites Enter again."""
        if self.attempt is None:
            return None
        self.message.setStyleSheet("color: #555;")
        set_wrapped_text(self.message, self.tr("Checking the passphrase…"))
        self.setEnabled(False)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self.repaint()
        try:
            return self.attempt(text)
        finally:
            QApplication.restoreOverrideCursor()
            QApplication.processEvents()  # keys pressed meanwhile reach a disabled dialog
            self.setEnabled(True)
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.clear()

    def _accept(self) -> None:
        text = self.first.text()
        self.message.clear()
        if self.mode == UNLOCK:
            error = self._attempt(text)
            if error:
                set_wrapped_text(self.message, error)
                self.first.selectAll()
                self.first.setFocus()
                return
            self.accept()
            return
        if db_keys.passphrase_problem(text):
            set_wrapped_text(self.message, self.tr(
                "This passphrase is too easy to guess: use at least {n} characters, not "
                "all the same.").format(n=db_keys.MIN_PASSPHRASE))
            return
        if not self.second.text():  # Enter after the first field: on to the second
            self.second.setFocus()
            return
        if text != self.second.text():
            set_wrapped_text(self.message, self.tr(
                "The two passphrases differ; type the same one twice."))
            self.second.clear()
            self.second.setFocus()
            return
        self.accept()
