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

The joined rows wait in a list, `FLUSH_ROWS` at a time, and are tested together: joined
as the file joins them, one count of the commas, quotes and line breaks and one search
for a formula's start tell whether every one is plain (`_plain_rows`, the same verdict
as testing each, 0.1 s less per 100k forms). When one is not, each is tested as it
comes (`_plain`) and the others take the general writer, in order; their answers are
read again from their JSON text, which holds the same texts.
"""

from __future__ import annotations

import hashlib
import json
import re
from itertools import repeat
from typing import Mapping, Sequence

from ..bundle.csv_export import BOM, CsvWriter

FLUSH_ROWS = 2000  # rows of the rebuilt file hashed at a time
# A cell starting a formula starts the line or follows a comma ("\r" is refused anyway).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t")
_MARKS = re.escape("".join(_FORMULA_STARTS))
# One search for all of them after a comma: testing the marks one by one cost more than
# every other test of the row together.
_FORMULA_AFTER_COMMA = re.compile(f",[{_MARKS}]")
# In rows joined by line breaks, at the start of a row too: a search of its own (one
# search for both, starting with a class, took four times as long as the two, which
# each start with one character).
_FORMULA_AFTER_BREAK = re.compile(f"\n[{_MARKS}]")


class ResponsesHash:
    """The sha256 of responses.csv rebuilt from (fixed cells, answers) rows."""

    def __init__(self, question_ids: Sequence[str]):
        self.question_ids = tuple(question_ids)
        self._writer = CsvWriter(self.question_ids)
        self._hash = hashlib.sha256(BOM)
        self._commas = len(self.question_ids) + 10  # FIXED_COLUMNS has 11 cells
        self._lines: list[str] = []  # joined rows not handed to the writer yet
        self._forms: list[tuple] = []  # (round name, fields, answers' JSON) of each

    def add(self, fixed: Sequence[object], answers: Mapping[str, str],
            answers_json: str) -> None:
        """One form: the FIXED_COLUMNS values (text, int or None), its answers by
        question id and their JSON text (as `CsvWriter.add`)."""
        cells = ["" if v is None else v if v.__class__ is str else str(v) for v in fixed]
        cells += map(answers.get, self.question_ids, repeat(""))
        self._flush()  # the rows before it first
        line = ",".join(cells)
        if self._plain(line):
            self._writer.add_line(line)
        else:
            self._writer.add(fixed, answers, answers_json)

    def add_form(self, round_name: str, fields: Sequence, answers: Mapping[str, str],
                 answers_json: str) -> None:
        """One form as a bundle record carries it (`fields`: its FORM_FIELDS values as
        records.py checked them: texts, the number and the revision ints, the deletion
        reason a text or None): the row `add` writes for its FIXED_COLUMNS values,
        formatted in one step."""
        self.add_row(round_name, fields, tuple(map(answers.get, self.question_ids,
                                                   repeat(""))), answers_json)

    def add_row(self, round_name: str, fields: Sequence, row: Sequence[str],
                answers_json: str) -> None:
        """`add_form` with the answers' cells made already (`row`: the answers' texts in
        `question_ids` order, "" where none)."""
        (uuid, round_uuid, number, status, operator, device, created, updated, revision,
         reason, _, _) = fields  # records.FORM_FIELDS
        self._lines.append(",".join([
            f'{round_name},{round_uuid},{uuid},{number},{status},{operator},{device},'
            f'{created},{updated},{revision},{"" if reason is None else reason}', *row]))
        self._forms.append((round_name, fields, answers_json))
        if len(self._lines) >= FLUSH_ROWS:
            self._flush()

    def _flush(self) -> None:
        """Hand the waiting rows to the writer (see the module's docstring) and hash
        what it wrote."""
        lines, forms = self._lines, self._forms
        if not lines:
            return
        self._lines, self._forms = [], []
        if self._plain_rows("\r\n".join(lines), len(lines)):
            self._writer.add_lines(lines)
        else:
            for line, (round_name, fields, answers_json) in zip(lines, forms):
                if self._plain(line):
                    self._writer.add_line(line)
                else:
                    self._writer.add(_fixed_cells(round_name, fields),
                                     json.loads(answers_json), answers_json)
        self._hash.update(self._writer.take().encode("utf-8"))

    def _plain(self, line: str) -> bool:
        """Whether the joined row is what csv.writer writes for its cells: none may need
        quoting or a formula guard."""
        return not (line.count(",") != self._commas or '"' in line or "\n" in line
                    or "\r" in line or line.startswith(_FORMULA_STARTS)
                    or _FORMULA_AFTER_COMMA.search(line))

    def _plain_rows(self, text: str, count: int) -> bool:
        """`_plain` of each of `count` rows joined by "\\r\\n" in `text`, tested at once:
        a row holds at least `_commas` commas, so the count is each row's only when the
        sum is; with no line break but the joins', a row starts at the text's start or
        after a "\\n"."""
        return (text.count(",") == self._commas * count and '"' not in text
                and text.count("\n") == count - 1 and text.count("\r") == count - 1
                and not text.startswith(_FORMULA_STARTS)
                and _FORMULA_AFTER_COMMA.search(text) is None
                and _FORMULA_AFTER_BREAK.search(text) is None)

    def hexdigest(self) -> str:
        """The hash of every row added (call once, after the last)."""
        self._flush()
        self._hash.update(self._writer.take().encode("utf-8"))
        return self._hash.hexdigest()


def _fixed_cells(round_name: str, fields: Sequence) -> tuple:
    """The FIXED_COLUMNS values of a form's FORM_FIELDS values."""
    return (round_name, *fields[1::-1], *fields[2:10])
