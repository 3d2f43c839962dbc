"""The streamed import (records read a line at a time, forms merged in chunks on a writer
thread, audit rows checked and written in chunks) refuses exactly what the checks refuse,
wherever in the bundle the bad record sits: before, on and after a chunk boundary, in the
last chunk still being written when the refusal comes; and a refusal leaves HQ
byte-identical. Chunk sizes are made small so a 30-form bundle spans many chunks; one test
uses a 5,000-form bundle with the real chunk size."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.bundle import bundle_reader
from desktop.bundle.manifest import AUDIT
from desktop.services import import_audit, import_merge, import_service
from desktop.services.demo_service import fill_demo
from desktop.services.export_service import export_bundle
from desktop.services.import_service import import_bundles
from desktop.services.project import Project
from desktop.storage.database import Database

from bundle_helpers import db_state, resigned
from test_trust import _forms, _hq_project_db, _members, _seal, _set_form
from trust_helpers import enrol_fingerprints


@pytest.fixture
def small_chunks(monkeypatch):
    """Forms merged 4 at a time, audit rows 3 at a time, lines decoded 100 bytes at a time."""
    monkeypatch.setattr(import_merge, "CHUNK", 4)
    monkeypatch.setattr(import_audit, "AUDIT_CHUNK", 3)
    monkeypatch.setattr(bundle_reader, "_LINES_CHUNK", 100)


@pytest.fixture
def hq(tmp_path, field_key):
    path = _hq_project_db(tmp_path)
    enrol_fingerprints(path, field_key.fingerprint)
    return path


def _counts(path) -> tuple[int, int, int]:
    db = Database.open(path)
    try:
        return tuple(db.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                     for table in ("response", "answer", "response_version"))
    finally:
        db.close()


def _refused(hq, keys, path) -> import_service.BundleReport:
    before = db_state(hq)
    (result,) = import_bundles(hq, keys.identity_path, [path]).bundles
    assert result.status == "refused"
    assert db_state(hq) == before
    return result


@pytest.mark.parametrize("index", [0, 3, 4, 5, 17, 28, 29])
def test_one_bad_answer_anywhere_refuses_naming_form_and_question(
        tmp_path, small_chunks, bundle, hq_keys, field_key, hq, index):
    members = _members(bundle, hq_keys)
    form = _set_form(members, index, lambda answers: answers.__setitem__("institution", "999"))
    forged = _seal(members, hq_keys, field_key, tmp_path / "bad.zip.age")
    result = _refused(hq, hq_keys, forged)
    assert result.refusal == "bad_answer"
    assert f"Form {form['form_number']} " in result.message and "institution" in result.message


def test_small_chunks_import_everything_the_whole_bundle_does(tmp_path, small_chunks, bundle,
                                                              hq_keys, field_key, hq):
    (result,) = import_bundles(hq, hq_keys.identity_path, [bundle]).bundles
    assert result.status == "imported" and result.new == 30
    assert result.audit_added == len(_members(bundle, hq_keys)[AUDIT].split(b"\n")) - 1
    responses, answers, versions = _counts(hq)
    expected = sum(len(f["answers"]) for f in _forms(_members(bundle, hq_keys)))
    assert (responses, answers, versions) == (30, expected, 30)
    again = import_bundles(hq, hq_keys.identity_path, [bundle]).bundles[0]
    assert again.status == "replay"


@pytest.mark.parametrize("where", [2, 3, 4, 8])
def test_audit_chain_broken_at_a_chunk_boundary_is_refused(tmp_path, small_chunks, bundle,
                                                           hq_keys, field_key, hq, where):
    members = _members(bundle, hq_keys)
    lines = [line for line in members[AUDIT].split(b"\n") if line]
    lines[where], lines[where + 1] = lines[where + 1], lines[where]
    members[AUDIT] = b"\n".join(lines) + b"\n"
    forged = _seal(members, hq_keys, field_key, tmp_path / "audit.zip.age")
    assert _refused(hq, hq_keys, forged).refusal == "audit_chain"


def test_a_record_broken_after_chunks_were_written_is_refused(tmp_path, small_chunks, bundle,
                                                              hq_keys, field_key, hq):
    members = _members(bundle, hq_keys)
    lines = members[RECORDS_NAME].decode().split("\n")
    last = max(i for i, line in enumerate(lines) if '"type":"form"' in line)
    data = json.loads(lines[last])
    lines[last] = lines[last].replace(f'"keystrokes":{data["keystrokes"]}', '"keystrokes":"x"')
    members[RECORDS_NAME] = "\n".join(lines).encode()
    forged = _seal(members, hq_keys, field_key, tmp_path / "late.zip.age")
    assert _refused(hq, hq_keys, forged).refusal == "tampered"


RECORDS_NAME = "records.jsonl"


@settings(max_examples=6, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(chunk=st.integers(1, 31), index=st.integers(0, 29),
       damage=st.sampled_from(["none", "code", "unknown", "text"]))
def test_fast_path_and_checks_agree(tmp_path_factory, bundle, hq_keys, field_key, chunk, index,
                                    damage):
    """Whatever the chunk size, the streamed import refuses a bundle exactly when one of
    its answers breaks a rule, naming that form; otherwise it merges every form."""
    folder = tmp_path_factory.mktemp("case")
    hq = _hq_project_db(folder)
    enrol_fingerprints(hq, field_key.fingerprint)
    saved = import_merge.CHUNK
    import_merge.CHUNK = chunk
    try:
        path = bundle
        form = None
        if damage != "none":
            members = _members(bundle, hq_keys)
            change = {"code": ("institution", "999"), "unknown": ("no_such_question", "1"),
                      "text": ("r01_likelihood", "abc")}[damage]
            form = _set_form(members, index, lambda answers: answers.__setitem__(*change))
            path = _seal(members, hq_keys, field_key, folder / "case.zip.age")
        if form is None:
            (result,) = import_bundles(hq, hq_keys.identity_path, [path]).bundles
            assert result.status == "imported" and result.new == 30
        else:
            result = _refused(hq, hq_keys, path)
            assert result.refusal == "bad_answer"
            assert f"Form {form['form_number']} " in result.message
    finally:
        import_merge.CHUNK = saved


def test_one_bad_answer_among_5000_good_forms(tmp_path, hq_keys, field_key, hq):
    """The real chunk size: the bad form is the last one, read while earlier chunks were
    already written by the writer thread; the refusal rolls them all back."""
    field = tmp_path / "big" / "field.db"
    project = Project.open(field)
    fill_demo(project, 5000, seed=5)
    project.close()
    out = tmp_path / "big-out"
    out.mkdir()
    good = export_bundle(field, field_key, [hq_keys.recipient], out, full=True).path
    members = _members(good, hq_keys)
    form = _set_form(members, 4999, lambda answers: answers.__setitem__("institution", "999"))
    forged = _seal(members, hq_keys, field_key, tmp_path / "bad5000.zip.age")
    result = _refused(hq, hq_keys, forged)
    assert result.refusal == "bad_answer"
    assert f"Form {form['form_number']} " in result.message and "institution" in result.message
    assert _counts(hq)[0] == 0
    (imported,) = import_bundles(hq, hq_keys.identity_path, [good]).bundles
    assert imported.status == "imported" and imported.new == 5000
    assert _counts(hq)[0] == 5000


@pytest.mark.parametrize("where", [1, 4, 9])
def test_an_audit_row_the_database_refuses_on_the_writer_thread_rolls_back(
        tmp_path, small_chunks, bundle, hq_keys, field_key, hq, where):
    """A row whose hash chain verifies but whose uuid repeats an earlier row's: the chain
    check passes it and the database refuses it while the writer thread writes its chunk
    (the next chunks are already being read); the import is refused, HQ unchanged."""
    from desktop.storage.audit_chain import AUDIT_FIELDS, row_hash
    members = _members(bundle, hq_keys)
    rows = [json.loads(line) for line in members[AUDIT].split(b"\n") if line]
    device = rows[where]["device"]
    first = next(r for r in rows if r["device"] == device)
    assert first is not rows[where]
    rows[where]["uuid"] = first["uuid"]
    previous: dict[str, str] = {}
    for row in rows:  # the chain made good again after the change
        row["prev_hash"] = previous.get(row["device"], "")
        row["hash"] = row_hash(row["prev_hash"], [row[name] for name in AUDIT_FIELDS])
        previous[row["device"]] = row["hash"]
    members[AUDIT] = b"".join(json.dumps(row, sort_keys=True, ensure_ascii=False,
                                         separators=(",", ":")).encode() + b"\n"
                              for row in rows)
    forged = _seal(members, hq_keys, field_key, tmp_path / "dup.zip.age")
    assert _refused(hq, hq_keys, forged).refusal == "tampered"


def _unsealed(bundle, keys, device_key, path, change):
    """The bundle with its members changed by `change(members)` and its manifest (the
    sha256 of every member) kept as signed: what a tamperer without the device key makes."""
    members = _members(bundle, keys)
    change(members)
    return resigned(members, keys, device_key, path)


def _change_last_form(members):
    """records.jsonl's last form with one more keystroke: still a valid record (the count
    is outside the content hash), so only the member's sha256 tells."""
    lines = members[RECORDS_NAME].decode().split("\n")
    last = max(i for i, line in enumerate(lines) if '"type":"form"' in line)
    data = json.loads(lines[last])
    lines[last] = lines[last].replace(f'"keystrokes":{data["keystrokes"]}',
                                      f'"keystrokes":{data["keystrokes"] + 1}')
    members[RECORDS_NAME] = "\n".join(lines).encode()


