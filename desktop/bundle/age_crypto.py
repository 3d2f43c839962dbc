"""age encryption (X25519, through pyrage): identities, recipients, encrypt and decrypt.

Identity files use the same text as `age-keygen` (comment lines, then the
`AGE-SECRET-KEY-1...` line) and are written with mode 0600, so HQ can use them with the
stock `age -d -i key.txt`. The field laptop only ever holds recipients (`age1...`).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pyrage
from pyrage import x25519

from ..domain.plain_names import printable
from .errors import BundleError

AGE_MAGIC = b"age-encryption.org/v1\n"
ARMOR_MAGIC = b"-----BEGIN AGE ENCRYPTED FILE-----"


def generate_identity() -> x25519.Identity:
    """A new X25519 identity."""
    return x25519.Identity.generate()


def identity_text(identity: x25519.Identity) -> str:
    """The identity in `age-keygen` file format."""
    created = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (f"# created: {created}\n# public key: {identity.to_public()}\n"
            f"{identity}\n")


def write_identity(path: str | Path, identity: x25519.Identity) -> Path:
    """Write `identity` to `path` (mode 0600, never over an existing file)."""
    path = Path(path)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(identity_text(identity))
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(path, 0o600)
    return path


def parse_identities(text: str) -> list[x25519.Identity]:
    """The identities in an age identity file; BundleError('bad_identity') if none."""
    found = []
    for line in _without_bom(text).splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            found.append(x25519.Identity.from_str(line))
        except Exception as exc:  # noqa: BLE001 - pyrage raises its own types
            raise BundleError("bad_identity", str(exc)) from exc
    if not found:
        raise BundleError("bad_identity", "no identity line")
    return found


def load_identities(path: str | Path) -> list[x25519.Identity]:
    """Read an identity file (as written by `age-keygen` or `riskmap keys hq-init`).
    A file that is not one is refused with a sentence naming it: BundleError
    ('identity_is_recipient') when it holds the public `age1...` recipient instead (the
    file handed to field teams), else BundleError('identity_file')."""
    shown = printable(str(path))
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BundleError("identity_file", str(exc), path=shown) from exc
    try:
        return parse_identities(text)
    except BundleError as exc:
        kind = "identity_is_recipient" if _holds_recipient(text) else "identity_file"
        raise BundleError(kind, exc.detail, path=shown) from exc


def _holds_recipient(text: str) -> bool:
    """True when a line of `text` is an age public recipient (age1...)."""
    for line in _without_bom(text).splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("age1"):
            try:
                x25519.Recipient.from_str(line)
                return True
            except Exception:  # noqa: BLE001 - pyrage raises its own types
                continue
    return False


def parse_recipients(text: str) -> list[x25519.Recipient]:
    """Recipients from pasted text or a recipients file: one `age1...` per line; '#'
    comments and blank lines are skipped. BundleError('bad_recipient') on a bad line."""
    found = []
    for line in _without_bom(text).splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        try:
            found.append(x25519.Recipient.from_str(line))
        except Exception as exc:  # noqa: BLE001
            raise BundleError("bad_recipient", line) from exc
    return found


def _without_bom(text: str) -> str:
    """`text` without the byte-order mark Notepad writes before UTF-8 (a key file saved
    again by hand): age itself would read the mark as part of the first key."""
    return text[1:] if text.startswith("\ufeff") else text


def encrypt(data: bytes, recipients: list[x25519.Recipient]) -> bytes:
    """Encrypt `data` to every recipient (binary age format)."""
    if not recipients:
        raise BundleError("bad_recipient", "no recipients")
    return pyrage.encrypt(data, recipients)


def decrypt(data: bytes, identities: list[x25519.Identity]) -> bytes:
    """Decrypt an age file, turning every failure into one plain BundleError."""
    if not (data.startswith(AGE_MAGIC) or data.startswith(ARMOR_MAGIC)):
        raise BundleError("not_a_bundle")
    try:
        return pyrage.decrypt(data, identities)
    except pyrage.DecryptError as exc:
        text = str(exc)
        if "No matching keys" in text:
            raise BundleError("wrong_key", text) from exc
        if "MAC" in text:
            raise BundleError("tampered", text) from exc
        raise BundleError("truncated", text) from exc
