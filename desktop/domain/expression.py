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
when parsing or when evaluating the parsed tree. The tokens, limits and `ExpressionError`
are in expression_tokens.py, what the operators do with answers in expression_values.py.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any, Iterator, Mapping

from . import expression_values as ops
from .expression_tokens import (MAX_DEPTH, MAX_LENGTH, MAX_NUMBER_DIGITS, SELF,
                                ExpressionError, Token, tokenise)
from .expression_values import Node
from .phrase import Phrase

__all__ = ["ExpressionError", "Expression", "parse_expression", "MAX_DEPTH", "MAX_LENGTH"]


class _Parser:
    def __init__(self, source: str):
        self.tokens = tokenise(source)
        self.index = 0
        self.depth = 0
        self.names: set[str] = set()
        self.uses_self = False

    @contextlib.contextmanager
    def nested(self, token: "Token") -> Iterator[None]:
        """One level deeper into the tree; every recursive rule goes through here."""
        if self.depth >= MAX_DEPTH:
            raise ExpressionError(Phrase("expr.too_deep", limit=MAX_DEPTH), token.position)
        self.depth += 1
        try:
            yield
        finally:
            self.depth -= 1

    def peek(self) -> Token:
        return self.tokens[self.index]

    def take(self, kind: str | None = None, text: str | None = None) -> Token:
        token = self.peek()
        if (kind and token.kind != kind) or (text and token.text != text):
            wanted = text or kind
            found = token.text or Phrase("expr.end")
            raise ExpressionError(Phrase("expr.expected", wanted=wanted, found=found),
                                  token.position)
        self.index += 1
        return token

    def parse(self) -> Node:
        node = self.or_expr()
        token = self.peek()
        if token.kind != "end":
            raise ExpressionError(Phrase("expr.unexpected", found=token.text), token.position)
        return node

    def or_expr(self) -> Node:
        with self.nested(self.peek()):
            return self._or_expr()

    def _or_expr(self) -> Node:
        parts = [self.and_expr()]
        while self.peek().kind == "or":
            self.take()
            parts.append(self.and_expr())
        if len(parts) == 1:
            return parts[0]
        return lambda env: any(bool(part(env)) for part in parts)

    def and_expr(self) -> Node:
        parts = [self.not_expr()]
        while self.peek().kind == "and":
            self.take()
            parts.append(self.not_expr())
        if len(parts) == 1:
            return parts[0]
        return lambda env: all(bool(part(env)) for part in parts)

    def not_expr(self) -> Node:
        if self.peek().kind == "not":
            with self.nested(self.take()):
                inner = self.not_expr()
            return lambda env: not bool(inner(env))
        return self.compare()

    def compare(self) -> Node:
        left = self.sum()
        token = self.peek()
        if token.kind == "op":
            self.take()
            right = self.sum()
            op = token.text
            return lambda env: ops.compare(op, left(env), right(env))
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
                found = any(ops.compare("=", item, wanted)
                            for item in ops.as_set(value) for wanted in values)
                return not found if negate else found

            return member
        return left

    def sum(self) -> Node:
        first, steps = self.product(), []
        while self.peek().kind == "arith" and self.peek().text in "+-":
            op = self.take().text
            steps.append((op, self.product()))
        return self._fold(first, steps)

    def product(self) -> Node:
        first, steps = self.unary(), []
        while self.peek().text == "*" or self.peek().kind in ("div", "mod"):
            op = self.take().text
            steps.append((op, self.unary()))
        return self._fold(first, steps)

    @staticmethod
    def _fold(first: Node, steps: list[tuple[str, Node]]) -> Node:
        """Left-to-right arithmetic over a flat list, so a long chain such as 1+1+...+1
        never becomes a deep tree of closures (bounded recursion when evaluating)."""
        if not steps:
            return first

        def evaluate(env: Mapping[str, Any]) -> Any:
            value = first(env)
            for op, operand in steps:
                value = ops.arith(op, value, operand(env))
            return value

        return evaluate

    def unary(self) -> Node:
        if self.peek().text == "-":
            with self.nested(self.take()):
                inner = self.unary()
            return lambda env: ops.arith("-", 0, inner(env))
        return self.atom()

    def call(self) -> Node:
        name = self.take("func")
        self.take("punct", "(")
        subject = self.or_expr()
        if name.text == "count-selected":
            self.take("punct", ")")
            return lambda env: ops.count_selected(subject(env))
        self.take("punct", ",")
        code = self.or_expr()
        self.take("punct", ")")
        return lambda env: ops.selected(subject(env), code(env))

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

    def atom(self) -> Node:
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
    _node: Node
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
