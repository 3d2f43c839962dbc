"""The canonical text of a form's answers: one JSON object, question id -> stored text,
keys in code-point order, compact, non-ASCII kept as it is.

This is how the database keeps a form's answers (table `form_answers`, one row per form,
schema_steps.V15_FORM_ANSWERS) and what a bundle's content hash covers. It is the text
SQLite's `json_group_object(question_id, value)` gave over the old one-row-per-answer
table read in key order (the migration makes it that way; tests/storage/test_form_answers
checks that both encoders agree, control characters and non-ASCII included), so exports
keep their bytes. Every writer in Python makes it here, nowhere else.
"""

from __future__ import annotations

import json
import re
from typing import Mapping, Sequence

_encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode
# {"id":"text","id":"text"} with no escape and no character the encoder would escape
# (quote, backslash, control characters): every quote in it is a structural one.
_PLAIN = r'"[^"\\\x00-\x1f]*"'
_SHAPE = re.compile(rf"\{{{_PLAIN}:{_PLAIN}(?:,{_PLAIN}:{_PLAIN})*\}}")
EMPTY = "{}"


def canonical(answers: Mapping[str, str]) -> str:
    """The canonical text of `answers` (question id -> text)."""
    return _encode(dict(answers))


def is_canonical(text: str) -> bool:
    """True when `text` is the canonical text of a question id -> text object, decided
    without parsing it (this runs once per imported form): no escape, only string keys
    and values, keys strictly ascending, nothing between the tokens. False is no verdict
    on validity: `normalised` then parses the text."""
    if text == EMPTY:
        return True
    if not _SHAPE.fullmatch(text):
        return False
    keys = text[2:-2].replace('":"', '","').split('","')[0::2]
    return all(a < b for a, b in zip(keys, keys[1:]))


def is_canonical_parsed(text: str, answers: Mapping[str, str]) -> bool:
    """`is_canonical(text)` for a text already parsed: `answers` must be the object a
    strict JSON parser (Python's json, the default) read from `text`, its values texts.
    Measured 2 us a form instead of 6 (a 100k import tests every form).

    Why it is exact: with no backslash, no string in `text` holds an escape, so each key
    and value stands there as it is, and holds no quote, backslash or control character
    (a strict parser refuses a raw one), so the encoder writes it unchanged, quoted.
    The canonical text of n pairs is then `{`, n times `"k":"v"` (len(k) + len(v) + 5),
    n - 1 commas and `}`: 1 + sum(len(k) + len(v) + 6). Any other text of the same
    object is longer: whitespace between tokens adds characters, and a repeated key
    (the parser keeps its last value) adds a whole pair of at least 6. At the canonical
    length the text is the pairs in the parser's key order (a dict keeps the order
    read), which must then be ascending."""
    if "\\" in text or not answers:
        return text == EMPTY
    keys = [*answers]
    return (len(text) == 1 + 6 * len(keys) + sum(map(len, keys))
            + sum(map(len, answers.values()))
            and keys == sorted(keys))


def normalised(text: str) -> str:
    """`text` when it is canonical already (no re-encoding), else the canonical text of
    the object it holds; ValueError when it is not a JSON object of texts."""
    if is_canonical(text):
        return text
    answers = json.loads(text)
    if answers.__class__ is not dict or not all(
            value.__class__ is str for value in answers.values()):
        raise ValueError("answers must be a JSON object of texts")
    return canonical(answers)


def parsed_many(texts: Sequence[str | None]) -> list[dict | None]:
    """Each stored text parsed (None for None, as for a form without answers row). One
    parse of all the objects as one JSON array: a parser call per form cost twice as much
    in call overhead (1 s per million forms). A text that is not a JSON object (a damaged
    row, which `check` reports) counts as no answers, so one bad row never stops a read."""
    present = [t for t in texts if t]
    try:
        objects = json.loads("[" + ",".join(present) + "]")
        if len(objects) != len(present) or not all(o.__class__ is dict for o in objects):
            raise ValueError("not one object per form")
    except (TypeError, ValueError, RecursionError):  # a row not text, or too deep
        objects = [_object(t) for t in present]
    found = iter(objects)
    return [next(found) if t else None for t in texts]


def _object(text: str) -> dict | None:
    try:
        value = json.loads(text)
    except (TypeError, ValueError, RecursionError):
        return None
    return value if value.__class__ is dict else None


def parsed(text: str | None) -> dict[str, str]:
    """The answers held in a stored text (None, as for a form without answers: none)."""
    return json.loads(text) if text else {}
