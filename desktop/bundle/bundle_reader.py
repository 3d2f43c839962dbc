"""Opening a bundle at headquarters, in the order that keeps a forged file harmless:

1. size cap, then age decryption (wrong key, not a bundle, truncated);
2. ZIP member list and sizes (unsafe names, unexpected members, bombs);
3. manifest format version, then the Ed25519 signature over the exact manifest bytes;
4. the sha256 of every other file against the signed manifest;
5. only then are records parsed (`parse_contents`).

Device trust (HQ's register of enrolled devices and the key pinned to each device id) is
checked by the import service (services/import_gate.py) before `parse_contents`.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

from pyrage import x25519

from . import age_crypto, archive, records
from .device_key import fingerprint
from .errors import BundleError
from .manifest import (AUDIT, DATA_FILES, QUESTIONNAIRE, RECORDS, Manifest,
                       parse_manifest)
from .signing import signature_valid

MAX_BUNDLE_FILE_BYTES = 512 * 1024 * 1024


@dataclass(frozen=True)
class VerifiedBundle:
    """A bundle whose signature and hashes are good (its records not parsed yet)."""

    manifest: Manifest
    files: dict[str, bytes]

    @property
    def fingerprint(self) -> str:
        return fingerprint(base64.b64decode(self.manifest.device_public_key))


@dataclass(frozen=True)
class BundleContents:
    questionnaire_text: str
    rounds: list[dict]
    forms: list[records.FormRecord]
    audit: list[tuple]


def read_bundle_file(path) -> bytes:
    """The bytes of a bundle file, refusing oversize files before reading them."""
    with open(path, "rb") as handle:
        data = handle.read(MAX_BUNDLE_FILE_BYTES + 1)
    if len(data) > MAX_BUNDLE_FILE_BYTES:
        raise BundleError("too_large", f"{path} is over {MAX_BUNDLE_FILE_BYTES} bytes")
    return data


def verify_bundle(data: bytes, identities: list[x25519.Identity]) -> VerifiedBundle:
    """Decrypt and verify: signature first, then every file hash (steps 1 to 4)."""
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
        data_bytes = archive.read_member(zipped, name)
        if hashlib.sha256(data_bytes).hexdigest() != manifest.files[name]:
            raise BundleError("tampered", f"{name}: sha256 differs from the manifest")
        files[name] = data_bytes
    return VerifiedBundle(manifest, files)


def parse_contents(bundle: VerifiedBundle, on_form=None) -> BundleContents:
    """The questionnaire, rounds, forms and audit rows of a verified bundle (step 5);
    `on_form` is passed to `records.parse_records`."""
    try:
        text = bundle.files[QUESTIONNAIRE].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BundleError("tampered", f"questionnaire.json: {exc}") from exc
    if hashlib.sha256(text.encode("utf-8")).hexdigest() != bundle.manifest.questionnaire["sha256"]:
        raise BundleError("tampered", "questionnaire.json differs from its sha256")
    rounds, forms = records.parse_records(records.iter_lines(bundle.files[RECORDS]), on_form)
    audit = records.parse_audit(records.iter_lines(bundle.files[AUDIT]),
                                chained=bundle.manifest.format_version >= 2)
    counts = bundle.manifest.counts
    if (counts.get("forms") != len(forms) or counts.get("rounds") != len(rounds)
            or counts.get("audit") != len(audit)):
        raise BundleError("tampered", "record counts differ from the manifest")
    return BundleContents(text, rounds, forms, audit)
