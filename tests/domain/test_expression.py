"""The skip-logic language: what it accepts, how it evaluates, and what it refuses."""

import pytest

from desktop.domain.expression import ExpressionError, parse_expression


@pytest.mark.parametrize("source, answers, expected", [
    ("a = 1", {"a": 1}, True),
    ("a == 1", {"a": 2}, False),
    ("a != 1", {"a": 2}, True),
    ("a < 3 and b >= 2", {"a": 2, "b": 2}, True),
    ("a <= 1 or b > 5", {"a": 2, "b": 6}, True),
    ("not a = 1", {"a": 1}, False),
    ("not (a = 1 or b = 1)", {"a": 2, "b": 2}, True),
    ("a in [1, 2, 3]", {"a": 3}, True),
    ("a in (1, 2)", {"a": 3}, False),
    ("a not in [8, 9]", {"a": 3}, True),
    ("a not in [8, 9]", {"a": 8}, False),
    ("m in [2]", {"m": frozenset({1, 2})}, True),
    ("m = 3", {"m": frozenset({1, 2})}, False),
    ("t = 'sí'", {"t": "sí"}, True),
    ('t = "x"', {"t": "y"}, False),
    ("d > 2.5", {"d": 3.0}, True),
    ("(a = 1 and (b = 2 or c = 3))", {"a": 1, "c": 3}, True),
])
def test_evaluates(source, answers, expected):
    assert parse_expression(source).evaluate(answers) is expected


def test_unanswered_makes_every_comparison_false():
    for source in ("a = 1", "a != 1", "a < 1", "a in [1]", "a not in [1]"):
        assert parse_expression(source).evaluate({}) is False


def test_names_are_collected():
    assert parse_expression("a = 1 and (b in [1] or not c = 2)").names == {"a", "b", "c"}


@pytest.mark.parametrize("source", [
    "__import__('os').system('x')",
    "a.b = 1",
    "a() = 1",
    "a[0] = 1",
    "a = 1 -",
    "lambda: 1",
    "a = 1; b = 2",
    "(a = 1",
    "a in 1",
    "",
    "   ",
    "a = = 1",
    "a = 1 2",
    "open('f')",
    "a = `x`",
    "a = 1.2.3",
])
def test_refuses_anything_outside_the_language(source):
    with pytest.raises(ExpressionError) as caught:
        parse_expression(source)
    assert "at character" in str(caught.value)


def test_error_position_points_at_the_offending_character():
    with pytest.raises(ExpressionError) as caught:
        parse_expression("a = 1 and b.c = 2")
    assert caught.value.position == 11
