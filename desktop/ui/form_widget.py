"""The questionnaire as a keyboard-first form, generated from the questionnaire definition.

Reusable: the entry view keys new forms and edits stored ones with it, and the
verification view re-keys forms blind with a fresh one. API:

    form = FormWidget(questionnaire, lang, operator_controlled=False)
    form.values() -> {question id: text}     form.set_values({...})     form.clear()
    form.confirmations() -> {question ids}   form.keystrokes            form.focus_first()
    form.show_problems(draft=False) -> [Problem]
    signals: answers_changed, completed (Enter on the last question), left_top (Shift+Tab
    on the first question), question_entered (the id of the question the cursor entered)

Enter or Tab moves to the next question that applies, after checking the answer in place;
Shift+Tab goes back. Skip logic (`form_rules.applicable`) greys out questions that do not
apply and empties them. An out-of-range value, or one that breaks the question's
constraint, is refused, or, in operator-controlled mode, kept after the operator presses
Enter a second time on it (an explicit, recorded confirmation, as in CSPro).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from ..domain.form_rules import Problem, applicable, check_answer, validate_form
from ..domain.messages import message
from ..domain.questionnaire import Questionnaire
from .question_field import QuestionField
from .shortcut_keys import CONFIRM, key_text


class FormWidget(QScrollArea):
    """Every question of a questionnaire, in paper order, in a scroll area."""

    answers_changed = Signal()
    completed = Signal()
    left_top = Signal()
    question_entered = Signal(str)

    def __init__(self, questionnaire: Questionnaire, lang: str = "en",
                 parent: QWidget | None = None, operator_controlled: bool = False):
        super().__init__(parent)
        self.questionnaire = questionnaire
        self.lang = lang
        self.operator_controlled = operator_controlled
        self.keystrokes = 0
        self._confirmed: set[str] = set()
        self._pending: dict[str, str] = {}  # question id -> value awaiting confirmation
        self.fields: dict[str, QuestionField] = {}
        self._order: list[str] = []
        self._section_titles: list[tuple[QLabel, object]] = []
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        inner.setObjectName("formPage")
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(8, 4, 16, 12)
        layout.setSpacing(0)
        for section in questionnaire.sections:
            title = QLabel()
            title.setStyleSheet("font-weight: bold; font-size: 11pt; padding: 8px 4px 4px 4px;"
                                "border-bottom: 1px solid #bbb; margin-bottom: 2px;")
            self._section_titles.append((title, section))
            layout.addWidget(title)
            for question in section.questions:
                field = QuestionField(questionnaire, question, lang)
                field.edit.navigated.connect(
                    lambda step, qid=question.id: self._navigate(qid, step))
                field.edit.keyed.connect(self._count_key)
                field.edit.textEdited.connect(
                    lambda _text, qid=question.id: self._edited(qid))
                field.edit.editingFinished.connect(self.refresh_skips)
                field.edit.focus_changed.connect(
                    lambda on, qid=question.id: on and self.question_entered.emit(qid))
                self.fields[question.id] = field
                self._order.append(question.id)
                layout.addWidget(field)
        layout.addStretch(1)
        self.setWidget(inner)
        self.set_language(lang)
        self.refresh_skips()

    # -- public API ----------------------------------------------------------------------
    def values(self) -> dict[str, str]:
        """Answers of the questions that apply (non-empty, trimmed), by question id."""
        return {qid: field.value() for qid, field in self.fields.items()
                if field.applies and field.value()}

    def answered_count(self) -> int:
        """How many questions that apply have an answer that stands: a value refused
        under its question, or waiting for its confirmation, is typed, not answered (the counter said '7 of 34 answered'
        beside the red message of the seventh)."""
        return sum(1 for qid in self.values()
                   if not self.fields[qid].refused() and qid not in self._pending)

    def set_values(self, values: dict[str, str], confirmed: set[str] | None = None) -> None:
        """Show stored answers (for editing); nothing counts as typed."""
        for qid, field in self.fields.items():
            field.set_value(values.get(qid, ""))
            field.show_message("")
        self._confirmed = set(confirmed or ())
        self._pending.clear()
        self.refresh_skips()
        self.answers_changed.emit()

    def clear(self) -> None:
        """Empty every answer, message, confirmation and the keystroke count."""
        self.set_values({})
        self.keystrokes = 0
        self.verticalScrollBar().setValue(0)

    def confirmations(self) -> set[str]:
        """Questions whose out-of-range answers the operator confirmed."""
        return {qid for qid in self._confirmed if qid in self.values()}

    def reset_keystrokes(self) -> None:
        """Start counting keystrokes from zero."""
        self.keystrokes = 0

    def set_language(self, lang: str) -> None:
        """Show questions, codes and section titles in `lang`."""
        self.lang = lang
        for title, section in self._section_titles:
            title.setText(f"{section.id}  {section.title.text(lang)}")
        for field in self.fields.values():
            field.set_language(lang)

    def set_operator_controlled(self, on: bool) -> None:
        """Allow confirmed out-of-range values (True) or refuse them (False)."""
        self.operator_controlled = on

    def applicable_ids(self) -> list[str]:
        """Questions that apply given the answers typed so far."""
        return applicable(self.questionnaire, self._all_texts())

    def focus_first(self) -> None:
        """Put the cursor on the first question that applies."""
        ids = self.applicable_ids()
        if ids:
            self.focus_question(ids[0])

    def focus_last(self) -> None:
        """Put the cursor on the last question that applies."""
        ids = self.applicable_ids()
        if ids:
            self.focus_question(ids[-1])

    def focus_question(self, qid: str) -> None:
        """Put the cursor on one question and scroll it into view."""
        field = self.fields[qid]
        field.edit.setFocus(Qt.FocusReason.OtherFocusReason)
        field.edit.selectAll()
        # Keep a third of the page below the cursor, so the next questions are in view.
        self.ensureWidgetVisible(field, 0, max(60, self.viewport().height() // 3))

    def current_question(self) -> str | None:
        """The question whose box has the cursor, if any."""
        for qid, field in self.fields.items():
            if field.edit.hasFocus():
                return qid
        return None

    def show_problems(self, draft: bool = False) -> list[Problem]:
        """Check the whole form, show each problem under its question, focus the first."""
        self.refresh_skips()
        problems = validate_form(self.questionnaire, self.values(), self.lang,
                                 self.confirmations(), draft=draft)
        shown = set()
        for problem in problems:
            field = self.fields.get(problem.question_id)
            if field is not None and problem.question_id not in shown:
                field.show_message(problem.message)
                shown.add(problem.question_id)
        if problems and problems[0].question_id in self.fields:
            self.focus_question(problems[0].question_id)
        return problems

    def refresh_skips(self) -> None:
        """Grey out (and empty) the questions that do not apply any more."""
        applies = set(self.applicable_ids())
        changed = False
        for qid, field in self.fields.items():
            on = qid in applies
            if not on and field.edit.text():
                changed = True
            field.set_applies(on)
        if changed:
            self.answers_changed.emit()

    # -- keyboard ------------------------------------------------------------------------
    def _count_key(self) -> None:
        self.keystrokes += 1

    def _edited(self, qid: str) -> None:
        field = self.fields[qid]
        self._pending.pop(qid, None)
        self._confirmed.discard(qid)
        problem = check_answer(self.questionnaire, field.question, field.value(), self.lang,
                               answers=self._all_texts())
        field.show_message(problem.message if problem else "")
        self.answers_changed.emit()

    def _navigate(self, qid: str, step: int) -> None:
        if step < 0:
            self._go(qid, -1)
            return
        if self._accept(qid):
            self._go(qid, 1)

    def _accept(self, qid: str) -> bool:
        """Check the answer of `qid` before leaving it forward; show why it cannot."""
        field = self.fields[qid]
        text = field.value()
        if not text:
            if field.question.required:
                field.show_message(message("required", self.lang))
                return False
            field.show_message("")
            return True
        problem = check_answer(self.questionnaire, field.question, text, self.lang,
                               answers=self._all_texts())
        if problem is None:
            field.show_message("")
            return True
        if not (problem.confirmable and self.operator_controlled):
            field.show_message(problem.message)
            return False
        if qid in self._confirmed:
            return True
        if self._pending.get(qid) == text:
            self._confirmed.add(qid)
            self._pending.pop(qid, None)
            field.show_message(self.tr("Value kept after confirmation."), notice=True)
            self.answers_changed.emit()  # now an answer: the counter counts it
            return True
        self._pending[qid] = text
        # A form's own constraint message may come without a full stop.
        text_ = problem.message if problem.message.endswith((".", "!", "?")) \
            else problem.message + "."
        field.show_message(text_ + " " + self.tr(
            "Press {keys} again to keep this value, or correct it.").format(
                keys=key_text(CONFIRM)), notice=True)
        return False

    def _go(self, qid: str, step: int) -> None:
        self.refresh_skips()
        ids = self.applicable_ids()
        here = self._order.index(qid)
        later = [q for q in ids if self._order.index(q) > here]
        earlier = [q for q in ids if self._order.index(q) < here]
        if step > 0:
            if later:
                self.focus_question(later[0])
            else:
                self.completed.emit()
        elif earlier:
            self.focus_question(earlier[-1])
        else:
            self.left_top.emit()

    def _all_texts(self) -> dict[str, str]:
        return {qid: field.edit.text().strip() for qid, field in self.fields.items()
                if field.edit.text().strip()}
