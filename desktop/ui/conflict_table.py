"""`ConflictTable`: the verification view's discrepancy table, reused for conflicts: HQ's
current value in the first column, the incoming one in the second, the analyst's decision
in the last. Rows are `TableRow`s (the attributes the discrepancy table reads)."""

from __future__ import annotations

from dataclasses import dataclass

from .discrepancy_table import DiscrepancyTable

# The analyst's decisions as the discrepancy table names them.
TABLE_DECISIONS = {"hq": "keep_first", "incoming": "keep_second", "typed": "typed"}


@dataclass(frozen=True)
class TableRow:
    """A conflict question as the discrepancy table reads it (first = HQ)."""

    question_id: str
    first_value: str
    second_value: str
    final_value: str | None = None
    decision: str | None = None

    @property
    def decided(self) -> bool:
        return self.decision is not None


class ConflictTable(DiscrepancyTable):
    """The discrepancy table with HQ's value beside the incoming one."""

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels([
            self.tr("No."), self.tr("Question"), self.tr("HQ (current)"), self.tr("Incoming"),
            self.tr("Decision")])
        if self.questionnaire is not None:
            self.show_items(self.questionnaire, self.items_shown, self.lang)

    def _decision(self, question, item) -> str:
        if not item.decided:
            return ""
        names = {"keep_first": self.tr("HQ kept"), "keep_second": self.tr("Incoming kept"),
                 "typed": self.tr("Typed")}
        return f"{names[item.decision]}: {self.display(question, item.final_value)}"
