"""The import's checking process: reads a bundle's records.jsonl (and the first share of
its audit.jsonl) and runs every check of HQ's door that needs no database on them, while
the importing process checks the audit chain, merges and writes (services/import_split.py
starts it and reads its results).

Started with multiprocessing's "spawn" method (never fork: the importing process has Qt
and threads), once per import call, and fed one bundle at a time over a pipe: the
decrypted ZIP's bytes (the importing process verified them: signature, member list,
sizes), then a `Job` (the manifest and what HQ's door knows before the first form: its
rounds and stored questionnaire texts). The members are streamed exactly as the import
streams them in-process (bundle_reader, checked line by line): first the leading
`Job.audit_rows` rows of audit.jsonl, parsed and type-checked (audit_lines.py; the
importing process reads the rest itself and hashes the member, see import_split.py for
the share; none of a part of a series, whose chain is read whole there,
bundle_series.py); then records.jsonl, hashed while decompressed (records.py), through
`FormDoor` (answers, responses.csv). Sent back, each a tag byte and a pickle:

    A [audit row]                   `AUDIT_MESSAGE_ROWS` rows at a time, in file order
    R [round fields]                before the first form (or at the end of a file with none)
    F [compact form tuple]          `BATCH` forms at a time, in file order (`compact`)
    E Finish                        the member's sha256 matched; the door's results, and
                                    the sha256 of the member responses.csv
    X (kind, detail, values)        a BundleError, at the place in the stream it arose
    C exception                     anything else

So the importing process meets every refusal at the same place in the stream as when it
reads the file itself, and raises the same BundleError; the chain's checks (AuditChain:
each row's hash, and the links to the rows HQ holds) stay there. An empty message stops
the process; so does a closed pipe.
"""

from __future__ import annotations

import gc
import itertools
import pickle
import signal
from dataclasses import dataclass
from multiprocessing.connection import Connection

from ..bundle import archive, records
from ..bundle.bundle_reader import (VerifiedBundle, audit_of, member_sha256,
                                    questionnaire_text)
from ..bundle.errors import BundleError
from ..bundle.manifest import QUESTIONNAIRE, RECORDS, RESPONSES_CSV, Manifest
from ..bundle.form_values import iter_record_values
from ..bundle.records import record_values
from .form_door import FormDoor, parse_questionnaires

BATCH = 500  # forms per message: one pickle each, a few hundred kilobytes
AUDIT_MESSAGE_ROWS = 500  # audit rows per message (about 0.5 MB: each row of a form's
# creation carries its answers); the importing process writes them AUDIT_CHUNK at a time.
# The importing process receives each message whole on its pipe thread (several copies
# while it arrives, import_split.AHEAD of them waiting): messages of 1,000 cost it about
# 10 MB of its peak at 100k forms (with an 8 MB page cache), for no time measured.
AUDIT_ROWS, ROUNDS, FORMS, END, ERROR, CRASH = b"A", b"R", b"F", b"E", b"X", b"C"
LAST = (END, ERROR, CRASH)  # the tags that end a bundle


@dataclass(frozen=True)
class Job:
    """One bundle to check: its manifest and HQ's state that the door reads."""

    manifest: Manifest
    questionnaire: bytes  # questionnaire.json, as the importing process checked it
    hq_rounds: list  # (uuid, name, questionnaire sha256, form_min, form_max) of HQ's rounds
    hq_questionnaires: dict  # sha256 -> text of every version HQ stores
    audit_rows: int = 0  # the leading rows of audit.jsonl to read first (`_send_audit`)
    audit_batch: int | None = None  # lines parsed at a time (the importing process's)


@dataclass(frozen=True)
class Finish:
    """The door's results once every form passed: the csv rebuilt and the confirmations
    the database must find."""

    csv_sha256: str
    pending: list
    responses_sha256: str  # of the responses.csv member as the bundle carries it


# What the merge needs of a form, as plain values: `FormRecord`'s arguments, with its
# fields as a tuple in FORM_FIELDS order (the row the merge inserts). The merge works on
# these tuples (import_merge.py): a dict and a FormRecord per form, built here and again
# after the pickle, cost 0.25 s of this process's CPU and 0.2 s of the importing
# process's per 100k forms; `record_of` builds the record where one is needed. This
# process reads the forms straight into them (bundle/form_values.py).
compact = record_values
record_of = records.record_of


