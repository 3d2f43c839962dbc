"""`riskmap check`: every check of a project database, side by side on two cores.

What `check` proves (storage/integrity.py, storage/audit_chain.py, snapshot_check.py):
SQLite's own check of every page (`integrity_check`, or `quick_check`), no row referring
to a missing row, the schema version, the protective triggers, every device's audit hash
chain, every form's stored answers (a JSON object of texts to known questions), and the
dashboard's snapshot agreeing with the answer rows. The parts are
independent, so they run at the same time, each on its own read-only connection: SQLite
releases the GIL while it works, so its page check and foreign-key lookups run on one
core while Python hashes the audit chain and compares the snapshot on the other (a
million forms on the shared 2-core machine: 42 s and 324 MB beside a bare integrity_check
of 14 s, against 83 s and 1 GB beside 14 s before; `make bench-large`, `--only check`).
The snapshot comparison also counts the damaged stored answers of the rows it parses, so
each row is parsed once (a million forms: 30.3 s beside a bare integrity_check of 4.3 s
when a worker parsed every row again; 21-26 s beside 6.7-10.7 s after). A file of an
older schema is checked on its migrated copy in memory, one part after the other.
"""

from __future__ import annotations

import sqlite3
import sys
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..storage import (analysis_snapshot_store, answers_check, audit_chain, bundle_store,
                       integrity)
from ..storage.migrations import SCHEMA_VERSION
from . import analysis_table, round_makers, round_origin
from .snapshot_check import SnapshotStatus, check_snapshot
from .workspace import open_database


@dataclass
class CheckResult:
    """The report of `check`: the database's, the snapshot's, and what --repair did."""

    report: integrity.IntegrityReport
    snapshot: SnapshotStatus
    file_version: int
    repaired: int | None = None  # forms in the snapshot rebuilt by --repair
    # (device id, sequence, imported) of each restored copy's branch the chain accepts.
    branches: list[tuple[str, int, str]] = field(default_factory=list)
    # Whose rounds (services/round_origin.py): (rounds with a known origin, without), and
    # every device HQ allowed into a round another device brought.
    origins: tuple[int, int] = (0, 0)
    shared: list = field(default_factory=list)
    # (device id, sequence, decided) of each bundle HQ imported on its decision of which
    # copy of a device's project the post keeps (services/copy_keeper.py).
    kept: list[tuple[str, int, str]] = field(default_factory=list)
    # Every round whose uuid names its maker (services/round_makers.py).
    makers: list = field(default_factory=list)
    # (device, relaying device, sequence, imported) of each relayed branch the chain accepts.
    relayed: list[tuple[str, str, int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.report.ok and self.snapshot.ok


def check_project(path: Path, full: bool = True, repair: bool = False) -> CheckResult:
    """Check the project database at `path` (read only, unless `repair` first rebuilds
    the snapshot from the answer rows: the one part of `check` that writes). `full`:
    SQLite's `integrity_check`, else its `quick_check`."""
    repaired = None
    if repair:
        db = open_database(path)
        try:
            repaired = analysis_table.repair_database(db.conn)
        finally:
            db.close()
    # Inspecting never writes (issue 13); the snapshot's rows are read ahead by a thread.
    db = open_database(path, read_only=True, check_same_thread=False)
    try:
        file_version = db.file_version if db.file_version is not None else SCHEMA_VERSION
        if file_version < SCHEMA_VERSION:  # a migrated copy in memory: one connection
            report = integrity.check(db.conn, full)
            snapshot = check_snapshot(db.conn, analysis_table.stored_questionnaire(db.conn))
        else:
            report, snapshot = _side_by_side(db, full)
        branches = bundle_store.recorded_branches(db.conn)
        origins = round_origin.origin_summary(db.conn)
        shared = round_origin.shared_rounds(db.conn)
        kept = bundle_store.kept_copies(db.conn)
        makers = round_makers.made_rounds(db.conn)
        relayed = bundle_store.relayed_branch_records(db.conn)
    finally:
        db.close()
    return CheckResult(report, snapshot, file_version, repaired, branches, origins, shared,
                       kept, makers, relayed)


def _side_by_side(db, full: bool) -> tuple[integrity.IntegrityReport, SnapshotStatus]:
    """SQLite's page check, then the foreign keys and the audit chain, in two worker
    threads on their own connections; the counts and the snapshot on `db` meanwhile."""
    # The reading threads take the GIL back after every row SQLite steps to; with the
    # default 5 ms switch interval they wait on the comparing thread most of the time
    # (measured at a million forms: 51 s, 47 s with 0.5 ms), so hand it over sooner
    # while the parts run.
    previous = sys.getswitchinterval()
    sys.setswitchinterval(min(previous, 0.0005))
    try:
        return _run_parts(db, full)
    finally:
        sys.setswitchinterval(previous)


def _run_parts(db, full: bool) -> tuple[integrity.IntegrityReport, SnapshotStatus]:
    jobs = _Jobs(db.locator)
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="riskmap-check") as pool:
        page = pool.submit(jobs.run, integrity.page_check, full)
        keys = pool.submit(jobs.run, integrity.foreign_key_errors)
        chain = pool.submit(jobs.run, _chain)
        try:
            report = integrity.summary(db.conn)
            snapshot, answers = _snapshot_and_answers(db.conn)
            report.findings.extend(answers)
            integrity.add_page_check(report, page.result(), full)
            integrity.add_foreign_keys(report, keys.result())
            walked = chain.result()
        except BaseException:
            jobs.stop(page, keys, chain)  # a failure or Ctrl+C: stop at once
            raise
    if walked is not None:
        integrity.add_chain(report, walked)
    return integrity.finish(report), snapshot


def _snapshot_and_answers(conn: sqlite3.Connection) -> tuple[SnapshotStatus, list]:
    """The snapshot's status and the findings about the stored answers, each row parsed
    once: the snapshot check counts the rows it parses (every live form not written since)
    and only the others are read after it, in the same read transaction, so a form
    written meanwhile is counted once. When it did not read its rows to the end (no
    snapshot, one that differs), every row is read again."""
    with analysis_snapshot_store.read_snapshot(conn):
        tally = answers_check.new_tally(conn)
        snapshot = check_snapshot(conn, analysis_table.stored_questionnaire(conn),
                                  prefetch=True, tally=tally)
        if snapshot.read_all:
            return snapshot, answers_check.answer_findings(conn, tally=tally, rest_only=True)
        return snapshot, answers_check.answer_findings(conn, tally.known)


def _chain(conn: sqlite3.Connection) -> audit_chain.ChainReport | None:
    return audit_chain.verify_chains(conn) if integrity.chain_checked(conn) else None


class _Jobs:
    """Runs one check on a read-only connection of its own (opened in the worker thread,
    closed after), and can interrupt every one still running."""

    def __init__(self, locator):
        self._locator = locator
        self._lock = threading.Lock()
        self._open: set[sqlite3.Connection] = set()
        self._stopped = False

    def run(self, work: Callable, *args):
        db = open_database(self._locator, read_only=True)
        with self._lock:
            if self._stopped:
                db.close()
                raise RuntimeError("check stopped")
            self._open.add(db.conn)
        try:
            return work(db.conn, *args)
        finally:
            with self._lock:
                self._open.discard(db.conn)
            db.close()

    def stop(self, *futures: Future) -> None:
        with self._lock:
            self._stopped = True
            for conn in self._open:
                conn.interrupt()
        for future in futures:
            future.cancel()
