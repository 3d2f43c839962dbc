"""ResponsesHash (the import's rebuilt responses.csv) hashes exactly the bytes the export's
CsvWriter writes for the same rows, whether a row takes its quick joined line or the
general writer: quoting, formula guards, missing answers and numbers included."""

from __future__ import annotations

import hashlib
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.bundle.csv_export import BOM, CsvWriter
from desktop.bundle.records import FORM_FIELDS
from desktop.services.responses_hash import FLUSH_ROWS, ResponsesHash

QUESTIONS = ("q1", "q2", "q3")
TEXT = st.text(alphabet=st.sampled_from(list('ab1,"\n\r=+-@\t ñ\'') + ["中"]), max_size=6)


def _json(answers) -> str:
    """The answers' text as a record carries it (compact: what the writer's guard reads)."""
    return json.dumps(answers, ensure_ascii=False, separators=(",", ":"))


def _reference(rows) -> str:
    writer = CsvWriter(QUESTIONS)
    for fixed, answers in rows:
        writer.add(fixed, answers, _json(answers))
    return hashlib.sha256(writer.to_bytes()).hexdigest()


def _rebuilt(rows) -> str:
    rebuilt = ResponsesHash(QUESTIONS)
    for fixed, answers in rows:
        rebuilt.add(fixed, answers, _json(answers))
    return rebuilt.hexdigest()


def _rebuilt_from_records(rows) -> str:
    """The import's way: each row as the record's FORM_FIELDS values (`add_form`)."""
    rebuilt = ResponsesHash(QUESTIONS)
    for fixed, answers in rows:
        fields = dict(zip(("round_uuid", "uuid", "form_number", "status", "operator",
                           "device", "created", "updated", "revision", "deleted_reason"),
                          fixed[1:]), keystrokes=3, entry_seconds=1.5)
        rebuilt.add_form(fixed[0], tuple(fields[name] for name in FORM_FIELDS), answers,
                         _json(answers))
    return rebuilt.hexdigest()


def _fixed(name, number, operator, reason):
    return (name, "r-1", "u-1", number, "entered", operator, "dev", "2026-01-01T10:00:00Z",
            "2026-01-01T10:00:00Z", 2, reason)


def test_plain_and_awkward_rows_hash_as_the_export_writes_them():
    rows = [(_fixed("Round 1", 7, "ana", None), {"q1": "1", "q2": "2", "q3": "3"}),
            (_fixed("Round, 1", 8, "ana", "typo"), {"q1": "1"}),
            (_fixed("=HYPERLINK(x)", 9, "-ana", "a \"quoted\" reason"), {"q2": "-1"}),
            (_fixed("R", 10, "ana", ""), {"q1": "=1+2", "q2": "two\nlines", "q3": "@x"}),
            (_fixed("R", 11, "ana", None), {"q1": "-2.5", "q2": "", "q3": "\tx"}),
            (_fixed("Ronda ñ", 12, "José", None), {"q3": "中文"})]
    assert _rebuilt(rows) == _reference(rows)
    assert _rebuilt_from_records(rows) == _reference(rows)


def test_every_formula_start_after_a_comma_is_guarded():
    """Each cell that starts a formula, anywhere in the row, takes the general writer
    (its guard changes the bytes): found by one search of the joined row."""
    for mark in ("=", "+", "-", "@", "\t"):
        for answers in ({"q1": mark + "1"}, {"q2": mark}, {"q3": "x" + mark, "q1": mark}):
            rows = [(_fixed("R", 1, "ana", None), {"q1": "1"}),
                    (_fixed("R", 2, "ana", None), answers)]
            reference = _reference(rows)
            assert _rebuilt(rows) == reference, (mark, answers)
            assert _rebuilt_from_records(rows) == reference, (mark, answers)


def test_many_rows_across_the_hash_flushes():
    rows = [(_fixed("R", n, "ana", None), {"q1": str(n % 5), "q3": "x"})
            for n in range(FLUSH_ROWS * 2 + 3)]
    assert _rebuilt(rows) == _reference(rows)
    assert _rebuilt_from_records(rows) == _reference(rows)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(TEXT, st.integers(0, 10 ** 6), TEXT, st.none() | TEXT,
                          st.dictionaries(st.sampled_from(QUESTIONS), TEXT)),
                max_size=8))
def test_any_rows_hash_as_the_export_writes_them(cases):
    rows = [(_fixed(name or "R", number, operator or "op", reason), answers)
            for name, number, operator, reason, answers in cases]
    assert _rebuilt(rows) == _reference(rows)
    assert _rebuilt_from_records(rows) == _reference(rows)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["R", "R,1"]), st.integers(0, 99),
                          st.dictionaries(st.sampled_from(QUESTIONS),
                                          st.sampled_from(["1", "2", "=1", "a,b", "-"]))),
                min_size=1, max_size=14))
def test_quick_and_general_rows_keep_their_order_across_flushes(cases):
    """Quick rows wait in a list; a general row, a flush (every 3 rows here) and the end
    each hand them over first, so the rows stay in order."""
    from unittest import mock

    from desktop.services import responses_hash
    rows = [(_fixed(name, number, "op", None), answers) for name, number, answers in cases]
    with mock.patch.object(responses_hash, "FLUSH_ROWS", 3):
        assert _rebuilt(rows) == _reference(rows)
        assert _rebuilt_from_records(rows) == _reference(rows)


def test_a_row_starting_a_formula_after_plain_rows_is_guarded():
    """Rows are tested together (`_plain_rows`): a formula's start at the start of any
    row, the first or a later one, still takes the general writer."""
    for mark in ("=", "+", "-", "@", "\t"):
        for at in (0, 1, 3):
            rows = [(_fixed("R", n, "ana", None), {"q1": "1"}) for n in range(4)]
            rows[at] = (_fixed(mark + "R", at, "ana", None), {"q1": "1"})
            reference = _reference(rows)
            assert _rebuilt_from_records(rows) == reference, (mark, at)
            assert _rebuilt(rows) == reference, (mark, at)
