"""`AuditMerge`: a bundle's audit rows checked (the hash chain, import_gate.AuditChain) and
written a chunk at a time, inside the import's one transaction.

The in-process import reads audit.jsonl itself and checks every chunk before the first
form (`finish`). When the import's checking process reads the bundle
(import_split.py), it parses the audit rows before it reads the records
(form_check_child.py) and hands them over first: this process is `fed` them (`add`),
checks their hashes and links them to the rows HQ holds, and writes them, so the chain is
checked whole before the first form arrives, as when the chain is read first. What is decided is the same either way: the rows are written in
file order (no form row depends on them), every chunk is checked before the first form,
and a refusal of the forms first finishes the chain's checks (`finish`), so a bundle whose
chain is broken is refused for its chain. A part of a series is checked whole first
(bundle_series.py), by this process in both cases.
"""

from __future__ import annotations

import itertools
import sqlite3
from typing import Iterator

from ..bundle.bundle_reader import VerifiedBundle, audit_of
from ..storage import bundle_store
from . import bundle_series, import_gate
from .bundle_series import AUDIT_CHUNK
from .import_writer import ImportWriter


class AuditMerge:
    """The audit rows of one bundle; `finish` returns (rows read, rows added). `fed`:
    the rows come through `add` (from the checking process) instead of being read
    here."""

    def __init__(self, conn: sqlite3.Connection, verified: VerifiedBundle,
                 writer: ImportWriter, fed: bool = False):
        self.conn = conn
        self.verified = verified
        self.writer = writer
        self.series = bool(verified.manifest.series)
        self.fed = fed and not self.series
        self.read = self.added = 0
        self._rows = iter(()) if self.fed else audit_of(verified)
        self._chunks: Iterator[list] = _chunks(self._rows)
        self._chain = import_gate.AuditChain(conn, ready=writer.wait)
        self._new: list[tuple] = []  # fed rows checked, not written yet
        self._done = False

    def step(self) -> bool:
        """Check and write the next chunk (a series part: all of them); False once every
        row has been handled (its writes may still be running: `finish` waits) or once
        a chunk was refused (the refusal is the one raised then), and always when fed."""
        if self._done or self.fed:
            return False
        try:
            return self._next()
        except BaseException:
            self._done = True
            raise

    def add(self, rows: list[tuple]) -> None:
        """Check the next fed rows; they are written once `AUDIT_CHUNK` are waiting."""
        new_rows = self._chain.new_rows(rows)
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
                                                             self._rows, self.writer)
            return True
        chunk = next(self._chunks, None)
        if chunk is None:
            self._done = True
            return False
        new_rows = self._chain.new_rows(chunk)
        if new_rows:
            self.writer.submit(bundle_store.insert_audit, self.conn, new_rows)
        self.read += len(chunk)
        self.added += len(new_rows)
        return True

    def finish(self) -> tuple[int, int]:
        """Every chunk left, with every write done: (rows read, rows added)."""
        while self.step():
            pass
        self._write()
        self.writer.wait()
        return self.read, self.added

    def close(self) -> None:
        """Stop reading the member (its decompressing thread) when left unfinished."""
        self._chunks.close()
        if not self.fed:
            self._rows.close()


def _chunks(rows) -> Iterator[list]:
    """`AUDIT_CHUNK` rows at a time."""
    rows = iter(rows)
    while chunk := list(itertools.islice(rows, AUDIT_CHUNK)):
        yield chunk
