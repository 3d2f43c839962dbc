"""Test helpers: the per-laptop plaintext device key of versions before the key moved into
the project database, and every form its private bytes could take in a file."""

from __future__ import annotations

import json
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop.bundle.device_key import ID_FILE, KEY_FILE, DeviceKey

LEGACY_ID = "dev-0123456789ab"


def write_legacy_key(folder: Path, device_id: str = LEGACY_ID) -> DeviceKey:
    """device_key.pem (PKCS#8, unencrypted) and device.json, as older versions wrote them."""
    key = Ed25519PrivateKey.generate()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / KEY_FILE).write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    (folder / ID_FILE).write_text(json.dumps({"device_id": device_id}) + "\n")
    return DeviceKey(device_id, key)


def secret_forms(key: DeviceKey) -> dict[str, bytes]:
    """Every form the private key's bytes could take in a file."""
    raw = key.private_key.private_bytes(serialization.Encoding.Raw,
                                        serialization.PrivateFormat.Raw,
                                        serialization.NoEncryption())
    der = key.private_key.private_bytes(serialization.Encoding.DER,
                                        serialization.PrivateFormat.PKCS8,
                                        serialization.NoEncryption())
    pem = key.private_key.private_bytes(serialization.Encoding.PEM,
                                        serialization.PrivateFormat.PKCS8,
                                        serialization.NoEncryption())
    body = b"".join(pem.splitlines()[1:-1])
    return {"raw": raw, "der": der, "pem": body, "hex": raw.hex().encode()}

