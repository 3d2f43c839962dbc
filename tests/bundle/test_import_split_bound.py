"""The import's memory while its checking process runs ahead (services/import_split.py):
at most `AHEAD` of the child's messages are taken into the importing process; the rest
wait in the pipe, and the child waits for them to be read. Driven through a real pipe by
a thread standing in for the child, so the bound is seen from outside."""

from __future__ import annotations

import io
import pickle
import threading
import time
from multiprocessing import Pipe
from types import SimpleNamespace

import pytest

from desktop.bundle.errors import BundleError
from desktop.services import import_split
from desktop.services.form_check_child import ERROR, FORMS

EXTRA = 12  # messages sent beyond the bound


def _form(number: int) -> tuple:
    """A compact form tuple (form_check_child.compact) with the fields the stream reads."""
    return ((f"u{number}", "r", number), "{}", "0" * 64, None, True)


def _wait_until(condition, seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


@pytest.fixture
def stream_and_child():
    """A FormStream reading a pipe, and the pipe's other end (the child's)."""
    jobs_read, jobs_write = Pipe(duplex=False)
    results_read, results_write = Pipe(duplex=False)
    checker = import_split.FormChecker(0)
    checker._jobs, checker._results = jobs_write, results_read
    verified = SimpleNamespace(zipped=SimpleNamespace(fp=io.BytesIO(b"the zip")))
    stream = import_split.FormStream(checker, verified, job={"a": "job"})
    try:
        yield stream, jobs_read, results_write
    finally:
        results_write.close()  # a receiving thread still waiting gets EOF
        stream.close()
        for end in (jobs_read, jobs_write, results_read):
            end.close()


def test_at_most_ahead_messages_are_taken_in_while_the_import_is_busy(stream_and_child):
    stream, jobs, child = stream_and_child
    assert jobs.recv_bytes() == b"the zip"
    assert pickle.loads(jobs.recv_bytes()) == {"a": "job"}
    total = import_split.AHEAD + EXTRA
    sender = threading.Thread(target=lambda: [
        child.send_bytes(FORMS + pickle.dumps([_form(n)])) for n in range(total)])
    sender.start()
    sender.join()  # every message written: small ones all fit in the pipe
    # The import reads nothing yet (it is checking the audit chain): the receiving
    # thread fills the bound, then waits; the other messages stay in the pipe.
    assert _wait_until(lambda: stream._messages.qsize() == import_split.AHEAD)
    assert stream._messages.qsize() == import_split.AHEAD
    assert stream.checker._results.poll()  # still unread there
    child.send_bytes(ERROR + pickle.dumps(("tampered", "the end", {})))
    numbers = []
    with pytest.raises(BundleError) as refused:
        for kind, record, _ in stream.records():
            assert stream._messages.qsize() <= import_split.AHEAD
            numbers.append(record[0][2])  # FORM_FIELDS: uuid, round_uuid, form_number
    assert refused.value.kind == "tampered"
    assert numbers == list(range(total))  # nothing lost or reordered by the wait

