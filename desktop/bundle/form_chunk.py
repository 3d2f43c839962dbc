"""`FormChunk`: a chunk of forms as the few long texts SQLite formats for the export
(storage/export_rows.form_chunk), and the checks that they can be written as they are.

A chunk is *plain* when SQLite found every form's columns of the expected types and its
texts hold nothing that SQLite and Python could write differently or that the CSV must
quote or neutralise: no quote, backslash or control character in the text columns (the
record line puts them between quotes as they are; the CSV's fixed cells hold every one of
them, so they are checked there), no backslash in the answers (no JSON escape: every quote
is structural), every answer a string (two quotes per id and per value), no comma inside a
CSV cell, no cell that starts like a formula (domain/cell_safety.py), and one piece per
form in each text. `BundleWriter.add_form_chunk`
checks while it builds and writes nothing for a chunk that is not plain; the export then
reads those forms one row each (`BundleWriter.add_form_rows`), so the bytes are those of
the general path either way (tests/bundle/test_form_chunk.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.cell_safety import FORMULA_START

FORM_SEP = "\x1e"  # between the forms of a text
SHA_SLOT = "\x1f"  # where a record line's content sha256 goes
FIXED_CELLS = 11  # csv_export.FIXED_COLUMNS


@dataclass(frozen=True)
class FormChunk:
    """The texts of `count` forms in uuid order, those after uuid `after`."""

    after: str
    count: int
    uuids: str  # FORM_SEP between forms
    revisions: str  # FORM_SEP between forms
    rounds: str  # each form's round uuid, FORM_SEP between forms
    hashed: bytes  # content-hash input (head, newline, answers), FORM_SEP between forms
    lines: bytes  # records.jsonl lines (no final newline), SHA_SLOT for each sha256
    fixed: bytes  # CSV fixed cells joined by commas, FORM_SEP between forms
    sql_plain: bool  # SQLite found the types and the entry time it expects
    last: str  # the uuid of the last form

    @classmethod
    def from_row(cls, after: str, row) -> "FormChunk":
        """From a row of storage/export_rows.form_chunk."""
        return cls(after, row[0], *row[1:7], bool(row[7]), row[8])


def risky_csv(table: bytes) -> bool:
    """True when CSV rows (cells joined by commas, rows ended by CRLF) with no line break
    inside a cell hold a quote or a cell that starts like a formula. Single characters are
    scanned first (fast); '-' is everywhere (dates, uuids), so only a cell that starts
    with one counts."""
    if b'"' in table or table[:1] in _STARTERS:
        return True
    if any(c in table for c in _RARE):
        return any(sep + c in table for sep in (b",", b"\n") for c in _STARTERS)
    return b",-" in table or b"\n-" in table


# A CR inside a cell is refused before (it needs quoting), so CR is not scanned for here.
_STARTERS = tuple(c.encode() for c in FORMULA_START if c != "\r")
_RARE = tuple(c for c in _STARTERS if c != b"-")
