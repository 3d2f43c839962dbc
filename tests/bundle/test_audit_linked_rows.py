"""audit.jsonl's usual batch, each row linked to the one before it, is read or refused as
the reading before orjson did (test_orjson_readings.py keeps it verbatim): chains as
written and chains with one value made odd (a hash too short, too long, with a line
break or two hashes in one, a link broken, a null or a number where a text must be), cut
into batches of every size. (test_orjson_readings.py's own lines are rarely linked.)"""

from __future__ import annotations

import hashlib

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.bundle import records
from desktop.bundle.records import AUDIT_CHAIN_FIELDS, AUDIT_FIELDS

from test_orjson_readings import _same_audit

H = [hashlib.sha256(str(n).encode()).hexdigest() for n in range(12)]
ODD = [None, "", "x", 1, H[0] + "\n", H[0][:63], H[0] + "0", H[0].upper(),
       H[0] + "\n" + H[1], "\n", 1.5, True]


def _chain(count: int, first: str = "") -> list[dict]:
    rows = []
    for n in range(count):
        row = {name: f"v{n}" for name in AUDIT_FIELDS}
        row.update(question_id=None, old=None, reason=None)
        row["prev_hash"], row["hash"] = first if n == 0 else H[n - 1], H[n]
        rows.append(row)
    return rows


@settings(max_examples=1500, deadline=None)
@given(count=st.integers(1, 7), first=st.sampled_from(["", H[11], H[11] + "\n", "x"]),
       changes=st.lists(st.tuples(st.integers(0, 6),
                                  st.sampled_from(AUDIT_FIELDS + AUDIT_CHAIN_FIELDS),
                                  st.sampled_from(ODD)), max_size=2),
       batch=st.integers(1, 8))
def test_chains_are_read_or_refused_as_before(count, first, changes, batch):
    rows = _chain(count, first)
    for at, name, value in changes:
        rows[at % count][name] = value
    _same_audit([records.audit_line(row) for row in rows], batch)
