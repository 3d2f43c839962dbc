"""Bounded reading of questionnaire JSON: bytes to text to plain data, and nothing else.

Whatever a file holds, these functions return text or data or raise `JsonRefused` with one
'where: what' problem: the size is limited before anything is decoded, text is decoded
strictly as UTF-8, the nesting of lists and objects is measured before the parser runs (so
a deep file cannot exhaust its stack), and numbers with more digits than a questionnaire
needs, or NaN and Infinity, are refused while parsing. The loader turns a `JsonRefused`
into a `QuestionnaireError`.
"""

from __future__ import annotations

import json
import re

from .phrase import Phrase, problem

_SURROGATE = re.compile("[\ud800-\udfff]")

MAX_FILE_BYTES = 4_000_000  # the default instrument is 40 kB
MAX_JSON_DEPTH = 64  # the format itself needs 6 levels
MAX_NUMBER = 10 ** 12  # bounds, codes and counts beyond this are mistakes
# Python's json says why text is not JSON in English; the usual reasons, in the catalogue.
_JSON_REASONS = {
    "Expecting value": "qn.json.value",
    "Expecting ',' delimiter": "qn.json.comma",
    "Expecting ':' delimiter": "qn.json.colon",
    "Expecting property name enclosed in double quotes": "qn.json.name",
    "Unterminated string starting at": "qn.json.string",
    "Invalid control character at": "qn.json.control",
    "Extra data": "qn.json.extra",
}


class JsonRefused(ValueError):
    """The file is not questionnaire JSON; `problem` is the one problem ('where: what')."""

    def __init__(self, problem: Phrase):
        super().__init__(problem)
        self.problem = problem


class _JsonTooLarge(ValueError):
    """A JSON number with more digits than any questionnaire needs; `reason` says which."""

    def __init__(self, reason: Phrase):
        super().__init__(reason)
        self.reason = reason


def too_large(size: int) -> Phrase | None:
    """The problem of a file of `size` bytes (or characters), or None when it may be read."""
    return Phrase("qn.too_large", limit=MAX_FILE_BYTES) if size > MAX_FILE_BYTES else None


def sane_number(value: int | float) -> bool:
    """A number within +-MAX_NUMBER (and not NaN)."""
    return value == value and -MAX_NUMBER <= value <= MAX_NUMBER  # NaN != NaN


def _json_int(text: str) -> int:
    if len(text.lstrip("-")) > 15:
        raise _JsonTooLarge(Phrase("qn.json_digits", number=text[:20]))
    return int(text)


def _json_float(text: str) -> float:
    value = float(text)
    if not sane_number(value):
        raise _JsonTooLarge(Phrase("qn.json_large", number=text[:20]))
    return value


def _json_constant(text: str) -> float:
    raise _JsonTooLarge(Phrase("qn.json_constant", number=text))


def json_depth(text: str) -> int:
    """The deepest nesting of [ and { outside strings (checked before parsing, so a deeply
    nested file cannot exhaust the parser's stack)."""
    depth = deepest = 0
    for token in re.finditer(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', text):
        mark = token.group()
        if mark in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif mark in "]}":
            depth -= 1
    return deepest


def decode_json_bytes(data: bytes) -> str:
    """The text of a questionnaire file, decoded strictly as UTF-8 (a BOM is allowed)."""
    refused = too_large(len(data))
    if refused:
        raise JsonRefused(refused)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise JsonRefused(Phrase("qn.not_utf8", byte=exc.start + 1)) from None


def read_json(text: str) -> object:
    """The data of questionnaire JSON text, within the limits above."""
    refused = too_large(len(text))
    if refused:
        raise JsonRefused(refused)
    if not text.strip():
        raise JsonRefused(Phrase("qn.empty"))
    if json_depth(text) > MAX_JSON_DEPTH:
        raise JsonRefused(problem(Phrase("where.top"), "qn.too_deep", limit=MAX_JSON_DEPTH))
    try:
        data = json.loads(text, parse_int=_json_int, parse_float=_json_float,
                          parse_constant=_json_constant)
    except json.JSONDecodeError as exc:
        key = _JSON_REASONS.get(exc.msg)  # a rarer reason stays in json's words
        raise JsonRefused(Phrase("qn.bad_json", line=exc.lineno, column=exc.colno,
                                 reason=Phrase(key) if key else exc.msg)) from None
    except _JsonTooLarge as exc:
        raise JsonRefused(problem(Phrase("where.top"), "qn.json_numbers", reason=exc.reason,
                                  limit=MAX_NUMBER)) from None
    except RecursionError:  # only if the depth scan above were wrong; never a traceback
        raise JsonRefused(problem(Phrase("where.top"), "qn.nested_too_deeply")) from None
    # A "\\ud800" escape without its pair decodes to a text no file or database can hold
    # as UTF-8 (a label that stops an export or an import later): refused now.
    if "\\" in text and ("\\ud" in text or "\\uD" in text) and _SURROGATE.search(
            json.dumps(data, ensure_ascii=False)):
        raise JsonRefused(problem(Phrase("where.top"), "qn.lone_surrogate"))
    return data
