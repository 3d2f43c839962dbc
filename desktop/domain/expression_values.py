"""What the operators of the skip-logic expression language (expression.py) do with
answers: comparison (numbers with numbers, texts with texts, as XPath compares them),
arithmetic that gives empty for an empty or non-numeric side, and the multichoice
functions `selected()` and `count-selected()`."""

from __future__ import annotations

import math
from typing import Any, Callable, Mapping

# Evaluated nodes are closures over the answer mapping; each node also records the
# identifiers it reads so the loader can check references.
Node = Callable[[Mapping[str, Any]], Any]


def as_set(value: Any) -> set:
    if isinstance(value, (set, frozenset, list, tuple)):
        return set(value)
    return {value}


def numeric(value: Any) -> Any:
    """A number from a number or from text that spells one (as XPath compares them)."""
    if isinstance(value, str):
        try:
            return float(value) if "." in value else int(value)
        except ValueError:
            return None
    return value


def same_kind(left: Any, right: Any) -> tuple[Any, Any]:
    # Text against a number compares as numbers: `q = '1'` holds for the code 1.
    if isinstance(left, str) and isinstance(right, (int, float)):
        return numeric(left), right
    if isinstance(right, str) and isinstance(left, (int, float)):
        return left, numeric(right)
    return left, right


def arith(op: str, left: Any, right: Any) -> Any:
    """`left op right` for numbers; empty (None) for an empty side, text, sets or x/0."""
    left, right = numeric(left), numeric(right)
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (left, right)):
        return None
    if op == "+":
        return left + right
    if op == "-":
        return left - right
    if op == "*":
        return left * right
    if right == 0:
        return None
    if op == "div":
        return left / right
    # XPath's mod keeps the sign of the dividend (truncating), unlike Python's %.
    result = math.fmod(left, right)
    return int(result) if isinstance(left, int) and isinstance(right, int) else result


def selected(value: Any, code: Any) -> bool:
    if value is None:
        return False
    values = value if isinstance(value, (set, frozenset)) else {value}
    return any(compare("=", item, code) for item in values)


def count_selected(value: Any) -> int:
    if value is None or value == "":
        return 0
    return len(value) if isinstance(value, (set, frozenset)) else 1


def compare(op: str, left: Any, right: Any) -> bool:
    if left is None or right is None:
        return False
    if isinstance(left, (set, frozenset)):
        # A multichoice answer equals a code when that code is among those chosen.
        if op in ("=", "=="):
            return right in left
        if op == "!=":
            return right not in left
        return False
    left, right = same_kind(left, right)
    if left is None or right is None:
        return False
    try:
        if op in ("=", "=="):
            return left == right
        if op == "!=":
            return left != right
        if op == "<":
            return left < right
        if op == "<=":
            return left <= right
        if op == ">":
            return left > right
        return left >= right
    except TypeError:
        return False
