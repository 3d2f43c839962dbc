"""Operator sign-in: a name and a PIN, after the passphrase; the first supervisor of a
project that has no operator yet.

Keyboard only: Enter in a field moves to the next one and signs in from the last. A wrong
PIN: one sentence, the PIN field cleared, try again; after a few wrong tries the next one
waits (services/operator_service.py counts them). The last operators who signed in on this
computer are offered first (QSettings), so a returning operator types only the PIN.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import (QComboBox, QDialogButtonBox, QFormLayout, QLabel,
                               QLineEdit, QVBoxLayout, QWidget)

from ..services.operator_service import Operator, OperatorRefused, OperatorService
from .enter_in_fields import EnterInFieldsDialog
from .message_styles import error_label
from .user_errors import error_sentence
from .wrapped_label import set_wrapped_text

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


def role_name(role: str) -> str:
    """The role in the window's language."""
    from PySide6.QtCore import QCoreApplication
    return {"keyer": QCoreApplication.translate("Roles", "keyer"),
            "verifier": QCoreApplication.translate("Roles", "verifier"),
            "supervisor": QCoreApplication.translate("Roles", "supervisor")}.get(role, role)


class OperatorDialog(EnterInFieldsDialog):
    """Signs an operator in (`signed_in` after accept), or creates the first supervisor
    when the project has no operator yet (`first` is True then)."""

    def __init__(self, service: OperatorService, settings: QSettings, current: str = "",
                 lang: str = "en", parent: QWidget | None = None, leaving: str = ""):
        super().__init__(parent)
        self.service = service
        self.settings = settings
        self.lang = lang
        self.signed_in: Operator | None = None
        self.first = not service.has_operators()
        self.setWindowTitle(self.tr("Create the first supervisor") if self.first
                            else self.tr("Sign in"))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        prompt = QLabel(self.tr(
            "This project has no operators yet. You become its supervisor: you add the "
            "other operators and change the project settings. Choose a PIN of at least 4 "
            "characters and type it twice.") if self.first else self.tr(
            "Who is working? Your name is recorded with every form you key and every "
            "change you make."))
        prompt.setWordWrap(True)
        layout.addWidget(prompt)
        form = QFormLayout()
        self.name = QComboBox()
        self.name.setEditable(True)
        self.name.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        if not self.first:
            known = service.active_names()
            folded = {n.casefold() for n in known}
            recent = [n for n in recent_operators(settings) if n.casefold() in folded]
            self.name.addItems(recent + [n for n in known if n not in recent])
        # Offered: the name given, else the last operator here other than the one who just
        # signed out (a switch is to somebody else).
        others = [self.name.itemText(i) for i in range(self.name.count())
                  if self.name.itemText(i).casefold() != leaving.casefold()]
        self.name.setCurrentText(current or (others[0] if others else ""))
        form.addRow(self.tr("&Name"), self.name)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("&PIN"), self.pin)
        self.pin_again = QLineEdit()
        self.pin_again.setEchoMode(QLineEdit.EchoMode.Password)
        if self.first:
            form.addRow(self.tr("PIN &again"), self.pin_again)
        else:
            self.pin_again.hide()
        layout.addLayout(form)
        self.message = error_label()
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Create and sign in") if self.first else self.tr("Sign in"))
        for button in self.buttons.buttons():
            button.setAutoDefault(False)  # Enter moves between fields (below)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.name.lineEdit().returnPressed.connect(self.pin.setFocus)
        self.pin.returnPressed.connect(self.pin_again.setFocus if self.first else self._accept)
        self.pin_again.returnPressed.connect(self._accept)
        (self.pin if self.name.currentText() else self.name).setFocus()
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._may_try_again)

    def operator(self) -> str:
        """The name typed or chosen, trimmed."""
        return self.name.currentText().strip()

    def _accept(self) -> None:
        if not self.ok.isEnabled():
            return
        if not self.operator():
            set_wrapped_text(self.message, self.tr("Type your name."))
            self.name.setFocus()
            return
        try:
            if self.first:
                operator = self.service.create_first_supervisor(
                    self.operator(), self.pin.text(), self.pin_again.text())
            else:
                operator = self.service.sign_in(self.operator(), self.pin.text())
        except OperatorRefused as exc:
            self._refused(exc)
            return
        self.signed_in = operator
        remember_operator(self.settings, operator.name)
        self.accept()

    def _refused(self, exc: OperatorRefused) -> None:
        self.pin.clear()
        self.pin_again.clear()
        self.pin.setFocus()
        wait = 0.0 if self.first else self.service.wait_seconds(self.operator())
        if wait > 0 and exc.key != "operator.wait":
            exc = OperatorRefused("operator.wait", seconds=int(wait + 0.999))
        set_wrapped_text(self.message, error_sentence(exc, self.lang))
        if wait > 0:
            self.ok.setEnabled(False)
            self.pin.setEnabled(False)
            self._retry.start(int(wait * 1000) + 50)

    def _may_try_again(self) -> None:
        self.ok.setEnabled(True)
        self.pin.setEnabled(True)
        self.pin.setFocus()
