"""Sections and questions of a questionnaire, built from its JSON and checked field by field:
ids, types, labels, choices, likert points and anchors, numeric and date ranges, text
lengths (skip conditions and constraints: questionnaire_rules; missing codes:
questionnaire_missing). Problems go to the `Checker`; nothing here raises."""

from __future__ import annotations

import re
from typing import Any

from .questionnaire import QUESTION_TYPES, Choice, MissingCode, Question, Section
from .questionnaire_checker import Checker, kind_word
from .questionnaire_json import MAX_NUMBER, sane_number
from .questionnaire_missing import check_range_overlap, question_missing
from .questionnaire_rules import check_references, expression, question_rules

_QUESTION_ID = re.compile(r"[a-z][a-z0-9_]{0,63}")  # always used with fullmatch
MAX_QUESTIONS = 2_000
MAX_CHOICES = 1_000  # per question
MAX_TEXT_LENGTH = 100_000  # the largest max_length of a text question


def sections(data: dict, check: Checker, missing: tuple[MissingCode, ...]) -> list[Section]:
    """Every section of the questionnaire with its questions, in file order."""
    result: list[Section] = []
    seen_questions: dict[str, str] = {}
    seen_sections: set[str] = set()
    raw_sections = check.get(data, "sections", list, "", default=[])
    if "sections" in data and not raw_sections:
        check.fail("sections", "qn.no_sections")
    for s_index, raw in enumerate(raw_sections):
        where = f"sections[{s_index}]"
        if not isinstance(raw, dict):
            check.fail(where, "qn.not_object")
            continue
        sid = check.get(raw, "id", str, where, default=f"#{s_index}")
        if len(seen_questions) > MAX_QUESTIONS:
            check.fail(where, "qn.too_many_questions", limit=MAX_QUESTIONS)
            break
        if sid in seen_sections:
            check.fail(f"{where}.id", "qn.duplicate_section", id=sid)
        seen_sections.add(sid)
        title = check.labels(raw, "title", where)
        relevant = expression(check, raw, where)
        check_references(relevant, seen_questions, f"{where}.relevant", check)
        questions = []
        for q_index, raw_q in enumerate(check.get(raw, "questions", list, where, default=[])):
            q_where = f"{where}.questions[{q_index}]"
            question = _question(raw_q, q_where, sid, check, missing, seen_questions)
            if question is not None:
                questions.append(question)
                seen_questions[question.id] = question.type
        result.append(Section(sid, title, tuple(questions), relevant))
    return result


def _question(raw: Any, where: str, section_id: str, check: Checker,
              default_missing: tuple[MissingCode, ...],
              seen: dict[str, str]) -> Question | None:
    if not isinstance(raw, dict):
        check.fail(where, "qn.not_object")
        return None
    qid = check.get(raw, "id", str, where, default="")
    if qid and not _QUESTION_ID.fullmatch(qid):
        check.fail(f"{where}.id", "qn.question_id", id=qid)
    if qid in seen:
        check.fail(f"{where}.id", "qn.duplicate_question", id=qid)
    kind = check.get(raw, "type", str, where, default="text")
    if kind not in QUESTION_TYPES:
        check.fail(f"{where}.type", "qn.unknown_type", type=kind,
                   types=", ".join(QUESTION_TYPES))
        kind = "text"
    number = check.get(raw, "number", str, where, required=False, default=qid)
    label = check.labels(raw, "label", where)
    relevant, constraint, constraint_message = question_rules(raw, where, qid, kind, seen,
                                                              check)
    missing_codes = question_missing(raw, where, kind, check, default_missing)
    missing = {code.code for code in missing_codes}
    fields: dict[str, Any] = {
        "required": check.get(raw, "required", bool, where, required=False,
                              default=kind != "text"),
        "missing_codes": missing_codes,
        "constraint": constraint,
        "constraint_message": constraint_message,
    }
    if kind in ("choice", "multichoice"):
        fields["choices"] = _choices(raw, where, check, missing)
    elif "choices" in raw:
        check.fail(f"{where}.choices", "qn.choices_only")
    if kind == "likert":
        fields.update(_likert(raw, where, check, missing))
    if kind in ("integer", "decimal", "date"):
        fields.update(_range(raw, where, kind, check))
        if kind != "date" and check.strict:
            check_range_overlap(fields, missing, where, check)
    elif "min" in raw or "max" in raw:
        check.fail(where, "qn.no_min_max", kind=kind)
    if kind == "text":
        length = check.get(raw, "max_length", int, where, required=False, default=500)
        if length is not None and not 1 <= length <= MAX_TEXT_LENGTH:
            check.fail(f"{where}.max_length", "qn.between", low=1, high=MAX_TEXT_LENGTH)
        fields["max_length"] = length if isinstance(length, int) and length > 0 else 500
    return Question(id=qid, number=number, label=label, type=kind, section_id=section_id,
                    relevant=relevant, **fields)


