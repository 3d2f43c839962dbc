"""The installation's Ed25519 device key, made at first run.

Stored in the user data folder as `device_key.pem` (PKCS#8, mode 0600) beside
`device.json` (the device id). The device id names the laptop in every form, audit row and
bundle; the key signs bundles so headquarters can tell which laptop sent them.
"""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ..domain.atomic_files import write_all

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




def load_or_create_device_key(folder: str | Path) -> DeviceKey:
    """The device key in `folder`, created (0600) on first use."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    key_path, id_path = folder / KEY_FILE, folder / ID_FILE
    if key_path.exists() and id_path.exists():
        key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError(f"{key_path} is not an Ed25519 key")
        device_id = json.loads(id_path.read_text(encoding="utf-8"))["device_id"]
        return DeviceKey(device_id, key)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    device_id = "dev-" + uuid.uuid4().hex[:12]
    # Both files or neither: a key without its id (or the reverse) would be replaced.
    write_all({key_path: pem, id_path: json.dumps({"device_id": device_id}) + "\n"},
              modes={key_path: 0o600})
    return DeviceKey(device_id, key)