def serve(jobs: Connection, conn: Connection) -> None:
    """The process's loop: one bundle after another (read from `jobs`, answered on
    `conn`) until told to stop."""
    gc.disable()  # millions of short-lived acyclic objects, freed by reference counting
    # Ctrl+C is the importing process's to handle (it stops this one); from the command
    # line it starts this process with SIGINT ignored (import_split._ctrl_c_ignored).
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def send(tag: bytes, payload) -> None:
        data = tag + pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            conn.send_bytes(data)
        except OSError as exc:  # the importing process is gone (killed, crashed)
            raise _Gone from exc

    while True:
        try:
            plain = jobs.recv_bytes()
            if not plain:
                return
            job = pickle.loads(jobs.recv_bytes())
            _check_and_answer(plain, job, send)
        except (_Gone, EOFError, OSError):
            # Nobody reads the answers any more: end quietly (a traceback here would
            # reach the terminal of a command that has already ended).
            return
        del plain
        gc.collect()  # whatever cycles the bundle left (its own objects are freed by now)


class _Gone(Exception):
    """The importing process no longer reads this process's answers."""


def _check_and_answer(plain: bytes, job: Job, send) -> None:
    """Check one bundle and send its results, or the refusal or exception that stopped
    it, to the importing process."""
    try:
        check_records(plain, job, send)
    except _Gone:
        raise
    except BundleError as exc:
        send(ERROR, (exc.kind, exc.detail, exc.values))
    except Exception as exc:  # noqa: BLE001 - handed to the importing process
        try:
            send(CRASH, exc)
        except _Gone:
            raise
        except Exception:  # noqa: BLE001 - an exception that does not pickle
            send(CRASH, RuntimeError(repr(exc)))


def check_records(plain: bytes, job: Job, send) -> None:
    """Stream records.jsonl of the ZIP `plain` through the door, sending the results."""
    verified = VerifiedBundle(job.manifest, {QUESTIONNAIRE: job.questionnaire},
                              archive.open_zip(plain), {RECORDS})
    if job.audit_rows:
        _send_audit(verified, job, send)
    door = FormDoor()
    rounds: list[dict] = []
    batch: list[tuple] = []
    started = False
    for kind, item, answers in iter_record_values(verified.lines(RECORDS)):
        if kind == "round":
            rounds.append(item)
            continue
        if not started:
            started = True
            send(ROUNDS, rounds)
            _start(door, verified, rounds, job)
        door.check(item, answers)
        batch.append(item)
        if len(batch) >= BATCH:
            send(FORMS, batch)
            batch = []
    if not started:
        send(ROUNDS, rounds)
        _start(door, verified, rounds, job)
    if batch:
        send(FORMS, batch)
    if RECORDS in verified.unchecked:  # never read to its end: not confirmed
        raise BundleError("tampered", f"{RECORDS}: not read to its end")
    # The member responses.csv hashed here too (the importing process's last step,
    # `check_hashes`, then need not read it): what it is compared with stays there.
    send(END, Finish(door.csv_sha256(), door.pending, member_sha256(verified.zipped,
                                                                    RESPONSES_CSV)))


def _send_audit(verified: VerifiedBundle, job: Job, send) -> None:
    """The first `job.audit_rows` rows of audit.jsonl (fewer if it has fewer), parsed in
    the importing process's batches (audit_lines.iter_audit), `AUDIT_MESSAGE_ROWS` a
    message. The member is not read to its end here: the importing process reads the
    rest and compares its sha256."""
    rows = audit_of(verified, stop=job.audit_rows, batch_lines=job.audit_batch)
    try:
        while batch := list(itertools.islice(rows, AUDIT_MESSAGE_ROWS)):
            send(AUDIT_ROWS, batch)
    finally:
        rows.close()


def _start(door: FormDoor, verified: VerifiedBundle, rounds: list[dict], job: Job) -> None:
    """The door's start as `AnswerDoor.start` does it, on HQ's state as handed over."""
    questionnaires = parse_questionnaires(questionnaire_text(verified), rounds,
                                          job.hq_questionnaires.get)
    door.start(questionnaires, job.manifest.questionnaire["sha256"], rounds, job.hq_rounds)
