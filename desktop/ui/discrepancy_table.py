"""The side-by-side table of discrepancies between a first and a second keying.

One row per discrepancy: question number, question text, first keying, second keying and
the decision taken against the paper. Values of coded questions show their labels
('3 · Customs') so the person resolving can match them to the paper at a glance.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from ..domain.questionnaire import Question, Questionnaire
from ..services.verification_service import ItemRow
from .shown_text import shown_lines

DECIDED_COLOUR = QColor("#e3f1e0")
ROW_PADDING = 8  # px above and below a row's text together: wrapped lines need air


class DiscrepancyTable(QTableWidget):
    """Discrepancies of one verification; the current row is the one being decided."""

    def __init__(self, parent=None):
        super().__init__(0, 5, parent)
        self.items_shown: list[ItemRow] = []
        self.questionnaire: Questionnaire | None = None
        self.lang = "en"
        self.setObjectName("discrepancyTable")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.verticalHeader().setMinimumSectionSize(28)  # room to read, without padding
        # A row is at most four lines high: one discrepancy must not fill the table.
        self.verticalHeader().setMaximumSectionSize(
            self.fontMetrics().lineSpacing() * 4 + 10 + ROW_PADDING)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (2, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.setColumnWidth(column, 190)
        self.retranslate()

    def retranslate(self) -> None:
        """Column titles in the current language."""
        self.setHorizontalHeaderLabels([
            self.tr("No."), self.tr("Question"), self.tr("First keying"),
            self.tr("Second keying"), self.tr("Decision")])
        if self.questionnaire is not None:
            self.show_items(self.questionnaire, self.items_shown, self.lang)

    def show_items(self, questionnaire: Questionnaire, items: list[ItemRow],
                   lang: str) -> None:
        """Fill the table; keeps the current row when the number of rows is unchanged."""
        keep = self.currentRow() if len(items) == self.rowCount() else 0
        self.questionnaire, self.items_shown, self.lang = questionnaire, list(items), lang
        self.setRowCount(len(items))
        for row, item in enumerate(items):
            question = questionnaire.question(item.question_id)
            cells = [question.number, question.label.text(lang),
                     self.display(question, item.first_value),
                     self.display(question, item.second_value), self._decision(question, item)]
            for column, text in enumerate(cells):
                text = shown_lines(text)  # questionnaire texts and answers from a bundle
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                if column == 0:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if item.decided:
                    cell.setBackground(QBrush(DECIDED_COLOUR))
                self.setItem(row, column, cell)
        self.resizeRowsToContents()
        if items:
            self.selectRow(max(0, min(keep, len(items) - 1)))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.resizeRowsToContents()  # wrapped cells need their height again

    def sizeHintForRow(self, row: int) -> int:  # noqa: N802 - Qt override
        """The wrapped text's height and some air: without it, two-line cells (a long
        question, a decision) touch the grid lines above and below."""
        return super().sizeHintForRow(row) + ROW_PADDING

    def current_item(self) -> ItemRow | None:
        row = self.currentRow()
        return self.items_shown[row] if 0 <= row < len(self.items_shown) else None

    def select_next_undecided(self) -> bool:
        """Move to the next undecided row (wrapping); False when every row is decided."""
        count = len(self.items_shown)
        start = max(self.currentRow(), 0)
        for step in range(1, count + 1):
            row = (start + step) % count
            if not self.items_shown[row].decided:
                self.selectRow(row)
                return True
        return False

    def display(self, question: Question, value: str | None) -> str:
        """A stored value with its code labels; '(blank)' for no answer."""
        if not value:
            return self.tr("(blank)")
        if not question.is_coded or self.questionnaire is None:
            return value
        missing = {code.code: code.label.text(self.lang)
                   for code in question.missing_codes}
        parts = []
        for part in value.split():
            label = ""
            if part.isdigit():
                code = int(part)
                label = question.choice_label(code, self.lang) or missing.get(code, "")
                if question.type == "likert" and question.anchors and not label:
                    label = {1: question.anchors[0].text(self.lang),
                             question.points: question.anchors[1].text(self.lang)}.get(
                        code, "")
            parts.append(f"{part} · {label}" if label else part)
        return "; ".join(parts)

    def _decision(self, question: Question, item: ItemRow) -> str:
        if not item.decided:
            return ""
        names = {"keep_first": self.tr("First kept"), "keep_second": self.tr("Second kept"),
                 "typed": self.tr("Typed")}
        return f"{names.get(item.decision, item.decision)}: {self.display(question, item.final_value)}"
