"""`FormChecker`: the import's second process, which reads and checks a large bundle's
audit rows and forms while this one checks the audit chain, merges and writes.

A 100k-form bundle is about 8 s of Python on one interpreter lock (JSON decoding of
both members, the records' checks, every answer, responses.csv, the chain's hashes)
beside 3-4 s of SQLite. Most of it needs no database, so a child process
(form_check_child.py, started with the "spawn" method: this process has Qt and threads,
never fork) runs it on the other core and hands back parsed rows; what needs HQ's state
(the device, the sequence, the audit chain's links to HQ's rows, the merge, the
confirmations in the audit log, the one transaction) stays here, and so does hashing the
audit rows (AuditChain). The audit rows are shared: the child parses the first
`AUDIT_SHARE` of them (cut at a multiple of audit_lines.AUDIT_BATCH) before the records,
and this process the rest, whenever no checked form is waiting (import_audit.py). At 100k
forms the child's records took 4.1 s of CPU and the whole audit member 2.1 s more there,
while this process did 7.2 s with the member and 5.5 s without it (its writer thread's
SQLite included): either whole, one process stays the longer. The child is started
at the first bundle of at least `SPLIT_MIN_FORMS` forms (the signed manifest's count) and
serves the rest of the import call; a field team's bundle of a few hundred forms is
checked in-process and never pays its start (about 0.2 s).

`FormStream.records` yields the child's audit rows first (none for a part of a series,
whose chain this process reads whole itself), then what `bundle_reader.records_of`
would, in the same order, and raises each refusal where the in-process reader would have
met it, so the import's loop (import_service.py) is the same for both. A thread receives
the child's messages as they come (at most `AHEAD` waiting; the child waits for the rest
to be read), unpickled here as they are consumed; while none is waiting, the import
works on its share of the audit rows. A bundle left before its end (a refusal,
an exception, Ctrl+C) stops the child at once; `close` stops it at the end of the call.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import queue
import signal
import sqlite3
import threading
from typing import Callable, Iterator

from ..bundle import audit_lines
from ..bundle.bundle_reader import VerifiedBundle
from ..bundle.errors import BundleError
from ..bundle.manifest import QUESTIONNAIRE, RECORDS, RESPONSES_CSV
from ..storage import bundle_store
from . import form_check_child
from .form_check_child import (AUDIT_ROWS, CRASH, END, ERROR, FORMS, LAST, ROUNDS, Finish,
                               Job)
from .import_gate import hq_questionnaire_texts

# A bundle with at least this many forms is checked by the child. Below it the child's
# start (0.15-0.3 s, paid once per call) outweighs what the second core saves.
SPLIT_MIN_FORMS = 20_000
# The share of a bundle's audit rows that the child parses (the rest are read here).
AUDIT_SHARE = 0.5
# A bundle file of at least this many bytes per `SPLIT_MIN_FORMS` form (and at least
# PREPARE_MIN_BYTES) starts the child as soon as the call meets it (`prepare`): a
# 100k-form bundle is about 430 bytes a form.
PREPARE_BYTES_PER_FORM = 200
PREPARE_MIN_BYTES = 1024 * 1024
# Messages waiting at most (BATCH forms or AUDIT_MESSAGE_ROWS audit rows each, at most
# about 0.5 MB at 100k); the child then waits (its messages stay in the pipe). 64, when
# the whole audit chain was checked before the first form, held about 60 MB here; the
# import's processes together must stay under 400 MB (benchmarks/bench_bundles.py
# samples them together).
AHEAD = 8
_STOP_WAIT = 5.0  # seconds a stopping child is given before it is killed


class CheckerStopped(OSError):
    """The checking process could not start, or stopped before the bundle's end (killed,
    out of memory): not the bundle's fault. The import rolls back and checks the same
    bundle in-process (import_service.import_file), and the rest of the call too."""


class FormChecker:
    """The checking process of one import call: started on first use, stopped by `close`
    (or at once when a bundle is left unfinished)."""

    def __init__(self, min_forms: int | None = None):
        self.min_forms = SPLIT_MIN_FORMS if min_forms is None else min_forms
        self._process = None
        self._jobs = self._results = None
        self.failed = False  # the child could not start or stopped: none for this call
        self.completed = 0  # bundles whose forms the child checked to their end
        # Set by the caller before its last bundle: the child is told to stop as soon as
        # it has sent that bundle's last message, so its exit (about 0.1 s at 100k forms)
        # overlaps the rest of the import (its COMMIT) instead of following it in `close`.
        self.last_bundle = False
        self._released = False  # told to stop already (`release`)

    def wanted(self, verified: VerifiedBundle) -> bool:
        """Whether this bundle is large enough for the child (its manifest's form count;
        a part of a series is checked like any bundle)."""
        forms = verified.manifest.counts.get("forms")
        return not self.failed and isinstance(forms, int) and forms >= self.min_forms and (
            self.min_forms == 0 or (os.cpu_count() or 1) > 1)  # one core: no gain

    def prepare(self, path) -> None:
        """Start the child now if the bundle file at `path` is large enough that it may
        be wanted: its start (0.2-0.4 s, mostly its imports, on the other core) then
        overlaps the decryption and the checks before the first record instead of
        delaying the first checked rows. A child that cannot start is not tried again
        in this call (`failed`); one started for a bundle that is not wanted serves a
        later one, or is stopped by `close`."""
        if self.failed or self._process is not None:
            return
        try:
            size = os.stat(path).st_size
        except (OSError, ValueError):  # said by the import itself
            return
        if size < max(self.min_forms * PREPARE_BYTES_PER_FORM, PREPARE_MIN_BYTES) \
                or (os.cpu_count() or 1) < 2:
            return
        try:
            self._start()
        except (OSError, RuntimeError, ValueError):
            self.failed = True
            self.discard()

    def stream(self, conn: sqlite3.Connection, verified: VerifiedBundle) -> "FormStream":
        """Start checking the bundle's records in the child (inside the import's
        transaction: HQ's rounds and questionnaires are read now, as the door would read
        them before the first form; nothing the bundle's audit rows change)."""
        if self._process is None or not self._process.is_alive() or self._released:
            self.discard()  # one that died, or was told to stop (or none)
            try:
                self._start()
            except (OSError, RuntimeError, ValueError) as exc:  # e.g. no process left
                self.failed = True
                self.discard()
                raise CheckerStopped(f"the import's checking process did not start "
                                     f"({exc!r})") from exc
        job = Job(verified.manifest, verified.files[QUESTIONNAIRE],
                  bundle_store.round_rows(conn), hq_questionnaire_texts(conn),
                  audit_rows(verified), audit_lines.AUDIT_BATCH)
        return FormStream(self, verified, job, audit_rows=job.audit_rows)

    @property
    def pid(self) -> int | None:
        return None if self._process is None else self._process.pid

    def _start(self) -> None:
        context = multiprocessing.get_context("spawn")
        jobs_out, jobs_in = context.Pipe(duplex=False)  # (reader, writer)
        results_out, results_in = context.Pipe(duplex=False)
        for conn in (jobs_in, results_in):
            _widen(conn)
        process = context.Process(target=form_check_child.serve, args=(jobs_out, results_in),
                                  name="riskmap-import-check", daemon=True)
        with _ctrl_c_ignored():  # the child starts with it blocked, see _ctrl_c_ignored
            process.start()
        jobs_out.close()
        results_in.close()
        self._process, self._jobs, self._results = process, jobs_in, results_out

    def kill(self) -> None:
        """Stop the child at once (a bundle left unfinished) and wait for it; its pipe
        is closed by `discard` (a thread may still be reading from it)."""
        if self._process is not None:
            self._process.kill()
            self._process.join()

    def discard(self) -> None:
        """Forget a killed child (a new one starts for the next large bundle)."""
        process, jobs, results = self._process, self._jobs, self._results
        self._process = self._jobs = self._results = None
        self._released = False
        if process is not None:
            if process.exitcode is None:
                process.kill()
            process.join()
            process.close()
            jobs.close()
            results.close()

    def release(self) -> None:
        """Tell the child to stop once it has finished its bundle, without waiting for
        it (`close` waits); no bundle is sent to it afterwards."""
        if self._process is None or self._released:
            return
        self._released = True
        try:
            self._jobs.send_bytes(b"")
        except OSError:
            pass

    def close(self) -> None:
        """Tell the child to stop and wait for it (killed if it does not)."""
        if self._process is None:
            return
        self.release()
        self._process.join(_STOP_WAIT)
        self.discard()


