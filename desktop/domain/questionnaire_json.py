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

MAX_FILE_BYTES = 4_000_000  # the default instrument is 40 kB
MAX_JSON_DEPTH = 64  # the format itself needs 6 levels
MAX_NUMBER = 10 ** 12  # bounds, codes and counts beyond this are mistakes
_TOO_LARGE = f"the file is larger than {MAX_FILE_BYTES:,} bytes; it is not a questionnaire"


class JsonRefused(ValueError):
    """The file is not questionnaire JSON; the text is the one problem ('where: what')."""


class _JsonTooLarge(ValueError):
    """A JSON number with more digits than any questionnaire needs."""


def too_large(size: int) -> str | None:
    """The problem of a file of `size` bytes (or characters), or None when it may be read."""
    return _TOO_LARGE if size > MAX_FILE_BYTES else None


def sane_number(value: int | float) -> bool:
    """A number within +-MAX_NUMBER (and not NaN)."""
    return value == value and -MAX_NUMBER <= value <= MAX_NUMBER  # NaN != NaN


def _json_int(text: str) -> int:
    if len(text.lstrip("-")) > 15:
        raise _JsonTooLarge(f"the number {text[:20]}... is too large")
    return int(text)


def _json_float(text: str) -> float:
    value = float(text)
    if not sane_number(value):
        raise _JsonTooLarge(f"the number {text[:20]} is too large")
    return value


def _json_constant(text: str) -> float:
    raise _JsonTooLarge(f"{text} is not a number JSON allows")


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
    problem = too_large(len(data))
    if problem:
        raise JsonRefused(problem)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise JsonRefused(f"byte {exc.start + 1}: the file is not UTF-8 text; save it as "
                          "UTF-8 (in most editors: Save as, encoding UTF-8)") from None


def read_json(text: str) -> object:
    """The data of questionnaire JSON text, within the limits above."""
    problem = too_large(len(text))
    if problem:
        raise JsonRefused(problem)
    if json_depth(text) > MAX_JSON_DEPTH:
        raise JsonRefused(f"(top level): lists and objects are nested more than "
                          f"{MAX_JSON_DEPTH} levels deep; this is not a questionnaire")
    try:
        return json.loads(text, parse_int=_json_int, parse_float=_json_float,
                          parse_constant=_json_constant)
    except json.JSONDecodeError as exc:
        raise JsonRefused(f"line {exc.lineno}, column {exc.colno}: not valid JSON "
                          f"({exc.msg})") from None
    except _JsonTooLarge as exc:
        raise JsonRefused(f"(top level): {exc}; numbers in a questionnaire stay within "
                          f"{MAX_NUMBER:,}") from None
    except RecursionError:  # only if the depth scan above were wrong; never a traceback
        raise JsonRefused("(top level): lists and objects are nested too deeply") from None
