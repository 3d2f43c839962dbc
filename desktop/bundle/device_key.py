"""A project's Ed25519 device key: the device id and the key that signs its bundles.

The device id names this laptop's copy of a project in every form, audit row and bundle;
the key signs bundles so headquarters can tell which laptop sent them. The key lives
inside the project's encrypted database (storage/device_secret_store.py, made or moved
there by services/device_identity.py), so it is usable only once the project is unlocked.
Versions before that kept one key per laptop in the user data folder (`device_key.pem`,
plaintext PKCS#8, beside `device.json`); `read_legacy_device_key` reads it once so it can be
moved into a project, and `remove_legacy_device_key` deletes it afterwards. Serialisation
is `cryptography`'s; nothing here is hand-written crypto.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

KEY_FILE = "device_key.pem"
ID_FILE = "device.json"


@dataclass(frozen=True)
class DeviceKey:
    device_id: str
    private_key: Ed25519PrivateKey

    @property
    def public_key_bytes(self) -> bytes:
        return self.private_key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw)

    @property
    def public_key_b64(self) -> str:
        return base64.b64encode(self.public_key_bytes).decode("ascii")

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key_bytes)

    def sign(self, data: bytes) -> bytes:
        return self.private_key.sign(data)


def fingerprint(public_key: bytes) -> str:
    """A short, readable fingerprint: SHA-256 of the raw key, 8 groups of 4 hex digits."""
    digest = hashlib.sha256(public_key).hexdigest()[:32]
    return " ".join(digest[i:i + 4] for i in range(0, 32, 4))


def public_key_from_b64(text: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(base64.b64decode(text, validate=True))


def new_device_key() -> DeviceKey:
    """A fresh key and device id (for a project that has none)."""
    return DeviceKey("dev-" + uuid.uuid4().hex[:12], Ed25519PrivateKey.generate())


def private_key_der(key: DeviceKey) -> bytes:
    """The private key as unencrypted PKCS#8 DER: stored only inside the encrypted database."""
    return key.private_key.private_bytes(serialization.Encoding.DER,
                                         serialization.PrivateFormat.PKCS8,
                                         serialization.NoEncryption())


def device_key_from_der(device_id: str, der: bytes) -> DeviceKey:
    """The device key stored as PKCS#8 DER."""
    key = serialization.load_der_private_key(bytes(der), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"the stored key of {device_id} is not an Ed25519 key")
    return DeviceKey(device_id, key)


def read_legacy_device_key(folder: str | Path) -> DeviceKey | None:
    """The per-laptop key an older version kept in `folder` (device_key.pem + device.json),
    or None when there is none (or only half of it)."""
    folder = Path(folder)
    key_path, id_path = folder / KEY_FILE, folder / ID_FILE
    if not (key_path.is_file() and id_path.is_file()):
        return None
    key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{key_path} is not an Ed25519 key")
    device_id = json.loads(id_path.read_text(encoding="utf-8"))["device_id"]
    return DeviceKey(str(device_id), key)


def remove_legacy_device_key(folder: str | Path) -> None:
    """Delete the plaintext key file (first overwritten with zeros, then synced, so the
    bytes do not linger in the file's blocks where the file system reuses them) and its id
    file."""
    folder = Path(folder)
    key_path = folder / KEY_FILE
    try:
        size = key_path.stat().st_size
        with open(key_path, "r+b") as handle:
            handle.write(b"\0" * size)
            handle.flush()
            os.fsync(handle.fileno())
    except FileNotFoundError:
        pass
    key_path.unlink(missing_ok=True)
    (folder / ID_FILE).unlink(missing_ok=True)
