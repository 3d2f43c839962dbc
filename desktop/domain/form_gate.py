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
    """Validates forms of one questionnaire version, remembering repeated work."""

    def __init__(self, questionnaire: Questionnaire, lang: str = "en"):
        self.questionnaire = questionnaire
        self.lang = lang
        self._questions = {q.id: q for q in questionnaire.questions()}
        self._required = frozenset(q.id for q in questionnaire.questions() if q.required)
        names: set[str] = set()
        for section in questionnaire.sections:
            for expr in [section.relevant] + [q.relevant for q in section.questions]:
                if expr is not None:
                    names |= set(expr.names)
        self._skip_inputs = tuple(sorted(names))
        self._checked: dict[tuple[str, str], Problem | None] = {}
        self._applies: dict[tuple, frozenset[str]] = {}

    def problems(self, answers: Mapping[str, str], draft: bool = False) -> list[Problem]:
        """Every problem of one form (out-of-range values included: the caller decides
        whether a confirmation in the audit log covers them)."""
        found: list[Problem] = []
        for qid, text in answers.items():
            if qid not in self._questions:
                found.append(Problem(qid, "unknown_question",
                                     message("unknown_question", self.lang, question=qid)))
        if found:
            return found
        key = tuple(answers.get(name) for name in self._skip_inputs)
        applies = self._applies.get(key)
        if applies is None:
            applies = frozenset(applicable(self.questionnaire, answers))
            self._applies[key] = applies
        for qid, text in answers.items():
            if qid not in applies:
                if text.strip():
                    found.append(Problem(qid, "not_applicable",
                                         message("not_applicable", self.lang)))
                continue
            pair = (qid, text)
            if pair in self._checked:
                problem = self._checked[pair]
            else:
                problem = check_answer(self.questionnaire, self._questions[qid], text,
                                       self.lang)
                self._checked[pair] = problem
            if problem is not None:
                found.append(problem)
        if not draft:
            for qid in self._required & applies:
                if not (answers.get(qid) or "").strip():
                    found.append(Problem(qid, "required", message("required", self.lang)))
        return found
