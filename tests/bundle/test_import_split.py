"""A large bundle's forms are checked by the import's checking process (services/
import_split.py); a field team's bundle in-process. Both paths must write the same HQ
database and refuse the same hostile bundles with the same kind and sentence, leaving HQ
unchanged, and no checking process may outlive a refusal, an exception or Ctrl+C. The
threshold is set to 0 here so a 30-form bundle takes the split path."""

from __future__ import annotations

import itertools
import json
import multiprocessing
import os
import shutil

import pytest

from desktop.bundle.manifest import AUDIT, MANIFEST, RECORDS
from desktop.services import import_audit, import_service, import_split
from desktop.services.import_service import import_bundles

from bundle_helpers import db_state, resigned
from test_trust import _hq_project_db, _members, _seal, _set_form
from trust_helpers import enrol_fingerprints

PATHS = ("in-process", "split")


@pytest.fixture
def started(monkeypatch):
    """The pid of every checking process started (the real start, spied on)."""
    pids: list[int] = []
    real = import_split.FormChecker._start

    def spy(self):
        real(self)
        pids.append(self.pid)
    monkeypatch.setattr(import_split.FormChecker, "_start", spy)
    return pids


def _use(monkeypatch, path: str) -> None:
    monkeypatch.setattr(import_split, "SPLIT_MIN_FORMS", 0 if path == "split" else 10 ** 9)


@pytest.fixture
def fixed_clock(monkeypatch):
    """HQ's own times made repeatable (and its audit uuids, by each test), so two imports
    compare equal."""
    from desktop.storage import audit_store
    monkeypatch.setattr(import_service, "utc_now", lambda: "2026-12-01T00:00:00.000000Z")
    monkeypatch.setattr(audit_store, "utc_now", lambda: "2026-12-01T00:00:00.000000Z")


def _hq(tmp_path, name, field_key):
    folder = tmp_path / name
    folder.mkdir()
    path = _hq_project_db(folder)
    enrol_fingerprints(path, field_key.fingerprint)
    return path


def _dump(path) -> list[str]:
    from sqlite3.dump import _iterdump

    from desktop.storage.connection import connect_raw
    from desktop.storage.database import DatabaseLocator
    conn = connect_raw(path, DatabaseLocator.of(path).key)
    try:
        return list(_iterdump(conn))
    finally:
        conn.close()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _no_checker_left(pids) -> None:
    assert not [p for p in multiprocessing.active_children()
                if p.name == "riskmap-import-check"]
    assert not [pid for pid in pids if _alive(pid)]


@pytest.mark.parametrize("audit_chunk", [None, 3])
def test_both_paths_write_the_same_database(tmp_path, monkeypatch, bundle, hq_keys,
                                            field_key, fixed_clock, started, audit_chunk):
    """With 3 audit rows a chunk, the split path checks and writes the chain a chunk at a
    time between the forms (whenever none is waiting): the same rows, in the same order."""
    if audit_chunk:
        monkeypatch.setattr(import_audit, "AUDIT_CHUNK", audit_chunk)
    empty = _hq(tmp_path, "empty", field_key)
    before = _dump(empty)
    dumps, reports = {}, {}
    for path in PATHS:
        _use(monkeypatch, path)
        hq = tmp_path / f"{path}.db"
        shutil.copy(empty, hq)
        monkeypatch.setattr("desktop.storage.audit_store.new_uuid", _counter_uuids())
        imported = import_bundles(hq, hq_keys.identity_path, [bundle])
        (result,) = imported.bundles
        assert result.status == "imported" and result.new == 30, result.message
        assert imported.checked_apart == (path == "split")
        reports[path] = result
        again = import_bundles(hq, hq_keys.identity_path, [bundle]).bundles[0]
        assert again.status == "replay"
        dumps[path] = _dump(hq)
    assert len(started) == 1  # only the split path started a checking process
    assert dumps["split"] == dumps["in-process"]
    assert dumps["split"] != before
    assert sum(line.startswith('INSERT INTO "form_answers"') for line in dumps["split"]) == 30
    assert reports["split"] == reports["in-process"]
    _no_checker_left(started)


def _counter_uuids():
    counter = itertools.count()
    return lambda: f"00000000-0000-7000-8000-{next(counter):012d}"


