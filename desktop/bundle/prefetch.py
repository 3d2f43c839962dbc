"""`prefetched`: the chunks of a stream, read ahead by a helper thread.

Decompressing a ZIP member (zlib) and its CRC run without Python's lock, so a thread that
reads the next chunks while the import parses the current one takes that work off the
parsing thread (about half a second of a 100k-form bundle). At most `ahead` chunks wait
in memory. An error of the reading thread is raised where the chunk would have come; a
consumer that stops early (a refusal) stops the thread before the generator returns.
"""

from __future__ import annotations

import queue
import threading
from typing import BinaryIO, Callable, Iterator

_END = object()


def prefetched(open_stream: Callable[[], BinaryIO], size: int, ahead: int = 2
               ) -> Iterator[bytes]:
    """The chunks of `size` bytes of the stream `open_stream()` returns (read and closed
    on a helper thread), in order."""
    chunks: queue.Queue = queue.Queue(maxsize=ahead)
    stop = threading.Event()

    def put(item) -> bool:
        while not stop.is_set():
            try:
                chunks.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def read() -> None:
        try:
            with open_stream() as stream:
                while not stop.is_set():
                    chunk = stream.read(size)
                    if not chunk:
                        break
                    if not put(chunk):
                        return
            put(_END)
        except BaseException as exc:  # handed to the consumer, raised there
            put(exc)

    reader = threading.Thread(target=read, name="bundle-prefetch", daemon=True)
    reader.start()
    try:
        while True:
            item = chunks.get()
            if item is _END:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        reader.join()
