"""`ResponsesHash`: responses.csv rebuilt from a bundle's records, a row at a time, and
hashed as it goes (HQ compares the sha256 with the one the signed manifest gives for the
file the bundle carries: the same bytes, never held whole).

The rows go through the export's own `CsvWriter`. Most rows need neither quoting nor a
formula guard (codes, uuids, times): those are joined here with commas and handed over
with `CsvWriter.add_line`, which is what csv.writer would write for them and costs a
third less per row; a row with any cell that could need either (a comma, a quote, a line
break, a cell starting with = + - @ or a tab) takes the general `CsvWriter.add`.
"""

from __future__ import annotations

import hashlib
from itertools import repeat
from typing import Mapping, Sequence

from ..bundle.csv_export import BOM, CsvWriter

FLUSH_ROWS = 2000  # rows of the rebuilt file hashed at a time
# A cell starting a formula starts the line or follows a comma ("\r" is refused anyway).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t")
_FORMULA_AFTER_COMMA = tuple("," + c for c in _FORMULA_STARTS)


class ResponsesHash:
    """The sha256 of responses.csv rebuilt from (fixed cells, answers) rows."""

    def __init__(self, question_ids: Sequence[str]):
        self.question_ids = tuple(question_ids)
        self._writer = CsvWriter(self.question_ids)
        self._hash = hashlib.sha256(BOM)
        self._commas = len(self.question_ids) + 10  # FIXED_COLUMNS has 11 cells

    def add(self, fixed: Sequence[object], answers: Mapping[str, str],
            answers_json: str) -> None:
        """One form: the FIXED_COLUMNS values (text, int or None), its answers by
        question id and their JSON text (as `CsvWriter.add`)."""
        cells = ["" if v is None else v if v.__class__ is str else str(v) for v in fixed]
        cells += map(answers.get, self.question_ids, repeat(""))
        line = ",".join(cells)
        if (line.count(",") != self._commas or '"' in line or "\n" in line or "\r" in line
                or line.startswith(_FORMULA_STARTS)
                or any(mark in line for mark in _FORMULA_AFTER_COMMA)):
            self._writer.add(fixed, answers, answers_json)
        else:
            self._writer.add_line(line)
        if self._writer.rows % FLUSH_ROWS == 0:
            self._hash.update(self._writer.take().encode("utf-8"))

    def hexdigest(self) -> str:
        """The hash of every row added (call once, after the last)."""
        self._hash.update(self._writer.take().encode("utf-8"))
        return self._hash.hexdigest()
