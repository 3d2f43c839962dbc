"""The resolution page of the verification view: the discrepancies side by side and the
keyboard-operable decisions (keep first, keep second, type the value on the paper)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from .discrepancy_table import DiscrepancyTable
from .shortcut_keys import CONFIRM, FINISH, KEEP_FIRST, KEEP_SECOND, TYPE_VALUE
from .shortcut_keys import key_text as native_keys


class ResolvePage(QWidget):
    """Table of discrepancies, decision buttons with their shortcuts, and a help line.

    The verification view owns the shortcuts and the decisions; this page only lays out
    the widgets and their texts.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.table = DiscrepancyTable()
        self.keep_first_button = QPushButton()
        self.keep_second_button = QPushButton()
        self.typed_label = QLabel()
        self.typed_edit = QLineEdit()
        self.typed_edit.setObjectName("verifyTypedValue")
        self.typed_edit.setFixedWidth(140)
        self.typed_label.setBuddy(self.typed_edit)
        self.finish_button = QPushButton()
        self.finish_button.setObjectName("verifyFinish")
        self.help = QLabel()
        self.help.setWordWrap(True)
        self.help.setStyleSheet("color: #444;")
        buttons = QHBoxLayout()
        for widget in (self.keep_first_button, self.keep_second_button, self.typed_label,
                       self.typed_edit):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(self.finish_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.help)
        self.retranslate()

    def retranslate(self) -> None:
        """All texts in the current language."""
        self.keep_first_button.setText(self.tr("Keep first") + f" ({native_keys(KEEP_FIRST)})")
        self.keep_second_button.setText(
            self.tr("Keep second") + f" ({native_keys(KEEP_SECOND)})")
        self.typed_label.setText(self.tr("Correct value") + f" ({native_keys(TYPE_VALUE)}):")
        self.finish_button.setText(self.tr("Finish") + f" ({native_keys(FINISH)})")
        self.help.setText(self.tr(
            "Check each row against the paper: {first} keeps the first keying, {second} the "
            "second, {typed} lets you type the value on the paper ({confirm} applies). Up and "
            "Down move between rows; {finish} writes the values and marks the form "
            "verified.").format(first=native_keys(KEEP_FIRST), second=native_keys(KEEP_SECOND),
                                typed=native_keys(TYPE_VALUE),
                                finish=native_keys(FINISH), confirm=native_keys(CONFIRM)))
        self.table.retranslate()
