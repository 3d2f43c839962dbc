"""A round's uuid that names the device key that made it (RFC 9562 version 8, custom layout),
so HQ can tell a round's maker from the first device that brought it
(services/round_origin.py, docs/bundles.md "Whose round is it").

Layout of the 128 bits: 48 random bits R (custom_a), the version 8, then 12 + 62 bits
(custom_b, custom_c, around the variant 10) = the first 74 bits of
SHA-256(TAG || fingerprint || R), where the fingerprint is the 16 bytes HQ enrols a
laptop by (the first 128 bits of SHA-256 of its Ed25519 public key, bundle/device_key.py).

Why these numbers:
- 74 hash bits: a post that learnt another post's round uuid can make that uuid verify
  against a key of its own only by trying keys, about 2^74 of them (a key pair and two
  SHA-256 per try): out of reach of anyone, let alone within the days before the genuine
  post's bundle arrives. (A uuid that verifies against another post's key is worthless to
  whoever makes it: that post becomes the round's maker.)
- 48 random bits: two rounds made with one key collide only if their R collide:
  about n^2 / 2^49 for n rounds (2e-9 at 1,000 rounds of one laptop); one key's rounds
  live in one project (or its copies), where a collision is refused by the round table's
  primary key (nothing written; making the round again draws a new R). Rounds of two different keys never collide unless their
  74 hash bits do as well.

It is a plain use of SHA-256 as a commitment, not new crypto: the uuid is no secret, it
only proves which enrolled key's project made it.
"""

from __future__ import annotations

import hashlib
import os
import uuid

TAG = b"riskmap round maker v1\x00"
RANDOM_BITS = 48
HASH_BITS = 74
_VERSION = 8


def _fingerprint_bytes(fingerprint: str) -> bytes:
    """The 16 bytes of a fingerprint written as 32 hex digits (spaces allowed)."""
    return bytes.fromhex(fingerprint.replace(" ", ""))


def _tag(fingerprint: bytes, random_part: int) -> int:
    digest = hashlib.sha256(TAG + fingerprint + random_part.to_bytes(6, "big")).digest()
    return int.from_bytes(digest[:10], "big") >> (80 - HASH_BITS)


def _compose(random_part: int, tag: int) -> str:
    high_b, low_c = tag >> 62, tag & ((1 << 62) - 1)
    value = (random_part << 80) | (_VERSION << 76) | (high_b << 64) | (0b10 << 62) | low_c
    return str(uuid.UUID(int=value))


def new_round_uuid(fingerprint: str) -> str:
    """A fresh round uuid made by the key whose fingerprint is `fingerprint`."""
    random_part = int.from_bytes(os.urandom(6), "big")
    return _compose(random_part, _tag(_fingerprint_bytes(fingerprint), random_part))


def is_maker_uuid(text: str) -> bool:
    """Whether `text` is a uuid of this layout (version 8, RFC variant); rounds made
    before it (version 7 or 4) have no maker and keep HQ's first-bringer rule."""
    try:
        value = uuid.UUID(text)
    except (ValueError, TypeError, AttributeError):
        return False
    return value.version == _VERSION and value.variant == uuid.RFC_4122


def made_by(text: str, fingerprint: str) -> bool:
    """Whether the round uuid `text` was made by the key of `fingerprint`."""
    if not is_maker_uuid(text):
        return False
    value = uuid.UUID(text).int
    random_part = value >> 80
    tag = (((value >> 64) & 0xFFF) << 62) | (value & ((1 << 62) - 1))
    try:
        key = _fingerprint_bytes(fingerprint)
    except ValueError:
        return False
    return len(key) == 16 and _tag(key, random_part) == tag


def maker_of(text: str, fingerprints: list[str]) -> str | None:
    """The first of `fingerprints` (HQ lists them oldest enrolment first) whose key made
    the round uuid `text`, or None."""
    if not is_maker_uuid(text):
        return None
    return next((f for f in fingerprints if made_by(text, f)), None)
