"""The tiny, safe skip-logic expression language of questionnaires.

Expressions are tokenised and parsed into a small tree of plain objects, then evaluated
against a dict of answers. Nothing is ever passed to `eval`: anything outside the grammar
in docs/questionnaire-format.md (attribute access, calls other than `selected()` and
`count-selected()`, indexing) is an `ExpressionError` that names the position of the
offending character. A constraint may read the answer being checked as `.`; arithmetic
(`+ - * div mod`) gives numbers, or empty when a side is empty or not a number.

Input is bounded: at most `MAX_LENGTH` characters, `MAX_DEPTH` levels of nesting (every
recursive rule enters through `_Parser.nested`, so new rules inherit the limit) and number
literals of at most `MAX_NUMBER_DIGITS` digits. No input can reach Python's recursion limit,
when parsing or when evaluating the parsed tree.
"""

from __future__ import annotations

import contextlib
import math
import re
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Mapping

from .phrase import Phrase

__all__ = ["ExpressionError", "Expression", "parse_expression", "MAX_DEPTH", "MAX_LENGTH"]

MAX_LENGTH = 2_000  # characters in one expression
MAX_DEPTH = 32  # nested parentheses and `not`s together
MAX_NUMBER_DIGITS = 15  # a literal beyond this is no answer code or bound


class ExpressionError(ValueError):
    """An expression that is not in the language; `position` is a 0-based offset, `reason`
    what is wrong and `phrase` both (phrases: said in English or Spanish later)."""

    def __init__(self, reason: Phrase, position: int):
        self.phrase = Phrase("expr.at", reason=reason, position=position + 1)
        super().__init__(self.phrase)
        self.position = position
        self.reason = reason


