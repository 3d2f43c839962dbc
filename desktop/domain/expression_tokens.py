"""The tokens of the skip-logic expression language (expression.py), the limits on its
input and `ExpressionError`, which names the position of what is wrong."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .phrase import Phrase

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
class Token:
    kind: str
    text: str
    position: int


def tokenise(source: str) -> list[Token]:
    tokens: list[Token] = []
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
            tokens.append(Token(kind, text, position))
        position = match.end()
    tokens.append(Token("end", "", len(source)))
    return tokens
