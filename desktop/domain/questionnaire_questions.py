"""Sections and questions of a questionnaire, built from its JSON and checked field by field:
ids, types, labels, choices, likert points and anchors, numeric and date ranges, text
lengths (skip conditions and constraints: questionnaire_rules; missing codes:
questionnaire_missing). Problems go to the `Checker`; nothing here raises."""

from __future__ import annotations

import re
from typing import Any

from .questionnaire import QUESTION_TYPES, Choice, MissingCode, Question, Section
from .questionnaire_checker import Checker
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
        check.fail("sections", "must have at least one section")
    for s_index, raw in enumerate(raw_sections):
        where = f"sections[{s_index}]"
        if not isinstance(raw, dict):
            check.fail(where, "must be an object")
            continue
        sid = check.get(raw, "id", str, where, default=f"#{s_index}")
        if len(seen_questions) > MAX_QUESTIONS:
            check.fail(where, f"the questionnaire has more than {MAX_QUESTIONS} questions")
            break
        if sid in seen_sections:
            check.fail(f"{where}.id", f"duplicate section id {sid!r}")
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
        check.fail(where, "must be an object")
        return None
    qid = check.get(raw, "id", str, where, default="")
    if qid and not _QUESTION_ID.fullmatch(qid):
        check.fail(f"{where}.id", f"{qid!r}: use lower-case letters, digits and '_', "
                                  "starting with a letter (at most 64)")
    if qid in seen:
        check.fail(f"{where}.id", f"duplicate question id {qid!r}")
    kind = check.get(raw, "type", str, where, default="text")
    if kind not in QUESTION_TYPES:
        check.fail(f"{where}.type", f"unknown type {kind!r}; use one of "
                                    + ", ".join(QUESTION_TYPES))
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
        check.fail(f"{where}.choices", "only choice and multichoice questions have choices")
    if kind == "likert":
        fields.update(_likert(raw, where, check, missing))
    if kind in ("integer", "decimal", "date"):
        fields.update(_range(raw, where, kind, check))
        if kind != "date" and check.strict:
            check_range_overlap(fields, missing, where, check)
    elif "min" in raw or "max" in raw:
        check.fail(where, f"min/max do not apply to {kind} questions")
    if kind == "text":
        length = check.get(raw, "max_length", int, where, required=False, default=500)
        if length is not None and not 1 <= length <= MAX_TEXT_LENGTH:
            check.fail(f"{where}.max_length", f"must be between 1 and {MAX_TEXT_LENGTH:,}")
        fields["max_length"] = length if isinstance(length, int) and length > 0 else 500
    return Question(id=qid, number=number, label=label, type=kind, section_id=section_id,
                    relevant=relevant, **fields)


def _likert(raw: dict, where: str, check: Checker, missing: set[int]) -> dict:
    """The points of a likert scale and its optional low/high anchors."""
    fields: dict[str, Any] = {}
    points = check.get(raw, "points", int, where, required=False, default=5)
    if points is not None and not 2 <= points <= 11:
        check.fail(f"{where}.points", "must be between 2 and 11")
    elif points is not None and set(range(1, points + 1)) & missing:
        check.fail(f"{where}.points", "the scale overlaps a missing code; lower the points "
                                      "or change missing_codes")
    fields["points"] = points or 5
    anchors = check.get(raw, "anchors", dict, where, required=False)
    if anchors is not None:
        fields["anchors"] = (check.labels(anchors, "low", f"{where}.anchors"),
                             check.labels(anchors, "high", f"{where}.anchors"))
    return fields


def _choices(raw: dict, where: str, check: Checker, missing: set[int]) -> tuple[Choice, ...]:
    items = check.get(raw, "choices", list, where, default=[])
    if "choices" in raw and not items:
        check.fail(f"{where}.choices", "must list at least one choice")
    if len(items) > MAX_CHOICES:
        check.fail(f"{where}.choices", f"has more than {MAX_CHOICES} choices")
        items = items[:MAX_CHOICES]
    result: list[Choice] = []
    for i, item in enumerate(items):
        c_where = f"{where}.choices[{i}]"
        if not isinstance(item, dict):
            check.fail(c_where, "must be an object with code and label")
            continue
        code = check.code(check.get(item, "code", int, c_where), f"{c_where}.code")
        label = check.labels(item, "label", c_where)
        if code is None:
            continue
        if code in missing:
            check.fail(f"{c_where}.code", f"code {code} is a missing code; choose another")
        if any(c.code == code for c in result):
            check.fail(f"{c_where}.code", f"duplicate code {code}")
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
                check.fail(f"{where}.{key}", "must be a date as YYYY-MM-DD")
        elif isinstance(value, bool) or not isinstance(value, (int, float)):
            check.fail(f"{where}.{key}", "must be a number")
        elif not sane_number(value):
            check.fail(f"{where}.{key}", f"must be between -{MAX_NUMBER:,} and {MAX_NUMBER:,}")
        elif kind == "integer" and not float(value).is_integer():
            check.fail(f"{where}.{key}", "must be a whole number for an integer question")
        else:
            bounds[key] = value
    if "min" in bounds and "max" in bounds and bounds["min"] > bounds["max"]:
        check.fail(f"{where}.min", "is greater than max")
    return bounds
