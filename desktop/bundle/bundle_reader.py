"""Opening a bundle at headquarters, in the order that keeps a forged file harmless:

1. size cap, then age decryption (wrong key, not a bundle, truncated);
2. ZIP member list and sizes (unsafe names, unexpected members, bombs);
3. manifest format version, then the Ed25519 signature over the exact manifest bytes;
4. the sha256 of every other file against the signed manifest;
5. only then are records read (`records_of`, `audit_of`), streamed from the decrypted
   ZIP a line at a time, so the import's memory does not grow with the bundle's forms.

HQ's import defers step 4 for the large members (`verify_bundle(..., defer_hashes=True)`):
each is hashed by the thread that decompresses it while its lines are parsed (one pass
instead of two), and `VerifiedBundle.check_hashes` (every member complete and equal to the
manifest) must pass before the import's one transaction commits. A refusal for any other
reason first calls `check_hashes` too, so a member that differs from the signed manifest
is reported exactly as when it was hashed first (same members, order, caps and sentence).

Device trust (HQ's register of enrolled devices and the key pinned to each device id) is
checked by the import service (services/import_gate.py) before the records are read.
"""

from __future__ import annotations

import base64
import codecs
import hashlib
import itertools
import threading
import zipfile
from dataclasses import dataclass, field
from typing import Iterator

from pyrage import x25519

from . import age_crypto, archive, audit_lines, records
from .device_key import fingerprint
from .errors import BundleError
from .manifest import (AUDIT, DATA_FILES, QUESTIONNAIRE, RECORDS, Manifest,
                       parse_manifest)
from .prefetch import prefetched
from .signing import signature_valid

MAX_BUNDLE_FILE_BYTES = 512 * 1024 * 1024


class Halted(Exception):
    """A member's reader was told to stop (`VerifiedBundle.lines`' `halt`): not a
    refusal, the import is leaving the bundle for another reason."""


@dataclass(frozen=True)
class VerifiedBundle:
    """A bundle whose signature is good and whose hashes are good or `unchecked` (its
    records not read yet). `files` holds the small members (the questionnaire); the
    others are read from `zipped` (the decrypted archive, bytes in memory that cannot
    change) as streams of lines. A member in `unchecked` is hashed as it is streamed
    and its sha256 compared when its last line has been read; `check_hashes` settles
    every member still unchecked."""

    manifest: Manifest
    files: dict[str, bytes]
    zipped: zipfile.ZipFile | None = None
    unchecked: set[str] = field(default_factory=set)

    def check_hashes(self) -> None:
        """Every member not yet confirmed by a complete stream: read whole, under the caps
        of step 4, and compared with the manifest, in the manifest's member order (the
        first that differs is refused as verify_bundle would have refused it)."""
        for name in DATA_FILES:
            if name in self.unchecked:
                digest = member_sha256(self.zipped, name)
                if digest != self.manifest.files[name]:
                    raise BundleError("tampered", f"{name}: sha256 differs from the manifest")
                self.unchecked.discard(name)

    @property
    def fingerprint(self) -> str:
        return fingerprint(base64.b64decode(self.manifest.device_public_key))

    def lines(self, name: str, halt: threading.Event | None = None) -> Iterator[str]:
        """The lines of a UTF-8 JSONL member (split at "\\n" only, as `iter_lines`),
        decompressed and decoded a few megabytes at a time (handed on by a C iterator
        over `line_batches`: no Python step per line). Once `halt` is set, the next
        chunk raises `Halted` (a reader on another thread told to stop)."""
        return itertools.chain.from_iterable(self.line_batches(name, halt))

    def line_batches(self, name: str, halt: threading.Event | None = None
                     ) -> Iterator[list[str]]:
        """The lines of `lines`, a list per decompressed chunk."""
        if name in self.files:
            yield list(records.iter_lines(self.files[name]))
            return
        decoder = codecs.getincrementaldecoder("utf-8")("strict")
        rest = ""
        hashing = _HashingReader(self.zipped, name) if name in self.unchecked else None
        # Decompressed (and hashed) a chunk ahead on a helper thread, while these lines
        # are parsed.
        chunks = prefetched(hashing.open if hashing else lambda: self.zipped.open(name),
                            _LINES_CHUNK)
        try:
            for chunk in chunks:
                if halt is not None and halt.is_set():
                    raise Halted(name)
                lines = (rest + decoder.decode(chunk)).split("\n")
                rest = lines.pop()
                yield lines
            last = rest + decoder.decode(b"", final=True)
            if hashing is not None:
                if hashing.hexdigest() != self.manifest.files[name]:
                    raise BundleError("tampered", f"{name}: sha256 differs from the manifest")
                self.unchecked.discard(name)
            yield [last]
        except UnicodeDecodeError as exc:
            raise BundleError("tampered", f"{name}: {exc}") from exc
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise BundleError("tampered", f"{name}: {exc}") from exc
        finally:
            chunks.close()  # a reader stopped early (a refusal) stops the helper thread


# Bytes decompressed at a time. Each chunk is held about three times over (the bytes, the
# decoded text, its lines) and two wait ahead, and glibc keeps the heap such blocks were
# cut from: 4 MB chunks cost the import's checking process about 35 MB of its peak at
# 100k forms (147 -> 108 MB), and the importing process some while it reads the audit
# rows, for no time measured.
_LINES_CHUNK = 1024 * 1024


def read_bundle_file(path) -> bytes:
    """The bytes of a bundle file, refusing oversize files before reading them."""
    with open(path, "rb") as handle:
        data = handle.read(MAX_BUNDLE_FILE_BYTES + 1)
    if len(data) > MAX_BUNDLE_FILE_BYTES:
        raise BundleError("too_large", f"{path} is over {MAX_BUNDLE_FILE_BYTES} bytes")
    return data


