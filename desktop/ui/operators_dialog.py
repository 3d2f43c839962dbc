"""Settings > Operators (supervisors only): add an operator, change a role, reset a PIN,
rename, deactivate and reactivate. Operators are never deleted: the forms they keyed keep
their operator id.

Every change goes through services/operator_service.py, which checks the role again and
writes the audit row; a refusal is shown as one sentence under the list, or, for what is
typed in the add / reset form, in the form itself, which stays open so nothing typed is lost.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QMessageBox, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ..services.operator_service import ROLES, Operator, OperatorRefused, OperatorService
from .operator_dialog import role_name
from .operator_name_form import OperatorNameForm
from .enter_in_fields import EnterInFieldsDialog
from .message_styles import DONE_STYLE, ERROR_STYLE, error_label
from .shown_text import shown
from .user_errors import error_sentence
from .wrapped_label import set_wrapped_text


class OperatorForm(EnterInFieldsDialog):
    """A name, a role and a PIN typed twice (a new operator), or only the PIN (a reset).

    With `submit`, OK calls it with the form: a refusal (PINs differ, name taken) is shown
    in the form, which stays open; `changed` holds what `submit` returned after accept."""

    def __init__(self, title: str, with_name: bool, parent: QWidget | None = None,
                 submit: Callable[["OperatorForm"], Operator] | None = None,
                 lang: str = "en"):
        super().__init__(parent)
        self.submit = submit
        self.lang = lang
        self.changed: Operator | None = None
        self.setWindowTitle(title)
        self.setMinimumWidth(380)
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.role = QComboBox()
        for role in ROLES:
            self.role.addItem(role_name(role), role)
        if with_name:
            form.addRow(self.tr("&Name"), self.name)
            form.addRow(self.tr("&Role"), self.role)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_again = QLineEdit()
        self.pin_again.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("&PIN"), self.pin)
        form.addRow(self.tr("PIN &again"), self.pin_again)
        self.message = error_label()
        form.addRow(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.name.returnPressed.connect(self.pin.setFocus)
        self.pin.returnPressed.connect(self.pin_again.setFocus)
        self.pin_again.returnPressed.connect(self._accept)
        (self.name if with_name else self.pin).setFocus()

    def _accept(self) -> None:
        if self.submit is None:
            self.accept()
            return
        try:
            self.changed = self.submit(self)
        except OperatorRefused as exc:
            set_wrapped_text(self.message, error_sentence(exc, self.lang))
            if (exc.key or "").startswith("operator.name"):
                self.name.setFocus()
                self.name.selectAll()
            else:
                self.pin.clear()
                self.pin_again.clear()
                self.pin.setFocus()
            return
        self.accept()


class OperatorsDialog(QDialog):
    """The project's operators and what a supervisor may change about them."""

    def __init__(self, service: OperatorService, lang: str = "en",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.service = service
        self.lang = lang
        self.setWindowTitle(self.tr("Operators"))
        self.resize(620, 400)
        layout = QVBoxLayout(self)
        explain = QLabel(self.tr("Operators sign in with their name and PIN. A keyer keys "
                                 "forms, a verifier also re-keys the sample, a supervisor "
                                 "also changes the project settings and the operators. "
                                 "Operators are deactivated, never deleted: their forms "
                                 "keep their name."))
        explain.setWordWrap(True)
        layout.addWidget(explain)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Role"),
                                              self.tr("State")])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        for column, mode in enumerate((QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.Stretch)):
            header.setSectionResizeMode(column, mode)  # the state fills the width, always
        self.table.verticalHeader().hide()
        layout.addWidget(self.table, 1)
        # Two rows: the selected operator's role beside the new one, then what else can be
        # done to them (seven buttons on one row do not fit 620 pixels in Spanish).
        self.add_button = QPushButton(self.tr("&Add…"))
        self.role_combo = QComboBox()
        for role in ROLES:
            self.role_combo.addItem(role_name(role), role)
        self.role_button = QPushButton(self.tr("Set &role"))
        self.pin_button = QPushButton(self.tr("Reset &PIN…"))
        self.rename_button = QPushButton(self.tr("Re&name…"))
        self.deactivate_button = QPushButton(self.tr("&Deactivate"))
        self.reactivate_button = QPushButton(self.tr("Reac&tivate…"))
        for widgets in ((self.add_button, self.role_combo, self.role_button),
                        (self.pin_button, self.rename_button, self.deactivate_button,
                         self.reactivate_button)):
            row = QHBoxLayout()
            for widget in widgets:
                row.addWidget(widget)
            row.addStretch(1)
            layout.addLayout(row)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        # Lambdas: clicked(bool) would land in the optional `form` / `confirmed` argument.
        self.add_button.clicked.connect(lambda: self.add_operator())
        self.role_button.clicked.connect(lambda: self.set_role(self.role_combo.currentData()))
        self.pin_button.clicked.connect(lambda: self.reset_pin())
        self.deactivate_button.clicked.connect(lambda: self.deactivate())
        self.rename_button.clicked.connect(lambda: self.rename())
        self.reactivate_button.clicked.connect(lambda: self.reactivate())
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.refresh()

    # -- reading --------------------------------------------------------------------------
    def refresh(self, select: str | None = None) -> None:
        """Fill the table from the service (keeping or moving the selection)."""
        keep = select or (self.selected().id if self.selected() else None)
        self.operators = self.service.operators()
        self.table.setRowCount(len(self.operators))
        for row, op in enumerate(self.operators):
            state = self.tr("active") if op.active else self.tr("deactivated")
            for column, text in enumerate((op.name, role_name(op.role), state)):
                item = QTableWidgetItem(shown(text))
                if not op.active:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(row, column, item)
            if op.id == keep:
                self.table.selectRow(row)
        self._selection_changed()

    def selected(self) -> Operator | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() \
            else []
        if not rows or not getattr(self, "operators", None):
            return None
        return self.operators[rows[0].row()]

    def _selection_changed(self) -> None:
        op = self.selected()
        for button in (self.role_button, self.pin_button, self.deactivate_button):
            button.setEnabled(op is not None and op.active)
        self.role_combo.setEnabled(op is not None and op.active)
        self.rename_button.setEnabled(op is not None)
        self.reactivate_button.setEnabled(op is not None and not op.active)
        if op is not None:
            self.role_combo.setCurrentIndex(max(0, self.role_combo.findData(op.role)))

    # -- changing -------------------------------------------------------------------------
    def _do(self, change, done: str) -> Operator | None:
        try:
            changed = change()
        except OperatorRefused as exc:
            self.message.setStyleSheet(ERROR_STYLE)
            set_wrapped_text(self.message, error_sentence(exc, self.lang))
            return None
        return self._done(changed, done)

    def _done(self, changed: Operator, done: str) -> Operator:
        self.message.setStyleSheet(DONE_STYLE)
        set_wrapped_text(self.message, done.format(name=changed.name))
        self.refresh(select=changed.id)
        return changed

    def _ask(self, form: OperatorForm, done: str) -> Operator | None:
        """Show the form until its change is made (or it is cancelled)."""
        if form.exec() != QDialog.DialogCode.Accepted or form.changed is None:
            return None
        return self._done(form.changed, done)

    def add_operator(self, form: OperatorForm | None = None) -> Operator | None:
        """Ask for a name, a role and a PIN; `form` given (already filled) skips asking."""
        def add(filled: OperatorForm) -> Operator:
            return self.service.add(filled.name.text(), filled.role.currentData(),
                                    filled.pin.text(), filled.pin_again.text())
        done = self.tr("{name} was added.")
        if form is not None:
            return self._do(lambda: add(form), done)
        return self._ask(OperatorForm(self.tr("Add an operator"), True, self, add,
                                      self.lang), done)

    def set_role(self, role: str) -> Operator | None:
        op = self.selected()
        if op is None:
            return None
        return self._do(lambda: self.service.set_role(op.id, role),
                        self.tr("{name} has a new role."))

    def reset_pin(self, form: OperatorForm | None = None) -> Operator | None:
        op = self.selected()
        if op is None:
            return None
        def reset(filled: OperatorForm) -> Operator:
            return self.service.reset_pin(op.id, filled.pin.text(), filled.pin_again.text())
        done = self.tr("{name} has a new PIN.")
        if form is not None:
            return self._do(lambda: reset(form), done)
        return self._ask(OperatorForm(self.tr("New PIN for {name}").format(name=op.name),
                                      False, self, reset, self.lang), done)

    def deactivate(self, confirmed: bool = False) -> Operator | None:
        op = self.selected()
        if op is None:
            return None
        if not confirmed and QMessageBox.question(
                self, self.tr("Deactivate operator"),
                self.tr("{name} will no longer be able to sign in; the forms they keyed "
                        "keep their name. Deactivate?").format(name=op.name)) \
                != QMessageBox.StandardButton.Yes:
            return None
        return self._do(lambda: self.service.deactivate(op.id),
                        self.tr("{name} can no longer sign in."))

    def rename(self, name: str | None = None) -> Operator | None:
        """Ask for the selected operator's new name; `name` given skips asking."""
        op = self.selected()
        if op is None:
            return None
        old = op.name.replace("{", "{{").replace("}", "}}")  # `_done` formats the rest
        done = self.tr("{old} is now called {name}.").replace("{old}", old)
        if name is not None:
            return self._do(lambda: self.service.rename(op.id, name), done)
        return self._ask(OperatorNameForm(
            self.tr("Rename {name}").format(name=op.name),
            self.tr("{name} signs in with the new name from now on. Forms already keyed "
                    "keep the name they were keyed under; the audit log records the "
                    "change.").format(name=op.name),
            op.name, self.tr("&Rename"),
            lambda filled: self.service.rename(op.id, filled.name.text()),
            self, self.lang), done)

    def reactivate(self, name: str | None = None) -> Operator | None:
        """Let the selected (deactivated) operator sign in again, after asking for their
        name (kept, or another when an active operator has it now); `name` skips asking."""
        op = self.selected()
        if op is None or op.active:
            return None
        done = self.tr("{name} can sign in again.")
        if name is not None:
            return self._do(lambda: self.service.reactivate(op.id, name), done)
        return self._ask(OperatorNameForm(
            self.tr("Reactivate {name}").format(name=op.name),
            self.tr("{name} will be able to sign in again, with the PIN they had (reset it "
                    "afterwards if it may be known to others). If an active operator has "
                    "this name now, choose another.").format(name=op.name),
            op.name, self.tr("Reac&tivate"),
            lambda filled: self.service.reactivate(op.id, filled.name.text()),
            self, self.lang), done)
