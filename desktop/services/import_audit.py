"""`AuditMerge`: a bundle's audit rows checked (the hash chain, import_gate.AuditChain) and
written a chunk at a time, inside the import's one transaction.

The in-process import reads audit.jsonl and checks every chunk before the first form
(`finish`). When the import's checking process reads the forms (import_split.py), it
first parses the leading `fed` rows of audit.jsonl and hands them over (`add`); this
process checks them, then reads the rest of the member itself, a chunk whenever no
checked form is waiting (`step`, called by `FormStream.records`), so neither process
waits for the other and the forms waiting stay few. What is decided is the same either
way: the rows are checked and written in file order (no form row depends on them),
every chunk is checked before the bundle's end, and a refusal of the forms first
finishes the chain's checks (`finish`), so a bundle whose chain is broken is refused for
its chain, as when the chain is read first. A refusal among the fed rows stops the
reading there. A part of a series is checked whole first (bundle_series.py).

With fed rows, the rows read here start after them: the member must still be
decompressed, hashed and decoded from its start, which took this process about a second
of waiting (the checked forms piling up meanwhile) when it came to its first chunk. A
helper thread (`_FirstChunk`) reads up to and including that first chunk as soon as the
merge starts, while this thread checks the fed rows; its refusal, if any, is raised
where the first chunk is taken, as before.
"""

from __future__ import annotations

import itertools
import sqlite3
import threading
from typing import Iterator

from ..bundle.bundle_reader import VerifiedBundle, audit_of
from ..storage import bundle_store
from . import bundle_series, import_gate
from .audit_subjects import AuditSubjects
from .import_writer import ImportWriter

# Audit rows checked and written at a time (a part of a series: bundle_series.AUDIT_CHUNK).
# Like the forms' chunks (import_merge.CHUNK), a smaller chunk keeps the importing
# process's heaps smaller (chunks of 5,000 cost about 30 MB of its peak at 100k forms)
# for no time measured.
AUDIT_CHUNK = 1000


class AuditMerge:
    """The audit rows of one bundle; `finish` returns (rows read, rows added). `fed`:
    the leading rows that come through `add` (parsed by the checking process); the rest
    are read here."""

    def __init__(self, conn: sqlite3.Connection, verified: VerifiedBundle,
                 writer: ImportWriter, fed: int = 0, may_branch: bool = False,
                 subjects: AuditSubjects | None = None):
        self.conn = conn
        # The forms the new rows name, judged after the merge (services/audit_subjects.py).
        self.subjects = subjects or AuditSubjects()
        self.verified = verified
        self.writer = writer
        self.series = bool(verified.manifest.series)
        self.fed = 0 if self.series else fed
        self.read = self.added = 0
        self._halt = threading.Event()  # stops the helper thread of `_first`
        self._rows = audit_of(verified, skip=self.fed, halt=self._halt)
        self._chunks: Iterator[list] = _chunks(self._rows)
        self._first = _FirstChunk(self._chunks) if self.fed else None
        self._chain = import_gate.AuditChain(conn, ready=writer.wait,
                                             signer=verified.manifest.device_id,
                                             may_branch=may_branch,
                                             relays=not self.series,
                                             unwritten=lambda: self._new)
        self._new: list[tuple] = []  # fed rows checked, not written yet
        self._done = False

    @property
    def branch_from(self) -> str | None:
        """The hash of HQ's row a restored copy's new rows follow (None: no branch)."""
        return self._chain.branch_from

    @property
    def relayed_branches(self) -> list[list[str]]:
        """[device, hash] where another device's rows this bundle relays branch."""
        return [[device, prev] for device, prev, _ in self._chain.relayed_branches]

    @property
    def relayed_devices(self) -> list[str]:
        """The other devices whose new rows this bundle brought."""
        return self._chain.relayed_devices()

    def step(self) -> bool:
        """Check and write the next chunk read here (a series part: all of them); False
        while fed rows are still to come, once every row has been handled (its writes
        may still be running: `finish` waits) or once a chunk was refused (the refusal
        is the one raised then)."""
        if self._done or self.read < self.fed:
            return False
        try:
            return self._next()
        except BaseException:
            self._done = True
            raise

    def add(self, rows: list[tuple]) -> None:
        """Check the next fed rows; they are written once `AUDIT_CHUNK` are waiting."""
        new_rows = self._chain.new_rows(rows)
        self.subjects.rows(new_rows)
        self.read += len(rows)
        self.added += len(new_rows)
        self._new.extend(new_rows)
        if len(self._new) >= AUDIT_CHUNK:
            self._write()

    def _write(self) -> None:
        rows, self._new = self._new, []
        if rows:
            self.writer.submit(bundle_store.insert_audit, self.conn, rows)

    def _next(self) -> bool:
        if self.series:  # streamed both ways (held, then the whole chain)
            self._done = True
            self.read, self.added = bundle_series.merge_part(self.conn, self.verified,
                                                             self._rows, self.writer,
                                                             self.subjects.rows)
            self.subjects.rows_done()
            return True
        self._write()  # the fed rows before the rows that follow them
        if self._first is not None:
            first, self._first = self._first, None
            chunk = first.result()
        else:
            chunk = next(self._chunks, None)
        if chunk is None:
            self._done = True
            self.subjects.rows_done()
            return False
        new_rows = self._chain.new_rows(chunk)
        self.subjects.rows(new_rows)
        if new_rows:
            self.writer.submit(bundle_store.insert_audit, self.conn, new_rows)
        self.read += len(chunk)
        self.added += len(new_rows)
        return True

    def finish(self) -> tuple[int, int]:
        """Every chunk left (none after fed rows that stopped short), with every write
        done: (rows read, rows added)."""
        while self.step():
            pass
        self._write()
        self.writer.wait()
        return self.read, self.added

    def close(self) -> None:
        """Stop reading the member (its helper and decompressing threads) when left
        unfinished."""
        if self._first is not None:
            self._halt.set()  # the helper stops at its next decompressed chunk
            self._first.join()
            self._first = None
        self._chunks.close()
        self._rows.close()


class _FirstChunk:
    """The first chunk of `chunks`, read on a helper thread (`result` waits for it and
    returns it, or raises what reading it raised)."""

    def __init__(self, chunks: Iterator[list]):
        self._chunks = chunks
        self._chunk: list | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._read, name="import-audit-ahead",
                                        daemon=True)
        self._thread.start()

    def _read(self) -> None:
        try:
            self._chunk = next(self._chunks, None)
        except BaseException as exc:  # noqa: BLE001 - raised by `result`
            self._error = exc

    def join(self) -> None:
        self._thread.join()

    def result(self) -> list | None:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._chunk


def _chunks(rows) -> Iterator[list]:
    """`AUDIT_CHUNK` rows at a time."""
    rows = iter(rows)
    while chunk := list(itertools.islice(rows, AUDIT_CHUNK)):
        yield chunk
