"""prefetched: the chunks of a stream in order, read ahead by one helper thread; a read
error is raised where its chunk would have come, and a consumer that stops early leaves
no thread behind."""

from __future__ import annotations

import io
import threading

import pytest

from desktop.bundle.prefetch import prefetched


def _helpers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "bundle-prefetch"]


def test_chunks_come_in_order_and_whole():
    data = bytes(range(256)) * 1000
    assert b"".join(prefetched(lambda: io.BytesIO(data), 999)) == data
    assert list(prefetched(lambda: io.BytesIO(b""), 10)) == []
    assert not _helpers()


class _CountedReads(io.RawIOBase):
    """A readable raw stream that counts the reads asked of it."""

    def __init__(self):
        self.reads = 0

    def readable(self):
        return True


class _Broken(_CountedReads):
    def read(self, size=-1):
        self.reads += 1
        if self.reads > 3:
            raise OSError("the disk went away")
        return b"x" * size


def test_a_read_error_is_raised_to_the_consumer_after_the_good_chunks():
    got = []
    with pytest.raises(OSError, match="went away"):
        for chunk in prefetched(_Broken, 5):
            got.append(chunk)
    assert got == [b"xxxxx"] * 3
    assert not _helpers()


def test_a_consumer_stopping_early_stops_the_reader():
    endless = _Endless()
    chunks = prefetched(lambda: endless, 4, ahead=2)
    assert next(chunks) == b"yyyy"
    chunks.close()
    assert not _helpers()
    assert endless.closed
    assert endless.reads <= 4  # the one taken, two waiting, one blocked at most


class _Endless(_CountedReads):
    def read(self, size=-1):
        self.reads += 1
        return b"y" * size
