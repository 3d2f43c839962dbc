"""One answers row per form (schema_steps.V15_FORM_ANSWERS): the canonical text and its
fast test, the per-form writes of an edit, and the dashboard's dirty marks."""

from __future__ import annotations

import json
import sqlite3

import pytest

from desktop.domain import answers_json
from desktop.storage import response_store
from desktop.storage.migrations import migrate
from desktop.storage.response_store import ResponseRow


@pytest.fixture
def conn():
    conn = sqlite3.connect(":memory:", isolation_level=None)
    migrate(conn, None)
    conn.execute("PRAGMA foreign_keys = OFF")
    return conn


@pytest.mark.parametrize("text, canonical", [
    ('{}', True),
    ('{"a":"1"}', True),
    ('{"":"","a":"ñ 中文 🙂","b":"x y"}', True),
    ('{"a","b"}', False),                 # not pairs
    ('{"a","b":"c":"d"}', False),         # pairs out of step
    ('{"b":"1","a":"2"}', False),         # keys out of order
    ('{"a":"1","a":"2"}', False),         # a key twice
    ('{"a": "1"}', False),                # not compact
    ('{"a":"\\n"}', False),               # an escape: parsed, then judged
    ('{"a":1}', False),                   # not a text
    ('{"a":"1"} ', False),
])
def test_the_fast_test_of_the_canonical_text(text, canonical):
    assert answers_json.is_canonical(text) is canonical


@pytest.mark.parametrize("text", ['{"b": "1", "a": "\\u00f1"}', '{"a":"\\n"}', '{"a":"1"}'])
def test_normalised_is_the_encoders_text(text):
    assert answers_json.normalised(text) == answers_json.canonical(json.loads(text))


@pytest.mark.parametrize("text", ['{"a":1}', '["a"]', '{"a":"1"', '"a"'])
def test_normalised_refuses_what_is_not_an_object_of_texts(text):
    with pytest.raises(ValueError):
        answers_json.normalised(text)


def _row(uuid: str) -> ResponseRow:
    return ResponseRow(uuid, "round", int(uuid[1:]), "entered", "op", "dev", "t", "t")


def test_an_edit_rewrites_the_forms_text_and_marks_it(conn):
    response_store.insert_response(conn, _row("f1"), {"b": "2", "a": "1"})
    response_store.insert_response(conn, _row("f2"), {})
    assert conn.execute("SELECT response_uuid, answers FROM form_answers").fetchall() == [
        ("f1", '{"a":"1","b":"2"}')]  # a form without answers has no row
    conn.execute("DELETE FROM analysis_dirty")
    response_store.replace_answers(conn, "f1", {"a": None, "c": 'say "hi"'})
    assert conn.execute("SELECT answers FROM form_answers").fetchone()[0] == \
        '{"b":"2","c":"say \\"hi\\""}'
    assert response_store.answers_of(conn, "f1") == {"b": "2", "c": 'say "hi"'}
    assert conn.execute("SELECT response_uuid FROM analysis_dirty").fetchall() == [("f1",)]
    conn.execute("DELETE FROM analysis_dirty")
    response_store.replace_answers(conn, "f2", {"a": "5"})  # a first answer: a new row
    response_store.replace_answers(conn, "f1", {"b": None, "c": None})  # the last one gone
    assert conn.execute("SELECT response_uuid, answers FROM form_answers").fetchall() == [
        ("f2", '{"a":"5"}')]
    # f2's first answer: its response row is written first (V16_DASH_BEFORE), marking it
    assert conn.execute("SELECT response_uuid FROM analysis_dirty ORDER BY 1").fetchall() \
        == [("f1",), ("f2",)]
    assert conn.execute("SELECT * FROM answer").fetchall() == [("f2", "a", "5")]
