"""`MemberSink`: one ZIP member of a bundle, deflated and hashed as its text arrives.

The export writes a form's record line and its CSV row at once, so the members of a bundle
grow side by side; each sink keeps only its compressed bytes (about a sixth of the text)
and hands the compression, the CRC and the sha256 to its own worker thread (deflate.py's
compressor and hashlib release the GIL), so a 100k-form export compresses on the second core while the
first one reads rows. Nothing is written to disk: a plaintext member never touches the
laptop's disk (the project itself is encrypted at rest).
"""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from . import deflate

CHUNK_CHARS = 1 << 20  # text gathered before it is encoded and handed to the worker


@dataclass(frozen=True)
class PackedMember:
    """A finished member: its sha256 (for the manifest) and what the ZIP needs."""

    name: str
    sha256: str
    crc: int
    size: int
    compressed: bytes


class MemberSink:
    """Text in (`write`, `write_line`, or UTF-8 `write_bytes`), a `PackedMember` out
    (`close`)."""

    def __init__(self, name: str, prefix: bytes = b""):
        self.name = name
        self.size = 0  # uncompressed bytes so far (handed to the worker)
        self._pieces: list[str] = []
        self._chars = 0
        self._blobs: list[bytes] = []  # encoded, not yet handed to the worker
        self._blob_size = 0
        self._sha = hashlib.sha256()
        self._crc = 0
        self._compressor = deflate.compressobj()
        self._out: list[bytes] = []
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"zip-{name}")
        self._pending = None
        if prefix:
            self._submit(prefix)

    def write(self, text: str) -> None:
        self._pieces.append(text)
        self._chars += len(text)
        if self._chars >= CHUNK_CHARS:
            self._flush()

    def write_line(self, line: str) -> None:
        """`line` and a newline (a JSONL member: every line ends with one)."""
        self._pieces.append(line)
        self._pieces.append("\n")
        self._chars += len(line) + 1
        if self._chars >= CHUNK_CHARS:
            self._flush()

    def write_bytes(self, data: bytes) -> None:
        """UTF-8 bytes, after the text written before them."""
        if self._pieces:
            self._encode_pieces()
        self._blobs.append(data)
        self._blob_size += len(data)
        if self._blob_size >= CHUNK_CHARS:
            self._submit_blobs()

    def pending_size(self) -> int:
        """Uncompressed bytes so far, counting the text not yet handed on (about)."""
        return self.size + self._blob_size + self._chars

    def close(self) -> PackedMember:
        self._flush()
        self._wait()
        self._out.append(self._compressor.flush())
        self._worker.shutdown()
        compressed, self._out = b"".join(self._out), []  # one copy, not two
        return PackedMember(self.name, self._sha.hexdigest(), self._crc, self.size,
                            compressed)

    def abandon(self) -> None:
        """Stop the worker without finishing (an export that failed)."""
        self._worker.shutdown(cancel_futures=True)

    def _flush(self) -> None:
        if self._pieces:
            self._encode_pieces()
        self._submit_blobs()

    def _encode_pieces(self) -> None:
        data = "".join(self._pieces).encode("utf-8")
        self._pieces.clear()
        self._chars = 0
        self._blobs.append(data)
        self._blob_size += len(data)

    def _submit_blobs(self) -> None:
        if self._blobs:
            data = b"".join(self._blobs)
            self._blobs.clear()
            self._blob_size = 0
            self._submit(data)

    def _submit(self, data: bytes) -> None:
        self.size += len(data)
        # One chunk in flight: the next waits for it (memory stays bounded, order kept).
        self._wait()
        self._pending = self._worker.submit(self._pack, data)

    def _wait(self) -> None:
        if self._pending is not None:
            self._pending.result()
            self._pending = None

    def _pack(self, data: bytes) -> None:
        self._sha.update(data)
        self._crc = deflate.crc32(data, self._crc)
        self._out.append(self._compressor.compress(data))


def pack_bytes(name: str, data: bytes) -> PackedMember:
    """A small member given whole (manifest, signature, questionnaire)."""
    compressor = deflate.compressobj()
    return PackedMember(name, hashlib.sha256(data).hexdigest(), deflate.crc32(data), len(data),
                        compressor.compress(data) + compressor.flush())
