"""Per-question missing codes (never a possible real answer) and constraints."""

import copy
import json

import pytest

from desktop.domain.form_rules import check_answer, validate_form
from desktop.domain.questionnaire_loader import QuestionnaireError, parse_questionnaire
from desktop.resources import default_questionnaire_path

L = {"es": "x", "en": "x"}
DK = {"code": 8, "label": {"es": "No sabe", "en": "Don't know"}}
NA = {"code": 9, "label": {"es": "No responde", "en": "No answer"}}


def _doc(questions, fmt=2, missing=(DK, NA)) -> dict:
    return {"format": fmt, "id": "t", "version": "1", "languages": ["es", "en"], "title": L,
            "missing_codes": list(missing),
            "sections": [{"id": "A", "title": L, "questions": questions}]}


def _load(doc):
    return parse_questionnaire(json.dumps(doc))


def _problems(doc) -> list[str]:
    with pytest.raises(QuestionnaireError) as caught:
        _load(doc)
    return caught.value.problems


def test_default_instrument_codes_cannot_be_real_answers():
    q = _load(json.loads(default_questionnaire_path().read_text(encoding="utf-8")))
    times = q.question("exp_times")
    assert times.missing_code_values() == {98, 99}
    assert times.min == 1 and times.max == 50
    assert check_answer(q, times, "8") is None          # a count of 8 stays 8
    assert check_answer(q, times, "98") is None          # don't know
    assert check_answer(q, times, "51").key == "above_max"
    offered_by = q.question("exp_offered_by")
    assert offered_by.missing_code_values() == {8, 9}
    base = {"institution": "1", "post": "1", "unit_type": "1", "rank_band": "1",
            "service_years": "1", "shift": "1", "exp_offered": "1", "exp_times": "8",
            "exp_reported": "2"}
    base.update({qq.id: "3" for qq in q.questions() if qq.type == "likert"})
    # A blank D3 on paper is keyed as "no answer" and saves as a complete form.
    assert validate_form(q, {**base, "exp_offered_by": "9"}) == []
    assert [p.key for p in validate_form(q, {**base, "exp_offered_by": "9 1"})] == \
        ["missing_not_allowed"]
    assert q.question("r01_likelihood").missing_code_values() == {8, 9}
    assert q.question("comment").missing_codes == ()
    assert q.version != "1.0.0"


def test_format_1_files_keep_their_default_codes():
    doc = _doc([{"id": "n", "label": L, "type": "integer", "min": 1, "max": 50}], fmt=1)
    q = _load(doc)
    assert q.question("n").missing_code_values() == {8, 9}
    assert check_answer(q, q.question("n"), "8") is None


def test_format_2_refuses_a_missing_code_inside_a_range_or_a_scale():
    doc = _doc([
        {"id": "n", "label": L, "type": "integer", "min": 1, "max": 50},
        {"id": "open", "label": L, "type": "integer"},
        {"id": "above", "label": L, "type": "decimal", "min": 0, "max": 5,
         "missing_codes": [{"code": 98, "label": L}]},
        {"id": "lk", "label": L, "type": "likert", "points": 9},
        {"id": "c", "label": L, "type": "choice",
         "choices": [{"code": 1, "label": L}, {"code": 98, "label": L}],
         "missing_codes": [{"code": 98, "label": L}]},
        {"id": "t", "label": L, "type": "text", "missing_codes": [DK]},
        {"id": "m", "label": L, "type": "multichoice", "allow_missing": False,
         "missing_codes": [DK], "choices": [{"code": 1, "label": L}]},
    ])
    problems = "\n".join(_problems(doc))
    assert ("sections[0].questions[0].missing_codes: missing code 8 could be a real answer "
            "(the valid range is 1 to 50)") in problems
    assert "sections[0].questions[1].missing_codes: missing code 8 could be a real answer " \
           "(the valid range is -inf to +inf)" in problems
    assert "questions[2]" not in problems
    assert "sections[0].questions[3].points: the scale overlaps a missing code" in problems
    assert "sections[0].questions[4].choices[1].code: code 98 is a missing code" in problems
    assert "sections[0].questions[5].missing_codes: text questions cannot have" in problems
    assert "sections[0].questions[6].allow_missing: is false but" in problems


def test_constraint_checked_with_its_message_in_both_languages():
    doc = _doc([
        {"id": "total", "label": L, "type": "integer", "min": 0, "max": 90,
         "missing_codes": [{"code": 98, "label": L}]},
        {"id": "part", "label": L, "type": "integer", "min": 0, "max": 90,
         "missing_codes": [{"code": 98, "label": L}],
         "constraint": ". <= total",
         "constraint_message": {"es": "No puede superar el total.",
                                "en": "Cannot exceed the total."}},
        {"id": "m", "label": L, "type": "multichoice", "required": False,
         "choices": [{"code": c, "label": L} for c in (1, 2, 3)],
         "constraint": "not(selected(., 3) and count-selected(.) > 1)"},
    ])
    q = _load(doc)
    part = q.question("part")
    found = check_answer(q, part, "12", "es", answers={"total": "10", "part": "12"})
    assert (found.key, found.message, found.confirmable) == \
        ("constraint", "No puede superar el total.", True)
    assert check_answer(q, part, "12", "en", answers={"total": "10"}).message == \
        "Cannot exceed the total."
    assert check_answer(q, part, "10", answers={"total": "10"}) is None
    assert check_answer(q, part, "98", answers={"total": "10"}) is None  # missing code
    # Without the other answers a constraint that reads them is left to the save check.
    assert check_answer(q, part, "12") is None
    m = q.question("m")
    assert check_answer(q, m, "1 3", "en").message == \
        "The answer breaks the rule not(selected(., 3) and count-selected(.) > 1)."
    assert check_answer(q, m, "1 3", "es").message.startswith("La respuesta no cumple")
    assert check_answer(q, m, "3") is None
    answers = {"total": "10", "part": "12", "m": "1 3"}
    assert [(p.question_id, p.key) for p in validate_form(q, answers)] == \
        [("part", "constraint"), ("m", "constraint")]
    assert validate_form(q, answers, confirmed={"part", "m"}) == []


def test_constraint_references_are_checked():
    doc = _doc([
        {"id": "a", "label": L, "type": "integer", "min": 0, "max": 5, "missing_codes": [],
         "constraint": ". < b"},
        {"id": "b", "label": L, "type": "integer", "min": 0, "max": 5, "missing_codes": [],
         "relevant": ". > 1"},
        {"id": "c", "label": L, "type": "text", "constraint_message": L},
    ])
    problems = "\n".join(_problems(doc))
    assert "sections[0].questions[0].constraint: refers to 'b', which is not a question " \
           "before this one" in problems
    assert "sections[0].questions[1].relevant: '.' (the answer being checked) is only " \
           "allowed in a constraint" in problems
    assert "sections[0].questions[2].constraint_message: there is no constraint" in problems
