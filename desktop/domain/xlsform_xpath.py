"""Translate the XPath subset of XLSForm `relevant` and `constraint` cells into our
expression language (docs/questionnaire-format.md).

The subset: `${name}`, `.`, numbers, quoted text, `= != < <= > >=`, `and`, `or`, `not()`,
`selected()`, `count-selected()`, `+ - * div mod` and parentheses. Everything else (other
functions, paths such as `../x` or `/data/x`) raises `XPathUnsupported` naming it. The
text between tokens is kept as it was, so `${a} = 1` becomes `a = 1` and a questionnaire
written by hand reads the same after a round trip through a workbook.
"""

from __future__ import annotations

import re
from typing import Callable

from .expression import ExpressionError, parse_expression
from .phrase import Phrase

__all__ = ["XPathUnsupported", "translate_xpath", "range_bounds"]

_FUNCTIONS = {"not", "selected", "count-selected"}
_KEYWORDS = {"and", "or", "div", "mod"}
_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<ref>\$\{(?P<refname>[^}]*)\})
  | (?P<number>\d+(?:\.\d+)?)
  | (?P<string>'[^']*'|"[^"]*")
  | (?P<op><=|>=|!=|=|<|>|[+*-])
  | (?P<path>\.\.|/)
  | (?P<dot>\.)
  | (?P<punct>[(),])
  | (?P<call>[A-Za-z_][\w.:-]*)(?=\s*\()
  | (?P<word>[A-Za-z_][\w.:-]*)
    """,
    re.VERBOSE,
)


class XPathUnsupported(ValueError):
    """Something in the cell that we cannot honour; `phrase` says what."""

    def __init__(self, phrase: Phrase):
        super().__init__(phrase)
        self.phrase = phrase


def translate_xpath(text: str, question_id: Callable[[str], str | None],
                    allow_self: bool) -> str:
    """Our expression for the XPath `text`; `question_id` maps an XLSForm name to our
    question id (None when there is no such question)."""
    out: list[str] = []
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            raise XPathUnsupported(Phrase("xf.character", char=text[position]))
        kind = "ref" if match.group("ref") else match.lastgroup
        token = match.group()
        if kind == "ref":
            name = match.group("refname").strip()
            ident = question_id(name)
            if ident is None:
                raise XPathUnsupported(Phrase("xf.no_question_named", name=name))
            token = ident
        elif kind == "path":
            raise XPathUnsupported(Phrase("xf.paths"))
        elif kind == "dot" and not allow_self:
            raise XPathUnsupported(Phrase("xf.dot"))
        elif kind == "call" and token not in _FUNCTIONS:
            raise XPathUnsupported(Phrase("xf.function", name=token))
        elif kind == "word" and token not in _KEYWORDS:
            raise XPathUnsupported(Phrase("xf.word", word=token))
        out.append(token)
        position = match.end()
    result = "".join(out)
    try:
        parse_expression(result)
    except ExpressionError as exc:
        raise XPathUnsupported(Phrase("xf.not_checkable", reason=exc.reason)) from exc
    return result


_BOUND = re.compile(r"^\s*\.\s*(>=|<=)\s*(-?\d+(?:\.\d+)?)\s*$")


def range_bounds(expression: str) -> dict[str, float | int] | None:
    """{'min': a, 'max': b} when a constraint only bounds the answer (`. >= a and
    . <= b`, either part alone, in any order); None otherwise."""
    parts = expression.split(" and ")
    if not 1 <= len(parts) <= 2:
        return None
    bounds: dict[str, float | int] = {}
    for part in parts:
        match = _BOUND.match(part)
        if match is None:
            return None
        key = "min" if match.group(1) == ">=" else "max"
        if key in bounds:
            return None
        number = match.group(2)
        bounds[key] = float(number) if "." in number else int(number)
    return bounds
