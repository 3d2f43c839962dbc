"""`ResponsesHash`: responses.csv rebuilt from a bundle's records, a row at a time, and
hashed as it goes (HQ compares the sha256 with the one the signed manifest gives for the
file the bundle carries: the same bytes, never held whole).

The rows go through the export's own `CsvWriter`. Most rows need neither quoting nor a
formula guard (codes, uuids, times): those are joined here with commas and handed over
with `CsvWriter.add_lines`, which is what csv.writer would write for them and costs a
third less per row; a row with any cell that could need either (a comma, a quote, a line
break, a cell starting with = + - @ or a tab) takes the general `CsvWriter.add`. The
import hands each record's fields as they are (`add_form`): its fixed cells formatted
by one f-string, not one by one (100k forms: 0.57 s -> 0.4 s of CPU for the file).
The plain rows wait in a list and reach the writer joined, `FLUSH_ROWS` at a time (or
before a row the general writer writes, so the order stays).
"""

from __future__ import annotations

import hashlib
import re
from itertools import repeat
from typing import Mapping, Sequence

from ..bundle.csv_export import BOM, CsvWriter

FLUSH_ROWS = 2000  # rows of the rebuilt file hashed at a time
# A cell starting a formula starts the line or follows a comma ("\r" is refused anyway).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t")
# One search for all of them after a comma: testing the marks one by one cost more than
# every other test of the row together.
_FORMULA_AFTER_COMMA = re.compile(f",[{re.escape(''.join(_FORMULA_STARTS))}]")


class ResponsesHash:
    """The sha256 of responses.csv rebuilt from (fixed cells, answers) rows."""

    def __init__(self, question_ids: Sequence[str]):
        self.question_ids = tuple(question_ids)
        self._writer = CsvWriter(self.question_ids)
        self._hash = hashlib.sha256(BOM)
        self._commas = len(self.question_ids) + 10  # FIXED_COLUMNS has 11 cells
        self._lines: list[str] = []  # plain rows not handed to the writer yet

    def add(self, fixed: Sequence[object], answers: Mapping[str, str],
            answers_json: str) -> None:
        """One form: the FIXED_COLUMNS values (text, int or None), its answers by
        question id and their JSON text (as `CsvWriter.add`)."""
        cells = ["" if v is None else v if v.__class__ is str else str(v) for v in fixed]
        cells += map(answers.get, self.question_ids, repeat(""))
        if not self._plain(",".join(cells)):
            self._general(fixed, answers, answers_json)

    def add_form(self, round_name: str, fields: Sequence, answers: Mapping[str, str],
                 answers_json: str) -> None:
        """One form as a bundle record carries it (`fields`: its FORM_FIELDS values as
        records.py checked them: texts, the number and the revision ints, the deletion
        reason a text or None): the row `add` writes for its FIXED_COLUMNS values,
        formatted in one step."""
        self.add_row(round_name, fields, tuple(map(answers.get, self.question_ids,
                                                   repeat(""))), answers, answers_json)

    def add_row(self, round_name: str, fields: Sequence, row: Sequence[str],
                answers: Mapping[str, str], answers_json: str) -> None:
        """`add_form` with the answers' cells made already (`row`: the answers' texts in
        `question_ids` order, "" where none)."""
        (uuid, round_uuid, number, status, operator, device, created, updated, revision,
         reason, _, _) = fields  # records.FORM_FIELDS
        line = ",".join([
            f'{round_name},{round_uuid},{uuid},{number},{status},{operator},{device},'
            f'{created},{updated},{revision},{"" if reason is None else reason}', *row])
        if not self._plain(line):
            self._general(_fixed_cells(round_name, fields), answers, answers_json)

    def _plain(self, line: str) -> bool:
        """Keep the joined row as it is, unless a cell may need quoting or a formula
        guard (then False: the caller takes the general writer)."""
        if (line.count(",") != self._commas or '"' in line or "\n" in line or "\r" in line
                or line.startswith(_FORMULA_STARTS) or _FORMULA_AFTER_COMMA.search(line)):
            return False
        lines = self._lines
        lines.append(line)
        if len(lines) >= FLUSH_ROWS:
            self._writer.add_lines(lines)
            lines.clear()
            self._hash.update(self._writer.take().encode("utf-8"))
        return True

    def _general(self, fixed: Sequence[object], answers: Mapping[str, str],
                 answers_json: str) -> None:
        """A row through the general writer, after the plain rows before it."""
        if self._lines:
            self._writer.add_lines(self._lines)
            self._lines.clear()
        self._writer.add(fixed, answers, answers_json)
        if self._writer.rows % FLUSH_ROWS == 0:
            self._hash.update(self._writer.take().encode("utf-8"))

    def hexdigest(self) -> str:
        """The hash of every row added (call once, after the last)."""
        self._writer.add_lines(self._lines)
        self._lines.clear()
        self._hash.update(self._writer.take().encode("utf-8"))
        return self._hash.hexdigest()


def _fixed_cells(round_name: str, fields: Sequence) -> tuple:
    """The FIXED_COLUMNS values of a form's FORM_FIELDS values."""
    return (round_name, *fields[1::-1], *fields[2:10])
