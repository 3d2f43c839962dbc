"""FormGate (HQ's door) finds exactly the problems validate_form finds, form after form,
with its caches warm or cold."""

from __future__ import annotations

import random

from desktop.domain.demo_forms import generate_forms
from desktop.domain.form_gate import FormGate
from desktop.domain.form_rules import validate_form


def _mutations(questionnaire, forms, seed=3):
    rng = random.Random(seed)
    ids = [q.id for q in questionnaire.questions()]
    bad_values = ["999", "-3", "abc", "", "8", "9", "1 2", "2026-13-01", "0", "5"]
    for form in forms:
        answers = dict(form)
        for _ in range(rng.randint(0, 3)):
            choice = rng.random()
            if choice < 0.6:
                answers[rng.choice(ids)] = rng.choice(bad_values)
            elif choice < 0.8 and answers:
                answers.pop(rng.choice(sorted(answers)))
            else:
                answers["no_such_" + str(rng.randint(1, 3))] = "1"
        yield answers


def _keys(problems):
    return sorted((p.question_id, p.key) for p in problems)


def test_gate_agrees_with_validate_form(questionnaire):
    forms = [dict(f.answers) for f in generate_forms(questionnaire, 300, seed=11)]
    gate = FormGate(questionnaire)
    for answers in list(_mutations(questionnaire, forms)) + forms:
        for draft in (False, True):
            expected = validate_form(questionnaire, answers, draft=draft)
            if any(p.key == "unknown_question" for p in expected):
                expected = [p for p in expected if p.key == "unknown_question"]
            assert _keys(gate.problems(answers, draft=draft)) == _keys(expected), answers


def test_valid_forms_have_no_problems(questionnaire):
    gate = FormGate(questionnaire)
    for form in generate_forms(questionnaire, 200, seed=2):
        assert gate.problems(dict(form.answers)) == []


def test_a_warm_gate_still_refuses_what_differs_from_a_form_it_passed(questionnaire):
    """Once a form passed, the same skip answers and pairs take the quick path; an unknown
    question, an answer to a question that does not apply, a missing required answer or
    a new bad value must each leave it and be found."""
    forms = [dict(f.answers) for f in generate_forms(questionnaire, 50, seed=5)]
    gate = FormGate(questionnaire)
    for answers in forms:
        assert gate.problems(answers) == []
    ids = {q.id for q in questionnaire.questions()}

    def applying(answers):
        return set(gate._applies[tuple(map(answers.get, gate._skip_inputs))][0])

    base = next(f for f in forms if applying(f) != ids)  # a form with a skip taken
    applies = applying(base)
    required = sorted(q.id for q in questionnaire.questions()
                      if q.required and q.id in base and q.id in applies)
    unknown = dict(base, no_such_question="1")
    assert _keys(gate.problems(unknown)) == [("no_such_question", "unknown_question")]
    missing = {k: v for k, v in base.items() if k != required[0]}
    assert _keys(gate.problems(missing)) == [(required[0], "required")]
    assert gate.problems(missing, draft=True) == []
    bad = dict(base, **{required[0]: "999"})
    assert _keys(gate.problems(bad)) == _keys(validate_form(questionnaire, bad))
    assert _keys(gate.problems(bad)) != []
    # A value that passed where its question applied: only the skip logic refuses it.
    qid, text = next((q, t) for f in forms for q, t in f.items()
                     if q not in applies and t.strip())
    assert (qid, text) in gate._ok
    extra = dict(base, **{qid: text})
    assert (qid, "not_applicable") in _keys(gate.problems(extra))


def _cross_questionnaire():
    import json

    from desktop.domain.questionnaire_loader import parse_questionnaire
    label = {"es": "x", "en": "x"}
    return parse_questionnaire(json.dumps({
        "format": 2, "id": "cross", "version": "1", "languages": ["es", "en"], "title": label,
        "sections": [{"id": "A", "title": label, "questions": [
            {"id": "total", "label": label, "type": "integer", "min": 0, "max": 50,
             "required": False},
            {"id": "part", "label": label, "type": "integer", "min": 0, "max": 50,
             "required": False, "constraint": ". <= total"},
            {"id": "own", "label": label, "type": "integer", "min": 0, "max": 50,
             "required": False, "constraint": ". != 13"}]}]}))


def test_a_constraint_reading_another_question_is_checked_with_the_form(questionnaire):
    """`part <= total`: the same part passes beside one total and breaks beside another,
    with the gate's caches warm; before, the gate checked only constraints that read no
    other question, so a form breaking `part <= total` passed HQ's door unconfirmed."""
    cross = _cross_questionnaire()
    gate = FormGate(cross)
    assert gate.problems({"total": "5", "part": "3", "own": "1"}) == []
    assert gate.problems({"total": "5", "part": "3", "own": "1"}) == []  # the quick path
    assert _keys(gate.problems({"total": "2", "part": "3", "own": "1"})) == \
        [("part", "constraint")]
    assert gate.problems({"total": "9", "part": "3"}) == []
    assert _keys(gate.problems({"total": "9", "part": "3", "own": "13"})) == \
        [("own", "constraint")]
    rng = random.Random(7)
    for _ in range(400):
        answers = {qid: rng.choice(["0", "3", "5", "13", "60", "x", ""])
                   for qid in ("total", "part", "own") if rng.random() < 0.9}
        assert _keys(gate.problems(answers)) == _keys(validate_form(cross, answers)), answers


def _warm_sequences():
    """Lists of (form index, change, question index, value index, draft): forms that
    passed, then the same pairs moved where another skip answer makes them not apply, a
    required answer dropped, a question unknown, a bad value, in any order."""
    from hypothesis import strategies as st
    change = st.sampled_from(["none", "none", "move", "drop", "unknown", "bad", "blank"])
    step = st.tuples(st.integers(0, 59), change, st.integers(0, 99), st.integers(0, 9),
                     st.booleans())
    return st.lists(step, min_size=1, max_size=40)


def test_a_warm_gate_agrees_with_validate_form_in_any_order(questionnaire):
    """The quick path's per-skip-answer pairs (`_applies`' third part) never pass a form
    validate_form refuses, whatever order the forms come in (Hypothesis)."""
    from hypothesis import given, settings

    forms = [dict(f.answers) for f in generate_forms(questionnaire, 60, seed=13)]
    ids = [q.id for q in questionnaire.questions()]
    values = ["999", "-3", "abc", "", "8", "9", "1", "2", "0", "5"]

    @settings(max_examples=300, deadline=None)
    @given(_warm_sequences())
    def check(steps):
        gate = FormGate(questionnaire)
        for number, change, question, value, draft in steps:
            answers = dict(forms[number])
            if change == "move":  # another form's answers, this form's skip answers
                other = forms[(number + 1 + question) % len(forms)]
                answers = dict(other, **{k: answers[k] for k in gate._skip_inputs
                                          if k in answers})
            elif change == "drop" and answers:
                answers.pop(sorted(answers)[question % len(answers)])
            elif change == "unknown":
                answers[f"no_such_{value}"] = "1"
            elif change in ("bad", "blank"):
                answers[ids[question % len(ids)]] = values[value] if change == "bad" else ""
            expected = validate_form(questionnaire, answers, draft=draft)
            if any(p.key == "unknown_question" for p in expected):
                expected = [p for p in expected if p.key == "unknown_question"]
            assert _keys(gate.problems(answers, draft=draft)) == _keys(expected), answers

    check()
