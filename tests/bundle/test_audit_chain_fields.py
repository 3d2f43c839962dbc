"""audit_lines checks each row's chain fields (prev_hash, hash: 64 lowercase hex digits,
prev_hash empty for a device's first row) without matching a prev_hash again that is the
row before's hash, which matched already. The same rows pass and the same line is
refused as when every field was matched (Hypothesis, against that rule written out)."""

from __future__ import annotations

import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.bundle import audit_lines
from desktop.bundle.errors import BundleError
from desktop.bundle.records import AUDIT_FIELDS

GOOD = ["a" * 64, "0123456789abcdef" * 4, "f" * 64]
BAD = ["A" * 64, "a" * 63, "a" * 65, "g" * 64, "a" * 64 + "\n", " " + "a" * 63]
HASH = st.sampled_from(GOOD + BAD + [""])
_HASH = re.compile(r"^[0-9a-f]{64}$")


def _line(prev, digest) -> str:
    row = dict.fromkeys(AUDIT_FIELDS, "x")
    row.update(prev_hash=prev, hash=digest)
    return json.dumps(row)


def _former(pairs) -> str | None:
    """The first refused line by the rule with every field matched, or None."""
    for number, (prev, digest) in enumerate(pairs, 1):
        if (prev is None) != (digest is None) or (digest is not None and not (
                _HASH.match(digest) and (prev == "" or _HASH.match(prev)))):
            return f"audit.jsonl line {number}: hash chain fields"
    return None


@st.composite
def chains(draw):
    pairs, last = [], None
    for _ in range(draw(st.integers(1, 8))):
        how = draw(st.sampled_from(["linked", "any", "none"]))
        if how == "none":
            pairs.append((None, None))
        else:
            prev = last if how == "linked" and last is not None else draw(HASH)
            pairs.append((prev, draw(HASH | st.none())))
        last = pairs[-1][1]
    return pairs


@settings(max_examples=1500, deadline=None)
@given(chains())
def test_the_chain_fields_are_refused_as_when_every_field_was_matched(pairs):
    lines = [_line(prev, digest) for prev, digest in pairs]
    try:
        audit_lines.parse_audit(lines)
        found = None
    except BundleError as exc:
        found = exc.detail
    assert found == _former(pairs)
