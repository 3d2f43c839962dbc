"""`responses.csv`: one row per form, codes as keyed, a header a person can read.

Cells that a spreadsheet would run as a formula (text beginning with = + - @, a tab or a
carriage return) get a leading apostrophe (`domain.cell_safety`, the one rule for every
CSV and XLSX the program writes), so nothing runs when HQ opens the file in Excel or
LibreOffice. Plain numbers such as -1 or -2.5 are left as they are.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Iterable, Mapping, Sequence

from ..domain.cell_safety import FORMULA_CHARS as _FORMULA_CHARS
from ..domain.cell_safety import neutralise

# In JSON text a value that starts a formula shows as ":"= (or +, -, @, \t, \r).
_RISKY_JSON = re.compile(r'":"(?:[=+\-@]|\\[tr])')
BOM = b"\xef\xbb\xbf"  # so Excel reads the accents
FIXED_COLUMNS = ("round_name", "round_uuid", "form_uuid", "form_number", "status",
                 "operator", "device", "created", "updated", "revision", "deleted_reason")


class CsvWriter:
    """Collects rows and returns the UTF-8 CSV bytes (with a BOM so Excel reads accents)."""

    def __init__(self, question_ids: Sequence[str]):
        self.question_ids = tuple(question_ids)
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer, lineterminator="\r\n")
        self._writer.writerow(FIXED_COLUMNS + self.question_ids)
        self.rows = 0

    def add(self, fixed: Sequence[object], answers: Mapping[str, str],
            answers_json: str | None = None) -> None:
        """One form: the FIXED_COLUMNS values, then its answers by question id.
        `answers_json` (the answers as JSON text) lets a row skip the per-cell check when
        no answer could start a formula, which is almost always."""
        cells = [neutralise(v) if v.__class__ is str and v[:1] in _FORMULA_CHARS else v
                 for v in fixed]
        values = list(map(answers.get, self.question_ids))  # None (skipped) writes as ''
        if answers_json is None or _RISKY_JSON.search(answers_json):
            values = [neutralise(v) for v in values]
        self._writer.writerow(cells + values)
        self.rows += 1

    def add_line(self, cells: str) -> None:
        """One row already joined by the caller (cells that need neither quoting nor
        neutralising, separated by commas), as csv.writer would have written it."""
        self._buffer.write(cells)
        self._buffer.write("\r\n")
        self.rows += 1

    def add_lines(self, lines: list[str]) -> None:
        """Rows already joined by the caller, as `add_line` takes each."""
        if lines:
            self._buffer.write("\r\n".join(lines))
            self._buffer.write("\r\n")
            self.rows += len(lines)

    def add_many(self, rows: Iterable[tuple[Sequence[object], Mapping[str, str]]]) -> None:
        for fixed, answers in rows:
            self.add(fixed, answers)

    def take(self) -> str:
        """The text written since the last `take`, emptying the buffer (the export streams
        it into the ZIP member, the import hashes it: neither holds the file whole; the
        header comes with the first call, the BOM is the caller's)."""
        text = self._buffer.getvalue()
        self._buffer.seek(0)
        self._buffer.truncate(0)
        return text

    def to_bytes(self) -> bytes:
        # The BOM as bytes: prefixing the text with U+FEFF would widen the whole string.
        return BOM + self._buffer.getvalue().encode("utf-8")
