"""The start page of the verification view: the round's sample rule, the forms due, and
how verification works."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale, Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from ..services.progress_service import compact_ranges
from ..services.round_service import Round
from .shortcut_keys import CONFIRM, NEXT_DUE, SAVE, key_text as native_keys

DUE_SHOWN = 12  # form numbers listed on the start page; the rest are counted


class VerificationStartPage(QWidget):
    """Sample rule (editable), forms due, and a short explanation."""

    rule_edited = Signal(str, float)  # mode, value (N, or a share between 0 and 1)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._round: Round | None = None
        self.rule_editable = True  # the sample rule is a supervisor's setting
        self.rule_label = QLabel()
        self.rule_combo = QComboBox()
        self.rule_combo.setObjectName("verifyRule")
        self.rule_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.rule_value = QSpinBox()
        self.rule_value.setObjectName("verifyRuleValue")
        self.rule_value.setRange(1, 1000)
        self.rule_value.setMinimumWidth(90)
        self.rule_label.setBuddy(self.rule_combo)
        rule = QHBoxLayout()
        rule.addWidget(self.rule_label)
        rule.addWidget(self.rule_combo)
        rule.addWidget(self.rule_value)
        rule.addStretch(1)
        self.due_list = QLabel()
        self.due_list.setObjectName("verifyDueList")
        self.due_list.setWordWrap(True)
        self.due_list.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.help = QLabel()
        self.help.setWordWrap(True)
        self.help.setStyleSheet("color: #444;")
        layout = QVBoxLayout(self)
        layout.addLayout(rule)
        layout.addWidget(self.due_list)
        layout.addSpacing(12)
        layout.addWidget(self.help)
        layout.addStretch(1)
        self.rule_combo.activated.connect(self._edited)
        self.rule_value.editingFinished.connect(self._edited)
        self.retranslate()

    def retranslate(self) -> None:
        """All texts in the current language."""
        self.rule_label.setText(self.tr("&Sample to verify:"))
        current = self.rule_combo.currentIndex()
        self.rule_combo.clear()
        for mode, text in (("all", self.tr("Every form")),
                           ("every_nth", self.tr("Every Nth form (by form number)")),
                           ("share", self.tr("A random share, in percent")),
                           ("none", self.tr("No verification"))):
            self.rule_combo.addItem(text, mode)
        self.rule_combo.setCurrentIndex(max(current, 0))
        self.help.setText(self.tr(
            "Verification catches typing errors: a second operator keys a sample of the "
            "paper forms again without seeing the first keying, and the two are compared "
            "question by question.\n\nPress {next} to open the next form due, or type a "
            "form number and press {confirm}. Key the answers from the paper and press "
            "{save} to compare.").format(next=native_keys(NEXT_DUE), save=native_keys(SAVE),
                                         confirm=native_keys(CONFIRM)))
        if self._round is not None:
            self._show_rule(self._round)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_round(self, round_: Round | None, due_numbers: list[int]) -> None:
        """Show the rule of a round and the forms of its sample still to verify."""
        self._round = round_
        for widget in (self.rule_combo, self.rule_value):
            widget.setEnabled(round_ is not None and self.rule_editable)
            widget.setToolTip("" if self.rule_editable else self.tr(
                "Only a supervisor changes the verification sample."))
        if round_ is None:
            self.due_list.setText("")
            return
        self._show_rule(round_)
        self.due_list.setText(self.due_text(due_numbers))

    def due_text(self, due_numbers: list[int]) -> str:
        """The first forms due and how many more: at 100k forms the whole list would
        flood the page."""
        ordered = sorted(due_numbers)
        shown = compact_ranges(ordered[:DUE_SHOWN]) or "—"
        locale = QLocale()
        text = self.tr("Forms due ({count}): {numbers}").format(
            count=locale.toString(len(ordered)), numbers=shown)
        if len(ordered) > DUE_SHOWN:
            text += " " + self.tr("and {more} more").format(
                more=locale.toString(len(ordered) - DUE_SHOWN))
        return text

    def _show_rule(self, round_: Round) -> None:
        self.rule_combo.setCurrentIndex(max(self.rule_combo.findData(round_.verify_mode), 0))
        self.rule_value.blockSignals(True)
        if round_.verify_mode == "share":
            self.rule_value.setRange(1, 100)
            self.rule_value.setSuffix(" %")
            self.rule_value.setValue(int(round(round_.verify_value * 100)))
        else:
            self.rule_value.setRange(1, 1000)
            self.rule_value.setSuffix("")
            self.rule_value.setValue(max(int(round_.verify_value), 1))
        self.rule_value.setVisible(round_.verify_mode in ("share", "every_nth"))
        self.rule_value.blockSignals(False)

    def _edited(self) -> None:
        if self._round is None:
            return
        mode = self.rule_combo.currentData()
        value = self.rule_value.value()
        if mode != self._round.verify_mode:  # a sensible start value for the new rule
            value = 10 if mode in ("share", "every_nth") else 0
        self.rule_edited.emit(mode, value / 100 if mode == "share" else float(value))
