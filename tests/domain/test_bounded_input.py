"""Bounded input (issue 13): the expression parser and the questionnaire loader turn every
input, however odd, into a result or one `ExpressionError` / `QuestionnaireError`; no
RecursionError, UnicodeDecodeError or TypeError escapes, and every limit says what to do."""

import json
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.domain.expression import MAX_DEPTH, ExpressionError, parse_expression
from desktop.domain.questionnaire_loader import (
    QuestionnaireError, load_questionnaire, parse_questionnaire,
)
from desktop.resources import default_questionnaire_path


def _default() -> dict:
    return json.loads(default_questionnaire_path().read_text(encoding="utf-8"))


def _problems(data) -> str:
    text = data if isinstance(data, (str, bytes)) else json.dumps(data)
    with pytest.raises(QuestionnaireError) as caught:
        parse_questionnaire(text)
    return "\n".join(caught.value.problems)


# The expression parser ------------------------------------------------------------------

@pytest.mark.parametrize("source", ["not " * 5000 + "a = 1", "(" * 250 + "a = 1" + ")" * 250,
                                    "(" * 5000, "not (" * 40 + "a = 1" + ")" * 40])
def test_deep_expressions_are_refused_with_a_sentence(source):
    with pytest.raises(ExpressionError) as caught:
        parse_expression(source)
    assert "nested more than" in str(caught.value) or "longer than" in str(caught.value)


def test_nesting_up_to_the_limit_parses_and_evaluates():
    depth = MAX_DEPTH - 1
    expr = parse_expression("(" * depth + "a = 1" + ")" * depth)
    assert expr.evaluate({"a": 1}) is True
    expr = parse_expression("not " * (MAX_DEPTH - 2) + "a = 1")
    assert expr.evaluate({"a": 1}) is True


def test_long_and_huge_numbers_are_refused():
    with pytest.raises(ExpressionError, match="longer than 2000"):
        parse_expression("a = 1 or " * 400 + "a = 2")
    with pytest.raises(ExpressionError, match="more than 15 digits"):
        parse_expression("a = " + "9" * 400)
    with pytest.raises(ExpressionError, match="unexpected character"):
        parse_expression("a = \u0663")  # an Arabic-Indic digit is not a number here


@settings(max_examples=300, deadline=1000, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["not", "and", "or", "in", "(", ")", "[", "]", ",", "=", "<",
                                 ">=", "!=", "a", "b", "1", "2.5", "'x'", "9" * 30, "\n"]),
                max_size=400))
def test_random_token_strings_parse_or_give_a_sentence(tokens):
    source = " ".join(tokens)
    try:
        parse_expression(source).evaluate({"a": 1, "b": frozenset({1})})
    except ExpressionError as exc:
        assert str(exc)


@settings(max_examples=200, deadline=1000)
@given(st.text(max_size=300))
def test_random_text_parses_or_gives_a_sentence(source):
    try:
        parse_expression(source)
    except ExpressionError:
        pass


# The questionnaire loader ---------------------------------------------------------------

def test_file_that_is_not_utf8_gives_a_sentence(tmp_path):
    path = tmp_path / "q.json"
    path.write_bytes(default_questionnaire_path().read_text(encoding="utf-8")
                     .encode("latin-1", errors="replace"))
    with pytest.raises(QuestionnaireError) as caught:
        load_questionnaire(path)
    assert "is not UTF-8 text; save it as UTF-8" in caught.value.problems[0]


def test_object_where_a_list_is_expected():
    data = _default()
    data["exposure"]["follow_ups"] = [{"a": 1}]
    assert "exposure.follow_ups[0]: no question {'a': 1}" in _problems(data)
    data["exposure"]["follow_ups"] = {"a": 1}
    assert "exposure.follow_ups: must be a list" in _problems(data)
    data = _default()
    data["sections"][0]["questions"][0]["relevant"] = ["a = 1"]
    assert "sections[0].questions[0].relevant: must be a text" in _problems(data)


def test_id_with_a_trailing_newline_is_refused():
    data = _default()
    data["sections"][-1]["questions"][-1]["id"] += "\n"
    assert "use lower-case letters, digits and '_'" in _problems(data)
    data = _default()
    data["id"] += "\n"
    assert "id: use only lower-case letters" in _problems(data)


@pytest.mark.parametrize("number", ["1" + "0" * 400, "1e400", "NaN", "Infinity", "-Infinity"])
def test_numbers_outside_a_sane_range_are_refused(number):
    text = json.dumps(_default())
    text = text.replace('"code": 8', f'"code": {number}', 1)
    assert "numbers in a questionnaire stay within" in _problems(text)