def _change_csv_last_row(members):
    members["responses.csv"] = members["responses.csv"].rstrip(b"\r\n") + b" \r\n"


@pytest.mark.parametrize("change", [_change_last_form, _change_csv_last_row])
def test_a_member_changed_at_its_end_is_refused_after_rows_were_written(
        tmp_path, small_chunks, bundle, hq_keys, field_key, hq, monkeypatch, change):
    """The members are hashed as they are streamed: a change in the last form of
    records.jsonl (or in responses.csv, which is hashed last) is found after chunks of
    forms were written; the transaction rolls back, HQ is byte-identical and the refusal
    is the sentence of a member that differs from the signed manifest."""
    from desktop.bundle.errors import MESSAGES
    from desktop.storage import bundle_store
    written = []
    real = bundle_store.insert_forms

    def spy(conn, rows, answers, canonical=False):
        written.append(len(rows))
        real(conn, rows, answers, canonical)
    monkeypatch.setattr(bundle_store, "insert_forms", spy)
    forged = _unsealed(bundle, hq_keys, field_key, tmp_path / "end.zip.age", change)
    result = _refused(hq, hq_keys, forged)
    assert result.refusal == "tampered" and result.message == MESSAGES["tampered"]
    assert sum(written) >= 28  # all but the last chunk (of 2) written before the end
    assert _counts(hq) == (0, 0, 0)


def test_a_changed_member_is_refused_as_tampered_whatever_else_it_breaks(
        tmp_path, small_chunks, bundle, hq_keys, field_key, hq):
    """A bad answer in a records.jsonl that differs from the signed manifest: refused as
    "tampered" (the member's hash), as when every hash was checked before any record,
    not as the bad answer the stream meets first."""
    def bad_answer(members):
        _set_form(members, 2, lambda answers: answers.__setitem__("institution", "999"))
    forged = _unsealed(bundle, hq_keys, field_key, tmp_path / "bad.zip.age", bad_answer)
    assert _refused(hq, hq_keys, forged).refusal == "tampered"
    resealed = _seal(_members(forged, hq_keys), hq_keys, field_key, tmp_path / "ok.zip.age")
    assert _refused(hq, hq_keys, resealed).refusal == "bad_answer"
