"""The merge into an HQ holding no form finds who holds a paper number without a query
(import_merge.HeldNumbers, so a chunk is decided while the writer still writes the one
before): it decides every form as the query does (bundle_store.live_holders), whatever
the chunk size, repeated numbers, deleted forms and rounds."""

from __future__ import annotations

import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.bundle.records import FORM_FIELDS, FormRecord, ROUND_FIELDS, content_sha256
from desktop.services import import_merge
from desktop.services.form_check_child import compact
from desktop.services.import_service import BundleReport
from desktop.services.import_writer import ImportWriter
from desktop.storage import bundle_store
from desktop.storage.database import Database

from test_trust import _hq_project_db

ROUNDS = ("r-1", "r-2")


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """An empty HQ database holding the two rounds."""
    path = _hq_project_db(tmp_path_factory.mktemp("held"))
    db = Database.open(path)
    try:
        sha = db.conn.execute("SELECT sha256 FROM questionnaire").fetchone()[0]
        with db.transaction():
            for uuid in ROUNDS:
                bundle_store.insert_round(db.conn, dict(zip(ROUND_FIELDS, (
                    uuid, f"round {uuid}", "inst", "place", None, None, 10, None, None, sha,
                    "none", 0, "2026-10-05T08:00:00Z"))))
    finally:
        db.close()
    return path


def _form(index: int, round_uuid: str, number: int, status: str) -> tuple:
    text = '{"a":"1"}'
    fields = dict(zip(FORM_FIELDS, (
        f"f-{index:03d}", round_uuid, number, status, "AM", "dev-1", "2026-10-05T08:09:00Z",
        "2026-10-05T08:09:00Z", 1, "gone" if status == "deleted" else None, 3, 1.5)))
    sha = content_sha256(round_uuid, number, status, fields["deleted_reason"], text)
    return compact(FormRecord(fields, text, sha, None, True))


def _merged(path, forms: list[tuple], chunk: int, empty: bool | None) -> tuple:
    db = Database.open(path, check_same_thread=False)  # the writer thread, as the import
    try:
        result = BundleReport("x")
        with db.transaction():
            merger = import_merge.FormMerger(db.conn, result, "dev-1", "b-1",
                                             "2026-10-06T00:00:00Z", False, set(ROUNDS),
                                             ImportWriter(True))
            if empty is not None:
                merger.empty = empty
            with pytest.MonkeyPatch.context() as patch:
                patch.setattr(import_merge, "CHUNK", chunk)
                for form in forms:
                    merger.add(form)
                merger.finish()
            merger.writer.close()
        rows = db.conn.execute("SELECT uuid, round_uuid, form_number, status FROM response "
                               "ORDER BY uuid").fetchall()
        conflicts = db.conn.execute("SELECT response_uuid, reason FROM response_conflict "
                                    "ORDER BY response_uuid").fetchall()
        return ([tuple(r) for r in rows], [tuple(c) for c in conflicts],
                (result.new, result.conflicting))
    finally:
        db.close()


FORMS = st.lists(st.tuples(st.sampled_from(ROUNDS), st.integers(0, 4),
                           st.sampled_from(["entered", "entered", "deleted", "verified"])),
                 max_size=14)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(FORMS, st.integers(1, 5))
def test_held_numbers_decide_as_the_query(tmp_path, template, forms, chunk):
    forms = [_form(i, *spec) for i, spec in enumerate(forms)]
    results = []
    for empty in (None, False):  # None: as the merge finds it (empty), False: the query
        path = tmp_path / f"{empty}-{len(results)}.db"
        shutil.copy(template, path)
        results.append(_merged(path, forms, chunk, empty))
        path.unlink()
    assert results[0] == results[1]


def test_an_empty_hq_takes_the_held_numbers(template, tmp_path, monkeypatch):
    """The merge into an empty HQ asks no query (a spy on live_holders)."""
    monkeypatch.setattr(bundle_store, "live_holders", None)  # called: a TypeError
    path = tmp_path / "hq.db"
    shutil.copy(template, path)
    forms = [_form(i, "r-1", i % 3, "entered") for i in range(7)]
    rows, conflicts, counts = _merged(path, forms, 2, None)
    assert counts == (3, 4) and len(rows) == 3 and {c[1] for c in conflicts} == {"form_number"}
