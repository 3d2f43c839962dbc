"""The bar at the top of the verification view: the round (when the view stands alone), the
form number with Open, "Next form due" (Alt+N), and the sample's figures beside them.

It only shows: `VerificationView` connects its buttons and fills it from the service's
summary (`show_summary`), read off the UI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from .shortcut_keys import NEXT_DUE, key_text as _keys


class VerificationBar(QWidget):
    """Round, form number, Open, Next form due and the sample's figures."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.round_label = QLabel()
        self.round_combo = QComboBox()
        self.round_combo.setMinimumWidth(220)
        self.number_label = QLabel()
        self.number_edit = QLineEdit()
        self.number_edit.setObjectName("verifyFormNumber")
        self.number_edit.setValidator(QIntValidator(0, 999_999_999, self))
        self.number_edit.setFixedWidth(100)
        self.open_button = QPushButton()
        self.next_button = QPushButton()
        self.due_label = QLabel()
        self.due_label.setStyleSheet("color: #444;")
        self.due_label.setWordWrap(True)  # long in Spanish: wrap rather than widen the window
        self.due_label.setMinimumWidth(120)
        top = QHBoxLayout(self)
        top.setContentsMargins(0, 0, 0, 0)
        for widget in (self.round_label, self.round_combo, self.number_label,
                       self.number_edit, self.open_button, self.next_button):
            top.addWidget(widget)
        top.addSpacing(12)
        top.addWidget(self.due_label, 1)
        self.round_label.setBuddy(self.round_combo)
        self.number_label.setBuddy(self.number_edit)

    def retranslate(self) -> None:
        self.round_label.setText(self.tr("&Round:"))
        self.number_label.setText(self.tr("Form num&ber:"))  # Alt+N opens the next form
        self.number_edit.setPlaceholderText(self.tr("e.g. 23"))
        self.open_button.setText(self.tr("Open"))
        self.next_button.setText(self.tr("Next form due") + f" ({_keys(NEXT_DUE)})")

    def show_round_choice(self, shown: bool) -> None:
        """The round list, hidden where the main window's round bar chooses the round."""
        self.round_label.setVisible(shown)
        self.round_combo.setVisible(shown)

    def show_no_round(self) -> None:
        self.due_label.setText(self.tr("No collection round yet."))

    def show_summary(self, summary) -> None:
        """The sample's figures: verified of sampled, outside the sample, the next due."""
        due, outside = summary.next_due, summary.verified_outside
        text = self.tr("{verified} of %Ln sampled form(s) verified.", "",
                       int(summary.sampled)).format(verified=_int(summary.verified))
        if outside:
            # Forms verified by number though the rule did not pick them still count.
            text += " " + self.tr("%Ln more verified outside the sample.", "", int(outside))
        if due is not None:
            text += " " + self.tr("Next due: form {n}.").format(n=due[1])
        self.due_label.setText(text)


def _int(value: int) -> str:
    return QLocale().toString(int(value))
