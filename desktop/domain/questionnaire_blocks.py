"""The analysis blocks of a questionnaire, checked against its questions: `risks` (each names
a 5-point likert likelihood and impact question), `bands` (ascending risk levels covering
1-25), `profile` and `climate` (lists of question ids of a given type) and `exposure` (a
yes/no choice question and its follow-ups)."""

from __future__ import annotations

import re

from .questionnaire import Band, Exposure, Question, Risk
from .questionnaire_checker import Checker

_COLOR = re.compile(r"#[0-9a-fA-F]{6}")


def risks(data: dict, check: Checker, questions: dict[str, Question]) -> tuple[Risk, ...]:
    result: list[Risk] = []
    for i, raw in enumerate(check.get(data, "risks", list, "", required=False, default=[])):
        where = f"risks[{i}]"
        if not isinstance(raw, dict):
            check.fail(where, "qn.not_object")
            continue
        rid = check.get(raw, "id", str, where, default="")
        if any(r.id == rid for r in result):
            check.fail(f"{where}.id", "qn.duplicate_risk", id=rid)
        label = check.labels(raw, "label", where)
        refs = {}
        for key in ("likelihood", "impact"):
            qid = check.get(raw, key, str, where, default="")
            question = questions.get(qid)
            if qid and question is None:
                check.fail(f"{where}.{key}", "qn.no_question", id=qid)
            elif question is not None and (question.type != "likert" or question.points != 5):
                check.fail(f"{where}.{key}", "qn.likert5", id=qid)
            refs[key] = qid
        result.append(Risk(rid, label, refs["likelihood"], refs["impact"]))
    return tuple(result)


def bands(data: dict, check: Checker) -> tuple[Band, ...]:
    result: list[Band] = []
    raw_bands = check.get(data, "bands", list, "", required=False, default=[])
    for i, raw in enumerate(raw_bands):
        where = f"bands[{i}]"
        if not isinstance(raw, dict):
            check.fail(where, "qn.not_object")
            continue
        bid = check.get(raw, "id", str, where, default="")
        label = check.labels(raw, "label", where)
        low = check.get(raw, "min", int, where, default=0)
        high = check.get(raw, "max", int, where, default=0)
        color = check.get(raw, "color", str, where, default="#888888")
        if color and not _COLOR.fullmatch(color):
            check.fail(f"{where}.color", "qn.colour")
        if low is not None and high is not None and low > high:
            check.fail(f"{where}.min", "qn.min_above_max")
        if result and low is not None and low <= result[-1].max:
            check.fail(f"{where}.min", "qn.band_overlap", end=result[-1].max)
        result.append(Band(bid, label, low or 0, high or 0, color or "#888888"))
    if result:
        if result[0].min != 1:
            check.fail("bands[0].min", "qn.first_band")
        if result[-1].max != 25:
            check.fail(f"bands[{len(result) - 1}].max", "qn.last_band")
    return tuple(result)


def id_list(data: dict, key: str, check: Checker, questions: dict[str, Question],
            types: tuple[str, ...]) -> tuple[str, ...]:
    """A list of question ids (`profile`, `climate`), each of one of `types`."""
    ids = check.get(data, key, list, "", required=False, default=[])
    for i, qid in enumerate(ids):
        question = questions.get(qid) if isinstance(qid, str) else None
        if question is None:
            check.fail(f"{key}[{i}]", "qn.no_question", id=qid)
        elif question.type not in types:
            check.fail(f"{key}[{i}]", "qn.question_type", id=qid, types="/".join(types))
    return tuple(q for q in ids if isinstance(q, str))


def exposure(data: dict, check: Checker, questions: dict[str, Question]) -> Exposure | None:
    raw = check.get(data, "exposure", dict, "", required=False)
    if raw is None:
        return None
    qid = check.get(raw, "question", str, "exposure", default="")
    yes = check.code(check.get(raw, "yes", int, "exposure", default=1), "exposure.yes")
    question = questions.get(qid)
    if question is None:
        check.fail("exposure.question", "qn.no_question", id=qid)
    elif question.type != "choice" or yes not in question.choice_codes():
        check.fail("exposure.yes", "qn.exposure_yes", code=yes, id=qid)
    follow = check.get(raw, "follow_ups", list, "exposure", required=False, default=[])
    for i, fid in enumerate(follow):
        if not isinstance(fid, str) or fid not in questions:
            check.fail(f"exposure.follow_ups[{i}]", "qn.no_question", id=fid)
    return Exposure(qid, yes, tuple(f for f in follow if isinstance(f, str)))
