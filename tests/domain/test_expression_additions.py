"""Expression additions needed by XLSForm: `.`, selected(), count-selected(), arithmetic."""

import pytest

from desktop.domain.expression import ExpressionError, parse_expression


@pytest.mark.parametrize("source, answers, current, expected", [
    (". >= 1 and . <= 50", {}, 12, True),
    (". >= 1 and . <= 50", {}, 51, False),
    (". < a", {"a": 10}, 9, True),
    (". = ''", {}, "", True),
    ("selected(m, 2)", {"m": frozenset({1, 2})}, None, True),
    ("selected(m, '2')", {"m": frozenset({1, 2})}, None, True),
    ("selected(m, 3)", {"m": frozenset({1, 2})}, None, False),
    ("selected(c, 1)", {"c": 1}, None, True),
    ("selected(., 4)", {}, frozenset({4}), True),
    ("not(selected(., 6) and count-selected(.) > 1)", {}, frozenset({1, 6}), False),
    ("not(selected(., 6) and count-selected(.) > 1)", {}, frozenset({6}), True),
    ("count-selected(m) = 2", {"m": frozenset({1, 3})}, None, True),
    ("count-selected(m) = 0", {}, None, True),
    ("a + b * 2 = 7", {"a": 1, "b": 3}, None, True),
    ("(a + b) * 2 = 8", {"a": 1, "b": 3}, None, True),
    ("a - b - 1 = 0", {"a": 4, "b": 3}, None, True),
    ("a div 4 = 2.5", {"a": 10}, None, True),
    ("a mod 3 = 1", {"a": 10}, None, True),
    ("-7 mod 3 = -1", {}, None, True),
    (". <= a - 1", {"a": 5}, 4, True),
    ("a div 0 = 1", {"a": 1}, None, False),
    ("a + 1 > 0", {}, None, False),
    ("t + 1 = 2", {"t": "x"}, None, False),
    ("c = '1'", {"c": 1}, None, True),
    ("c != '2'", {"c": 1}, None, True),
    ("t = 'abc'", {"t": "abc"}, None, True),
    ("c in ['1', '2']", {"c": 2}, None, True),
    ("-a < 0", {"a": 2}, None, True),
])
def test_evaluates(source, answers, current, expected):
    assert parse_expression(source).evaluate(answers, current) is expected


def test_dot_is_not_a_question_name():
    expr = parse_expression(". > a and selected(m, 1)")
    assert expr.names == {"a", "m"}
    assert expr.uses_self
    assert not parse_expression("a = 1").uses_self


def test_selected_is_a_name_when_not_called():
    assert parse_expression("selected = 1").names == {"selected"}


@pytest.mark.parametrize("source, position", [
    ("string-length(.) < 3", 13),
    ("selected(m)", 10),
    ("count-selected(m, 1) = 1", 16),
    ("a ** 2 = 4", 3),
    ("a / 2 = 1", 2),
    ("max(a, b) = 1", 3),
    (". .", 2),
])
def test_refuses_other_functions_and_operators(source, position):
    with pytest.raises(ExpressionError) as caught:
        parse_expression(source)
    assert caught.value.position == position
