"""Ed25519 signatures over the exact manifest bytes (`manifest.sig`)."""

from __future__ import annotations

from cryptography.exceptions import InvalidSignature

from .device_key import DeviceKey, public_key_from_b64

SIGNATURE_SIZE = 64


def sign_manifest(device_key: DeviceKey, manifest_bytes: bytes) -> bytes:
    """The raw 64-byte Ed25519 signature of the manifest bytes."""
    return device_key.sign(manifest_bytes)


def signature_valid(public_key_b64: str, manifest_bytes: bytes, signature: bytes) -> bool:
    """True when `signature` is the device key's signature of exactly these bytes."""
    if len(signature) != SIGNATURE_SIZE:
        return False
    try:
        public_key_from_b64(public_key_b64).verify(signature, manifest_bytes)
    except (InvalidSignature, ValueError):
        return False
    return True
