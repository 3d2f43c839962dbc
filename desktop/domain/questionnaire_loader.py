"""Load a questionnaire JSON file and check all of it, reporting every mistake.

`load_questionnaire` returns a `Questionnaire` or raises `QuestionnaireError`, whose
`problems` list holds every mistake found, each with its location in the file
(`sections[1].questions[3].max: ...`). The checks follow docs/questionnaire-format.md.

Input is bounded so that no file, however odd, gives anything but a questionnaire or a
`QuestionnaireError`: the file size, the JSON nesting, the number of questions and choices,
the digits of a number and the length of ids are limited; text is decoded strictly as
UTF-8; every field's type is checked before it is used; ids must match their pattern in
full (a trailing newline is refused).

This module reads the top level; the parts live below it: questionnaire_json (bounded
reading), questionnaire_checker (field types, the list of problems), questionnaire_missing,
questionnaire_rules (skip conditions and constraints), questionnaire_questions (sections
and questions) and questionnaire_blocks (risks, bands, profile, climate, exposure).
"""

from __future__ import annotations

import errno
import hashlib
import re
from pathlib import Path

from .phrase import Phrase, problem
from .plural import fill
from .questionnaire import Questionnaire
from .questionnaire_blocks import bands, exposure, id_list, risks
from .questionnaire_checker import Checker
from .questionnaire_json import JsonRefused, decode_json_bytes, read_json, too_large
from .questionnaire_missing import missing_codes
from .questionnaire_questions import sections
from .system_reasons import reason_of
from .user_error import UserError

FORMAT_VERSION = 2
# Format 1 files (stored by earlier versions of the program) still load: they have no
# per-question missing codes, and their default codes may fall inside a numeric range
# (the old meaning, 8 = don't know even on a count, is kept for their data).
READABLE_FORMATS = (1, 2)
_INSTRUMENT_ID = re.compile(r"[a-z0-9_-]{1,64}")


class QuestionnaireError(UserError, ValueError):
    """A questionnaire with mistakes; `problems` lists them all as 'location: what', each a
    `Phrase` (English as a str; `said(problem, lang)` in the reader's language).
    `str()` lists them all in English; `in_language(lang)` is the one sentence (the first
    problem, in `lang`)."""

    def __init__(self, problems: list[Phrase], source: str = ""):
        head = f"{source}: " if source else ""
        first = Phrase("problem", where=source, what=problems[0]) if source else problems[0]
        super().__init__("questionnaire_bad", problem=first, n=len(problems))
        count = fill("{n} {n:problem|problems} in the questionnaire", n=len(problems))
        self.args = (head + count + ":\n  " + "\n  ".join(problems),)
        self.problems = problems


def decode_questionnaire(data: bytes, source: str = "") -> str:
    """The text of a questionnaire file, decoded strictly as UTF-8 (a BOM is allowed)."""
    try:
        return decode_json_bytes(data)
    except JsonRefused as exc:
        raise QuestionnaireError([exc.problem], source) from None


def unreadable(exc: OSError) -> Phrase:
    """Why a questionnaire file could not be read, in words of both languages."""
    if exc.errno == errno.EISDIR:
        return Phrase("qn.is_folder")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return Phrase("qn.no_permission")
    return Phrase("qn.cannot_read", reason=reason_of(exc))


def load_questionnaire(path: str | Path) -> Questionnaire:
    """Read and check a questionnaire file."""
    path = Path(path)
    try:
        refused = too_large(path.stat().st_size)
        if refused:
            raise QuestionnaireError([refused], str(path))
        data = path.read_bytes()
    except OSError as exc:
        raise QuestionnaireError([unreadable(exc)], str(path)) from None
    return parse_questionnaire(decode_questionnaire(data, str(path)), source=str(path))


def parse_questionnaire(text: str, source: str = "") -> Questionnaire:
    """Check questionnaire JSON text and build the model."""
    if isinstance(text, (bytes, bytearray)):
        text = decode_questionnaire(bytes(text), source)
    if not isinstance(text, str):
        raise QuestionnaireError([problem(Phrase("where.top"), "qn.not_json_text")], source)
    try:
        data = read_json(text)
    except JsonRefused as exc:
        raise QuestionnaireError([exc.problem], source) from None
    if not isinstance(data, dict):
        raise QuestionnaireError([problem(Phrase("where.top"), "qn.not_json_object")], source)
    check = Checker()
    model = _build(data, check)
    if check.problems:
        raise QuestionnaireError(check.problems, source)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Questionnaire(**model, sha256=digest, source_text=text)


def _build(data: dict, check: Checker) -> dict:
    fmt = check.get(data, "format", int, "")
    if fmt is not None and fmt not in READABLE_FORMATS:
        check.fail("format", "qn.format", format=fmt,
                   formats=", ".join(map(str, READABLE_FORMATS)))
    check.strict = fmt != 1
    ident = check.get(data, "id", str, "", default="")
    if ident and not _INSTRUMENT_ID.fullmatch(ident):
        check.fail("id", "qn.instrument_id")
    version = check.get(data, "version", str, "", default="")
    languages = check.get(data, "languages", list, "", default=[])
    if not languages or not all(isinstance(lang, str) and lang for lang in languages):
        check.fail("languages", "qn.languages")
        languages = [lang for lang in languages if isinstance(lang, str) and lang]
    check.languages = tuple(languages)
    title = check.labels(data, "title", "")
    missing = missing_codes(data, check)
    all_sections = sections(data, check, tuple(missing))
    questions = {q.id: q for s in all_sections for q in s.questions}
    return {
        "id": ident, "version": version, "title": title, "languages": tuple(languages),
        "missing_codes": tuple(missing), "sections": tuple(all_sections),
        "risks": risks(data, check, questions), "bands": bands(data, check),
        "profile": id_list(data, "profile", check, questions, ("choice",)),
        "climate": id_list(data, "climate", check, questions, ("likert",)),
        "exposure": exposure(data, check, questions),
    }