# -- hostile bundles ------------------------------------------------------------------
def _tampered_member(members, keys, key, path):
    """records.jsonl changed after signing (its sha256 no longer the manifest's)."""
    lines = members[RECORDS].decode().split("\n")
    last = max(i for i, line in enumerate(lines) if '"type":"form"' in line)
    data = json.loads(lines[last])
    lines[last] = lines[last].replace(f'"keystrokes":{data["keystrokes"]}',
                                      f'"keystrokes":{data["keystrokes"] + 1}')
    members[RECORDS] = "\n".join(lines).encode()
    return resigned(members, keys, key, path)


def _tampered_csv(members, keys, key, path):
    """responses.csv changed after signing (the checking process hashes that member)."""
    members["responses.csv"] = members["responses.csv"].rstrip(b"\r\n") + b" \r\n"
    return resigned(members, keys, key, path)


def _bad_answer(members, keys, key, path):
    _set_form(members, 17, lambda answers: answers.__setitem__("institution", "999"))
    return _seal(members, keys, key, path)


def _out_of_range_unconfirmed(members, keys, key, path):
    """A value above its question's maximum (50) with no confirmation in the audit log (the
    checking process hands it over as pending; only HQ's database can settle it)."""
    forms = [json.loads(line) for line in members[RECORDS].decode().split("\n")
             if '"type":"form"' in line]
    index = next(i for i, form in enumerate(forms) if form["answers"].get("exp_times"))
    _set_form(members, index, lambda answers: answers.__setitem__("exp_times", "60"))
    return _seal(members, keys, key, path)


def _wrong_count(members, keys, key, path):
    _seal(members, keys, key, path)
    manifest = json.loads(members[MANIFEST])
    manifest["counts"]["forms"] += 1
    members[MANIFEST] = (json.dumps(manifest, sort_keys=True, indent=2) + "\n").encode()
    return resigned(members, keys, key, path)


def _broken_chain(members, keys, key, path):
    lines = [line for line in members[AUDIT].split(b"\n") if line]
    lines[3], lines[4] = lines[4], lines[3]
    members[AUDIT] = b"\n".join(lines) + b"\n"
    return _seal(members, keys, key, path)


def _broken_chain_and_bad_answer(members, keys, key, path):
    """Two refusals: the chain's is the one given, on both paths (the in-process import
    checks the chain first; the split one finishes the chain's checks before a form's
    refusal is given)."""
    _set_form(members, 2, lambda answers: answers.__setitem__("institution", "999"))
    return _broken_chain(members, keys, key, path)


def _broken_chain_and_repeated_form(members, keys, key, path):
    lines = [line for line in members[RECORDS].decode().split("\n") if line]
    lines.insert(3, lines[2])
    members[RECORDS] = ("\n".join(lines) + "\n").encode()
    return _broken_chain(members, keys, key, path)


def _late_type_error(members, keys, key, path):
    lines = members[RECORDS].decode().split("\n")
    last = max(i for i, line in enumerate(lines) if '"type":"form"' in line)
    data = json.loads(lines[last])
    lines[last] = lines[last].replace(f'"keystrokes":{data["keystrokes"]}', '"keystrokes":"x"')
    members[RECORDS] = "\n".join(lines).encode()
    return _seal(members, keys, key, path)


def _csv_row_changed(members, keys, key, path):
    members["responses.csv"] = members["responses.csv"].rstrip(b"\r\n") + b" \r\n"
    return _seal(members, keys, key, path)


def _repeated_form(members, keys, key, path):
    lines = [line for line in members[RECORDS].decode().split("\n") if line]
    lines.append(lines[-1])
    members[RECORDS] = ("\n".join(lines) + "\n").encode()
    return _seal(members, keys, key, path)


def _audit_lines(members) -> list[bytes]:
    return [line for line in members[AUDIT].split(b"\n") if line]


def _tampered_audit(members, keys, key, path):
    """audit.jsonl changed after signing (the checking process reads that member first)."""
    lines = _audit_lines(members)
    lines[-1] = lines[-1].replace(b'"action":"', b'"action":"x', 1)
    members[AUDIT] = b"\n".join(lines) + b"\n"
    return resigned(members, keys, key, path)


def _audit_row_changed(members, keys, key, path):
    """One audit row's content changed, the member re-hashed and signed: its own hash no
    longer matches (hashed by the importing process, after the child parsed the row)."""
    lines = _audit_lines(members)
    lines[5] = lines[5].replace(b'"action":"', b'"action":"x', 1)
    members[AUDIT] = b"\n".join(lines) + b"\n"
    return _seal(members, keys, key, path)


