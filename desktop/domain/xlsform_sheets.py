"""Where things are in an XLSForm workbook, for the import's report, and the small readers
it shares: language codes of `label::English (en)` columns, the sheets pyxform does not
read (`riskmap_risks`, `riskmap_bands`), yes/no cells.

Every problem of the import names its place as `survey row 8, column 'type' (A)`: the row
as Excel numbers it (the header is row 1), the column by its header and letter. A place is
a `Phrase`, said in the reader's language when the problem is shown ('hoja survey, fila 8,
columna 'type' (A)').
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable

from .phrase import Phrase

_CODE = re.compile(r"\(\s*([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)\s*\)\s*$")
_NAMES = {"english": "en", "spanish": "es", "español": "es", "espanol": "es",
          "french": "fr", "français": "fr", "francais": "fr", "portuguese": "pt",
          "português": "pt", "portugues": "pt"}


def language_code(key: str, default: str | None) -> str | None:
    """'English (en)' -> 'en', 'english' -> 'en', 'es' -> 'es', 'default' -> `default`
    (else 'en'); None for a language name we cannot give a code."""
    key = key.strip()
    if key.lower() == "default":
        return default or "en"
    match = _CODE.search(key)
    if match:
        return match.group(1).lower().replace("_", "-")
    if re.fullmatch(r"[a-z]{2,3}", key):  # label::es
        return key
    return _NAMES.get(key.lower())


def truthy(value: Any) -> bool:
    """An XLSForm yes: yes, true, true(), 1 (any case)."""
    return str(value or "").strip().lower() in ("yes", "y", "true", "true()", "1")


def sheet_labels(row: dict, prefix: str, lang: Callable[[str, str], str | None],
                 where: str = "") -> dict[str, str]:
    """Texts per language of the `prefix`, `prefix::Lang (xx)` or `prefix:Lang` cells."""
    labels: dict[str, str] = {}
    for key, value in row.items():
        head = str(key)
        if value in (None, "") or not head.lower().startswith(prefix):
            continue
        rest = head[len(prefix):]
        if rest and not rest.startswith(":"):
            continue
        code = lang(rest.lstrip(":") or "default", where)
        if code is not None:
            labels[code] = str(value)
    return labels


def sheet_place(sheet: str, row: int | None) -> Phrase:
    """'survey row 12' ('hoja survey, fila 12'): a row of a sheet."""
    if not row:
        return Phrase("where.sheet", sheet=sheet)
    return Phrase("where.sheet_row", sheet=sheet, row=row)


def extra_sheet(path: Path, name: str) -> list[tuple[Phrase, dict]]:
    """Rows of a sheet pyxform does not read, as (place, {header: value}); [] when the
    workbook has no such sheet (or is an old .xls file)."""
    if path.suffix.lower() != ".xlsx":
        return []
    import openpyxl
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = next((book[s] for s in book.sheetnames if s.lower() == name), None)
        if sheet is None:
            return []
        rows = list(sheet.iter_rows(values_only=True))
    finally:
        book.close()
    if not rows:
        return []
    headers = [str(h).strip() if h is not None else "" for h in rows[0]]
    result = []
    for number, values in enumerate(rows[1:], start=2):
        row = {h: v for h, v in zip(headers, values) if h and v not in (None, "")}
        if row:
            result.append((sheet_place(name, number), row))
    return result


class Locator:
    """Rows and columns of the survey, choices and settings sheets, as places."""

    def __init__(self, path: Path, workbook: Any):
        self.path = path
        self._letters = _header_letters(path)
        self._survey_rows: dict[str, int] = {}
        self._types: dict[str, str] = {}
        for index, row in enumerate(workbook.survey or []):
            lowered = {str(k).lower(): v for k, v in row.items()}
            name = lowered.get("name")
            if name and name not in self._survey_rows:
                self._survey_rows[str(name)] = index + 2
                self._types[str(name)] = str(lowered.get("type", ""))
        self._choices: dict[str, list[tuple[int, dict]]] = {}
        for index, row in enumerate(workbook.choices or []):
            lowered = {str(k).lower().replace(" ", "_"): v for k, v in row.items()}
            list_name = lowered.get("list_name")
            if list_name:
                self._choices.setdefault(str(list_name), []).append((index + 2, row))

    def _place(self, sheet: str, row: int | None, column: str | None) -> Phrase:
        text = sheet_place(sheet, row)
        if column:
            letter = self._letters.get(sheet, {}).get(column.lower())
            if letter is None:  # label -> the first label::... column
                letter = next((v for k, v in self._letters.get(sheet, {}).items()
                               if k.startswith(column.lower() + ":")), None)
            if letter:
                return Phrase("where.column_letter", place=text, column=column, letter=letter)
            return Phrase("where.column", place=text, column=column)
        return text

    def survey(self, name: str, column: str | None = None) -> Phrase:
        return self._place("survey", self._survey_rows.get(name), column)

    def in_sheet(self, name: str) -> bool:
        """The survey sheet has a row with this name (pyxform adds some of its own)."""
        return name in self._survey_rows

    def settings(self, column: str) -> Phrase:
        return self._place("settings", 2, column)

    def row_type(self, name: str) -> str:
        """The type cell as written (before pyxform normalised it)."""
        return self._types.get(name, "")

    def choice_row(self, list_name: str, name: str) -> int | None:
        """The row of a choice in the choices sheet; None for one pyxform added itself."""
        return next((n for n, r in self._choices.get(list_name, [])
                     if str({k.lower(): v for k, v in r.items()}.get("name")) == name), None)

    def choice(self, list_name: str, name: str, column: str) -> Phrase:
        return self._place("choices", self.choice_row(list_name, name), column)

    def choice_rows(self, list_name: str) -> list[tuple[Phrase, dict]]:
        """(place, row) of every choice of a list, read straight from the sheet."""
        return [(self._place("choices", n, None),
                 {("name" if k.lower() == "name" else k): v for k, v in row.items()})
                for n, row in self._choices.get(list_name, [])]


def _header_letters(path: Path) -> dict[str, dict[str, str]]:
    """sheet -> lower-cased header -> column letter (xlsx only)."""
    if path.suffix.lower() != ".xlsx":
        return {}
    import openpyxl
    from openpyxl.utils import get_column_letter
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        result: dict[str, dict[str, str]] = {}
        for sheet_name in book.sheetnames:
            first = next(book[sheet_name].iter_rows(max_row=1, values_only=True), ())
            result[sheet_name.lower()] = {
                str(h).strip().lower(): get_column_letter(i)
                for i, h in enumerate(first, start=1) if h is not None}
        return result
    finally:
        book.close()
