"""`riskmap check` parses each stored answers row once (services/check_service.py): the
snapshot check counts the damage in the live forms not written since, and only the other
rows (deleted forms, forms written since the snapshot, every row when there is no
snapshot) are read again. Each kind of damage, planted in each kind of form, with and
without a snapshot, must be found exactly once, with the right count and first form."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from desktop.domain import answers_json
from desktop.domain.answers_tally import MALFORMED, NOT_TEXT, UNKNOWN, AnswersTally
from desktop.services import analysis_table, check_service
from desktop.services.workspace import open_database

from check_helpers import analysed_project

DAMAGE = {  # kind -> (SQL expression of the damaged text, the finding's key)
    "malformed": ("substr(answers, 1, length(answers) - 1)", MALFORMED),
    "not an object": ("'[\"1\", \"2\"]'", MALFORMED),
    "empty text": ("''", MALFORMED),
    "not text": ("json_set(answers, '$.r01_likelihood', 3)", NOT_TEXT),
    "unknown question": ("json_set(answers, '$.no_such_question', '1')", UNKNOWN),
}
PLACES = ("live unchanged", "deleted", "written since")


@pytest.fixture(scope="module")
def clean_db(tmp_path_factory):
    return analysed_project(tmp_path_factory.mktemp("check_once") / "clean.db", 30, seed=7)


@pytest.fixture
def db(clean_db, tmp_path):
    copy = tmp_path / "damaged.db"
    shutil.copy(clean_db, copy)
    return copy


def _uuids(path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [u for (u,) in conn.execute(
            "SELECT response_uuid FROM form_answers ORDER BY response_uuid")]
    finally:
        conn.close()


def _plant(path, uuid: str, expression: str, place: str) -> None:
    """Damage `uuid`'s answers; "written since": the triggers mark it written after the
    snapshot. Otherwise the snapshot is taken again after the damage (as --repair does),
    so the form is unchanged since it; "deleted": deleted before that."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute(f"UPDATE form_answers SET answers = {expression} WHERE response_uuid = ?",
                 (uuid,))
    if place == "deleted":
        conn.execute("UPDATE response SET status = 'deleted' WHERE uuid = ?", (uuid,))
    conn.close()
    if place != "written since":
        db = open_database(path)
        try:
            analysis_table.repair_database(db.conn)
        finally:
            db.close()


def _drop_snapshot(path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("DELETE FROM analysis_snapshot")
    conn.close()


def _answer_findings(path) -> tuple[dict, object]:
    result = check_service.check_project(path)
    found = {f.key: f.params for f in result.report.findings
             if f.key.startswith("out.check_finding_answers")}
    return found, result.snapshot


@pytest.mark.parametrize("with_snapshot", [True, False], ids=["snapshot", "no snapshot"])
@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("kind", list(DAMAGE))
def test_each_damage_in_each_form_is_found_once(db, kind, place, with_snapshot):
    expression, key = DAMAGE[kind]
    uuid = _uuids(db)[5]
    _plant(db, uuid, expression, place)
    if not with_snapshot:
        _drop_snapshot(db)
    found, snapshot = _answer_findings(db)
    assert list(found) == [key]
    assert found[key]["n"] == 1 and found[key]["uuid"] == uuid
    if key == UNKNOWN:
        assert found[key]["question"] == "no_such_question"
    if with_snapshot:
        # The live unchanged form was counted by the snapshot check, not read again.
        assert snapshot.read_all and snapshot.ok
    if not with_snapshot:
        assert snapshot.key == "out.check_analysis_none" and not snapshot.read_all


@pytest.mark.parametrize("with_snapshot", [True, False], ids=["snapshot", "no snapshot"])
@pytest.mark.parametrize("kind", list(DAMAGE))
def test_the_same_damage_in_every_kind_of_form_is_counted_once_each(db, kind,
                                                                     with_snapshot):
    """One form of each place (planted in the order that leaves each where it is): the
    count is three and the first is the least uuid, whichever part counted it."""
    expression, key = DAMAGE[kind]
    uuids = _uuids(db)
    live, deleted, written = uuids[9], uuids[2], uuids[20]
    _plant(db, deleted, expression, "deleted")
    _plant(db, live, expression, "live unchanged")
    _plant(db, written, expression, "written since")
    if not with_snapshot:
        _drop_snapshot(db)
    found, snapshot = _answer_findings(db)
    assert list(found) == [key]
    assert found[key]["n"] == 3 and found[key]["uuid"] == deleted
    if with_snapshot:
        assert snapshot.read_all and snapshot.params["written"] == 1


def test_every_kind_at_once_in_different_forms(db):
    uuids = _uuids(db)
    _plant(db, uuids[4], DAMAGE["unknown question"][0], "deleted")
    _plant(db, uuids[1], DAMAGE["not text"][0], "live unchanged")
    _plant(db, uuids[3], DAMAGE["unknown question"][0], "live unchanged")
    _plant(db, uuids[7], DAMAGE["malformed"][0], "written since")
    _plant(db, uuids[0], DAMAGE["not text"][0], "written since")
    found, snapshot = _answer_findings(db)
    assert snapshot.read_all
    assert found[MALFORMED] == {"n": 1, "uuid": uuids[7]}
    assert found[NOT_TEXT] == {"n": 2, "uuid": uuids[0]}
    assert found[UNKNOWN] == {"n": 2, "uuid": uuids[3], "question": "no_such_question"}


def test_an_answers_row_of_no_form_is_read_once(db):
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("INSERT INTO form_answers VALUES ('00000000-orphan', '{\"zz\":\"1\"}')")
    conn.close()
    found, snapshot = _answer_findings(db)
    assert snapshot.read_all
    assert found == {UNKNOWN: {"n": 1, "uuid": "00000000-orphan", "question": "zz"}}


ROWS = [("a", '{"q1":"1"}'), ("b", None), ("c", ""), ("d", "[1]"), ("e", '{"q1":2}'),
        ("f", '{"q9":"x","q1":"1"}'), ("g", '{"q1"'), ("h", b'{"q1":"1"}'),
        ("i", b"\xff"), ("j", "[" * 100_000), ("k", '{"q9":1}'), ("l", "{}")]


@pytest.mark.parametrize("start", range(0, len(ROWS), 3))
def test_a_parsed_chunk_counts_as_its_texts_parsed_one_by_one(start):
    rows = ROWS[start:] + ROWS[:start]
    one_by_one = AnswersTally({"q1"})
    for uuid, text in rows:
        if text is not None:
            one_by_one.add(uuid, text)
    in_bulk = AnswersTally({"q1"})
    texts = [t for _, t in rows]
    in_bulk.add_parsed([u for u, _ in rows], texts, answers_json.parsed_many(texts))
    assert in_bulk.findings() == one_by_one.findings()
    assert one_by_one.findings() == [(MALFORMED, {"n": 5, "uuid": "c"}),
                                     (NOT_TEXT, {"n": 2, "uuid": "e"}),
                                     (UNKNOWN, {"n": 2, "uuid": "f", "question": "q9"})]


def test_a_clean_chunk_is_judged_without_a_row_by_row_look():
    texts = ['{"q1":"1","q2":"x"}', None, '{}']
    tally = AnswersTally({"q1", "q2"})
    tally.add_parsed(["a", "b", "c"], texts, answers_json.parsed_many(texts))
    assert tally.findings() == []
