"""Every question type and rule, skip logic (nested, with missing codes) and whole-form
validation in both languages, on a small questionnaire with all types."""

import json

import pytest

from desktop.domain.form_rules import (applicable, check_answer, compact_codes, validate_form,
                                       without_skipped)
from desktop.domain.questionnaire_loader import parse_questionnaire
from desktop.domain.values import canonical

LABEL = {"es": "x", "en": "x"}
ALL_TYPES = {
    "format": 1, "id": "all_types", "version": "1", "languages": ["es", "en"],
    "title": LABEL,
    "missing_codes": [{"code": 8, "label": LABEL}, {"code": 9, "label": LABEL}],
    "sections": [
        {"id": "A", "title": LABEL, "questions": [
            {"id": "age", "label": LABEL, "type": "integer", "min": 18, "max": 70},
            {"id": "height", "label": LABEL, "type": "decimal", "min": 1.2, "max": 2.3},
            {"id": "unit", "label": LABEL, "type": "choice",
             "choices": [{"code": 1, "label": LABEL}, {"code": 2, "label": LABEL}]},
            {"id": "tools", "label": LABEL, "type": "multichoice", "required": False,
             "choices": [{"code": 1, "label": LABEL}, {"code": 2, "label": LABEL},
                         {"code": 3, "label": LABEL}]},
            {"id": "trust", "label": LABEL, "type": "likert", "points": 5},
            {"id": "note", "label": LABEL, "type": "text", "max_length": 10},
            {"id": "day", "label": LABEL, "type": "date", "min": "2026-01-01",
             "max": "2026-12-31"},
        ]},
        {"id": "B", "title": LABEL, "relevant": "unit = 1", "questions": [
            {"id": "offered", "label": LABEL, "type": "choice",
             "choices": [{"code": 1, "label": LABEL}, {"code": 2, "label": LABEL}]},
            {"id": "times", "label": LABEL, "type": "integer", "min": 1, "max": 50,
             "relevant": "offered = 1"},
            {"id": "reported", "label": LABEL, "type": "choice", "relevant": "offered = 1",
             "choices": [{"code": 1, "label": LABEL}, {"code": 2, "label": LABEL}]},
            {"id": "outcome", "label": LABEL, "type": "choice", "relevant": "reported = 1",
             "choices": [{"code": 1, "label": LABEL}, {"code": 2, "label": LABEL}]},
        ]},
    ],
}


@pytest.fixture(scope="module")
def q():
    return parse_questionnaire(json.dumps(ALL_TYPES))


def _key(q, qid, text, lang="en"):
    found = check_answer(q, q.question(qid), text, lang)
    return found.key if found else None


@pytest.mark.parametrize("qid, text, expected", [
    ("age", "30", None), ("age", "17", "below_min"), ("age", "71", "above_max"),
    ("age", "8", None), ("age", "9", None), ("age", "3x", "not_integer"), ("age", "3.5", "not_integer"),
    ("height", "1.75", None), ("height", "1,75", None), ("height", "2.4", "above_max"),
    ("height", "abc", "not_number"), ("height", "8", "above_max"),  # no missing codes here
    ("unit", "1", None), ("unit", "3", "unknown_code"), ("unit", "8", None),
    ("tools", "1 3", None), ("tools", "1,2", None), ("tools", "4", "unknown_code"),
    ("tools", "8", "unknown_code"), ("tools", "a", "not_codes"),
    ("trust", "5", None), ("trust", "6", "unknown_code"), ("trust", "0", "unknown_code"),
    ("trust", "9", None),
    ("note", "short", None), ("note", "far too long text", "too_long"),
    ("day", "2026-05-01", None), ("day", "2025-12-31", "below_min"),
    ("day", "2026-13-01", "not_date"),
    ("age", "", None),
])
def test_single_answers(q, qid, text, expected):
    assert _key(q, qid, text) == expected


@pytest.mark.parametrize("qid, text, en, es", [
    ("unit", "3", "3 is not one of the codes 1, 2, 8, 9.",
     "3 no es uno de los códigos 1, 2, 8, 9."),
    ("trust", "7", "7 is not one of the codes 1..5, 8, 9.",  # 8, 9: don't know, refused
     "7 no es uno de los códigos 1..5, 8, 9."),
    ("tools", "8", "8 is not one of the codes 1..3.", "8 no es uno de los códigos 1..3."),
])
def test_an_unknown_code_names_every_code_the_question_accepts(q, qid, text, en, es):
    assert check_answer(q, q.question(qid), text, "en").message == en
    assert check_answer(q, q.question(qid), text, "es").message == es


