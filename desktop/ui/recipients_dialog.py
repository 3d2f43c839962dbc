"""`RecipientsDialog`: the age recipients (public keys) this laptop encrypts bundles to.

Recipients are pasted or loaded from the file HQ sent (`hq-recipient.txt`), checked, and
saved in the project settings. The dialog also shows this device's id and key fingerprint,
which HQ sees when it pins the laptop's first bundle. No secret key is ever stored here.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QLabel,
                               QPlainTextEdit, QPushButton, QVBoxLayout, QWidget)

from ..bundle.errors import BundleError
from ..services import keys_service
from ..services.operator_service import OperatorRefused
from .user_errors import error_sentence
from .app_context import AppContext
from .message_styles import error_label


class RecipientsDialog(QDialog):
    """Paste or load age recipients; shows this device's fingerprint."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("Bundle recipients"))
        self.setMinimumWidth(620)
        intro = QLabel(self.tr("Bundles are encrypted to these public keys (one per line, "
                               "starting with age1). Paste the key headquarters sent you, "
                               "or load its file. Add a regional office or escrow key on "
                               "its own line."))
        intro.setWordWrap(True)
        self.editor = QPlainTextEdit()
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.editor.setPlainText("\n".join(keys_service.stored_recipients(context.project)))
        self.editor.setPlaceholderText("age1...")
        load = QPushButton(self.tr("Load from file..."))
        load.clicked.connect(self._load)
        self.error = error_label()
        self.error.hide()
        device = QFormLayout()
        key = context.device_key
        device.addRow(self.tr("This device:"), QLabel(key.device_id))
        fingerprint = QLabel(key.fingerprint)
        fingerprint.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        device.addRow(self.tr("Device key fingerprint:"), fingerprint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.editor)
        layout.addWidget(load)
        layout.addWidget(self.error)
        layout.addLayout(device)
        layout.addWidget(buttons)

    def _load(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Load recipients"), "",
                                              self.tr("Text files (*.txt);;All files (*)"))
        if path:
            self.load_file(Path(path))

    def load_file(self, path: Path) -> None:
        """Append the recipients in `path` to the list."""
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            self._show_error(self.tr("The file could not be read; choose the recipient "
                                     "file headquarters sent."))
            return
        current = self.editor.toPlainText().strip()
        self.editor.setPlainText((current + "\n" if current else "") + text.strip())

    def save(self) -> bool:
        """Check and store the recipients; stays open with a message when one is bad."""
        try:
            recipients = keys_service.save_recipients(self.context.project,
                                                      self.editor.toPlainText())
        except OperatorRefused as exc:  # recipients are a supervisor's setting
            self._show_error(error_sentence(exc, self.context.lang))
            return False
        except BundleError:
            self._show_error(self.tr("A line is not a valid age public key (it should start "
                                     "with age1). Paste the key exactly as headquarters "
                                     "sent it; never paste a secret key here."))
            return False
        if not recipients:
            self._show_error(self.tr("Add at least one recipient."))
            return False
        self.accept()  # the workspace published the settings change
        return True

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