def _audit_type_error_and_bad_answer(members, keys, key, path):
    """An audit row of the wrong type late in the member, and a bad answer in the first
    form: the audit member's refusal is the one given (read before the records)."""
    _set_form(members, 0, lambda answers: answers.__setitem__("institution", "999"))
    lines = _audit_lines(members)
    data = json.loads(lines[-2])
    data["device"] = 5
    lines[-2] = json.dumps(data, sort_keys=True, separators=(",", ":")).encode()
    members[AUDIT] = b"\n".join(lines) + b"\n"
    return _seal(members, keys, key, path)


def _audit_lone_surrogate(members, keys, key, path):
    lines = _audit_lines(members)
    lines[1] = lines[1].replace(b'"action":"', b'"action":"\\ud800', 1)
    members[AUDIT] = b"\n".join(lines) + b"\n"
    return _seal(members, keys, key, path)


def _records_nested_too_deep(members, keys, key, path):
    """A form line nested deeper than the interpreter's stack allows (the stdlib reading
    crashed with RecursionError; now refused as tampered; sealed again so only the line is
    wrong)."""
    lines = members[RECORDS].decode().split("\n")
    first = next(i for i, line in enumerate(lines) if '"type":"form"' in line)
    data = json.loads(lines[first])
    deep = "[" * 5_000 + "]" * 5_000
    lines[first] = lines[first].replace(f'"keystrokes":{data["keystrokes"]}',
                                        f'"keystrokes":{deep}')
    members[RECORDS] = "\n".join(lines).encode()
    return _seal(members, keys, key, path)


HOSTILE = {
    "a form line nested too deep": (_records_nested_too_deep, "tampered"),
    "tampered audit.jsonl": (_tampered_audit, "tampered"),
    "an audit row changed, re-signed": (_audit_row_changed, "audit_chain"),
    "audit row type error and a bad answer": (_audit_type_error_and_bad_answer,
                                              "tampered"),
    "lone surrogate in audit.jsonl": (_audit_lone_surrogate, "tampered"),
    "tampered member": (_tampered_member, "tampered"),
    "tampered responses.csv": (_tampered_csv, "tampered"),
    "bad answer": (_bad_answer, "bad_answer"),
    "out of range, unconfirmed": (_out_of_range_unconfirmed, "bad_answer"),
    "wrong count": (_wrong_count, "tampered"),
    "broken audit chain": (_broken_chain, "audit_chain"),
    "broken chain and a bad answer": (_broken_chain_and_bad_answer, "audit_chain"),
    "broken chain and a repeated form": (_broken_chain_and_repeated_form, "audit_chain"),
    "type error in the last form": (_late_type_error, "tampered"),
    "responses.csv differs": (_csv_row_changed, "csv_mismatch"),
    "repeated form": (_repeated_form, "tampered"),
}


def refusals_on_both_paths(tmp_path, monkeypatch, hq_keys, field_key, started, forged,
                           kind: str) -> dict:
    """Import `forged` into a new HQ database on each path: refused as `kind`, HQ left as
    it was, no checking process left running. (refusal, sentence, sentences) by path."""
    results = {}
    for path in PATHS:
        _use(monkeypatch, path)
        hq = _hq(tmp_path, path, field_key)
        before = db_state(hq)
        (result,) = import_bundles(hq, hq_keys.identity_path, [forged]).bundles
        assert result.status == "refused" and result.refusal == kind, (path, result.message)
        assert db_state(hq) == before, path
        results[path] = (result.refusal, result.message, result.messages)
        _no_checker_left(started)
    return results


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_both_paths_refuse_a_hostile_bundle_alike(tmp_path, monkeypatch, bundle, hq_keys,
                                                  field_key, started, name):
    forge, kind = HOSTILE[name]
    forged = forge(_members(bundle, hq_keys), hq_keys, field_key, tmp_path / "forged.zip.age")
    results = refusals_on_both_paths(tmp_path, monkeypatch, hq_keys, field_key, started,
                                     forged, kind)
    assert results["split"] == results["in-process"]
    assert len(started) == 1


@pytest.mark.parametrize("name", ["broken chain and a bad answer",
                                  "broken chain and a repeated form"])
