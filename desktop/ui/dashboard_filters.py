"""The dashboard's filter row: one label and combo box per dimension (the round, then the
questionnaire's profile breakdowns), five to a row, each offering "All" and the groups the
loaded forms hold."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel

from ..domain.group_keys import ROUND, breakdowns
from .elided_combo import ElidedComboBox
from .shown_text import shown

FILTERS_PER_ROW = 5


def filter_dimensions(questionnaire) -> list[str]:
    """The filters: the round first, then the profile's breakdowns."""
    return [ROUND] + [dim for dim in breakdowns(questionnaire) if dim != ROUND]


class DashboardFilters(QObject):
    """The labels and combo boxes of the filters in `grid`; `on_change` runs when a choice
    changes (not while the choices are filled or reset)."""

    def __init__(self, grid: QGridLayout, on_change: Callable[[], None],
                 parent: QObject | None = None):
        super().__init__(parent)
        self.grid = grid
        self.on_change = on_change
        self.labels: dict[str, QLabel] = {}
        self.combos: dict[str, QComboBox] = {}

    def build(self, dimensions: list[str]) -> None:
        """One label and combo box per dimension, five to a row (the old ones deleted)."""
        for widget in (*self.labels.values(), *self.combos.values()):
            self.grid.removeWidget(widget)
            widget.hide()
            widget.deleteLater()
        self.labels, self.combos = {}, {}
        for index, dim in enumerate(dimensions):
            label = QLabel()
            combo = ElidedComboBox()
            # Eight characters ("All", "Todos" whole) keep the Spanish dashboard's window
            # under 1,300 px: a longer group ends in "…", whole in the tooltip.
            combo.setMinimumContentsLength(8)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.currentIndexChanged.connect(self.on_change)
            label.setBuddy(combo)
            row, column = divmod(index, FILTERS_PER_ROW)
            self.grid.addWidget(label, row, 2 * column)
            self.grid.addWidget(combo, row, 2 * column + 1)
            self.grid.setColumnStretch(2 * column + 1, 1)
            self.labels[dim] = label
            self.combos[dim] = combo

    def name(self, questionnaire, lang: str) -> None:
        """The labels in the current language; a profile question without a name of its
        own is labelled with its number and the start of its text."""
        names = {ROUND: self.tr("&Round"), "institution": self.tr("&Institution"),
                 "post": self.tr("&Post"), "unit_type": self.tr("&Unit type"),
                 "rank_band": self.tr("Ran&k")}
        for dim, label in self.labels.items():
            if dim in names:
                label.setText(names[dim])
                continue
            # Other profile questions: their number and the start of their text.
            question = questionnaire.question(dim)
            text = shown(question.label.text(lang))
            label.setText(f"{question.number} {text[:18]}…" if len(text) > 19
                          else f"{question.number} {text}")
            label.setToolTip(text)

    def fill(self, options: dict[str, list[tuple[str, str]]]) -> None:
        """The choices of every filter ("All" first), keeping each current choice."""
        for dim, combo in self.combos.items():
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("All"), "")
            for key, label in options.get(dim, []):
                combo.addItem(shown(label), key)
            index = combo.findData(current) if current else 0
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)
            combo.setToolTip(combo.currentText())  # the whole text (its signal was blocked)

    def current(self) -> dict[str, str]:
        """The chosen group of every filter that has one."""
        return {dim: combo.currentData() for dim, combo in self.combos.items()
                if combo.currentData()}

    def chosen_labels(self) -> dict[str, str]:
        """The shown name of every chosen group (what a report says was selected)."""
        return {dim: combo.currentText() for dim, combo in self.combos.items()
                if combo.currentData()}

    def choose(self, dimension: str, key: str) -> None:
        """Choose a group in one filter (by its key; '' for all)."""
        combo = self.combos[dimension]
        combo.setCurrentIndex(max(combo.findData(key), 0))

    def reset(self) -> None:
        """Every filter back to "All", without running `on_change`."""
        for combo in self.combos.values():
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
            combo.setToolTip(combo.currentText())
