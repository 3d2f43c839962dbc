"""The audit history of one form: every create, edit, confirmation, verification and
deletion, with who, when, old and new values and the reason (`FormService.history`)."""

from __future__ import annotations

import json
import re

from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView,
                               QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ..services.form_service import FormService
from .records_model import status_text
from .shown_text import shown_lines

WIDTH = 1240  # px, at most
STATUS_ACTIONS = ("status", "delete")  # their old and new values are form statuses


class FormHistoryDialog(QDialog):
    """A read-only table of the audit rows of one form, oldest first."""

    def __init__(self, service: FormService, uuid: str, form_number: int | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        title = self.tr("History of form {n}").format(n=form_number) \
            if form_number is not None else self.tr("History of the form")
        self.setWindowTitle(title)
        # Wide enough for the reason column beside a whole form's values, within the screen.
        room = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        self.resize(min(WIDTH, room.width() - 60), 420)
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
                     self._action_text(row.get("action") or ""),
                     numbers.get(question, question), row.get("old"), row.get("new"),
                     row.get("reason")]
            for c, value in enumerate(cells):
                full = str(value or "")
                text = self._answers_text(full, numbers) if c in (4, 5) else full
                if c in (4, 5) and row.get("action") in STATUS_ACTIONS:
                    text = status_text(text)  # 'entered' -> the people's word
                if c == 5 and row.get("action") == "verify_keyed" and full.isdigit():
                    # The second keying stores how many answers differed: a bare "1"
                    # under "New value" reads as an answer.
                    text = self.tr("%n discrepancy(ies)", "", int(full))
                if c == 6:
                    text = self._reason_text(row.get("action") or "", text)
                text = shown_lines(text)  # operators, answers, reasons may come from a bundle
                item = QTableWidgetItem(_short(text))
                item.setToolTip(text)
                self.table.setItem(r, c, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(5, 300)  # whole-form values: the start, the rest on hover
        header.setStretchLastSection(True)
        self.table.setWordWrap(True)
        rows_header = self.table.verticalHeader()
        rows_header.setMinimumSectionSize(rows_header.defaultSectionSize())
        self.table.resizeRowsToContents()  # a whole form's values take two lines
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


    def _action_text(self, action: str) -> str:
        """The people's words for an audit action (unknown ones as they are)."""
        return {"create": self.tr("keyed"), "edit": self.tr("changed"),
                "delete": self.tr("deleted"), "status": self.tr("status changed"),
                "renumber": self.tr("form number changed"),
                "confirm_out_of_range": self.tr("out-of-range value kept"),
                "verify_keyed": self.tr("keyed again to verify"),
                "verify_decision": self.tr("discrepancy resolved"),
                "verify_edit": self.tr("corrected by verification")}.get(action, action)

    def _reason_text(self, action: str, reason: str) -> str:
        """Reasons the verification writes as codes ('keep_second', '34 fields
        compared') in the people's words; a reason typed by a person as it is."""
        if action == "verify_decision":
            return {"keep_first": self.tr("first keying kept"),
                    "keep_second": self.tr("second keying kept"),
                    "typed": self.tr("value typed from the paper")}.get(reason, reason)
        compared = re.fullmatch(r"(\d+) fields compared", reason)
        if action == "verify_keyed" and compared:
            return self.tr("%n field(s) compared", "", int(compared.group(1)))
        return reason

    def _answers_text(self, text: str, numbers: dict[str, str]) -> str:
        """A whole form stored as JSON ('create') shown as 'A1=1  A2=3 …'."""
        if not text.startswith("{"):
            return text
        try:
            answers = json.loads(text)
        except ValueError:
            return text
        order = list(numbers)
        items = sorted(answers.items(), key=lambda kv: order.index(kv[0])
                       if kv[0] in order else len(order))
        return self.tr("%n answer(s): ", "", len(answers)) + "  ".join(
            f"{numbers.get(qid, qid)}={value}" for qid, value in items)


def _short(text: str | None, limit: int = 80) -> str:
    """Whole-form values (JSON of every answer) are long: show their start."""
    text = text or ""
    return text if len(text) <= limit else text[:limit - 1] + "…"