def test_codes_and_bounds_outside_the_range_are_refused():
    data = _default()
    data["missing_codes"][0]["code"] = 10 ** 13
    assert "missing_codes[0].code: must be between" in _problems(data)
    data = _default()
    choice = next(q for s in data["sections"] for q in s["questions"] if q["type"] == "choice")
    choice["choices"][0]["code"] = 10 ** 10
    assert "codes must be between 0 and 999,999,999" in _problems(data)


def test_negative_length_is_refused():
    data = _default()
    text_question = next(q for s in data["sections"] for q in s["questions"]
                         if q["type"] == "text")
    text_question["max_length"] = -1
    assert "max_length: must be between 1 and 100,000" in _problems(data)


def test_deep_json_is_refused():
    assert "nested more than 64 levels" in _problems("[" * 100_000 + "]" * 100_000)
    assert "nested more than 64 levels" in _problems('{"a": ' * 5000 + "1" + "}" * 5000)


def test_deep_relevant_in_a_questionnaire_is_one_problem():
    data = _default()
    data["sections"][1]["questions"][0]["relevant"] = "not " * 5000 + "a = 1"
    assert "bad expression: the expression is longer than" in _problems(data)


def test_huge_file_is_refused(tmp_path):
    path = tmp_path / "big.json"
    path.write_bytes(b" " * 4_000_001)
    with pytest.raises(QuestionnaireError, match="larger than 4,000,000 bytes"):
        load_questionnaire(path)


# Random JSON: a questionnaire or a QuestionnaireError, never another exception -----------

_json = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-10 ** 20, max_value=10 ** 20)
    | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from(["id", "type", "code", "label", "choices", "min",
                                       "max", "relevant", "questions", "es", "en"])
                      | st.text(max_size=6), inner, max_size=5),
    max_leaves=40)


def _mutations():
    """Paths into the default questionnaire where a random value is planted."""
    return st.sampled_from([
        ("format",), ("id",), ("languages",), ("title",), ("missing_codes",),
        ("missing_codes", 0), ("missing_codes", 0, "code"), ("sections",), ("sections", 0),
        ("sections", 0, "questions"), ("sections", 0, "questions", 0),
        ("sections", 0, "questions", 0, "choices"), ("sections", 0, "questions", 0, "type"),
        ("sections", 0, "questions", 0, "id"), ("sections", 0, "questions", 0, "relevant"),
        ("sections", 1, "questions", 0, "points"), ("sections", 1, "questions", 0, "anchors"),
        ("risks",), ("risks", 0), ("risks", 0, "likelihood"), ("bands",), ("bands", 0),
        ("bands", 0, "min"), ("profile",), ("climate",), ("exposure",),
        ("exposure", "follow_ups"), ("exposure", "yes"), ("exposure", "question"),
    ])


def _parse_or_sentence(text):
    try:
        parse_questionnaire(text)
    except QuestionnaireError as exc:
        assert exc.problems and all(isinstance(p, str) and p for p in exc.problems)


@settings(max_examples=300, deadline=1000, suppress_health_check=[HealthCheck.too_slow])
@given(path=_mutations(), value=_json)
def test_random_values_planted_in_the_default_give_a_questionnaire_or_a_sentence(path, value):
    data = _default()
    target = data
    try:
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    except (KeyError, IndexError, TypeError):
        return
    _parse_or_sentence(json.dumps(data))


@settings(max_examples=200, deadline=1000)
@given(_json)
def test_random_json_gives_a_questionnaire_or_a_sentence(value):
    _parse_or_sentence(json.dumps(value))


@settings(max_examples=200, deadline=1000)
@given(st.binary(max_size=200) | st.text(alphabet=string.printable + "{}[]\"\u00e9",
                                           max_size=200))
def test_random_bytes_and_text_give_a_questionnaire_or_a_sentence(raw):
    _parse_or_sentence(raw)


def test_long_arithmetic_chains_and_unary_minus_stay_bounded():
    """Arithmetic (added for XLSForm) folds flat chains; a run of '-' hits the depth limit."""
    chain = parse_expression("x = 1" + " + 0" * 450)
    assert chain.names == frozenset({"x"})
    with pytest.raises(ExpressionError, match="nested more than"):
        parse_expression("x = " + "-" * 1500 + "1")