def verify_bundle(data: bytes, identities: list[x25519.Identity],
                  defer_hashes: bool = False) -> VerifiedBundle:
    """Decrypt and verify: signature first, then every file hash (steps 1 to 4). The
    members are hashed as they are decompressed; only the questionnaire is kept. With
    `defer_hashes`, only the questionnaire is hashed now: the other members are hashed
    as they are streamed, and the caller must call `check_hashes` before it commits
    anything it read from them (see the module's docstring)."""
    plain = age_crypto.decrypt(data, identities)
    zipped = archive.open_zip(plain)
    manifest_bytes, signature = archive.read_signed_part(zipped)
    manifest = parse_manifest(manifest_bytes)
    try:
        base64.b64decode(manifest.device_public_key, validate=True)
    except ValueError as exc:
        raise BundleError("tampered", "device_public_key") from exc
    if not signature_valid(manifest.device_public_key, manifest_bytes, signature):
        raise BundleError("tampered", "manifest signature does not verify")
    files = {}
    for name in DATA_FILES:
        if defer_hashes and name != QUESTIONNAIRE:
            continue
        if name == QUESTIONNAIRE:
            data_bytes = archive.read_member(zipped, name)
            digest = hashlib.sha256(data_bytes).hexdigest()
            files[name] = data_bytes
        else:
            digest = member_sha256(zipped, name)
        if digest != manifest.files[name]:
            raise BundleError("tampered", f"{name}: sha256 differs from the manifest")
    unchecked = {name for name in DATA_FILES if name != QUESTIONNAIRE} if defer_hashes \
        else set()
    return VerifiedBundle(manifest, files, zipped, unchecked)


_CHUNK = 1024 * 1024


class _HashingReader:
    """A member's stream that hashes and counts what is read from it, under the caps of
    `member_sha256` (size while reading, compression ratio at the end)."""

    def __init__(self, zipped: zipfile.ZipFile, name: str):
        self.info = zipped.getinfo(name)
        self.zipped = zipped
        self.digest = hashlib.sha256()
        self.size = 0
        self.complete = False
        self._handle = None

    def open(self) -> "_HashingReader":
        self._handle = self.zipped.open(self.info)
        return self

    def read(self, size: int) -> bytes:
        chunk = self._handle.read(size)
        self.size += len(chunk)
        if self.size > archive.MAX_TOTAL_BYTES:
            raise BundleError("too_large", f"{self.info.filename} exceeds "
                                           f"{archive.MAX_TOTAL_BYTES} bytes")
        if chunk:
            self.digest.update(chunk)  # without the GIL: the parsing thread runs meanwhile
        else:
            archive._check_ratio(self.info.filename, self.size, self.info.compress_size)
            self.complete = True
        return chunk

    def hexdigest(self) -> str:
        """The member's sha256, once it has been read to its end."""
        if not self.complete:
            raise BundleError("tampered", f"{self.info.filename}: not read to its end")
        return self.digest.hexdigest()

    def __enter__(self) -> "_HashingReader":
        return self

    def __exit__(self, *exc) -> None:
        self._handle.close()


def member_sha256(zipped: zipfile.ZipFile, name: str) -> str:
    """The sha256 of one member, read in chunks under the same caps as read_member."""
    info = zipped.getinfo(name)
    digest = hashlib.sha256()
    size = 0
    try:
        with zipped.open(info) as handle:
            while chunk := handle.read(_CHUNK):
                size += len(chunk)
                if size > archive.MAX_TOTAL_BYTES:
                    raise BundleError("too_large", f"{name} exceeds "
                                                   f"{archive.MAX_TOTAL_BYTES} bytes")
                digest.update(chunk)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise BundleError("tampered", f"{name}: {exc}") from exc
    archive._check_ratio(name, size, info.compress_size)
    return digest.hexdigest()


def questionnaire_text(bundle: VerifiedBundle) -> str:
    """The bundle's questionnaire.json, checked against the manifest's sha256."""
    try:
        text = bundle.files[QUESTIONNAIRE].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BundleError("tampered", f"questionnaire.json: {exc}") from exc
    if hashlib.sha256(text.encode("utf-8")).hexdigest() != bundle.manifest.questionnaire["sha256"]:
        raise BundleError("tampered", "questionnaire.json differs from its sha256")
    return text


def records_of(bundle: VerifiedBundle) -> Iterator[tuple]:
    """The rounds and forms of records.jsonl, streamed (`records.iter_records`)."""
    return records.iter_records(bundle.lines(RECORDS))


def audit_of(bundle: VerifiedBundle, skip: int = 0, stop: int | None = None,
             batch_lines: int | None = None, halt: threading.Event | None = None
             ) -> Iterator[tuple]:
    """The rows of audit.jsonl, streamed (`audit_lines.iter_audit`, which says what
    `skip`, `stop` and `batch_lines` are for; `halt` as in `VerifiedBundle.lines`)."""
    return audit_lines.iter_audit(bundle.lines(AUDIT, halt),
                                  bundle.manifest.format_version >= 2, skip, stop,
                                  batch_lines)


def check_counts(bundle: VerifiedBundle, rounds: int, forms: int, audit: int) -> None:
    """The numbers of records read against the manifest's counts."""
    counts = bundle.manifest.counts
    if counts.get("forms") != forms or counts.get("rounds") != rounds \
            or counts.get("audit") != audit:
        raise BundleError("tampered", "record counts differ from the manifest")
