"""The merge into an HQ holding forms decides a chunk while the writer still writes the one
before (services/import_merge.py): it looks the chunk up on a reader of HQ as it was
before the import's transaction, with the bundle's earlier chunks laid over it from
memory. It must decide exactly as the serial way (wait for the writer, look up the
written state): random bundles (new, edited with or without a base, unchanged, older,
same revision with other content, a paper number another form holds, deleted, moved to
another number or round, into a round of another device) against random HQ states (made
by two earlier bundles of two devices, so HQ holds versions, conflicts, deleted forms),
in chunks of 1 to 4 forms, compared by the report, the merge's audit rows, the refusal,
and every row of the tables the merge writes."""

from __future__ import annotations

import shutil

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from desktop.bundle.errors import BundleError
from desktop.bundle.records import FORM_FIELDS, ROUND_FIELDS, FormRecord, content_sha256
from desktop.services import import_merge
from desktop.services.form_check_child import compact
from desktop.services.import_report import BundleReport
from desktop.services.import_writer import ImportWriter
from desktop.services.round_origin import RoundGate
from desktop.storage import bundle_store, round_origin_store
from desktop.storage.database import Database

from test_trust import _hq_project_db

# r-1 and r-2 were brought by dev-1 (the device of the bundle tested), r-3 by dev-2.
ORIGINS = {"r-1": "dev-1", "r-2": "dev-1", "r-3": "dev-2"}
NOW = "2026-10-06T00:00:00Z"
TABLES = {
    "response": "SELECT * FROM response ORDER BY uuid",
    "form_answers": "SELECT * FROM form_answers ORDER BY response_uuid",
    "response_version": "SELECT response_uuid, revision, sha256 FROM response_version "
                        "ORDER BY response_uuid, revision, sha256",
    "response_conflict": "SELECT * FROM response_conflict ORDER BY id",
}


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """An HQ database holding the three rounds and their origins, no form."""
    path = _hq_project_db(tmp_path_factory.mktemp("overlap"))
    db = Database.open(path)
    try:
        sha = db.conn.execute("SELECT sha256 FROM questionnaire").fetchone()[0]
        with db.transaction():
            for uuid, device in ORIGINS.items():
                bundle_store.insert_round(db.conn, dict(zip(ROUND_FIELDS, (
                    uuid, f"round {uuid}", "inst", "place", None, None, 10, None, None, sha,
                    "none", 0, "2026-10-05T08:00:00Z"))))
                round_origin_store.record_origins(db.conn, [uuid], device, "b-0", NOW)
    finally:
        db.close()
    return path


# A form: (uuid index, round, paper number, deleted, revision, answers variant, base),
# base None or (revision, round, number, deleted, variant) of the version it edits. Small
# ranges, so that uuids, numbers and versions meet often.
_ROUNDS = st.sampled_from(sorted(ORIGINS))
_NUMBERS = st.integers(0, 2)
_BASE = st.none() | st.tuples(st.integers(1, 3), _ROUNDS, _NUMBERS, st.booleans(),
                              st.integers(0, 1))
_FORM = st.tuples(st.integers(0, 7), _ROUNDS, _NUMBERS, st.booleans(),
                  st.integers(1, 3), st.integers(0, 1), _BASE)
BUNDLE = st.lists(_FORM, max_size=12, unique_by=lambda form: form[0])  # records.py: once


def _sha(round_uuid: str, number: int, deleted: bool, variant: int) -> str:
    return content_sha256(round_uuid, number, "deleted" if deleted else "entered",
                          "gone" if deleted else None, f'{{"a":"{variant}"}}')


def _form(spec: tuple, device: str) -> tuple:
    index, round_uuid, number, deleted, revision, variant, base = spec
    fields = dict(zip(FORM_FIELDS, (
        f"f-{index}", round_uuid, number, "deleted" if deleted else "entered", "AM", device,
        "2026-10-05T08:09:00Z", "2026-10-05T08:09:00Z", revision,
        "gone" if deleted else None, 3, 1.5)))
    base = None if base is None else (base[0], _sha(*base[1:]))
    return compact(FormRecord(fields, f'{{"a":"{variant}"}}',
                              _sha(round_uuid, number, deleted, variant), base, True))


def _merge(db: Database, specs: list, device: str, background: bool, chunk: int,
           gated: bool = True, late: bool = False, branch: bool = False) -> tuple:
    """Merge one bundle in its own transaction: (report counts, audit rows, refusal)."""
    result = BundleReport("x")
    refusal = None
    merger = None
    try:
        with db.transaction(), pytest.MonkeyPatch.context() as patch:
            patch.setattr(import_merge, "CHUNK", chunk)
            gate = RoundGate(db.conn, device) if gated else None
            rounds = gate.writable if gated else set(ORIGINS)
            merger = import_merge.FormMerger(db.conn, result, device, f"b-{device}", NOW,
                                             late, rounds, ImportWriter(background), branch,
                                             gate, db.locator)
            try:
                for spec in specs:
                    merger.add(_form(spec, device))
                merger.finish()
            finally:
                merger.close()
                merger.writer.close()
    except BundleError as exc:
        refusal = (exc.kind, exc.sentence)
    return ((result.new, result.updated, result.unchanged, result.conflicting),
            merger.audit if merger else None, refusal)


