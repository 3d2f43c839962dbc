"""Skip instructions derived from `relevant` for the paper form, and conditions in words."""

from __future__ import annotations

import json

from desktop.domain.paper_form import in_words, skip_rules
from desktop.domain.questionnaire_loader import parse_questionnaire


def _questionnaire(questions):
    return parse_questionnaire(json.dumps({
        "format": 1, "id": "t", "version": "1", "title": {"en": "T"}, "languages": ["en"],
        "missing_codes": [],
        "sections": [{"id": "A", "title": {"en": "A"}, "questions": questions}]}))


def _choice(qid, number, codes=(1, 2, 3), relevant=None):
    question = {"id": qid, "number": number, "type": "choice", "label": {"en": qid},
                "choices": [{"code": c, "label": {"en": f"c{c}"}} for c in codes]}
    if relevant:
        question["relevant"] = relevant
    return question


def test_block_right_after_a_question_becomes_go_to():
    q = _questionnaire([_choice("a", "A1"), _choice("b", "A2", relevant="a = 1"),
                        _choice("c", "A3", relevant="b in [1, 2]"), _choice("d", "A4")])
    rules = skip_rules(q, "en")
    assert rules.go_to == {"a": ["If 2 or 3, go to A4."], "b": ["If 3, go to A4."]}
    assert rules.only_if == {}


def test_skip_to_the_end_and_spanish():
    q = _questionnaire([_choice("a", "A1", codes=(1, 2)),
                        _choice("b", "A2", relevant="a != 2")])
    assert skip_rules(q, "es").go_to == {"a": ["Si 2, el formulario termina aquí."]}


def test_conditions_that_are_not_a_block_are_said_in_words():
    q = _questionnaire([_choice("a", "A1"), _choice("b", "A2"),
                        _choice("c", "A3", relevant="a = 1 and not (b in [2, 3])"),
                        _choice("d", "A4", relevant="a = 2 or b = 1")])
    rules = skip_rules(q, "en")
    assert rules.go_to == {}
    assert rules.only_if == {"c": "Answer only if A1 = 1 and not (A2 is one of [2, 3]).",
                             "d": "Answer only if A1 = 2 or A2 = 1."}
    assert in_words(q, "a >= 2 or b == 'x'", "es") == "A1 >= 2 o A2 = 'x'"