def test_a_broken_chain_is_the_refusal_even_when_every_form_came_first(
        tmp_path, monkeypatch, bundle, hq_keys, field_key, started, name):
    """The checking process far ahead: every form is merged before any chunk of the chain
    is checked; the form's refusal waits for the chain's checks, which refuse."""
    forge, kind = HOSTILE[name]
    real = import_split.FormStream.records
    monkeypatch.setattr(import_split.FormStream, "records",
                        lambda self, idle=None: real(self))  # never idle: forms first
    _use(monkeypatch, "split")
    forged = forge(_members(bundle, hq_keys), hq_keys, field_key, tmp_path / "forged.zip.age")
    hq = _hq(tmp_path, "hq", field_key)
    before = db_state(hq)
    (result,) = import_bundles(hq, hq_keys.identity_path, [forged]).bundles
    assert result.refusal == kind == "audit_chain", result.message
    assert db_state(hq) == before
    _no_checker_left(started)


def test_a_refused_bundle_stops_the_child_and_the_next_bundle_is_imported(
        tmp_path, monkeypatch, bundle, hq_keys, field_key, started):
    """A refusal in the middle of a call: the checking process is stopped at once (it may
    be half-way through the bundle), a new one checks the next bundle, and none is left
    when the call returns."""
    _use(monkeypatch, "split")
    forged = _broken_chain(_members(bundle, hq_keys), hq_keys, field_key,
                           tmp_path / "forged.zip.age")
    hq = _hq(tmp_path, "hq", field_key)
    first, second = import_bundles(hq, hq_keys.identity_path, [forged, bundle]).bundles
    assert first.refusal == "audit_chain"
    assert second.status == "imported" and second.new == 30, second.message
    assert len(started) == 2
    _no_checker_left(started)


@pytest.mark.parametrize("error", [KeyboardInterrupt, RuntimeError])
def test_an_interrupted_import_leaves_no_child_and_no_change(
        tmp_path, monkeypatch, bundle, hq_keys, field_key, started, error):
    """Ctrl+C (or any exception) while forms are merged: the exception reaches the
    caller, the transaction is rolled back, the checking process is gone."""
    from desktop.services import import_merge
    _use(monkeypatch, "split")
    hq = _hq(tmp_path, "hq", field_key)
    before = db_state(hq)
    calls = itertools.count()

    def interrupted(self, record):
        if next(calls) == 10:
            raise error()
        real(self, record)
    real = import_merge.FormMerger.add
    monkeypatch.setattr(import_merge.FormMerger, "add", interrupted)
    with pytest.raises(error):
        import_bundles(hq, hq_keys.identity_path, [bundle])
    assert len(started) == 1
    _no_checker_left(started)
    assert db_state(hq) == before


def test_a_small_bundle_never_starts_the_child(tmp_path, bundle, hq_keys, field_key, started):
    """The default threshold: a field team's bundle is checked in-process."""
    assert import_split.SPLIT_MIN_FORMS > 30
    hq = _hq(tmp_path, "hq", field_key)
    (result,) = import_bundles(hq, hq_keys.identity_path, [bundle]).bundles
    assert result.status == "imported" and result.new == 30
    assert started == []


def test_a_large_file_starts_the_child_before_it_is_read(tmp_path, hq_keys, field_key,
                                                         started):
    """A bundle file large enough to hold `SPLIT_MIN_FORMS` forms starts the checking
    process as the call meets it (its start overlaps the decryption); refused anyway
    (not a bundle), it is stopped at the end of the call, its database unchanged."""
    hq = _hq(tmp_path, "hq", field_key)
    before = db_state(hq)
    large = tmp_path / "large.zip.age"
    large.write_bytes(os.urandom(import_split.SPLIT_MIN_FORMS
                                 * import_split.PREPARE_BYTES_PER_FORM))
    report = import_bundles(hq, hq_keys.identity_path, [large])
    assert report.bundles[0].status == "refused" and report.checked_apart == 0
    assert len(started) == 1
    _no_checker_left(started)
    assert db_state(hq) == before


