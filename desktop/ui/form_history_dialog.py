"""The audit history of one form: every create, edit, confirmation, verification and
deletion, with who, when, old and new values and the reason (`FormService.history`)."""

from __future__ import annotations

from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView,
                               QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ..services.form_service import FormService


class FormHistoryDialog(QDialog):
    """A read-only table of the audit rows of one form, oldest first."""

    def __init__(self, service: FormService, uuid: str, form_number: int | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        title = self.tr("History of form {n}").format(n=form_number) \
            if form_number is not None else self.tr("History of the form")
        self.setWindowTitle(title)
        self.resize(900, 420)
        layout = QVBoxLayout(self)
        rows = service.history(uuid)
        layout.addWidget(QLabel(title))
        headers = [self.tr("Time (UTC)"), self.tr("Operator"), self.tr("Action"),
                   self.tr("Question"), self.tr("Old value"), self.tr("New value"),
                   self.tr("Reason")]
        self.table = QTableWidget(len(rows), len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        numbers = {q.id: q.number for q in service.questionnaire.questions()}
        for r, row in enumerate(rows):
            question = row.get("question_id") or ""
            cells = [(row.get("time") or "")[:19].replace("T", " "), row.get("operator"),
                     row.get("action"), numbers.get(question, question),
                     _short(row.get("old")), _short(row.get("new")), row.get("reason")]
            for c, value in enumerate(cells):
                item = QTableWidgetItem(str(value or ""))
                item.setToolTip(str(value or ""))
                self.table.setItem(r, c, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def _short(text: str | None, limit: int = 60) -> str:
    """Whole-form values (JSON of every answer) are long: show their start."""
    text = text or ""
    return text if len(text) <= limit else text[:limit - 1] + "…"
