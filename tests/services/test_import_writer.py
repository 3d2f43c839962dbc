"""ImportWriter runs a bundle's writes in order, one at a time (a few queued), off the
caller's thread when asked; a failed write surfaces at the next `wait` (so the import
rolls back), and `close` waits for the last write without raising (a refusal is already
on its way)."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from desktop.services.import_writer import ImportWriter
from desktop.storage import bulk_rows


@pytest.mark.parametrize("background", [False, True])
def test_writes_run_in_order_and_on_the_writer_thread(background):
    seen: list[tuple[int, bool]] = []
    writer = ImportWriter(background)
    caller = threading.get_ident()
    try:
        for number in range(20):
            writer.submit(lambda n: seen.append((n, threading.get_ident() == caller)), number)
        writer.wait()
    finally:
        writer.close()
    assert [n for n, _ in seen] == list(range(20))
    assert {on_caller for _, on_caller in seen} == {not background}


def test_a_failed_write_is_raised_at_the_next_wait_and_close_does_not_raise():
    conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)")
    writer = ImportWriter(background=True)
    writer.submit(bulk_rows.insert_rows, conn, "t", ("id",), [(1,), (2,)])
    writer.submit(bulk_rows.insert_rows, conn, "t", ("id",), [(2,)])  # a broken rule
    with pytest.raises(sqlite3.IntegrityError):
        writer.wait()
    writer.submit(bulk_rows.insert_rows, conn, "t", ("id",), [(1,)])
    writer.close()  # the error of this write stays with the refusal already raised
    writer.close()
    assert conn.execute("SELECT id FROM t ORDER BY id").fetchall() == [(1,), (2,)]


def test_an_inline_writer_raises_at_once():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)")
    writer = ImportWriter()
    with pytest.raises(sqlite3.IntegrityError):
        writer.submit(bulk_rows.insert_rows, conn, "t", ("id",), [(1,), (1,)])


def test_writes_wait_their_turn_and_none_runs_after_a_failed_one():
    """Up to DEPTH writes are pending at once (the caller goes on meanwhile); a write
    queued behind a failed one is not run, and the failure is raised at `wait`."""
    from desktop.services import import_writer
    assert import_writer.DEPTH >= 2
    gate = threading.Event()
    ran: list[int] = []

    def write(number):
        gate.wait(5)
        ran.append(number)
        if number == 1:
            raise ValueError("broken")
    writer = ImportWriter(background=True)
    try:
        writer.submit(write, 0)
        writer.submit(write, 1)  # returns at once: the writer is still held by 0
        assert ran == []
        gate.set()
        writer.submit(write, 9)  # its turn comes once 0 is written
        with pytest.raises(ValueError):
            writer.wait()
        writer.wait()  # raised once
    finally:
        gate.set()
        writer.close()
    assert ran == [0, 1]
