"""A small form that asks for an operator's name: to rename an operator, or to reactivate a
deactivated one (under their old name, or a new one when an active operator has taken it).

Like `OperatorForm`, OK calls `submit` with the form; a refusal (a name taken, an empty
name) is shown in the form, which stays open with the name selected, so nothing is lost.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from ..services.operator_service import MAX_NAME, Operator, OperatorRefused
from .enter_in_fields import EnterInFieldsDialog
from .message_styles import error_label
from .user_errors import error_sentence
from .wrapped_label import set_wrapped_text


class OperatorNameForm(EnterInFieldsDialog):
    """An explanation, a name field (filled with `name`) and OK / Cancel."""

    def __init__(self, title: str, explanation: str, name: str, ok_text: str,
                 submit: Callable[["OperatorNameForm"], Operator],
                 parent: QWidget | None = None, lang: str = "en"):
        super().__init__(parent)
        self.submit = submit
        self.lang = lang
        self.changed: Operator | None = None
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        form = QFormLayout(self)
        self.explanation = QLabel(explanation)
        self.explanation.setWordWrap(True)
        form.addRow(self.explanation)
        self.name = QLineEdit(name)
        self.name.setMaxLength(MAX_NAME)
        self.name.selectAll()
        form.addRow(self.tr("&Name"), self.name)
        self.message = error_label()
        form.addRow(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.name.returnPressed.connect(self._accept)
        self.name.setFocus()

    def _accept(self) -> None:
        try:
            self.changed = self.submit(self)
        except OperatorRefused as exc:
            set_wrapped_text(self.message, error_sentence(exc, self.lang))
            self.name.setFocus()
            self.name.selectAll()
            return
        self.accept()

