"""Forms keyed elsewhere: a CSV or XLSX table becomes audited forms of one round, or nothing.

`import_form_table(project, round_name, path, actor)` reads the file, finds the round (or
plans one keyed with the newest stored questionnaire version when the project has none of
that name), checks every row with the entry form's rules (`domain/form_table.py`) and,
only when no row has a problem, writes the round, the forms, their answers and one
'create' audit row per form in ONE transaction. A refusal raises `FormTableRefused`
listing the problems by file line and column; the database is not touched.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

from ..domain.form_table import RoundRules, RowProblem, check_table, summary
from ..domain.round_maker import new_round_uuid
from ..domain.user_error import UserError
from ..storage import audit_store, round_store
from ..storage.audit_store import AuditEntry
from ..storage.clock import new_uuid, utc_now
from ..storage.form_table_store import (insert_responses, latest_questionnaire_sha256,
                                         live_form_numbers)
from ..storage.response_store import ResponseRow
from ..storage.round_store import Round
from .form_service import Actor
from .project import Project

TABLE_SUFFIXES = (".csv", ".xlsx")


class FormTableRefused(UserError, ValueError):
    """The file was not imported; the sentence (catalogue key `form_table.*` + fields, or
    a ready English sentence) says why, `problems` lists why by line and column."""

    def __init__(self, sentence: str, problems: Sequence[RowProblem] = (), **params: object):
        super().__init__(sentence, **params)
        self.problems = list(problems)

    def lines(self, lang: str = "en") -> list[str]:
        """The first 50 problems as lines in `lang`, and how many more."""
        return summary(self.problems, lang=lang)


@dataclass(frozen=True)
class FormTableResult:
    """What a good file became."""

    round: Round
    round_created: bool
    forms: int
    uuids: tuple[str, ...]


def read_table(path: Path) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The header and (file line, cells) rows of a CSV (UTF-8, comma or semicolon) or of
    the first sheet of an XLSX workbook. Raises FormTableRefused for other files."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        rows = _csv_rows(path)
    elif suffix == ".xlsx":
        rows = enumerate(_xlsx_rows(path), start=1)
    else:
        raise FormTableRefused("form_table.suffix", name=path.name)
    try:
        _, header = next(rows)
    except StopIteration:
        raise FormTableRefused("form_table.empty", name=path.name) from None
    return [name.strip() for name in header], rows


def _csv_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise FormTableRefused("form_table.not_utf8", name=path.name) from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    # A quoted cell may hold a line break: a row is named by the file line it starts on.
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error:  # a cell past the reader's limit, a NUL byte (a binary file)
            raise FormTableRefused("form_table.bad_csv", name=path.name,
                                   line=start) from None  # where the row began
        yield start, cells
        start = reader.line_num + 1


def _xlsx_rows(path: Path) -> Iterator[list[str]]:
    import openpyxl  # only this import path needs it
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable workbook is one sentence
        # openpyxl's reason ("File is not a zip file") is English: the log keeps it.
        raise FormTableRefused("form_table.bad_workbook", name=path.name,
                               detail=f"{type(exc).__name__}: {exc}") from None

    def rows() -> Iterator[list[str]]:
        try:
            for values in book.worksheets[0].iter_rows(values_only=True):
                yield [_cell_text(value) for value in values]
        finally:
            book.close()
    return rows()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a spreadsheet stores the code 2 as 2.0
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def import_form_table(project: Project, round_name: str, path: str | Path, actor: Actor,
                      lang: str = "en") -> FormTableResult:
    """Check every row of the file and store all forms, or raise FormTableRefused."""
    path = Path(path)
    round_name = round_name.strip()
    if not round_name:
        raise FormTableRefused("form_table.no_round")
    conn = project.db.conn
    round_ = round_store.find_round(conn, round_name)
    created = round_ is None
    if round_ is None:
        sha = latest_questionnaire_sha256(conn) or project.questionnaire.sha256
        round_ = Round(name=round_name, questionnaire_sha256=sha,
                       uuid=new_round_uuid(project.device_key.fingerprint))
        taken: frozenset[int] = frozenset()
    else:
        taken = live_form_numbers(conn, round_.uuid)
    questionnaire = project.questionnaire_for(round_)
    header, rows = read_table(path)
    rules = RoundRules(round_.form_min, round_.form_max, taken)
    forms, problems = check_table(questionnaire, header, rows, rules, lang)
    if problems:
        bad_rows = len({problem.line for problem in problems})
        raise FormTableRefused("form_table.problems", problems, name=path.name,
                               n=len(problems), rows=bad_rows)
    if not forms:
        raise FormTableRefused("form_table.no_forms", name=path.name)
    now = utc_now()
    source = f"forms import {path.name}"
    uuids = []
    with project.db.transaction() as tx:
        if created:
            round_store.insert_round(tx, round_)
        entries, rows = [], []
        for form in forms:
            row = ResponseRow(uuid=new_uuid(), round_uuid=round_.uuid,
                              form_number=form.form_number, status="entered",
                              operator=actor.operator, device=actor.device,
                              created=now, updated=now)
            rows.append((row, form.answers))
            entries.append(AuditEntry("create", actor.operator, actor.device, row.uuid,
                                      new=json.dumps(form.answers, sort_keys=True),
                                      reason=f"{source} line {form.line}"))
            uuids.append(row.uuid)
        insert_responses(tx, rows)
        audit_store.write_audit(tx, entries, now)
    return FormTableResult(round_, created, len(forms), tuple(uuids))

