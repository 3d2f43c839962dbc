"""Validation and skip logic of one form.

A form is a dict of question id -> answer text (canonical or as typed). `applicable`
walks the questionnaire in paper order and says which questions apply, clearing answers
of questions that stop applying so nested skips follow. `check_answer` validates one
field (used as the operator types); `validate_form` returns every problem of a whole form,
each tied to its question, in the language asked for.

Out-of-range values (below min / above max) and answers that break the question's
`constraint` are `confirmable`: in operator-controlled mode (as in CSPro) the operator may
keep them after an explicit confirmation, which the caller passes in `confirmed` and
records in the audit log. A constraint is not checked on a blank answer or on one of the
question's missing codes; it reads the other answers as skip logic does (only those of
questions that apply).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from .messages import message
from .questionnaire import Question, Questionnaire
from .values import parse_value

CONFIRMABLE = frozenset({"below_min", "above_max", "constraint"})


@dataclass(frozen=True)
class Problem:
    """One problem with one answer."""

    question_id: str
    key: str
    message: str

    @property
    def confirmable(self) -> bool:
        return self.key in CONFIRMABLE


def typed_answers(questionnaire: Questionnaire, answers: Mapping[str, str]) -> dict[str, Any]:
    """Typed values of the answers that parse; others (and blanks) are left out."""
    typed: dict[str, Any] = {}
    for question in questionnaire.questions():
        text = answers.get(question.id)
        if not text:
            continue
        try:
            value = parse_value(question, text)
        except ValueError:
            continue
        if value is not None:
            typed[question.id] = value
    return typed


def applicable(questionnaire: Questionnaire, answers: Mapping[str, str]) -> list[str]:
    """Ids of the questions that apply, in paper order, given `answers`.

    A question that does not apply is treated as unanswered for the questions after it,
    so a skip nested under another skip follows automatically.
    """
    return _walk(questionnaire, answers)[0]


def answer_env(questionnaire: Questionnaire, answers: Mapping[str, str]) -> dict[str, Any]:
    """Typed answers of the questions that apply: what expressions read."""
    return _walk(questionnaire, answers)[1]


def _walk(questionnaire: Questionnaire,
          answers: Mapping[str, str]) -> tuple[list[str], dict[str, Any]]:
    typed = typed_answers(questionnaire, answers)
    env: dict[str, Any] = {}
    result: list[str] = []
    for section in questionnaire.sections:
        section_on = section.relevant is None or section.relevant.evaluate(env)
        for question in section.questions:
            applies = section_on and (question.relevant is None
                                      or question.relevant.evaluate(env))
            if applies:
                result.append(question.id)
                if question.id in typed:
                    env[question.id] = typed[question.id]
    return result, env


def without_skipped(questionnaire: Questionnaire,
                    answers: Mapping[str, str]) -> tuple[dict[str, str], list[str]]:
    """The answers with those of non-applicable questions removed, and the removed ids."""
    return _split(answers, set(applicable(questionnaire, answers)))


def _split(answers: Mapping[str, str], keep: set[str]) -> tuple[dict[str, str], list[str]]:
    kept = {qid: text for qid, text in answers.items() if qid in keep and text != ""}
    cleared = [qid for qid, text in answers.items() if qid not in keep and text != ""]
    return kept, cleared


def check_answer(questionnaire: Questionnaire, question: Question, text: str,
                 lang: str = "en", answers: Mapping[str, str] | None = None,
                 env: Mapping[str, Any] | None = None) -> Problem | None:
    """The problem with one typed answer, or None. Blank is not a problem here.

    The constraint is checked against `answers` (the form's texts) or `env` (from
    `answer_env`); with neither, only a constraint that reads no other question is.
    """

    def problem(key: str, **values: Any) -> Problem:
        return Problem(question.id, key, message(key, lang, **values))

    text = (text or "").strip()
    if not text:
        return None
    try:
        value = parse_value(question, text)
    except ValueError as exc:
        return problem(str(exc))
    found = _value_problem(question, value, text, problem)
    if found is not None or question.constraint is None:
        return found
    missing = question.missing_code_values()
    if (value & missing) if question.type == "multichoice" else value in missing:
        return None
    if env is None:
        if answers is not None:
            env = answer_env(questionnaire, answers)
        elif question.constraint.names - {question.id}:
            return None
        else:
            env = {}
    if not question.constraint.evaluate({**env, question.id: value}, value):
        if question.constraint_message is not None:
            return Problem(question.id, "constraint", question.constraint_message.text(lang))
        return problem("constraint", rule=question.constraint.source)
    return None


def _value_problem(question: Question, value: Any, text: str, problem) -> Problem | None:
    """Type, code and range problems of a parsed answer."""
    missing = question.missing_code_values()
    if question.type == "multichoice":
        if value & missing and len(value) > 1:
            return problem("missing_not_allowed")
        unknown = sorted(value - set(question.choice_codes()) - missing)
        if unknown:
            return problem("unknown_code", value=unknown[0], codes=_codes_text(question))
        return None
    if value in missing:
        return None
    if question.type in ("choice", "likert"):
        if value not in question.choice_codes():
            return problem("unknown_code", value=value, codes=_codes_text(question))
        return None
    if question.type == "text":
        if len(value) > question.max_length:
            return problem("too_long", max_length=question.max_length)
        return None
    low, high = question.min, question.max
    if question.type == "date":
        low = parse_value(question, low) if low else None
        high = parse_value(question, high) if high else None
    if low is not None and value < low:
        return problem("below_min", min=question.min)
    if high is not None and value > high:
        return problem("above_max", max=question.max)
    return None


def _codes_text(question: Question) -> str:
    """Every code `question` accepts, its missing codes too ("1..5, 8, 9")."""
    return compact_codes({*question.choice_codes(), *question.missing_code_values()})


def compact_codes(codes: Iterable[int]) -> str:
    """Codes in order, three or more consecutive ones as a range: "1..5, 8, 9"."""
    ordered = sorted(set(codes))
    parts: list[str] = []
    start = 0
    for end in range(len(ordered)):
        if end + 1 < len(ordered) and ordered[end + 1] == ordered[end] + 1:
            continue  # the run goes on
        run = ordered[start:end + 1]
        parts.extend([f"{run[0]}..{run[-1]}"] if len(run) >= 3 else [str(c) for c in run])
        start = end + 1
    return ", ".join(parts)


def validate_form(questionnaire: Questionnaire, answers: Mapping[str, str], lang: str = "en",
                  confirmed: Iterable[str] = (), draft: bool = False,
                  applies: Iterable[str] | None = None) -> list[Problem]:
    """Every problem of a whole form, in paper order.

    `confirmed` holds ids whose out-of-range values the operator confirmed; `draft`
    skips the required-answer check (an incomplete draft may be saved); `applies` may
    pass the result of `applicable` when the caller has it already.
    """
    confirmed = set(confirmed)
    known = set(questionnaire.question_ids())
    problems = [Problem(qid, "unknown_question", message("unknown_question", lang, question=qid))
                for qid in answers if qid not in known]
    walked, env = _walk(questionnaire, answers)
    applies = set(walked if applies is None else applies)
    for question in questionnaire.questions():
        text = (answers.get(question.id) or "").strip()
        if question.id not in applies:
            if text:
                problems.append(Problem(question.id, "not_applicable",
                                        message("not_applicable", lang)))
            continue
        if not text:
            if question.required and not draft:
                problems.append(Problem(question.id, "required", message("required", lang)))
            continue
        found = check_answer(questionnaire, question, text, lang, env=env)
        if found is not None and not (found.confirmable and question.id in confirmed):
            problems.append(found)
    return problems
