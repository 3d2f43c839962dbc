"""audit.jsonl is parsed a batch of lines at a time (one JSON parse per batch), yet each
line must hold exactly one object, as a reader of the member line by line finds it: an
object split over two lines, made up for by a line holding two, was accepted (the batch's
object count matched its line count)."""

from __future__ import annotations

import json

import pytest

from desktop.bundle import audit_lines
from desktop.bundle.errors import BundleError
from desktop.bundle.records import AUDIT_CHAIN_FIELDS, AUDIT_FIELDS


def _row(number: int) -> dict:
    row = dict.fromkeys(AUDIT_FIELDS, f"v{number}")
    row.update(dict.fromkeys(AUDIT_CHAIN_FIELDS))
    return row


def _lines(count: int) -> list[str]:
    return [json.dumps(_row(n), separators=(",", ":")) for n in range(count)]


def test_whole_lines_pass():
    assert len(audit_lines.parse_audit(_lines(5))) == 5


def test_an_object_split_between_values_is_refused_though_the_count_matches():
    lines = _lines(4)
    cut = lines[1].index(',"time"') + 1
    split = [lines[1][:cut - 1], lines[1][cut:]]  # '{..."uuid":"v1"' and '"time":...}'
    crafted = [lines[0], *split, lines[2] + "," + lines[3]]
    assert len(json.loads("[" + ",".join(crafted) + "]")) == len(crafted)  # the old trap
    with pytest.raises(BundleError) as caught:
        audit_lines.parse_audit(crafted)
    assert caught.value.detail == "audit.jsonl: one object per line"


def test_an_object_split_inside_a_text_is_refused():
    row = _row(1)
    row["old"] = "},{"
    text = json.dumps(row, separators=(",", ":"))
    at = text.index("},{")
    crafted = [text[:at + 1], text[at + 2:], _lines(1)[0] + "," + _lines(1)[0]]
    with pytest.raises(BundleError) as caught:
        audit_lines.parse_audit(crafted)
    assert caught.value.kind == "tampered"


@pytest.mark.parametrize("line", [" " + _lines(1)[0], _lines(1)[0] + " ", "[]", "1"])
def test_a_line_that_is_not_one_bare_object_is_refused(line):
    with pytest.raises(BundleError):
        audit_lines.parse_audit([_lines(1)[0], line])
