"""`FormGate`: the checks of `form_rules` for many forms at once (HQ's import door).

The same rules as the entry form (unknown question ids, type, code list, range, missing
codes, length, answers to questions that do not apply, required answers of a finished
form), made cheap for 100k forms by caching what repeats: each distinct (question, text)
pair is checked once with `check_answer`, and the questions that apply are worked out once
per distinct combination of the answers that skip conditions read.
"""

from __future__ import annotations

from typing import Mapping

from .form_rules import Problem, applicable, check_answer
from .messages import message
from .questionnaire import Questionnaire


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
        self._known = frozenset(self._questions)
        self._required = frozenset(q.id for q in questionnaire.questions() if q.required)
        names: set[str] = set()
        for section in questionnaire.sections:
            for expr in [section.relevant] + [q.relevant for q in section.questions]:
                if expr is not None:
                    names |= set(expr.names)
        self._skip_inputs = tuple(sorted(names))
        self._ok: set[tuple[str, str]] = set()  # (question id, text) pairs that passed
        self._applies: dict[tuple, tuple[frozenset[str], frozenset[str]]] = {}

    def problems(self, answers: Mapping[str, str], draft: bool = False) -> list[Problem]:
        """Every problem of one form (out-of-range values included: the caller decides
        whether a confirmation in the audit log covers them)."""
        keys = answers.keys()
        key = tuple(map(answers.get, self._skip_inputs))
        entry = self._applies.get(key)
        # The common case, in C loops: every answer to a question that applies (so none
        # unknown), every pair seen and passed before, every required question there.
        if entry is not None and keys <= entry[0] and answers.items() <= self._ok and (
                draft or entry[1] <= keys):
            return []
        unknown = keys - self._known
        if unknown:
            return [Problem(qid, "unknown_question",
                            message("unknown_question", self.lang, question=qid))
                    for qid in sorted(unknown)]
        if entry is None:
            applies = frozenset(applicable(self.questionnaire, answers))
            entry = self._applies[key] = (applies, self._required & applies)
        applies, required = entry
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
        if not draft:
            found.extend(Problem(qid, "required", message("required", self.lang))
                         for qid in required - keys)
        return found