def _rows(db: Database) -> dict:
    return {name: [tuple(row) for row in db.conn.execute(query)]
            for name, query in TABLES.items()}


@settings(max_examples=400, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(BUNDLE, BUNDLE, BUNDLE, st.integers(1, 4), st.booleans(), st.booleans())
# An update moves f-0 away from number 0 in the first chunk, f-1 takes it in the second.
@example([], [(0, "r-1", 0, False, 1, 0, None)],
         [(0, "r-1", 1, False, 2, 0, None), (1, "r-1", 0, False, 1, 0, None)], 1, False, False)
def test_overlapped_merge_decides_as_the_serial_one(tmp_path, template, first, second,
                                                    bundle, chunk, late, branch):
    outcomes = []
    for background in (False, True):  # the serial way, then the overlapped one
        path = tmp_path / f"hq-{background}.db"
        shutil.copy(template, path)
        db = Database.open(path, check_same_thread=False)  # the writer thread
        try:
            # HQ's state: two earlier bundles, merged the serial way, ungated.
            _merge(db, [s for s in first if s[1] != "r-3"], "dev-1", False, 5, gated=False)
            _merge(db, second, "dev-2", False, 5, gated=False)
            before = _rows(db)
            outcome = _merge(db, bundle, "dev-1", background, chunk, late=late,
                             branch=branch)
            outcomes.append((outcome, _rows(db), before))
        finally:
            db.close()
        path.unlink()
    assert outcomes[0] == outcomes[1]


def test_the_overlapped_merge_reads_hq_beside_the_writer(tmp_path, template, monkeypatch):
    """Into an HQ holding forms, with a writer thread and a file, the merge never waits for
    the writer before a chunk (a spy on ImportWriter.wait: only `finish` waits), and the
    bundle's own earlier chunks are seen: a number its first chunk took is a conflict in
    its second, a number its first chunk moved away from is free in its second."""
    path = tmp_path / "hq.db"
    shutil.copy(template, path)
    db = Database.open(path, check_same_thread=False)
    try:
        _merge(db, [(0, "r-1", 0, False, 1, 0, None)], "dev-1", False, 5)  # f-0 holds 0
        waits = []
        original = ImportWriter.wait
        monkeypatch.setattr(ImportWriter, "wait",
                            lambda self: waits.append(len(self._pending)) or original(self))
        counts, audit, refusal = _merge(db, [
            (0, "r-1", 1, False, 2, 1, None),  # f-0 moves from 0 to 1: an update
            (1, "r-1", 2, False, 1, 0, None),  # f-1 takes 2
            (2, "r-1", 0, False, 1, 0, None),  # chunk 2: 0 is free again
            (3, "r-1", 2, False, 1, 0, None),  # 2 is f-1's: a conflict
        ], "dev-1", True, 2)
        assert refusal is None
        assert counts == (2, 1, 0, 1)
        assert [row[:2] for row in audit] == [("import_update", "f-0"),
                                              ("import_conflict", "f-3")]
        assert len(waits) == 1  # merger.finish's (writer.close does not call wait)
        holders = dict(((r, n), u) for u, r, n in db.conn.execute(
            "SELECT uuid, round_uuid, form_number FROM response"))
        assert holders == {("r-1", 1): "f-0", ("r-1", 2): "f-1", ("r-1", 0): "f-2"}
    finally:
        db.close()


@pytest.mark.parametrize("background", [False, True])
def test_a_form_deleted_and_keyed_again_in_one_chunk_is_merged(tmp_path, template,
                                                                 background):
    """The laptop deleted form f-0 (paper number 0) and keyed the paper again as f-1: both
    in one chunk, the update that frees the number is written before the new form that
    takes it (the other way round broke the unique number index, and HQ refused the
    genuine bundle as tampered)."""
    path = tmp_path / "hq.db"
    shutil.copy(template, path)
    db = Database.open(path, check_same_thread=False)
    try:
        _merge(db, [(0, "r-1", 0, False, 1, 0, None)], "dev-1", False, 5)
        counts, _, refusal = _merge(db, [(0, "r-1", 0, True, 2, 0, None),
                                         (1, "r-1", 0, False, 1, 1, None)],
                                    "dev-1", background, 5)
        assert refusal is None and counts == (1, 1, 0, 0)
        assert [tuple(r) for r in db.conn.execute(
            "SELECT uuid, status FROM response ORDER BY uuid")] == [
            ("f-0", "deleted"), ("f-1", "entered")]
    finally:
        db.close()


def test_no_second_connection_merges_the_serial_way(tmp_path, template, monkeypatch):
    """A file a second connection cannot open (here: a reader refused) is merged the
    serial way, with the same result, instead of failing the import."""
    from desktop.storage import snapshot_reader
    path = tmp_path / "hq.db"
    shutil.copy(template, path)

    def refused(*args, **kwargs):
        raise snapshot_reader.DriverError[0]("unable to open database file")

    monkeypatch.setattr(snapshot_reader, "connect_raw", refused)
    db = Database.open(path, check_same_thread=False)
    try:
        _merge(db, [(0, "r-1", 0, False, 1, 0, None)], "dev-1", False, 5)
        counts, _, refusal = _merge(db, [(0, "r-1", 1, False, 2, 1, None),
                                         (1, "r-1", 0, False, 1, 0, None)], "dev-1", True, 1)
        assert refusal is None and counts == (1, 1, 0, 0)
    finally:
        db.close()
