"""`FormGate`: the checks of `form_rules` for many forms at once (HQ's import door).

The same rules as the entry form (unknown question ids, type, code list, range, missing
codes, length, answers to questions that do not apply, required answers of a finished
form), made cheap for 100k forms by caching what repeats: each distinct (question, text)
pair is checked once with `check_answer`, and the questions that apply are worked out once
per distinct combination of the answers that skip conditions read. A constraint that reads
other questions (`. <= ${total}`) is checked against the form's own answers, once per
distinct (text, answers it reads, answers skip conditions read).

HQ's door also asks `passes`: a quick yes for a form whose every answer is a text seen and
passed before where its skip answers put it, given as the row of its answers in the
questionnaire's order ("" for none: the row responses.csv writes, made once for both), so
that the common form costs one C loop over the row; anything else is for `problems`.
"""

from __future__ import annotations

import operator
from typing import Mapping

from .form_rules import Problem, answer_env, applicable, check_answer
from .messages import message
from .questionnaire import Questionnaire

_contains = operator.contains
_BLANK_ONLY = frozenset({""})  # the row's cell of a question that does not apply


class FormGate:
    """Validates forms of one questionnaire version, remembering repeated work.

    The per-form work is a few set operations: unknown ids (keys minus the known ids),
    answers to questions that do not apply (keys minus the applicable ids, cached per
    combination of the answers skip conditions read), (question, text) pairs never seen
    before (checked once each with `check_answer`), and required ids without an answer."""

    def __init__(self, questionnaire: Questionnaire, lang: str = "en"):
        self.questionnaire = questionnaire
        self.lang = lang
        self._questions = {q.id: q for q in questionnaire.questions()}
        self.question_ids = tuple(self._questions)  # the order of `passes`' rows
        self._known = frozenset(self._questions)
        self._required = frozenset(q.id for q in questionnaire.questions() if q.required)
        names: set[str] = set()
        for section in questionnaire.sections:
            for expr in [section.relevant] + [q.relevant for q in section.questions]:
                if expr is not None:
                    names |= set(expr.names)
        self._skip_inputs = tuple(sorted(names))
        # question id -> the other questions its constraint reads
        self._cross = {q.id: tuple(sorted(q.constraint.names - {q.id}))
                       for q in questionnaire.questions()
                       if q.constraint is not None and q.constraint.names - {q.id}}
        self._ok: set[tuple[str, str]] = set()  # (question id, text) pairs that passed
        self._cross_ok: set[tuple] = set()  # (question id, text, skip key, inputs) passed
        # skip key -> (ids that apply, required ids among them, the pairs of `_ok` whose
        # question applies there: a form whose pairs are all in it answers nothing that
        # does not apply and nothing unchecked, decided by one subset test; the ids that
        # apply and are not required; `passes`' cells: for each question in order, ""
        # and the texts of those pairs, or "" alone where it does not apply)
        self._applies: dict[tuple, tuple] = {}

    def passes(self, answers: Mapping[str, str], row: tuple, draft: bool = False) -> bool:
        """True only when `problems(answers, draft)` is empty and the quick checks show it:
        `row` is the answers' texts in `question_ids` order, "" where none. Every key of
        `answers` is a question with a text that is not "" (as many keys as cells that
        are not ""), each cell one seen and passed where its skip answers put it ("" only
        where the question does not apply), every required question there answered (with
        every answer applying: as many answers as required ones plus the optional ones
        answered), no cross-question constraint unseen."""
        key = tuple(map(answers.get, self._skip_inputs))
        entry = self._applies.get(key)
        return (entry is not None and len(answers) + row.count("") == len(row)
                and all(map(_contains, entry[4], row))
                and (draft or len(answers) - sum(map(answers.__contains__, entry[3]))
                     == len(entry[1]))
                and not (self._cross and self._cross_unseen(answers, key, entry[0])))

    def problems(self, answers: Mapping[str, str], draft: bool = False) -> list[Problem]:
        """Every problem of one form (out-of-range values included: the caller decides
        whether a confirmation in the audit log covers them)."""
        keys = answers.keys()
        key = tuple(map(answers.get, self._skip_inputs))
        entry = self._applies.get(key)
        # The common case, in C loops: every answer to a question that applies (so none
        # unknown), every pair seen and passed before, every required question there.
        if entry is not None and self._applying_and_passed(answers, entry) and (
                draft or entry[1] <= keys) and not (
                    self._cross and self._cross_unseen(answers, key, entry[0])):
            return []
        unknown = keys - self._known
        if unknown:
            return [Problem(qid, "unknown_question",
                            message("unknown_question", self.lang, question=qid))
                    for qid in sorted(unknown)]
        if entry is None:
            applies = frozenset(applicable(self.questionnaire, answers))
            entry = self._applies[key] = self._entry(applies)
        applies, required = entry[0], entry[1]
        found: list[Problem] = []
        for qid in keys - applies:
            if answers[qid].strip():
                found.append(Problem(qid, "not_applicable",
                                     message("not_applicable", self.lang)))
        for qid, text in answers.items() - self._ok:
            if qid not in applies:
                continue
            if not text.strip():
                if qid in required and not draft:
                    found.append(Problem(qid, "required", message("required", self.lang)))
                continue
            problem = check_answer(self.questionnaire, self._questions[qid], text, self.lang)
            if problem is None:
                self._ok.add((qid, text))
            else:
                found.append(problem)
        if self._cross:
            found.extend(self._cross_problems(answers, key, applies))
        if not draft:
            found.extend(Problem(qid, "required", message("required", self.lang))
                         for qid in required - keys)
        if not found:  # its pairs join the entry's now, not at the next such form
            self._applying_and_passed(answers, entry)
        return found

    def _entry(self, applies: frozenset[str]) -> tuple:
        """A new skip entry for the questions `applies` (see `_applies`)."""
        cells = {qid: {""} for qid in applies}
        return (applies, self._required & applies, set(), applies - self._required,
                tuple(cells.get(qid, _BLANK_ONLY) for qid in self.question_ids), cells)

    def _applying_and_passed(self, answers: Mapping[str, str], entry: tuple) -> bool:
        """Whether every answer is to a question that applies (`entry[0]`) and passed
        before (`_ok`): one subset test against the entry's own pairs when they hold them
        all, else the two tests, whose pairs then join the entry's."""
        pairs = answers.items()
        applies, _, passed = entry[:3]
        if pairs <= passed:
            return True
        if answers.keys() <= applies and pairs <= self._ok:
            passed.update(pairs)
            cells = entry[5]
            for qid, text in pairs:
                cells[qid].add(text)
            return True
        return False

    def _cross_inputs(self, answers: Mapping[str, str], key: tuple, applies: frozenset[str]):
        """(question id, text, what its constraint's check depends on) of each answer whose
        constraint reads other questions. Only answers that passed the checks of their own
        (type, codes, range: in `_ok`) are given; the others are reported already, and
        blank ones have no constraint."""
        for qid, inputs in self._cross.items():
            text = answers.get(qid)
            if qid in applies and (qid, text) in self._ok:
                yield qid, text, (qid, text, key, tuple(map(answers.get, inputs)))

    def _cross_unseen(self, answers: Mapping[str, str], key: tuple,
                      applies: frozenset[str]) -> bool:
        """Whether a cross-question constraint of this form is not known to pass."""
        return any(seen not in self._cross_ok
                   for _, _, seen in self._cross_inputs(answers, key, applies))

    def _cross_problems(self, answers: Mapping[str, str], key: tuple,
                        applies: frozenset[str]) -> list[Problem]:
        """Problems of the answers whose constraint reads other questions, checked with the
        form's typed answers."""
        found: list[Problem] = []
        env = None
        for qid, text, seen in self._cross_inputs(answers, key, applies):
            if seen in self._cross_ok:
                continue
            if env is None:
                env = answer_env(self.questionnaire, answers)
            problem = check_answer(self.questionnaire, self._questions[qid], text, self.lang,
                                   env=env)
            if problem is None:
                self._cross_ok.add(seen)
            else:
                found.append(problem)
        return found
