"""The database key of an encrypted project, and the file beside it that keeps it wrapped.

Each project database is encrypted (SQLCipher 4) with a random 256-bit key, used raw: it
is never derived from the passphrase. The key is stored only beside the database, in
`<database>.keys` (JSON), wrapped with age (pyrage): once to the team passphrase (age's
scrypt recipient) and once to each HQ escrow recipient (`age1...`, the same recipients
bundles go to). Changing the passphrase re-wraps the key; the data is not re-encrypted.
HQ recovers a forgotten passphrase with its identity and sets a new one.

Unwrapping with a passphrase costs one scrypt (about a second, on purpose); a process that
unlocks the same key file with the same passphrase twice pays it once.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from pathlib import Path

import pyrage

from ..bundle import age_crypto
from ..bundle.errors import BundleError
from ..domain.atomic_files import write_atomically
from ..storage.database import (DatabaseError, DatabaseLocator, forget_key,
                                is_plaintext_file, remember_key)
from ..storage.encrypt_file import encrypt_plaintext

KEYS_SUFFIX = ".keys"
FORMAT = "riskmap-db-keys-1"
MIN_PASSPHRASE = 10  # characters; shorter ones are refused when a passphrase is set

_CACHE: dict[tuple[str, str], bytes] = {}


class WrongPassphrase(DatabaseError):
    """The passphrase (or identity) does not unwrap the database key."""


class KeyFileError(DatabaseError):
    """The key file is missing or damaged; the message says what to do."""


def keys_path(db_path: str | Path) -> Path:
    """Where the wrapped key of `db_path` lives."""
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + KEYS_SUFFIX)


def is_encrypted(db_path: str | Path) -> bool:
    """Whether `db_path` is (or is to be) an encrypted project: a key file beside a file
    that does not start with the plain SQLite header (or beside no file yet)."""
    db_path = Path(db_path)
    if db_path.exists() and db_path.stat().st_size > 0 and is_plaintext_file(db_path):
        return False
    return keys_path(db_path).exists()


def is_plaintext(db_path: str | Path) -> bool:
    """Whether `db_path` is an existing plaintext project (an older version's)."""
    db_path = Path(db_path)
    return db_path.exists() and db_path.stat().st_size > 0 and is_plaintext_file(db_path)


def encrypt_existing(db_path: str | Path, passphrase: str, escrow: list[str] = ()) -> bytes:
    """Convert a plaintext project to an encrypted one with a new key wrapped to
    `passphrase` (and the escrow recipients). The plaintext file is replaced only after
    the encrypted copy checks out; a failure leaves it as it was."""
    if not is_plaintext(db_path):
        raise KeyFileError("keys.not_plaintext", path=db_path)
    keys_path(db_path).unlink(missing_ok=True)  # a stale one from an interrupted attempt
    key = create_keys(db_path, passphrase, escrow)
    try:
        encrypt_plaintext(db_path, key)
    except BaseException:
        remove_keys(db_path)
        raise
    return key


def new_key() -> bytes:
    """A fresh random 256-bit database key."""
    return secrets.token_bytes(32)


def key_id(key: bytes) -> str:
    """A short public tag of a key (which key a key file holds), not the key itself."""
    return hashlib.sha256(b"riskmap-db-key\0" + key).hexdigest()[:16]


def sql_key_literal(key: bytes) -> str:
    """The raw key as SQLCipher's key pragma takes it: x'HEX'."""
    return f"x'{key.hex()}'"


def passphrase_problem(passphrase: str, lang: str = "en") -> str | None:
    """Why a new passphrase is too weak (in `lang`), or None."""
    from ..domain.user_error import error_message
    if len(passphrase) < MIN_PASSPHRASE:
        return error_message("out.weak_short", lang, n=MIN_PASSPHRASE)
    if len(set(passphrase)) < 5:
        return error_message("out.weak_alike", lang)
    return None


def strength_hint(passphrase: str) -> str:
    """A word on how strong a new passphrase is: weak, fair or strong."""
    if passphrase_problem(passphrase):
        return "weak"
    kinds = sum(any(test(c) for c in passphrase) for test in
                (str.islower, str.isupper, str.isdigit, lambda c: not c.isalnum()))
    words = len(passphrase.split())
    return "strong" if len(passphrase) >= 16 and (kinds >= 3 or words >= 4) else "fair"


# -- the key file -------------------------------------------------------------------------

def create_keys(db_path: str | Path, passphrase: str, escrow: list[str] = (),
                key: bytes | None = None) -> bytes:
    """Make (or take) the key of a new encrypted database and write its key file; returns
    the key and remembers it for this process. Refuses to overwrite a key file."""
    path = keys_path(db_path)
    if path.exists():
        raise KeyFileError("keys.file_exists", path=path)
    key = key or new_key()
    data = {"format": FORMAT, "key_id": key_id(key),
            "passphrase": _wrap_passphrase(key, passphrase),
            "escrow": [_escrow_entry(key, r) for r in _unique(escrow)]}
    _write(path, data)
    _CACHE[(_digest(path), _secret_digest(passphrase))] = key
    remember_key(db_path, key)
    return key


def unlock(db_path: str | Path, passphrase: str) -> bytes:
    """The database key, unwrapped with the team passphrase (WrongPassphrase if not)."""
    path = keys_path(db_path)
    data = _read(path)
    cache_key = (_digest(path), _secret_digest(passphrase))
    if cache_key in _CACHE:
        return _remembered(db_path, _CACHE[cache_key])
    try:
        key = pyrage.passphrase.decrypt(data["passphrase"].encode("ascii"), passphrase)
    except Exception as exc:  # noqa: BLE001 - pyrage raises its own types
        raise WrongPassphrase("keys.wrong_passphrase") from exc
    key = _checked(key, data, path)
    _CACHE[cache_key] = key
    return _remembered(db_path, key)


def unlock_with_identity(db_path: str | Path, identity_path: str | Path) -> bytes:
    """The database key, unwrapped with an HQ escrow identity (WrongPassphrase if none of
    its identities is an escrow recipient of this file)."""
    path = keys_path(db_path)
    data = _read(path)
    try:
        identities = age_crypto.load_identities(identity_path)
    except BundleError as exc:
        raise KeyFileError("keys.not_identity", path=identity_path,
                           detail=str(exc)) from exc
    for entry in data.get("escrow", []):
        try:
            key = pyrage.decrypt(entry["age"].encode("ascii"), identities)
        except Exception:  # noqa: BLE001 - not this recipient
            continue
        return _remembered(db_path, _checked(key, data, path))
    raise WrongPassphrase("keys.not_escrow", identity=identity_path)


def set_passphrase(db_path: str | Path, key: bytes, passphrase: str) -> None:
    """Re-wrap the key to a new passphrase (the escrow copies and the data stay as they
    are). The old passphrase no longer opens the project."""
    path = keys_path(db_path)
    data = _read(path)
    _checked(key, data, path)
    data["passphrase"] = _wrap_passphrase(key, passphrase)
    _write(path, data)
    _CACHE[(_digest(path), _secret_digest(passphrase))] = key


def escrow_recipients(db_path: str | Path) -> list[str]:
    """The HQ recipients the key is wrapped to."""
    return [entry["recipient"] for entry in _read(keys_path(db_path)).get("escrow", [])]


def add_escrow(db_path: str | Path, key: bytes, recipients: list[str]) -> None:
    """Wrap the key to more HQ recipients as well."""
    path = keys_path(db_path)
    data = _read(path)
    _checked(key, data, path)
    have = {entry["recipient"] for entry in data["escrow"]}
    data["escrow"] += [_escrow_entry(key, r) for r in _unique(recipients) if r not in have]
    _write(path, data)


def locator(db_path: str | Path, key: bytes) -> DatabaseLocator:
    """The locator of an unlocked database."""
    return DatabaseLocator(Path(db_path), key)


def remove_keys(db_path: str | Path) -> None:
    """Forget the key file of a database that is being removed."""
    keys_path(db_path).unlink(missing_ok=True)
    forget_key(db_path)


# -- helpers ------------------------------------------------------------------------------

def _wrap_passphrase(key: bytes, passphrase: str) -> str:
    if not passphrase:
        raise WrongPassphrase("keys.empty_passphrase")
    return pyrage.passphrase.encrypt(key, passphrase, armored=True).decode("ascii")


def _escrow_entry(key: bytes, recipient: str) -> dict:
    try:
        parsed = age_crypto.parse_recipients(recipient)
    except BundleError as exc:
        raise KeyFileError("keys.not_recipient", value=recipient[:20]) from exc
    return {"recipient": recipient,
            "age": pyrage.encrypt(key, parsed, armored=True).decode("ascii")}


def _unique(recipients) -> list[str]:
    seen: list[str] = []
    for recipient in recipients:
        recipient = recipient.strip()
        if recipient and recipient not in seen:
            seen.append(recipient)
    return seen


def _checked(key: bytes, data: dict, path: Path) -> bytes:
    if len(key) != 32 or key_id(key) != data.get("key_id"):
        raise KeyFileError("keys.file_other_key", path=path)
    return key


def _remembered(db_path: str | Path, key: bytes) -> bytes:
    remember_key(db_path, key)
    return key


def _read(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise KeyFileError("keys.file_missing", path=path) from exc
    except ValueError as exc:  # not JSON, not UTF-8 (other OSErrors say what they are)
        raise KeyFileError("keys.file_damaged", path=path,
                           detail=f"{type(exc).__name__}: {exc}") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise KeyFileError("keys.file_foreign", path=path)
    return data


def _write(path: Path, data: dict) -> None:
    """Write under a temporary name, fsync, rename (owner-only): a crash or a full disk
    leaves the old file or the new one, never half of either, and no temporary file."""
    write_atomically(path, json.dumps(data, indent=1) + "\n", mode=0o600)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _secret_digest(passphrase: str) -> str:
    return hashlib.sha256(passphrase.encode("utf-8")).hexdigest()