def _likert(raw: dict, where: str, check: Checker, missing: set[int]) -> dict:
    """The points of a likert scale and its optional low/high anchors."""
    fields: dict[str, Any] = {}
    points = check.get(raw, "points", int, where, required=False, default=5)
    if points is not None and not 2 <= points <= 11:
        check.fail(f"{where}.points", "qn.between", low=2, high=11)
    elif points is not None and set(range(1, points + 1)) & missing:
        check.fail(f"{where}.points", "qn.scale_overlaps")
    fields["points"] = points or 5
    anchors = check.get(raw, "anchors", dict, where, required=False)
    if anchors is not None:
        fields["anchors"] = (check.labels(anchors, "low", f"{where}.anchors"),
                             check.labels(anchors, "high", f"{where}.anchors"))
    return fields


def _choices(raw: dict, where: str, check: Checker, missing: set[int]) -> tuple[Choice, ...]:
    items = check.get(raw, "choices", list, where, default=[])
    if "choices" in raw and not items:
        check.fail(f"{where}.choices", "qn.one_choice")
    if len(items) > MAX_CHOICES:
        check.fail(f"{where}.choices", "qn.too_many_choices", limit=MAX_CHOICES)
        items = items[:MAX_CHOICES]
    result: list[Choice] = []
    for i, item in enumerate(items):
        c_where = f"{where}.choices[{i}]"
        if not isinstance(item, dict):
            check.fail(c_where, "qn.code_and_label")
            continue
        code = check.code(check.get(item, "code", int, c_where), f"{c_where}.code")
        label = check.labels(item, "label", c_where)
        if code is None:
            continue
        if code in missing:
            check.fail(f"{c_where}.code", "qn.choice_is_missing", code=code)
        if any(c.code == code for c in result):
            check.fail(f"{c_where}.code", "qn.duplicate_code", code=code)
        result.append(Choice(code, label))
    return tuple(result)


def _range(raw: dict, where: str, kind: str, check: Checker) -> dict:
    bounds: dict[str, Any] = {}
    for key in ("min", "max"):
        if key not in raw:
            continue
        value = raw[key]
        if kind == "date":
            import datetime as dt
            try:
                dt.date.fromisoformat(value)
                bounds[key] = value
            except (TypeError, ValueError):
                check.fail(f"{where}.{key}", "qn.date")
        elif isinstance(value, bool) or not isinstance(value, (int, float)):
            check.fail(f"{where}.{key}", "qn.must_be", kind=kind_word("int/float"))
        elif not sane_number(value):
            check.fail(f"{where}.{key}", "qn.between", low=-MAX_NUMBER, high=MAX_NUMBER)
        elif kind == "integer" and not float(value).is_integer():
            check.fail(f"{where}.{key}", "qn.whole_for_integer")
        else:
            bounds[key] = value
    if "min" in bounds and "max" in bounds and bounds["min"] > bounds["max"]:
        check.fail(f"{where}.min", "qn.min_above_max")
    return bounds
