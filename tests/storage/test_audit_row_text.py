"""The audit chain's row text, joined value by value (audit_chain.row_text), is byte for
byte the general JSON encoder's text: every hash a laptop or HQ ever wrote still holds."""

from __future__ import annotations

import hashlib
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.storage import audit_chain

_old_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

# Any unicode (control characters, quotes, backslashes, non-ASCII, astral planes, lone
# surrogates the encoder passes through as they are), weighted toward the characters
# JSON escapes.
TEXT = st.text() | st.text(alphabet=st.sampled_from(
    list('"\\/\x00\x01\x1f\x7f\b\f\n\r\t \u2028\u2029ñ中') + ["\U0001F600", "\ud800"]))
VALUE = st.none() | TEXT
ODD = st.integers() | st.integers(min_value=10 ** 30) | st.booleans() | st.floats(
    allow_nan=False, allow_infinity=False)


def _old_hash(prev: str, values) -> str:
    return hashlib.sha256(f"{prev}\n{_old_encode(list(values))}".encode(
        "utf-8", "surrogatepass")).hexdigest()


@settings(max_examples=500, deadline=None)
@given(st.lists(VALUE, min_size=10, max_size=10).map(tuple))
def test_a_row_of_texts_and_nulls_is_the_encoders_text(values):
    assert audit_chain.row_text(values) == _old_encode(list(values))


@settings(max_examples=300, deadline=None)
@given(st.lists(VALUE | ODD, max_size=12))
def test_any_row_is_the_encoders_text(values):
    """Numbers (large ints, floats, booleans) among the values: the same text too."""
    assert audit_chain.row_text(values) == _old_encode(list(values))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.none() | st.text(alphabet=st.characters(exclude_categories=["Cs"])),
                min_size=10, max_size=10), st.text(alphabet="0123456789abcdef", max_size=64))
def test_the_hash_is_unchanged(values, prev):
    assert audit_chain.row_hash(prev, values) == _old_hash(prev, values)


def test_a_known_row_keeps_its_known_hash():
    """A fixed row and the hash the general encoder gave it (so a change of both sides at
    once cannot pass)."""
    row = ("u1", "2026-03-01T10:00:00Z", "Ana \"la\" Núñez", "lap\\1", "form_save", None,
           "q1", "a\nb", "中\x00", None)
    text = ('["u1","2026-03-01T10:00:00Z","Ana \\"la\\" Núñez","lap\\\\1","form_save",null,'
            '"q1","a\\nb","中\\u0000",null]')
    assert audit_chain.row_text(row) == text
    assert audit_chain.row_hash("", row) == hashlib.sha256(
        f"\n{text}".encode("utf-8")).hexdigest()


def _outcome(function, *args):
    try:
        return ("hash", function(*args))
    except Exception as exc:  # noqa: BLE001 - the exception's type is what is compared
        return ("raised", type(exc))


def _row_hash_before_orjson(prev: str, values) -> str:
    """row_hash as it was before it used orjson (the reference)."""
    return hashlib.sha256(f"{prev}\n{audit_chain.row_text(values)}".encode(
        "utf-8")).hexdigest()


@settings(max_examples=1500, deadline=None)
@given(st.lists(VALUE, min_size=10, max_size=10), st.booleans(),
       st.text(alphabet="0123456789abcdef", max_size=64) | TEXT)
def test_the_orjson_hash_of_texts_and_nulls_is_the_old_hash(values, as_tuple, prev):
    """Any unicode text (control characters, quotes, backslashes, U+2028, astral planes,
    lone surrogates): the same hash, or the same exception (a lone surrogate cannot be
    written as UTF-8), whether the row is a tuple or a list."""
    row = tuple(values) if as_tuple else values
    assert _outcome(audit_chain.row_hash, prev, row) == \
        _outcome(_row_hash_before_orjson, prev, row)


@settings(max_examples=500, deadline=None)
@given(st.lists(VALUE | ODD | st.just(2 ** 64) | st.just(-2 ** 63 - 1), max_size=12))
def test_a_row_with_numbers_keeps_the_old_hash(values):
    """orjson writes floats differently (1e+16 against 1e16): a row holding anything but
    texts and nulls is written by the standard library's encoder, as before."""
    assert _outcome(audit_chain.row_hash, "a" * 64, values) == \
        _outcome(_row_hash_before_orjson, "a" * 64, values)


def test_odd_rows_keep_the_old_hash():
    for row in [("x",) * 10, (None,) * 10, ("\ud800",) + ("x",) * 9, (1.0e16, "x"),
                ("\x00\x1f\x7f\u2028\u2029\ufeff\uffff\U0010ffff",), (True, None, 3),
                ({"a": 1},), (["x"],), ()]:
        assert _outcome(audit_chain.row_hash, "", row) == \
            _outcome(_row_hash_before_orjson, "", row)
