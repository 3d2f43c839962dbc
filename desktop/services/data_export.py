"""Data for analysts (`riskmap data`, File > Data for analysts...): the live forms as CSV,
XLSX, Stata and SPSS files with labels, protected by the re-identification guard.

`export_data` opens its own connection (so it can run on a worker thread), reads one row
per live form (`services.data_read`: the answers from the analysis snapshot), builds the labelled table (`domain.data_table`),
applies the guard (`domain.reid_guard`: k-anonymity on the profile questions, k = the
project's minimum group size unless told otherwise) and writes each file plus a disclosure
report beside them. Without the guard the file names say UNPROTECTED and the export is
recorded in the audit log before anything is written.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable


from .. import APP_NAME, __version__
from ..domain.atomic_files import new_folder, write_all
from ..domain.data_table import (DataTable, exported_questions, table_from_parts,
                                 with_choice_flags)
from ..domain.messages import message
from ..domain.reid_guard import GuardReport, TooFewRows, measure, protect_rows
from ..domain.user_error import UserError
from ..storage.audit_store import AuditEntry, write_audit
from . import data_files, data_read
from .project import Project

ProgressFn = Callable[[int, int], None]
CHUNK = 20_000  # forms read and parsed at a time
WRITERS = 2  # files written at once
UNPROTECTED = "UNPROTECTED"
AUDIT_ACTION = "data_export_unprotected"


class DataRefused(UserError, ValueError):
    """Nothing was written; the sentence (catalogue key `data.<kind>`, or from older code a
    ready English sentence) says why and what to do. `kind` names the reason ('too_few',
    'round', 'format', 'k', 'folder') for a window that words it itself."""

    def __init__(self, message: str, kind: str = "", **values: object):
        super().__init__(message, **values)
        self.kind = kind
        self.values = values


@dataclass(frozen=True)
class DataRequest:
    """What to write: formats, one round or all, language, k, text, guard."""

    formats: tuple[str, ...] = data_files.FORMATS
    round_name: str = ""
    lang: str = "es"
    k: int | None = None
    include_text: bool = False
    guard: bool = True


@dataclass(frozen=True)
class DataResult:
    files: list[Path]
    report_path: Path
    report: GuardReport
    rows: int
    guarded: bool


def file_stem(request: DataRequest) -> str:
    """riskmap-data-<round or all>-<lang>, with -UNPROTECTED when the guard is off."""
    scope = _slug(request.round_name) if request.round_name else "all"
    stem = f"riskmap-data-{scope}-{request.lang}"
    return stem if request.guard else f"{stem}-{UNPROTECTED}"


def export_data(db_path: str | Path, out_dir: str | Path, request: DataRequest,
                operator: str = "", device: str = "",
                progress: ProgressFn | None = None) -> DataResult:
    """Write the analysts' files of `db_path` into `out_dir` (created when missing)."""
    unknown = [f for f in request.formats if f not in data_files.FORMATS]
    if not request.formats:
        raise DataRefused("data.no_format", "format", choices=", ".join(data_files.FORMATS))
    if unknown:
        raise DataRefused("data.format", "format", formats=", ".join(unknown),
                          choices=", ".join(data_files.FORMATS))
    if request.k is not None and request.k < 1:
        raise DataRefused("data.k", "k")
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise DataRefused("data.folder", "folder", path=out)
    steps = 2 + len(request.formats)
    _tick(progress, 0, steps)
    # Only a file without the guard writes to the database (its audit row); with the guard
    # the database is only read, so this works on read-only media.
    project = Project.open(db_path, read_only=request.guard)
    try:
        table, report = protected_table(project, request)
        _tick(progress, 1, steps)
        if not request.guard:
            # Recorded before a single byte is written: an unprotected file never exists
            # without its audit row.
            with project.db.transaction() as conn:
                write_audit(conn, [AuditEntry(
                    action=AUDIT_ACTION, operator=operator or "?", device=device or "?",
                    new=f"{file_stem(request)} ({', '.join(request.formats)}; "
                        f"{report.rows} forms)",
                    reason="guard off (--no-guard): the file can identify respondents")])
    finally:
        project.close()
    _tick(progress, 2, steps)
    stem = file_stem(request)
    about = disclosure_lines(report, request, stem)
    flagged = with_choice_flags(table)
    del table  # only the flagged copy is written: a million forms are held once

    ticks = itertools.count(3)  # files done, counted as they finish (on any thread)
    lock = threading.Lock()

    def writer(fmt: str):
        def write(tmp: Path) -> None:
            if fmt == "csv":
                data_files.write_csv(flagged, tmp)
            elif fmt == "xlsx":
                data_files.write_xlsx(flagged, tmp, about)
            elif fmt == "dta":
                data_files.write_dta(flagged, tmp, about[0])
            else:
                data_files.write_sav(flagged, tmp, about[0])
            with lock:
                _tick(progress, next(ticks), steps)
        return write

    # Every file is staged first and then renamed: the data files and their disclosure
    # report are written all or none. Two at a time: while one waits for the disk or
    # deflates the sheet (outside the interpreter's lock), the other goes on.
    files: dict[Path, object] = {out / f"{stem}.{fmt}": writer(fmt)
                                 for fmt in request.formats}
    report_path = out / f"{stem}-disclosure.txt"
    files[report_path] = "\n".join(about) + "\n"
    with new_folder(out):  # a full disk leaves no empty folder either
        written = write_all(files, workers=WRITERS)[:-1]  # type: ignore[arg-type]
    return DataResult(written, report_path, report, report.rows, request.guard)