def test_the_child_starts_once_per_call(tmp_path, monkeypatch, bundle, hq_keys, field_key,
                                        started):
    """Two large bundles in one call share the checking process (its start is paid once);
    the second is a replay, refused before any record is read."""
    _use(monkeypatch, "split")
    other = tmp_path / "copy.zip.age"
    other.write_bytes(bundle.read_bytes())
    hq = _hq(tmp_path, "hq", field_key)
    first, second = import_bundles(hq, hq_keys.identity_path, [bundle, other]).bundles
    assert first.status == "imported" and second.status == "replay"
    assert len(started) == 1
    _no_checker_left(started)


def test_the_child_is_told_to_stop_before_the_last_bundle_commits(
        tmp_path, monkeypatch, bundle, hq_keys, field_key, started):
    """Once the last bundle's forms are checked, the checking process is told to stop at
    once, so its exit overlaps that bundle's COMMIT; a bundle before the last keeps it
    (one process serves the call). None is left when the call returns."""
    from desktop.storage import bundle_store
    _use(monkeypatch, "split")
    events: list[str] = []
    real_release, real_record = import_split.FormChecker.release, bundle_store.record_import

    def release(self):
        events.append("release")
        real_release(self)

    def record_import(conn, **fields):
        events.append("committing")
        real_record(conn, **fields)
    monkeypatch.setattr(import_split.FormChecker, "release", release)
    monkeypatch.setattr(bundle_store, "record_import", record_import)
    other = tmp_path / "copy.zip.age"
    other.write_bytes(bundle.read_bytes())
    hq = _hq(tmp_path, "hq", field_key)
    (first,) = import_bundles(hq, hq_keys.identity_path, [bundle]).bundles
    assert first.status == "imported", first.message
    assert events[:2] == ["release", "committing"]
    events.clear()
    hq2 = _hq(tmp_path, "hq2", field_key)
    first, second = import_bundles(hq2, hq_keys.identity_path, [bundle, other]).bundles
    assert first.status == "imported" and second.status == "replay"
    assert events[0] == "committing"  # the first bundle did not release the child
    assert len(started) == 2  # one per call
    _no_checker_left(started)


# -- the checking process fails: the bundle is checked in-process instead -------------
def _import_into_copy(tmp_path, monkeypatch, empty, name, hq_keys, bundles):
    """`bundles` imported into a copy of the HQ `empty` (HQ's audit uuids repeatable)."""
    monkeypatch.setattr("desktop.storage.audit_store.new_uuid", _counter_uuids())
    hq = tmp_path / f"{name}.db"
    shutil.copy(empty, hq)
    return import_bundles(hq, hq_keys.identity_path, bundles), hq


def _imported_alone(tmp_path, monkeypatch, empty, bundle, hq_keys):
    """The bundle imported in-process: what a fallback must equal."""
    _use(monkeypatch, "in-process")
    report, hq = _import_into_copy(tmp_path, monkeypatch, empty, "alone", hq_keys, [bundle])
    (result,) = report.bundles
    assert result.status == "imported", result.message
    return result, _dump(hq)


def test_a_child_that_cannot_start_falls_back_to_this_process(
        tmp_path, monkeypatch, bundle, hq_keys, field_key, fixed_clock):
    """No process can be started (a system at its process limit): the bundle is checked
    here, the same database results, and no second start is tried in the same call."""
    empty = _hq(tmp_path, "empty", field_key)
    expected, expected_dump = _imported_alone(tmp_path, monkeypatch, empty, bundle, hq_keys)
    attempts = []

    def cannot_start(self):
        attempts.append(1)
        raise OSError(11, "Resource temporarily unavailable")
    monkeypatch.setattr(import_split.FormChecker, "_start", cannot_start)
    _use(monkeypatch, "split")
    other = tmp_path / "copy.zip.age"
    other.write_bytes(bundle.read_bytes())
    report, hq = _import_into_copy(tmp_path, monkeypatch, empty, "hq", hq_keys,
                                   [bundle, other])
    first, second = report.bundles
    assert report.checked_apart == 0
    assert first == expected, first.message
    assert second.status == "replay"
    assert _dump(hq) == expected_dump
    assert len(attempts) == 1


