"""pyxform's refusals of a workbook, said through our catalogue where we know them.

pyxform reads the workbook first and stops at the first thing it cannot read (no survey
sheet, two questions with one name, a choice list that does not exist, a reference to no
question). Its messages are English; the ones a questionnaire author meets are matched here,
by pyxform's error code or, for the older uncoded ones, by their text, and said as a
catalogue phrase (`xf.px_*`) at its sheet and row. Any other refusal keeps pyxform's own
words inside a sentence that says they are pyxform's.
"""

from __future__ import annotations

import re
import string

from .messages import MESSAGES
from .phrase import Phrase
from .xlsform_sheets import sheet_place

# pyxform ErrorCode name -> (our key, the sheet its row is on). pyxform raises most of them
# as ready text, so they are matched by their text, made from pyxform's own template.
_BY_CODE = {
    "NAMES_001": ("xf.px_duplicate_name", "survey"),
    "NAMES_006": ("xf.px_choice_no_name", "choices"),
    "NAMES_007": ("xf.px_choice_duplicate", "choices"),
    "NAMES_008": ("xf.px_bad_name", "survey"),
    "LABEL_001": ("xf.px_choice_no_label", "choices"),
    "HEADER_003": ("xf.px_missing_header", ""),
    "PYREF_003": ("xf.px_unknown_reference", "survey"),
    "PYREF_004": ("xf.px_reference_twice", "survey"),
    "SURVEY_001": ("xf.px_unmatched_end", "survey"),
    "SURVEY_002": ("xf.px_unmatched_begin", "survey"),
}
# Uncoded messages: pattern -> our key (named groups are its values).
_BY_TEXT = [
    (re.compile(r"You must have a sheet named 'survey'"), "xf.px_no_survey", "survey"),
    (re.compile(r"List name not in choices sheet: (?P<name>\S+)"), "xf.px_no_list", "survey"),
    (re.compile(r"Unknown question type '(?P<type>[^']*)'"), "xf.px_unknown_type", "survey"),
]
_ROW = re.compile(r"^\[row : (\d+)\]")


def _template_pattern(template: str) -> re.Pattern:
    """pyxform's message template as a pattern: each {field} a named group."""
    parts, seen = [], set()
    for literal, field, _, _ in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if field is not None:
            parts.append(f"(?P={field})" if field in seen else f"(?P<{field}>.*?)")
            seen.add(field)
    return re.compile("".join(parts) + "$", re.S)


def _known() -> list[tuple[re.Pattern, str, str]]:
    try:
        from pyxform.errors import ErrorCode
    except ImportError:  # pragma: no cover - pyxform is a dependency
        return list(_BY_TEXT)
    coded = [(_template_pattern(ErrorCode[name].value.msg), key, sheet)
             for name, (key, sheet) in _BY_CODE.items() if name in ErrorCode.__members__]
    return coded + list(_BY_TEXT)


def pyxform_problem(exc: Exception) -> Phrase:
    """The problem for pyxform's refusal `exc` (its place first when it names a row)."""
    text = str(exc).strip()
    found = next(((key, sheet, match) for pattern, key, sheet in _known()
                  if (match := pattern.search(text))), None)
    row = _ROW.match(text)
    if found is None:  # pyxform's own words, said as its words
        rest = text[row.end():].strip() if row else text
        reason = Phrase("problem", where=sheet_place("survey", int(row.group(1))),
                        what=rest) if row else text
        return Phrase("xf.unreadable", reason=reason)
    key, sheet, match = found
    values = match.groupdict()
    what = Phrase(key, **{name: values.get(name, "") for name in _fields(key)})
    sheet = values.get("sheet") or sheet
    if row and sheet:
        return Phrase("problem", where=sheet_place(sheet, int(row.group(1))), what=what)
    return what


def _fields(key: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(MESSAGES[key]["en"]) if f}