def read_table(project: Project, request: DataRequest,
               chunk: int = CHUNK) -> tuple[DataTable, int]:
    """The labelled table of the live forms (one round or all) and the k to protect it."""
    _known_round(project, request.round_name)
    questionnaire = project.questionnaire
    questions = exported_questions(questionnaire, request.include_text)
    part, order = data_read.read_parts(project.db.conn, questionnaire, questions,
                                       request.round_name or None, chunk)
    table = table_from_parts(questionnaire, [part], request.lang, request.include_text,
                             order, consume=True)
    return table, request.k if request.k is not None else project.min_group_size


def protected_table(project: Project, request: DataRequest,
                    chunk: int = CHUNK) -> tuple[DataTable, GuardReport]:
    """The table the files carry and its disclosure figures. With the guard, the whole
    project is protected first, for the smaller of k and the project's minimum group
    size, and only then are one round's rows taken and protected for k. A file then
    shows what the all-rounds file at the minimum shows, or less: files written with
    other options (a round, another k) and joined by round and form number stay
    k-anonymous, where each protected on its own chose other values to hide."""
    if not request.guard:
        table, k = read_table(project, request, chunk)
        return guard_table(table, k, guard=False)
    _known_round(project, request.round_name)
    whole, k = read_table(project, replace(request, round_name=""), chunk)
    base_k = min(k, project.min_group_size)
    columns, code = whole.quasi_identifiers, whole.suppressed_code
    rows = (whole.frame["round"] == request.round_name).to_numpy() \
        if request.round_name else None
    raw = whole.frame if rows is None else whole.frame[rows].reset_index(drop=True)
    try:
        base, base_report = guard_table(whole, base_k)
        if rows is None and k == base_k:
            return base, base_report
        chosen = base if rows is None else replace(
            base, frame=base.frame[rows].reset_index(drop=True))
        del whole, base
        table, report = guard_table(chosen, k)
    except DataRefused as exc:  # the forms of the file, not of the whole project
        raise DataRefused("data.too_few", "too_few", n=len(raw), k=k) from exc
    before = measure(raw, columns, k, code)
    return table, replace(
        report, combinations_before=before.combinations_before,
        unique_before=before.unique_before, at_risk_before=before.at_risk_before,
        suppressed={c: int((table.frame[c] == code).sum()) for c in columns})


def _known_round(project: Project, round_name: str) -> None:
    names = [round_.name for round_ in project.rounds()]
    if round_name and round_name not in names:
        raise DataRefused("data.round", "round", round=repr(round_name),
                          names=", ".join(names) or "-")


def guard_table(table: DataTable, k: int, guard: bool = True) -> tuple[DataTable, GuardReport]:
    """The table protected for k (or, guard off, as it is) and the disclosure figures."""
    columns = table.quasi_identifiers
    if not guard:
        return table, measure(table.frame, columns, k, table.suppressed_code)
    try:
        frame, report = protect_rows(table.frame, columns, k, table.suppressed_code)
    except TooFewRows as exc:
        raise DataRefused("data.too_few", "too_few", n=len(table.frame), k=k) from exc
    label = message("data_suppressed", table.lang)
    variables = tuple(
        replace(v, missing={**v.missing, table.suppressed_code: label})
        if v.name in columns else v for v in table.variables)
    return replace(table, frame=frame, variables=variables), report


def disclosure_lines(report: GuardReport, request: DataRequest, stem: str,
                     now: dt.datetime | None = None) -> list[str]:
    """The disclosure report, in the request's language."""
    lang = request.lang
    now = now or dt.datetime.now(dt.timezone.utc)

    def say(key: str, **values: object) -> str:
        return message(key, lang, **values)

    lines = [say("data_report_title", app=APP_NAME, version=__version__),
             say("data_report_files", stem=stem, formats=", ".join(request.formats)),
             say("data_report_written", time=now.strftime("%Y-%m-%dT%H:%M:%SZ")),
             say("data_report_rows", n=report.rows),
             say("data_report_qi", columns=", ".join(report.quasi_identifiers) or "-"),
             say("data_report_k", k=report.k),
             say("data_report_guard_on") if request.guard else say("data_report_guard_off"),
             "",
             f"{'':<40}{say('data_report_before'):>10}{say('data_report_after'):>10}"]
    for key, before, after in (
            ("data_report_combinations", report.combinations_before,
             report.combinations_after),
            ("data_report_unique", report.unique_before, report.unique_after),
            ("data_report_at_risk", report.at_risk_before, report.at_risk_after)):
        lines.append(f"{say(key):<40}{before:>10}{after:>10}")
    lines += ["", say("data_report_suppressed")]
    for column, count in report.suppressed.items():
        lines.append(f"  {column:<38}{count:>10}")
    lines.append(f"  {say('data_report_total'):<38}{report.total_suppressed:>10}")
    if request.include_text:
        lines += ["", say("data_report_text")]
    return lines


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")[:40] or "round"


def _tick(progress: ProgressFn | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)
