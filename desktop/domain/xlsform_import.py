"""Import an XLSForm workbook: pyxform reads it, this module translates the result into
our questionnaire format (docs/xlsform.md), and the ordinary loader checks it.

The translation's parts: xlsform_context (what they share, the report), xlsform_survey
(sections and questions), xlsform_choices, xlsform_riskmap (riskmap:: columns and sheets),
xlsform_unsupported (what cannot be honoured), with xlsform_sheets and xlsform_xpath below.

`import_xlsform(path)` returns the checked questionnaire, its definition (a JSON-ready
dict) and warnings (what is dropped on purpose: notes, metadata). Anything we cannot
honour raises `XLSFormError`, whose `problems` list every one of them at once, each with
its sheet, row and column; nothing is created from a workbook with problems. Problems and
warnings are `Phrase`s: English as text, in Spanish through `said(problem, "es")`.
`load_questionnaire_file(path)` loads either a questionnaire JSON or a workbook.
"""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .phrase import Phrase
from .questionnaire import Questionnaire
from .questionnaire_loader import (
    FORMAT_VERSION, QuestionnaireError, load_questionnaire, parse_questionnaire, unreadable,
)
from .xlsform_choices import missing_list
from .xlsform_context import XLSFormContext
from .xlsform_riskmap import RiskmapColumns
from .xlsform_pyxform import pyxform_problem
from .xlsform_survey import SurveySheet

XLSFORM_SUFFIXES = (".xlsx", ".xls")
# A questionnaire workbook is tens of kilobytes (the default one: 20 kB); these bounds keep
# a hostile file (a zip bomb) from filling memory before pyxform sees it.
MAX_WORKBOOK_BYTES = 20_000_000
MAX_UNPACKED_BYTES = 200_000_000


class XLSFormError(QuestionnaireError):
    """A workbook with things we cannot honour; `problems` lists all of them."""


@dataclass
class XLSFormImport:
    """A translated workbook: the checked questionnaire, its definition and warnings."""

    questionnaire: Questionnaire
    definition: dict
    warnings: list[Phrase] = field(default_factory=list)


def load_questionnaire_file(path: str | Path) -> Questionnaire:
    """A questionnaire from a JSON file or an XLSForm workbook (by the file's suffix)."""
    path = Path(path)
    if path.suffix.lower() in XLSFORM_SUFFIXES:
        return import_xlsform(path).questionnaire
    return load_questionnaire(path)


def import_xlsform(path: str | Path) -> XLSFormImport:
    """Translate a workbook and check the result with the full questionnaire loader;
    problems and warnings say where they are ('survey row 12, column ...')."""
    path = Path(path)
    definition, warnings, rows = _translate(path)
    try:
        questionnaire = parse_questionnaire(definition_text(definition), source=str(path))
    except QuestionnaireError as exc:
        raise XLSFormError([_relocate(p, rows) for p in exc.problems], str(path)) from None
    return XLSFormImport(questionnaire, definition, warnings)


def definition_text(definition: dict) -> str:
    """The stored JSON text of a translated definition (stable: same workbook, same text)."""
    return json.dumps(definition, indent=2, ensure_ascii=False) + "\n"


def _translate(path: Path) -> tuple[dict, list[Phrase], dict[str, Phrase]]:
    """Translate a workbook; XLSFormError lists everything that cannot be honoured."""
    from pyxform.errors import PyXFormError
    from pyxform.xls2json import workbook_to_json
    from pyxform.xls2json_backends import get_xlsform

    _check_size(path)
    try:
        workbook = get_xlsform(str(path))
        data = workbook_to_json(workbook, fallback_form_name=path.stem, warnings=[])
    except (PyXFormError, OSError, ValueError) as exc:
        raise XLSFormError([pyxform_problem(exc)], str(path)) from None
    ctx = XLSFormContext(path, workbook, data)
    definition = _definition(ctx)
    if ctx.problems:
        # A choice list shared by several questions is reported once.
        raise XLSFormError(list(dict.fromkeys(ctx.problems)), str(path))
    return definition, ctx.warnings, ctx.rows_by_path


def _definition(ctx: XLSFormContext) -> dict:
    """The questionnaire definition of the whole form (problems go to `ctx`)."""
    riskmap = RiskmapColumns(ctx)
    children = ctx.data.get("children", [])
    ctx.collect_names(children)
    sections = SurveySheet(ctx, riskmap).sections(children)
    form_id = str(ctx.settings.get("form_id") or ctx.data.get("id_string") or "")
    if not re.match(r"^[a-z0-9_-]+$", form_id):
        ctx.fail(ctx.at.settings("form_id"), "xf.form_id", id=form_id)
    default_missing = missing_list(ctx, ctx.settings.get("riskmap_missing"),
                                   ctx.at.settings("riskmap_missing"))
    definition: dict[str, Any] = {
        "format": FORMAT_VERSION, "id": form_id,
        "version": str(ctx.settings.get("version") or "1"),
        "languages": ctx.ordered_languages(), "title": ctx.title(),
        "missing_codes": default_missing or [], "sections": sections,
    }
    definition.update(riskmap.blocks())
    return definition


def _check_size(path: Path) -> None:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise XLSFormError([unreadable(exc)], str(path)) from None
    unpacked = 0
    if path.suffix.lower() == ".xlsx" and size <= MAX_WORKBOOK_BYTES:
        try:
            with zipfile.ZipFile(path) as archive:
                unpacked = sum(info.file_size for info in archive.infolist())
        except zipfile.BadZipFile:
            raise XLSFormError([Phrase("xf.not_xlsx")], str(path)) from None
        except OSError as exc:  # a folder, a file this user may not read
            raise XLSFormError([unreadable(exc)], str(path)) from None
    if size > MAX_WORKBOOK_BYTES or unpacked > MAX_UNPACKED_BYTES:
        raise XLSFormError([Phrase("xf.too_large", limit=MAX_WORKBOOK_BYTES,
                                   unpacked=MAX_UNPACKED_BYTES)], str(path))


def _relocate(found: Phrase, rows: dict[str, Phrase]) -> Phrase:
    """A loader problem ('sections[1].questions[2].x: ...') with its place in the sheet."""
    match = re.match(r"^(sections\[\d+\](?:\.questions\[\d+\])?)", found)
    for key in ([match.group(1), match.group(1).split(".")[0]] if match else []):
        if key in rows:
            return Phrase("problem", where=rows[key], what=found)
    return found