@pytest.mark.parametrize("codes, text", [
    ((), ""), ((4,), "4"), ((1, 2), "1, 2"), ((3, 1, 2), "1..3"),
    ((8, 9, 1, 2, 3, 4, 5), "1..5, 8, 9"),
    ((1, 2, 3, 4, 5, 6, 7, 10, 88, 99), "1..7, 10, 88, 99"), ((0, 2, 4, 5), "0, 2, 4, 5"),
    ((1, 1, 2, 3), "1..3"),
])
def test_compact_codes(codes, text):
    assert compact_codes(codes) == text


def test_out_of_range_is_confirmable_but_bad_codes_are_not(q):
    assert check_answer(q, q.question("age"), "99").confirmable
    assert not check_answer(q, q.question("unit"), "5").confirmable


def test_messages_in_both_languages(q):
    assert check_answer(q, q.question("age"), "17", "en").message == \
        "The value is below the minimum 18."
    assert check_answer(q, q.question("age"), "17", "es").message == \
        "El valor es menor que el mínimo 18."


def test_canonical_values(q):
    assert canonical(q.question("tools"), "3, 1") == "1 3"
    assert canonical(q.question("height"), "1,50") == "1.5"
    assert canonical(q.question("age"), " 42 ") == "42"
    assert canonical(q.question("day"), "2026-02-03") == "2026-02-03"


def test_nested_skips(q):
    base = {"age": "30", "height": "1.7", "unit": "1", "trust": "3", "day": "2026-02-02"}
    assert applicable(q, {**base, "offered": "2"})[-1] == "offered"
    assert applicable(q, {**base, "offered": "1", "reported": "2"})[-3:] == \
        ["offered", "times", "reported"]
    assert applicable(q, {**base, "offered": "1", "reported": "1"})[-1] == "outcome"
    # Section B is skipped as a whole when unit is 2; nested questions go with it.
    assert "offered" not in applicable(q, {**base, "unit": "2", "offered": "1"})
    # A missing code on the filter question skips its follow-ups.
    assert applicable(q, {**base, "offered": "8"})[-1] == "offered"


def test_answers_that_stop_applying_are_cleared(q):
    answers = {"age": "30", "height": "1.7", "unit": "1", "trust": "3", "day": "2026-02-02",
               "offered": "1", "times": "3", "reported": "1", "outcome": "2"}
    kept, cleared = without_skipped(q, {**answers, "offered": "2"})
    assert set(cleared) == {"times", "reported", "outcome"}
    assert "outcome" not in kept
    kept, cleared = without_skipped(q, {**answers, "reported": "2"})
    assert cleared == ["outcome"]


def test_validate_whole_form(q):
    assert validate_form(q, {"age": "30", "height": "1.7", "unit": "2", "trust": "3",
                             "day": "2026-02-02"}) == []
    problems = validate_form(q, {"age": "99", "unit": "1", "offered": "2", "times": "4",
                                 "ghost": "1"})
    keys = {(p.question_id, p.key) for p in problems}
    assert keys == {("ghost", "unknown_question"), ("age", "above_max"),
                    ("height", "required"), ("trust", "required"), ("day", "required"),
                    ("times", "not_applicable")}


def test_confirmed_out_of_range_and_drafts(q):
    answers = {"age": "99", "height": "1.7", "unit": "2", "trust": "3", "day": "2026-02-02"}
    assert [p.key for p in validate_form(q, answers)] == ["above_max"]
    assert validate_form(q, answers, confirmed={"age"}) == []
    assert validate_form(q, {"age": "30"}, draft=True) == []
    assert [p.key for p in validate_form(q, {"age": "5"}, draft=True)] == ["below_min"]


def test_default_questionnaire_exposure_skip(questionnaire, valid_answers):
    assert validate_form(questionnaire, valid_answers) == []
    yes = {**valid_answers, "exp_offered": "1"}
    keys = {p.question_id for p in validate_form(questionnaire, yes)}
    assert keys == {"exp_times", "exp_offered_by", "exp_reported"}
    yes.update(exp_times="3", exp_offered_by="1 4", exp_reported="1")
    assert {p.question_id for p in validate_form(questionnaire, yes)} == {"exp_report_outcome"}
