"""Checking a table of forms keyed elsewhere (one row per paper form) with the entry rules.

The table comes from a CSV or XLSX file: a `form_number` column and one column per question
id holding codes as the entry screen takes them (multichoice: codes separated by spaces).
`check_table` runs every row through `form_rules.validate_form` - exactly the check of a
form saved in the entry view (types, codes, ranges, required answers, skip logic and any
cross-question rule it holds) - plus the form-number rules of the round (blank, not a
whole number, outside the round's range, used twice in the file or already in the round).
An answer to a question the skip logic leaves out is a problem here, not silently dropped:
the entry screen never shows such a field, so a value in it is a keying error elsewhere.

Nothing is partial: the caller writes the forms only when the problem list is empty.
Problems carry the file line (the header is line 1), the column and the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from .form_rules import validate_form
from .messages import message
from .questionnaire import Questionnaire
from .user_error import error_message
from .values import canonical

FORM_NUMBER = "form_number"
MAX_LISTED = 50


@dataclass(frozen=True)
class RowProblem:
    """One problem of the table: file line (header = 1), column name and reason."""

    line: int
    column: str
    reason: str

    def text(self, lang: str = "en") -> str:
        """'line L, column C: reason' in `lang` (the reason is in the language it was
        checked in)."""
        return error_message("out.table_problem", lang, line=self.line,
                             column=self.column or "-", reason=self.reason)


@dataclass(frozen=True)
class TableForm:
    """A checked row: its file line, form number and canonical answers."""

    line: int
    form_number: int
    answers: dict[str, str]


@dataclass(frozen=True)
class RoundRules:
    """What the round says about form numbers: the range and the numbers already used."""

    form_min: int | None = None
    form_max: int | None = None
    taken: frozenset[int] = frozenset()


def check_header(questionnaire: Questionnaire, header: Sequence[str],
                 lang: str = "en") -> list[RowProblem]:
    """Problems of the header row: no form_number column, unknown or repeated columns."""
    known = set(questionnaire.question_ids())
    problems = []
    if FORM_NUMBER not in header:
        problems.append(RowProblem(1, FORM_NUMBER, message("table_no_form_number", lang)))
    seen: set[str] = set()
    for name in header:
        if not name:
            continue
        if name in seen:
            problems.append(RowProblem(1, name, message("table_repeated_column", lang)))
        seen.add(name)
        if name != FORM_NUMBER and name not in known:
            problems.append(RowProblem(1, name, message(
                "table_unknown_column", lang, id=questionnaire.id,
                version=questionnaire.version)))
    return problems


def check_table(questionnaire: Questionnaire, header: Sequence[str],
                rows: Iterable[tuple[int, Sequence[str]]], rules: RoundRules = RoundRules(),
                lang: str = "en") -> tuple[list[TableForm], list[RowProblem]]:
    """Every form of the table and every problem, in file order.

    `rows` yields (file line, cell texts); rows whose cells are all blank are skipped (a
    spreadsheet often ends with some). When the header has problems, rows are not read.
    """
    problems = check_header(questionnaire, header, lang)
    if problems:
        return [], problems
    header = list(header)
    number_at = header.index(FORM_NUMBER)
    columns = [(i, name) for i, name in enumerate(header) if name and name != FORM_NUMBER]
    first_line: dict[int, int] = {}
    canonical_texts: dict[tuple[str, str], str] = {}
    forms: list[TableForm] = []
    for line, cells in rows:
        cells = [(cell or "").strip() for cell in cells]
        if not any(cells):
            continue
        extra = [i for i in range(len(header), len(cells)) if cells[i]]
        if extra:
            problems.append(RowProblem(line, "", message("table_extra_cells", lang,
                                                         n=len(header))))
            continue
        cells += [""] * (len(header) - len(cells))
        number, number_problem = _form_number(cells[number_at], rules, first_line, lang)
        if number_problem:
            problems.append(RowProblem(line, FORM_NUMBER, number_problem))
        elif number is not None:
            first_line[number] = line
        answers = {name: cells[i] for i, name in columns if cells[i]}
        found = validate_form(questionnaire, answers, lang)
        problems.extend(RowProblem(line, p.question_id, p.message) for p in found)
        if not found and number is not None and not number_problem:
            forms.append(TableForm(line, number, {
                qid: _canonical(questionnaire, qid, text, canonical_texts)
                for qid, text in answers.items()}))
    return forms, problems


def _canonical(questionnaire: Questionnaire, qid: str, text: str,
               known: dict[tuple[str, str], str]) -> str:
    # A table repeats the same few codes thousands of times: convert each once.
    key = (qid, text)
    if key not in known:
        known[key] = canonical(questionnaire.question(qid), text)
    return known[key]


def _form_number(text: str, rules: RoundRules, first_line: dict[int, int],
                 lang: str) -> tuple[int | None, str]:
    if not text:
        return None, message("table_no_number", lang)
    if not text.isdigit():
        return None, message("not_integer", lang)
    number = int(text)
    low, high = rules.form_min, rules.form_max
    if (low is not None and number < low) or (high is not None and number > high):
        return number, message("form_number_range", lang, n=number, low=low, high=high)
    if number in first_line:
        return number, message("table_number_twice", lang, n=number, line=first_line[number])
    if number in rules.taken:
        return number, message("form_duplicate", lang, n=number)
    return number, ""


def summary(problems: Sequence[RowProblem], limit: int = MAX_LISTED,
            lang: str = "en") -> list[str]:
    """The first `limit` problems as lines, and 'and N more' when there are more."""
    lines = [problem.text(lang) for problem in problems[:limit]]
    if len(problems) > limit:
        lines.append(error_message("out.table_more", lang, n=len(problems) - limit))
    return lines
