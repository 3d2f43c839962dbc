"""Opening a bundle at headquarters, in the order that keeps a forged file harmless:

1. size cap, then age decryption (wrong key, not a bundle, truncated);
2. ZIP member list and sizes (unsafe names, unexpected members, bombs);
3. manifest format version, then the Ed25519 signature over the exact manifest bytes;
4. the sha256 of every other file against the signed manifest;
5. only then are records read (`records_of`, `audit_of`), streamed from the decrypted
   ZIP a line at a time, so the import's memory does not grow with the bundle's forms.

Device trust (HQ's register of enrolled devices and the key pinned to each device id) is
checked by the import service (services/import_gate.py) before the records are read.
"""

from __future__ import annotations

import base64
import codecs
import hashlib
import zipfile
from dataclasses import dataclass
from typing import Iterator

from pyrage import x25519

from . import age_crypto, archive, records
from .device_key import fingerprint
from .errors import BundleError
from .manifest import (AUDIT, DATA_FILES, QUESTIONNAIRE, RECORDS, Manifest,
                       parse_manifest)
from .prefetch import prefetched
from .signing import signature_valid

MAX_BUNDLE_FILE_BYTES = 512 * 1024 * 1024


@dataclass(frozen=True)
class VerifiedBundle:
    """A bundle whose signature and hashes are good (its records not read yet). `files`
    holds the small members (the questionnaire); the others are read again from `zipped`
    (the decrypted archive, bytes in memory that cannot change since they were hashed) as
    streams of lines."""

    manifest: Manifest
    files: dict[str, bytes]
    zipped: zipfile.ZipFile | None = None

    @property
    def fingerprint(self) -> str:
        return fingerprint(base64.b64decode(self.manifest.device_public_key))

    def lines(self, name: str) -> Iterator[str]:
        """The lines of a UTF-8 JSONL member (split at "\\n" only, as `iter_lines`),
        decompressed and decoded a few megabytes at a time."""
        if name in self.files:
            yield from records.iter_lines(self.files[name])
            return
        decoder = codecs.getincrementaldecoder("utf-8")("strict")
        rest = ""
        # Decompressed a chunk ahead on a helper thread, while these lines are parsed.
        chunks = prefetched(lambda: self.zipped.open(name), _LINES_CHUNK)
        try:
            for chunk in chunks:
                lines = (rest + decoder.decode(chunk)).split("\n")
                rest = lines.pop()
                yield from lines
            yield rest + decoder.decode(b"", final=True)
        except UnicodeDecodeError as exc:
            raise BundleError("tampered", f"{name}: {exc}") from exc
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise BundleError("tampered", f"{name}: {exc}") from exc
        finally:
            chunks.close()  # a reader stopped early (a refusal) stops the helper thread


_LINES_CHUNK = 4 * 1024 * 1024


def read_bundle_file(path) -> bytes:
    """The bytes of a bundle file, refusing oversize files before reading them."""
    with open(path, "rb") as handle:
        data = handle.read(MAX_BUNDLE_FILE_BYTES + 1)
    if len(data) > MAX_BUNDLE_FILE_BYTES:
        raise BundleError("too_large", f"{path} is over {MAX_BUNDLE_FILE_BYTES} bytes")
    return data


def verify_bundle(data: bytes, identities: list[x25519.Identity]) -> VerifiedBundle:
    """Decrypt and verify: signature first, then every file hash (steps 1 to 4). The
    members are hashed as they are decompressed; only the questionnaire is kept."""
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
        if name == QUESTIONNAIRE:
            data_bytes = archive.read_member(zipped, name)
            digest = hashlib.sha256(data_bytes).hexdigest()
            files[name] = data_bytes
        else:
            digest = _member_sha256(zipped, name)
        if digest != manifest.files[name]:
            raise BundleError("tampered", f"{name}: sha256 differs from the manifest")
    return VerifiedBundle(manifest, files, zipped)


_CHUNK = 1024 * 1024


def _member_sha256(zipped: zipfile.ZipFile, name: str) -> str:
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


def audit_of(bundle: VerifiedBundle) -> Iterator[tuple]:
    """The rows of audit.jsonl, streamed (`records.iter_audit`)."""
    return records.iter_audit(bundle.lines(AUDIT), chained=bundle.manifest.format_version >= 2)


def check_counts(bundle: VerifiedBundle, rounds: int, forms: int, audit: int) -> None:
    """The numbers of records read against the manifest's counts."""
    counts = bundle.manifest.counts
    if counts.get("forms") != forms or counts.get("rounds") != rounds \
            or counts.get("audit") != audit:
        raise BundleError("tampered", "record counts differ from the manifest")


def parse_contents(bundle: VerifiedBundle, on_form=None) -> BundleContents:
    """The questionnaire, rounds, forms and audit rows of a verified bundle in lists (step
    5), for tools and tests; `on_form` is passed to `records.parse_records`. HQ's import
    streams them instead (`records_of`, `audit_of`)."""
    text = questionnaire_text(bundle)
    rounds, forms = records.parse_records(bundle.lines(RECORDS), on_form)
    audit = list(audit_of(bundle))
    check_counts(bundle, len(rounds), len(forms), len(audit))
    return BundleContents(text, rounds, forms, audit)
