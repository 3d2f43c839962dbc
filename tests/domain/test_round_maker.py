"""A round uuid that names its maker's key (domain/round_maker.py): RFC 9562 version 8,
verifiable against that key's fingerprint only; anything else names no maker."""

from __future__ import annotations

import uuid

from desktop.domain.round_maker import (HASH_BITS, RANDOM_BITS, is_maker_uuid, made_by,
                                        maker_of, new_round_uuid)

A = "0123 4567 89ab cdef 0123 4567 89ab cdef"
B = "fedc" * 8


def test_the_layout_is_version_8_with_the_rfc_variant():
    assert RANDOM_BITS + HASH_BITS + 6 == 128
    made = {new_round_uuid(A) for _ in range(200)}
    assert len(made) == 200
    for text in made:
        value = uuid.UUID(text)
        assert (value.version, value.variant) == (8, uuid.RFC_4122)
        assert is_maker_uuid(text) and made_by(text, A) and made_by(text, A.replace(" ", ""))
        assert not made_by(text, B)


def test_a_changed_bit_names_no_maker():
    text = new_round_uuid(A)
    value = uuid.UUID(text).int
    for bit in (0, 30, 61, 64, 70, 80, 100, 127):
        if bit in range(62, 64) or bit in range(76, 80):
            continue  # the variant and version bits
        assert not made_by(str(uuid.UUID(int=value ^ (1 << bit))), A), bit


def test_anything_else_names_no_maker():
    for text in (str(uuid.uuid4()), "0190a5c2-7d1e-7c3a-9b1e-2f3a4b5c6d7e", "", "round",
                 "zzzzzzzz-zzzz-8zzz-zzzz-zzzzzzzzzzzz", None):
        assert not is_maker_uuid(text)
        assert not made_by(text, A)
        assert maker_of(text, [A, B]) is None
    text = new_round_uuid(A)
    for fingerprint in ("", "xyz", "00" * 15, "00" * 17):
        assert not made_by(text, fingerprint)
    assert maker_of(text, [B, A]) == A and maker_of(text, [B]) is None