def audit_rows(verified: VerifiedBundle) -> int:
    """How many leading audit rows the child parses: `AUDIT_SHARE` of the manifest's
    count, cut at a multiple of the batch the rows are parsed in; none of a part of a
    series (its chain is read whole here, bundle_series.py)."""
    count = verified.manifest.counts.get("audit")
    if verified.manifest.series or not isinstance(count, int) or count <= 0:
        return 0
    count = min(count, 2 ** 53)  # a signed count may be any size (the member ends first)
    batch = audit_lines.AUDIT_BATCH
    return int(count * AUDIT_SHARE) // batch * batch


class FormStream:
    """One bundle's records as the child checked them (see the module's docstring)."""

    def __init__(self, checker: FormChecker, verified: VerifiedBundle, job: Job,
                 audit_rows: int = 0):
        self.checker = checker
        self.verified = verified
        self.finish: Finish | None = None
        self.audit_rows = audit_rows  # the leading audit rows the child reads (`job`'s)
        self._messages: queue.Queue = queue.Queue(AHEAD)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._talk,
                                        args=(checker._jobs, checker._results, job),
                                        name="import-check-pipe", daemon=True)
        self._thread.start()

    def _talk(self, jobs, results, job: Job) -> None:
        """Send the bundle, then receive every message until the last of this bundle."""
        try:
            zipped = self.verified.zipped
            jobs.send_bytes(zipped.fp.getbuffer())  # the decrypted ZIP, verified here
            jobs.send_bytes(pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL))
            while not self._stop.is_set():
                data = results.recv_bytes()
                if not self._put(data) or data[:1] in LAST:
                    return
        except (EOFError, OSError) as exc:
            self._put(exc)

    def _put(self, item) -> bool:
        while not self._stop.is_set():
            try:
                self._messages.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def records(self, idle: Callable[[], bool] = lambda: False) -> Iterator[tuple]:
        """First ("audit", rows, None) for the child's `audit_rows` (a message's rows,
        as `audit_of` yields them: type-checked, not yet hashed); then ("round", fields,
        None) and ("form", compact form tuple, None) (form_check_child.compact, what the
        merge takes), as `records_of` yields them (the door checked each form already);
        each refusal raised in its place. While no message
        is waiting, `idle()` is called (other work of the import, True while it has
        some) before waiting for the child."""
        while True:
            try:
                item = self._messages.get_nowait()
            except queue.Empty:
                if idle():
                    continue
                item = self._messages.get()
            if isinstance(item, BaseException):  # the child died (not the bundle's fault)
                self.checker.failed = True
                raise CheckerStopped(f"the import's checking process stopped ({item!r})"
                                     ) from item
            tag, payload = item[:1], pickle.loads(memoryview(item)[1:])
            if tag == FORMS:
                for form in payload:
                    yield "form", form, None
            elif tag == AUDIT_ROWS:
                yield "audit", payload, None
            elif tag == ROUNDS:
                for fields in payload:
                    yield "round", fields, None
            elif tag == END:
                self.finish = payload
                self.checker.completed += 1
                if self.checker.last_bundle:
                    self.checker.release()  # its exit overlaps the COMMIT
                self.verified.unchecked.discard(RECORDS)  # hashed to its end, equal
                if payload.responses_sha256 == self.verified.manifest.files[RESPONSES_CSV]:
                    self.verified.unchecked.discard(RESPONSES_CSV)  # else checked here
                return
            elif tag == ERROR:
                kind, detail, values = payload
                raise BundleError(kind, detail, **values)
            else:
                assert tag == CRASH, tag
                if isinstance(payload, MemoryError):
                    # The child's memory, not the bundle's fault: a failed allocation
                    # (Windows does not overcommit) where Linux would have killed it.
                    self.checker.failed = True
                    raise CheckerStopped("the import's checking process ran out of "
                                         f"memory ({payload!r})") from payload
                raise payload

    def close(self) -> None:
        """After the bundle: the child is stopped unless it finished this bundle (a
        second call does nothing)."""
        if self._stop.is_set():
            return
        self._stop.set()
        if self.finish is None:
            self.checker.kill()  # unblocks the thread's recv or send (the pipe closes)
        self._thread.join()
        if self.finish is None:
            self.checker.discard()


@contextlib.contextmanager
def _ctrl_c_ignored() -> Iterator[None]:
    """SIGINT ignored while the child is started, which inherits an ignored signal through
    fork and exec (not a blocked one: multiprocessing resets the mask): Ctrl+C in a
    terminal reaches every process of the group, and the child, still importing its
    modules or waiting on the pipe, would print a traceback beside the command's one
    line. This process decides (it stops the child). Only the main thread may change a
    signal's handler; the window's import runs elsewhere, where the child ignores SIGINT
    from its first line on (form_check_child.serve)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _widen(conn) -> None:
    """A pipe of 1 MB instead of 64 kB where the system allows it (Linux): the child's
    messages are read in few pieces."""
    try:
        import fcntl
        fcntl.fcntl(conn.fileno(), fcntl.F_SETPIPE_SZ, 1024 * 1024)
    except (ImportError, AttributeError, OSError):
        pass
