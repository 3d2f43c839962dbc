"""`RiskRegisterTable`: the risks of the heat map by number, named in full, with their
figures: likelihood, impact, score, level, 95% interval of the score and n.

It sits beside the heat map so the badges' numbers can stay short while every name is read
whole (wrapped, never cut). Fed with the protected register of `AnalysisService.compute`;
suppressed risks keep their row with the 'hidden' note. Numbers follow the locale of the
program's language (decimal comma in Spanish).
"""

from __future__ import annotations

import math

import pandas as pd
from PySide6.QtCore import QEvent, QLocale, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from .shown_text import shown_lines

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
COLUMNS = 8


class RiskRegisterTable(QTableWidget):
    """One row per risk, in number order (the heat map's badges)."""

    def __init__(self, parent=None):
        super().__init__(0, COLUMNS, parent)
        self.setObjectName("riskRegister")
        self.register = pd.DataFrame()
        self.min_n = 5
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.retranslate()

    def retranslate(self) -> None:
        """Column titles (and the rows' numbers and notes) in the current language."""
        self.setHorizontalHeaderLabels([
            self.tr("No."), self.tr("Risk"), self.tr("Likeli-\nhood"), self.tr("Impact"),
            self.tr("Score"), self.tr("Level"), self.tr("95% interval\nof the score"),
            self.tr("n")])
        if len(self.register):
            self.set_data(self.register, self.min_n)

    def set_data(self, register: pd.DataFrame, min_n: int = 5) -> None:
        """Show the register rows (labelled, protected)."""
        self.register, self.min_n = register, min_n
        rows = register.sort_values("number") if len(register) else register
        locale = QLocale()
        point = locale.decimalPoint()
        self.setRowCount(len(rows))
        for row, (_, risk) in enumerate(rows.iterrows()):
            hidden = bool(risk.get("suppressed", False))
            if hidden:
                note = self.tr("hidden (fewer than {n} answers)").format(n=min_n)
                cells = [str(int(risk["number"])), str(risk["risk_label"]), "", "", "", note,
                         "", ""]
            else:
                cells = [str(int(risk["number"])), str(risk["risk_label"]),
                         _decimal(risk["mean_likelihood"], 2, point),
                         _decimal(risk["mean_impact"], 2, point),
                         str(risk.get("score_text") or _decimal(risk["mean_score"], 1, point))
                         .replace(".", point),
                         str(risk["level_label"]),
                         _interval(risk["score_ci_low"], risk["score_ci_high"], point),
                         locale.toString(int(risk["n"]))]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(shown_lines(text))
                if column in (0, 2, 3, 4, 6, 7):
                    item.setTextAlignment(_RIGHT)
                if column in (4, 5) and not hidden and risk.get("level_color"):
                    item.setBackground(QBrush(QColor(str(risk["level_color"]))))
                    item.setForeground(QBrush(QColor("#111111")))
                self.setItem(row, column, item)
        self._fit_level_column(rows)
        self.resizeRowsToContents()
        self.updateGeometry()  # its least width follows the names and figures

    def _fit_level_column(self, rows: pd.DataFrame) -> None:
        """The level column as wide as its levels, not as its 'hidden' notes: a note wraps
        onto a second line instead of squeezing the risks' names, which are read whole."""
        metrics = self.fontMetrics()
        header = self.horizontalHeader()
        texts = [str(risk["level_label"]) for _, risk in rows.iterrows()
                 if not bool(risk.get("suppressed", False))]
        note = self.tr("hidden (fewer than {n} answers)").format(n=self.min_n).split()
        two_lines = min((max(metrics.horizontalAdvance(" ".join(note[:k])),
                             metrics.horizontalAdvance(" ".join(note[k:])))
                         for k in range(1, len(note))), default=0)
        width = max([metrics.horizontalAdvance(t) for t in texts]
                    + [two_lines, header.sectionSizeFromContents(5).width()])
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(5, width + 2 * metrics.averageCharWidth())

    def name_room(self) -> int:
        """The least width of the risks' names column: its longest word (a name wraps
        between words, never inside one), at least ten characters, with the cell's margins."""
        metrics = self.fontMetrics()
        words = [word for text in self.register.get("risk_label", pd.Series(dtype=str))
                 for word in str(text).split()]
        longest = max([metrics.horizontalAdvance(word) for word in words]
                      + [10 * metrics.averageCharWidth()])
        return longest + 2 * metrics.averageCharWidth()

    def minimumSizeHint(self):  # noqa: N802 - Qt override
        """As narrow as the other columns and the names' least room allow: beside the heat
        map on a narrow window, the names wrap instead of being cut."""
        hint = super().minimumSizeHint()
        header = self.horizontalHeader()
        others = sum(header.sectionSize(c) for c in range(COLUMNS) if c != 1)
        width = (others + self.name_room() + self.verticalScrollBar().sizeHint().width()
                 + 2 * self.frameWidth())
        hint.setWidth(max(hint.width(), width))
        return hint

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.resizeRowsToContents()  # wrapped names need their height again

    def texts(self) -> list[list[str]]:
        """Every cell's text, row by row (tests, copying)."""
        return [[self.item(r, c).text() if self.item(r, c) else "" for c in range(COLUMNS)]
                for r in range(self.rowCount())]


def _decimal(value, digits: int, point: str) -> str:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return ""
    return "" if not math.isfinite(number) else f"{number:.{digits}f}".replace(".", point)


def _interval(low, high, point: str) -> str:
    low_text, high_text = _decimal(low, 1, point), _decimal(high, 1, point)
    return f"{low_text}–{high_text}" if low_text and high_text else ""
