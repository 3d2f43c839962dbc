"""Settings > Operators (supervisors only): add an operator, change a role, reset a PIN,
deactivate. Operators are never deleted: the forms they keyed keep their operator id.

Every change goes through services/operator_service.py, which checks the role again and
writes the audit row; a refusal is shown as one sentence under the list.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
                               QLabel, QLineEdit, QMessageBox, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from ..services.operator_service import ROLES, Operator, OperatorRefused, OperatorService
from .operator_dialog import role_name
from .user_errors import error_sentence


class OperatorForm(QDialog):
    """A name, a role and a PIN typed twice (a new operator), or only the PIN (a reset)."""

    def __init__(self, title: str, with_name: bool, parent: QWidget | None = None):
        super().__init__(parent)
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
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        form.addRow(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.name.returnPressed.connect(self.pin.setFocus)
        self.pin.returnPressed.connect(self.pin_again.setFocus)
        self.pin_again.returnPressed.connect(self.accept)
        (self.name if with_name else self.pin).setFocus()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        # Enter is handled by the fields (next field, or sign in from the last one); the
        # dialog's default button must not take it first.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)


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
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("&Add…"))
        self.role_combo = QComboBox()
        for role in ROLES:
            self.role_combo.addItem(role_name(role), role)
        self.role_button = QPushButton(self.tr("Set &role"))
        self.pin_button = QPushButton(self.tr("Reset &PIN…"))
        self.deactivate_button = QPushButton(self.tr("&Deactivate"))
        for widget in (self.add_button, self.role_combo, self.role_button, self.pin_button,
                       self.deactivate_button):
            row.addWidget(widget)
        row.addStretch(1)
        layout.addLayout(row)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.add_button.clicked.connect(self.add_operator)
        self.role_button.clicked.connect(lambda: self.set_role(self.role_combo.currentData()))
        self.pin_button.clicked.connect(self.reset_pin)
        self.deactivate_button.clicked.connect(self.deactivate)
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
                item = QTableWidgetItem(text)
                if not op.active:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(row, column, item)
            if op.id == keep:
                self.table.selectRow(row)
        self.table.resizeColumnsToContents()
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
        if op is not None:
            self.role_combo.setCurrentIndex(max(0, self.role_combo.findData(op.role)))

    # -- changing -------------------------------------------------------------------------
    def _do(self, change, done: str) -> Operator | None:
        try:
            changed = change()
        except OperatorRefused as exc:
            self.message.setStyleSheet("color: #b00020;")
            self.message.setText(error_sentence(exc, self.lang))
            return None
        self.message.setStyleSheet("color: #1b5e20;")
        self.message.setText(done.format(name=changed.name))
        self.refresh(select=changed.id)
        return changed

    def add_operator(self, form: OperatorForm | None = None) -> Operator | None:
        """Ask for a name, a role and a PIN; `form` given (already filled) skips asking."""
        if form is None:
            form = OperatorForm(self.tr("Add an operator"), True, self)
            if form.exec() != QDialog.DialogCode.Accepted:
                return None
        return self._do(lambda: self.service.add(form.name.text(), form.role.currentData(),
                                                 form.pin.text(), form.pin_again.text()),
                        self.tr("{name} was added."))

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
        if form is None:
            form = OperatorForm(self.tr("New PIN for {name}").format(name=op.name), False,
                                self)
            if form.exec() != QDialog.DialogCode.Accepted:
                return None
        return self._do(lambda: self.service.reset_pin(op.id, form.pin.text(),
                                                       form.pin_again.text()),
                        self.tr("{name} has a new PIN."))

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