def test_a_child_killed_half_way_falls_back_to_this_process(
        tmp_path, monkeypatch, bundle, hq_keys, field_key, fixed_clock, started):
    """The checking process is killed while it works (out of memory, a user's kill): the
    transaction is rolled back and the bundle checked here; the same database results
    and no child is left."""
    import signal
    empty = _hq(tmp_path, "empty", field_key)
    expected, expected_dump = _imported_alone(tmp_path, monkeypatch, empty, bundle, hq_keys)
    real = import_split.FormChecker.stream

    def killed_after_start(self, conn, verified):
        stream = real(self, conn, verified)
        os.kill(self.pid, signal.SIGKILL)
        return stream
    monkeypatch.setattr(import_split.FormChecker, "stream", killed_after_start)
    _use(monkeypatch, "split")
    report, hq = _import_into_copy(tmp_path, monkeypatch, empty, "hq", hq_keys, [bundle])
    (result,) = report.bundles
    assert report.checked_apart == 0  # checked here in the end, not by the killed child
    assert result == expected, result.message
    assert _dump(hq) == expected_dump
    assert len(started) == 1
    _no_checker_left(started)


@pytest.mark.skipif(os.name != "posix", reason="SIGINT to one process is POSIX")
def test_ctrl_c_in_a_terminal_prints_no_traceback_from_the_child(
        tmp_path, monkeypatch, bundle, hq_keys, field_key, started, capfd):
    """Ctrl+C in a terminal reaches every process of the command's group, the checking
    process too: it is the importing process's to handle (the command prints one line and
    stops the child), so the child ignores it, while it starts and while it works, and
    never prints a traceback of its own."""
    import signal
    real = import_split.FormChecker.stream

    spied_start = import_split.FormChecker._start  # the `started` fixture's spy

    def start_then_ctrl_c(self):
        spied_start(self)
        os.kill(self.pid, signal.SIGINT)  # still importing its modules

    def ctrl_c_reaches_the_child(self, conn, verified):
        stream = real(self, conn, verified)
        os.kill(self.pid, signal.SIGINT)  # at work
        return stream
    monkeypatch.setattr(import_split.FormChecker, "_start", start_then_ctrl_c)
    monkeypatch.setattr(import_split.FormChecker, "stream", ctrl_c_reaches_the_child)
    _use(monkeypatch, "split")
    hq = _hq(tmp_path, "hq", field_key)
    handler = signal.getsignal(signal.SIGINT)
    report = import_bundles(hq, hq_keys.identity_path, [bundle])
    assert signal.getsignal(signal.SIGINT) is handler  # this process's own is kept
    (result,) = report.bundles
    assert result.status == "imported" and result.new == 30, result.message
    assert report.checked_apart == 1  # by the child, which Ctrl+C did not stop
    err = capfd.readouterr().err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    _no_checker_left(started)



def test_the_child_ends_quietly_when_the_importing_process_is_gone():
    """The importing process killed (or crashed) while the child works: its answers have
    no reader any more, and the child ends without an exception (which would print a
    traceback on the terminal of a command that has already ended)."""
    import pickle
    import signal
    from desktop.services import form_check_child
    ctrl_c = signal.getsignal(signal.SIGINT)  # serve ignores it (its own process's)
    jobs_out, jobs_in = multiprocessing.Pipe(duplex=False)
    results_out, results_in = multiprocessing.Pipe(duplex=False)
    results_out.close()  # nobody reads the answers
    jobs_in.send_bytes(b"not a zip archive")
    jobs_in.send_bytes(pickle.dumps(form_check_child.Job(None, b"", [], {})))
    try:
        form_check_child.serve(jobs_out, results_in)  # returns; raises nothing
    finally:
        signal.signal(signal.SIGINT, ctrl_c)
        for conn in (jobs_out, jobs_in, results_in):
            conn.close()


def test_a_child_out_of_memory_is_not_the_bundle_s_fault(monkeypatch):
    """A MemoryError in the checking process (a failed allocation: Windows does not
    overcommit, where Linux would kill the child) stops it like a kill: CheckerStopped,
    so the import checks the bundle in this process (which has the memory back), instead
    of failing the whole call; later large bundles are not sent to a child again."""
    import pickle
    import queue
    from desktop.services.form_check_child import CRASH
    checker = import_split.FormChecker(0)
    stream = import_split.FormStream.__new__(import_split.FormStream)
    stream.checker, stream._messages = checker, queue.Queue()
    stream._messages.put(CRASH + pickle.dumps(MemoryError()))
    with pytest.raises(import_split.CheckerStopped):
        next(stream.records())
    assert checker.failed
    stream._messages.put(CRASH + pickle.dumps(ValueError("a bug")))  # anything else: raised
    with pytest.raises(ValueError):
        next(stream.records())