_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<number>[0-9]+(?:\.[0-9]+)?)
  | (?P<string>'[^']*'|"[^"]*")
  | (?P<op><=|>=|!=|==|=|<|>)
  | (?P<arith>[+*-])
  | (?P<dot>\.)
  | (?P<punct>[()\[\],])
  | (?P<func>count-selected|selected)(?=\s*\()
  | (?P<ident>[A-Za-z_][A-Za-z0-9_]*)
    """,
    re.VERBOSE,
)
_KEYWORDS = {"and", "or", "not", "in", "div", "mod"}
# The key under which `evaluate` passes the answer being checked, read by `.`.
SELF = "."


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    position: int


def _tokenise(source: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    while position < len(source):
        match = _TOKEN.match(source, position)
        if match is None:
            raise ExpressionError(Phrase("expr.character", char=source[position]), position)
        kind = match.lastgroup or ""
        text = match.group()
        if kind == "ident" and text in _KEYWORDS:
            kind = text
        if kind != "space":
            tokens.append(_Token(kind, text, position))
        position = match.end()
    tokens.append(_Token("end", "", len(source)))
    return tokens


# Evaluated nodes are closures over the answer mapping; each node also records the
# identifiers it reads so the loader can check references.
_Node = Callable[[Mapping[str, Any]], Any]


def _as_set(value: Any) -> set:
    if isinstance(value, (set, frozenset, list, tuple)):
        return set(value)
    return {value}


def _numeric(value: Any) -> Any:
    """A number from a number or from text that spells one (as XPath compares them)."""
    if isinstance(value, str):
        try:
            return float(value) if "." in value else int(value)
        except ValueError:
            return None
    return value


def _same_kind(left: Any, right: Any) -> tuple[Any, Any]:
    # Text against a number compares as numbers: `q = '1'` holds for the code 1.
    if isinstance(left, str) and isinstance(right, (int, float)):
        return _numeric(left), right
    if isinstance(right, str) and isinstance(left, (int, float)):
        return left, _numeric(right)
    return left, right


def _arith(op: str, left: Any, right: Any) -> Any:
    """`left op right` for numbers; empty (None) for an empty side, text, sets or x/0."""
    left, right = _numeric(left), _numeric(right)
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


def _selected(value: Any, code: Any) -> bool:
    if value is None:
        return False
    values = value if isinstance(value, (set, frozenset)) else {value}
    return any(_compare("=", item, code) for item in values)


def _count_selected(value: Any) -> int:
    if value is None or value == "":
        return 0
    return len(value) if isinstance(value, (set, frozenset)) else 1


def _compare(op: str, left: Any, right: Any) -> bool:
    if left is None or right is None:
        return False
    if isinstance(left, (set, frozenset)):
        # A multichoice answer equals a code when that code is among those chosen.
        if op in ("=", "=="):
            return right in left
        if op == "!=":
            return right not in left
        return False
    left, right = _same_kind(left, right)
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


class _Parser:
    def __init__(self, source: str):
        self.tokens = _tokenise(source)
        self.index = 0
        self.depth = 0
        self.names: set[str] = set()
        self.uses_self = False

    @contextlib.contextmanager
    def nested(self, token: "_Token") -> Iterator[None]:
        """One level deeper into the tree; every recursive rule goes through here."""
        if self.depth >= MAX_DEPTH:
            raise ExpressionError(Phrase("expr.too_deep", limit=MAX_DEPTH), token.position)
        self.depth += 1
        try:
            yield
        finally:
            self.depth -= 1

    def peek(self) -> _Token:
        return self.tokens[self.index]

    def take(self, kind: str | None = None, text: str | None = None) -> _Token:
        token = self.peek()
        if (kind and token.kind != kind) or (text and token.text != text):
            wanted = text or kind
            found = token.text or Phrase("expr.end")
            raise ExpressionError(Phrase("expr.expected", wanted=wanted, found=found),
                                  token.position)
        self.index += 1
        return token

    def parse(self) -> _Node:
        node = self.or_expr()
        token = self.peek()
        if token.kind != "end":
            raise ExpressionError(Phrase("expr.unexpected", found=token.text), token.position)
        return node

    def or_expr(self) -> _Node:
        with self.nested(self.peek()):
            return self._or_expr()

    def _or_expr(self) -> _Node:
        parts = [self.and_expr()]
        while self.peek().kind == "or":
            self.take()
            parts.append(self.and_expr())
        if len(parts) == 1:
            return parts[0]
        return lambda env: any(bool(part(env)) for part in parts)

    def and_expr(self) -> _Node:
        parts = [self.not_expr()]
        while self.peek().kind == "and":
            self.take()
            parts.append(self.not_expr())
        if len(parts) == 1:
            return parts[0]
        return lambda env: all(bool(part(env)) for part in parts)

    def not_expr(self) -> _Node:
        if self.peek().kind == "not":
            with self.nested(self.take()):
                inner = self.not_expr()
            return lambda env: not bool(inner(env))
        return self.compare()

    def compare(self) -> _Node:
        left = self.sum()
        token = self.peek()
        if token.kind == "op":
            self.take()
            right = self.sum()
            op = token.text
            return lambda env: _compare(op, left(env), right(env))
        negate = False
        if token.kind == "not" and self.tokens[self.index + 1].kind == "in":
            self.take()
            negate = True
            token = self.peek()
        if token.kind == "in":
            self.take()
            values = self.value_list()

            def member(env: Mapping[str, Any]) -> bool:
                value = left(env)
                if value is None:
                    return False
                found = any(_compare("=", item, wanted)
                            for item in _as_set(value) for wanted in values)
                return not found if negate else found

            return member
        return left

    def sum(self) -> _Node:
        first, steps = self.product(), []
        while self.peek().kind == "arith" and self.peek().text in "+-":
            op = self.take().text
            steps.append((op, self.product()))
        return self._fold(first, steps)

    def product(self) -> _Node:
        first, steps = self.unary(), []
        while self.peek().text == "*" or self.peek().kind in ("div", "mod"):
            op = self.take().text
            steps.append((op, self.unary()))
        return self._fold(first, steps)

    @staticmethod
    def _fold(first: _Node, steps: list[tuple[str, _Node]]) -> _Node:
        """Left-to-right arithmetic over a flat list, so a long chain such as 1+1+...+1
        never becomes a deep tree of closures (bounded recursion when evaluating)."""
        if not steps:
            return first

        def evaluate(env: Mapping[str, Any]) -> Any:
            value = first(env)
            for op, operand in steps:
                value = _arith(op, value, operand(env))
            return value

        return evaluate

    def unary(self) -> _Node:
        if self.peek().text == "-":
            with self.nested(self.take()):
                inner = self.unary()
            return lambda env: _arith("-", 0, inner(env))
        return self.atom()

    def call(self) -> _Node:
        name = self.take("func")
        self.take("punct", "(")
        subject = self.or_expr()
        if name.text == "count-selected":
            self.take("punct", ")")
            return lambda env: _count_selected(subject(env))
        self.take("punct", ",")
        code = self.or_expr()
        self.take("punct", ")")
        return lambda env: _selected(subject(env), code(env))

    def value_list(self) -> set:
        opening = self.peek()
        if opening.text not in ("[", "("):
            raise ExpressionError(Phrase("expr.list"), opening.position)
        closing = "]" if opening.text == "[" else ")"
        self.take()
        values = {self.literal()}
        while self.peek().text == ",":
            self.take()
            values.add(self.literal())
        self.take("punct", closing)
        return values

    def literal(self) -> Any:
        token = self.peek()
        if token.kind == "number":
            self.take()
            if len(token.text.replace(".", "")) > MAX_NUMBER_DIGITS:
                raise ExpressionError(Phrase("expr.digits", limit=MAX_NUMBER_DIGITS),
                                      token.position)
            return _number(token.text)
        if token.kind == "string":
            self.take()
            return token.text[1:-1]
        raise ExpressionError(Phrase("expr.literal"), token.position)

    def atom(self) -> _Node:
        token = self.peek()
        if token.kind in ("number", "string"):
            value = self.literal()
            return lambda env: value
        if token.kind == "func":
            return self.call()
        if token.kind == "dot":
            self.take()
            self.uses_self = True
            return lambda env: env.get(SELF)
        if token.kind == "ident":
            self.take()
            after = self.peek()
            if after.text in ("(", "["):
                raise ExpressionError(Phrase("expr.call_after", name=token.text),
                                      after.position)
            name = token.text
            self.names.add(name)
            return lambda env: env.get(name)
        if token.text == "(":
            self.take()
            inner = self.or_expr()
            self.take("punct", ")")
            return inner
        found = token.text or Phrase("expr.end")
        raise ExpressionError(Phrase("expr.unexpected", found=found), token.position)


def _number(text: str) -> int | float:
    return float(text) if "." in text else int(text)


@dataclass(frozen=True)
class Expression:
    """A parsed expression: its source text, the question ids it reads, and `evaluate`.

    `uses_self` is true when it reads `.`, the answer being checked (constraints only).
    """

    source: str
    names: frozenset[str]
    _node: _Node
    uses_self: bool = False

    def evaluate(self, answers: Mapping[str, Any], current: Any = None) -> bool:
        """True when the condition holds for `answers` (question id -> typed value);
        `current` is the value `.` stands for."""
        if self.uses_self:
            answers = {**answers, SELF: current}
        return bool(self._node(answers))


def parse_expression(source: str) -> Expression:
    """Parse `source`, raising `ExpressionError` for anything outside the language."""
    if not isinstance(source, str) or not source.strip():
        raise ExpressionError(Phrase("expr.empty"), 0)
    if len(source) > MAX_LENGTH:
        raise ExpressionError(Phrase("expr.too_long", limit=MAX_LENGTH), MAX_LENGTH)
    parser = _Parser(source)
    node = parser.parse()
    return Expression(source, frozenset(parser.names), node, parser.uses_self)
