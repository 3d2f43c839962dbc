"""Load a questionnaire JSON file and check all of it, reporting every mistake.

`load_questionnaire` returns a `Questionnaire` or raises `QuestionnaireError`, whose
`problems` list holds every mistake found, each with its location in the file
(`sections[1].questions[3].max: ...`). The checks follow docs/questionnaire-format.md.

Input is bounded so that no file, however odd, gives anything but a questionnaire or a
`QuestionnaireError`: the file size, the JSON nesting, the number of questions and choices,
the digits of a number and the length of ids are limited; text is decoded strictly as
UTF-8; every field's type is checked before it is used; ids must match their pattern in
full (a trailing newline is refused).
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from .user_error import UserError
from .expression import Expression, ExpressionError, parse_expression
from .questionnaire import (
    QUESTION_TYPES, Band, Choice, Exposure, Labels, MissingCode, Question, Questionnaire,
    Risk, Section,
)

FORMAT_VERSION = 2
# Format 1 files (stored by earlier versions of the program) still load: they have no
# per-question missing codes, and their default codes may fall inside a numeric range
# (the old meaning, 8 = don't know even on a count, is kept for their data).
READABLE_FORMATS = (1, 2)
_QUESTION_ID = re.compile(r"[a-z][a-z0-9_]{0,63}")  # always used with fullmatch
_INSTRUMENT_ID = re.compile(r"[a-z0-9_-]{1,64}")
_COLOR = re.compile(r"#[0-9a-fA-F]{6}")
MAX_FILE_BYTES = 4_000_000  # the default instrument is 40 kB
MAX_JSON_DEPTH = 64  # the format itself needs 6 levels
MAX_QUESTIONS = 2_000
MAX_CHOICES = 1_000  # per question
MAX_NUMBER = 10 ** 12  # bounds, codes and counts beyond this are mistakes
MAX_CODE = 999_999_999  # answer and missing codes
MAX_TEXT_LENGTH = 100_000  # the largest max_length of a text question
_CODED_DEFAULT_MISSING = ("integer", "choice", "likert")
_MISSING_TYPES = ("integer", "decimal", "choice", "multichoice", "likert")


class QuestionnaireError(UserError, ValueError):
    """A questionnaire with mistakes; `problems` lists them all as 'location: what'.
    `str()` lists them all; `in_language(lang)` is the one sentence (the first problem)."""

    def __init__(self, problems: list[str], source: str = ""):
        head = f"{source}: " if source else ""
        super().__init__("questionnaire_bad", problem=head + problems[0], n=len(problems))
        self.args = (head + f"{len(problems)} problem(s) in the questionnaire:\n  "
                     + "\n  ".join(problems),)
        self.problems = problems


class _Checker:
    def __init__(self) -> None:
        self.problems: list[str] = []
        self.languages: tuple[str, ...] = ()
        self.strict = True  # format 2 rules (missing codes never inside a numeric range)

    def fail(self, where: str, what: str) -> None:
        self.problems.append(f"{where}: {what}")

    def get(self, obj: dict, key: str, kind: type | tuple, where: str, required: bool = True,
            default: Any = None) -> Any:
        if key not in obj:
            if required:
                self.fail(f"{where}.{key}" if where else key, "missing")
            return default
        value = obj[key]
        if isinstance(value, bool) and kind in (int, float, (int, float)):
            self.fail(f"{where}.{key}" if where else key, "must be a number, not true/false")
            return default
        if kind in (int, float, (int, float)) and isinstance(value, (int, float)) \
                and not isinstance(value, bool) and not _sane_number(value):
            self.fail(f"{where}.{key}" if where else key,
                      f"must be between -{MAX_NUMBER:,} and {MAX_NUMBER:,}")
            return default
        if not isinstance(value, kind):
            names = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
            self.fail(f"{where}.{key}" if where else key,
                      f"must be {_KIND_WORDS.get(names, names)}")
            return default
        return value

    def labels(self, obj: dict, key: str, where: str, required: bool = True) -> Labels:
        value = self.get(obj, key, dict, where, required)
        path = f"{where}.{key}" if where else key
        if value is None:
            return Labels({})
        for lang in self.languages:
            text = value.get(lang)
            if not isinstance(text, str) or not text.strip():
                self.fail(path, f"no text for language {lang!r}")
        return Labels({k: v for k, v in value.items() if isinstance(v, str)})

    def expression(self, obj: dict, where: str, key: str = "relevant") -> Expression | None:
        if key not in obj:
            return None
        if not isinstance(obj[key], str):
            self.fail(f"{where}.{key}", "must be a text")
            return None
        try:
            expr = parse_expression(obj[key])
        except ExpressionError as exc:
            self.fail(f"{where}.{key}", f"bad expression: {exc}")
            return None
        if expr.uses_self and key != "constraint":
            self.fail(f"{where}.{key}", "'.' (the answer being checked) is only allowed in "
                                        "a constraint")
        return expr


_KIND_WORDS = {"str": "a text", "int": "a whole number", "dict": "an object",
               "list": "a list", "bool": "true or false", "int/float": "a number"}


class _JsonTooLarge(ValueError):
    """A JSON number with more digits than any questionnaire needs."""


def _sane_number(value: int | float) -> bool:
    return value == value and -MAX_NUMBER <= value <= MAX_NUMBER  # NaN != NaN


def _json_int(text: str) -> int:
    if len(text.lstrip("-")) > 15:
        raise _JsonTooLarge(f"the number {text[:20]}... is too large")
    return int(text)


def _json_float(text: str) -> float:
    value = float(text)
    if not _sane_number(value):
        raise _JsonTooLarge(f"the number {text[:20]} is too large")
    return value


def _json_constant(text: str) -> float:
    raise _JsonTooLarge(f"{text} is not a number JSON allows")


def _json_depth(text: str) -> int:
    """The deepest nesting of [ and { outside strings (checked before parsing, so a deeply
    nested file cannot exhaust the parser's stack)."""
    depth = deepest = 0
    for token in re.finditer(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', text):
        mark = token.group()
        if mark in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif mark in "]}":
            depth -= 1
    return deepest


def decode_questionnaire(data: bytes, source: str = "") -> str:
    """The text of a questionnaire file, decoded strictly as UTF-8 (a BOM is allowed)."""
    if len(data) > MAX_FILE_BYTES:
        raise QuestionnaireError([f"the file is larger than {MAX_FILE_BYTES:,} bytes; it is "
                                  "not a questionnaire"], source)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise QuestionnaireError([f"byte {exc.start + 1}: the file is not UTF-8 text; save it "
                                  "as UTF-8 (in most editors: Save as, encoding UTF-8)"],
                                 source) from None


def load_questionnaire(path: str | Path) -> Questionnaire:
    """Read and check a questionnaire file."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise QuestionnaireError([f"the file is larger than {MAX_FILE_BYTES:,} bytes; it "
                                      "is not a questionnaire"], str(path))
        data = path.read_bytes()
    except OSError as exc:
        raise QuestionnaireError([f"cannot read the file: {exc.strerror or exc}"],
                                 str(path)) from None
    return parse_questionnaire(decode_questionnaire(data, str(path)), source=str(path))


def parse_questionnaire(text: str, source: str = "") -> Questionnaire:
    """Check questionnaire JSON text and build the model."""
    if isinstance(text, (bytes, bytearray)):
        text = decode_questionnaire(bytes(text), source)
    if not isinstance(text, str):
        raise QuestionnaireError(["(top level): the questionnaire must be JSON text"], source)
    if len(text) > MAX_FILE_BYTES:
        raise QuestionnaireError([f"the file is larger than {MAX_FILE_BYTES:,} bytes; it is "
                                  "not a questionnaire"], source)
    if _json_depth(text) > MAX_JSON_DEPTH:
        raise QuestionnaireError([f"(top level): lists and objects are nested more than "
                                  f"{MAX_JSON_DEPTH} levels deep; this is not a questionnaire"],
                                 source)
    try:
        data = json.loads(text, parse_int=_json_int, parse_float=_json_float,
                          parse_constant=_json_constant)
    except json.JSONDecodeError as exc:
        raise QuestionnaireError([f"line {exc.lineno}, column {exc.colno}: not valid JSON "
                                  f"({exc.msg})"], source) from None
    except _JsonTooLarge as exc:
        raise QuestionnaireError([f"(top level): {exc}; numbers in a questionnaire stay "
                                  f"within {MAX_NUMBER:,}"], source) from None
    except RecursionError:  # only if the depth scan above were wrong; never a traceback
        raise QuestionnaireError(["(top level): lists and objects are nested too deeply"],
                                 source) from None
    if not isinstance(data, dict):
        raise QuestionnaireError(["(top level): must be a JSON object"], source)
    check = _Checker()
    model = _build(data, check)
    if check.problems:
        raise QuestionnaireError(check.problems, source)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Questionnaire(**model, sha256=digest, source_text=text)


def _build(data: dict, check: _Checker) -> dict:
    fmt = check.get(data, "format", int, "")
    if fmt is not None and fmt not in READABLE_FORMATS:
        check.fail("format", f"format {fmt} is not supported (this program reads formats "
                             f"{', '.join(map(str, READABLE_FORMATS))})")
    check.strict = fmt != 1
    ident = check.get(data, "id", str, "", default="")
    if ident and not _INSTRUMENT_ID.fullmatch(ident):
        check.fail("id", "use only lower-case letters, digits, '-' and '_' (at most 64)")
    version = check.get(data, "version", str, "", default="")
    languages = check.get(data, "languages", list, "", default=[])
    if not languages or not all(isinstance(lang, str) and lang for lang in languages):
        check.fail("languages", "must list at least one language code, e.g. [\"es\", \"en\"]")
        languages = [lang for lang in languages if isinstance(lang, str) and lang]
    check.languages = tuple(languages)
    title = check.labels(data, "title", "")
    missing = _missing_codes(data, check)
    sections = _sections(data, check, tuple(missing))
    questions = {q.id: q for s in sections for q in s.questions}
    return {
        "id": ident, "version": version, "title": title, "languages": tuple(languages),
        "missing_codes": tuple(missing), "sections": tuple(sections),
        "risks": _risks(data, check, questions), "bands": _bands(data, check),
        "profile": _id_list(data, "profile", check, questions, ("choice",)),
        "climate": _id_list(data, "climate", check, questions, ("likert",)),
        "exposure": _exposure(data, check, questions),
    }


def _missing_codes(data: dict, check: _Checker, where: str = "") -> list[MissingCode]:
    result: list[MissingCode] = []
    for i, item in enumerate(check.get(data, "missing_codes", list, where, required=False,
                                       default=[])):
        item_where = f"{where}.missing_codes[{i}]" if where else f"missing_codes[{i}]"
        if not isinstance(item, dict):
            check.fail(item_where, "must be an object with code and label")
            continue
        code = _code(check.get(item, "code", int, item_where), f"{item_where}.code", check)
        label = check.labels(item, "label", item_where)
        if code is not None:
            if any(m.code == code for m in result):
                check.fail(f"{item_where}.code", f"duplicate missing code {code}")
            result.append(MissingCode(code, label))
    return result


def _sections(data: dict, check: _Checker,
              missing: tuple[MissingCode, ...]) -> list[Section]:
    sections: list[Section] = []
    seen_questions: dict[str, str] = {}
    seen_sections: set[str] = set()
    raw_sections = check.get(data, "sections", list, "", default=[])
    if "sections" in data and not raw_sections:
        check.fail("sections", "must have at least one section")
    for s_index, raw in enumerate(raw_sections):
        where = f"sections[{s_index}]"
        if not isinstance(raw, dict):
            check.fail(where, "must be an object")
            continue
        sid = check.get(raw, "id", str, where, default=f"#{s_index}")
        if len(seen_questions) > MAX_QUESTIONS:
            check.fail(where, f"the questionnaire has more than {MAX_QUESTIONS} questions")
            break
        if sid in seen_sections:
            check.fail(f"{where}.id", f"duplicate section id {sid!r}")
        seen_sections.add(sid)
        title = check.labels(raw, "title", where)
        relevant = check.expression(raw, where)
        _check_references(relevant, seen_questions, f"{where}.relevant", check)
        questions = []
        for q_index, raw_q in enumerate(check.get(raw, "questions", list, where, default=[])):
            q_where = f"{where}.questions[{q_index}]"
            question = _question(raw_q, q_where, sid, check, missing, seen_questions)
            if question is not None:
                questions.append(question)
                seen_questions[question.id] = question.type
        sections.append(Section(sid, title, tuple(questions), relevant))
    return sections


def _check_references(expr: Expression | None, known: dict[str, str], where: str,
                      check: _Checker) -> None:
    if expr is None:
        return
    for name in sorted(expr.names):
        if name not in known:
            check.fail(where, f"refers to {name!r}, which is not a question before this one")


def _question(raw: Any, where: str, section_id: str, check: _Checker,
              default_missing: tuple[MissingCode, ...],
              seen: dict[str, str]) -> Question | None:
    if not isinstance(raw, dict):
        check.fail(where, "must be an object")
        return None
    qid = check.get(raw, "id", str, where, default="")
    if qid and not _QUESTION_ID.fullmatch(qid):
        check.fail(f"{where}.id", f"{qid!r}: use lower-case letters, digits and '_', "
                                  "starting with a letter (at most 64)")
    if qid in seen:
        check.fail(f"{where}.id", f"duplicate question id {qid!r}")
    kind = check.get(raw, "type", str, where, default="text")
    if kind not in QUESTION_TYPES:
        check.fail(f"{where}.type", f"unknown type {kind!r}; use one of "
                                    + ", ".join(QUESTION_TYPES))
        kind = "text"
    number = check.get(raw, "number", str, where, required=False, default=qid)
    label = check.labels(raw, "label", where)
    relevant = check.expression(raw, where)
    _check_references(relevant, seen, f"{where}.relevant", check)
    constraint = check.expression(raw, where, "constraint")
    _check_references(constraint, {**seen, qid: kind}, f"{where}.constraint", check)
    constraint_message = None
    if "constraint_message" in raw:
        if constraint is None and "constraint" not in raw:
            check.fail(f"{where}.constraint_message", "there is no constraint to explain")
        constraint_message = check.labels(raw, "constraint_message", where)
    missing_codes = _question_missing(raw, where, kind, check, default_missing)
    missing = {code.code for code in missing_codes}
    fields: dict[str, Any] = {
        "required": check.get(raw, "required", bool, where, required=False,
                              default=kind != "text"),
        "missing_codes": missing_codes,
        "constraint": constraint,
        "constraint_message": constraint_message,
    }
    if kind in ("choice", "multichoice"):
        fields["choices"] = _choices(raw, where, check, missing)
    elif "choices" in raw:
        check.fail(f"{where}.choices", f"only choice and multichoice questions have choices")
    if kind == "likert":
        points = check.get(raw, "points", int, where, required=False, default=5)
        if points is not None and not 2 <= points <= 11:
            check.fail(f"{where}.points", "must be between 2 and 11")
        elif points is not None and set(range(1, points + 1)) & missing:
            check.fail(f"{where}.points", "the scale overlaps a missing code; lower the points "
                                          "or change missing_codes")
        fields["points"] = points or 5
        anchors = check.get(raw, "anchors", dict, where, required=False)
        if anchors is not None:
            fields["anchors"] = (check.labels(anchors, "low", f"{where}.anchors"),
                                 check.labels(anchors, "high", f"{where}.anchors"))
    if kind in ("integer", "decimal", "date"):
        fields.update(_range(raw, where, kind, check))
        if kind != "date" and check.strict:
            _check_range_overlap(fields, missing, where, check)
    elif "min" in raw or "max" in raw:
        check.fail(where, f"min/max do not apply to {kind} questions")
    if kind == "text":
        length = check.get(raw, "max_length", int, where, required=False, default=500)
        if length is not None and not 1 <= length <= MAX_TEXT_LENGTH:
            check.fail(f"{where}.max_length", f"must be between 1 and {MAX_TEXT_LENGTH:,}")
        fields["max_length"] = length if isinstance(length, int) and length > 0 else 500
    return Question(id=qid, number=number, label=label, type=kind, section_id=section_id,
                    relevant=relevant, **fields)


def _question_missing(raw: dict, where: str, kind: str, check: _Checker,
                      default: tuple[MissingCode, ...]) -> tuple[MissingCode, ...]:
    """The question's own `missing_codes`, else the default ones when it allows missing."""
    allow = check.get(raw, "allow_missing", bool, where, required=False,
                      default=kind in _CODED_DEFAULT_MISSING)
    if "missing_codes" in raw:
        own = tuple(_missing_codes(raw, check, where))
        if own and allow is False and "allow_missing" in raw:
            check.fail(f"{where}.allow_missing", "is false but the question lists "
                                                 "missing codes")
        codes = own
    else:
        codes = default if allow else ()
    if codes and kind not in _MISSING_TYPES:
        # Format 1 accepted allow_missing on text and dates, where it never matched.
        if check.strict:
            check.fail(f"{where}.missing_codes", f"{kind} questions cannot have missing "
                                                 "codes")
        return ()
    return codes


def _check_range_overlap(bounds: dict, missing: set[int], where: str,
                         check: _Checker) -> None:
    low, high = bounds.get("min"), bounds.get("max")
    for code in sorted(missing):
        if (low is None or code >= low) and (high is None or code <= high):
            span = f"{'-inf' if low is None else _plain(low)} to " \
                   f"{'+inf' if high is None else _plain(high)}"
            check.fail(f"{where}.missing_codes", f"missing code {code} could be a real "
                       f"answer (the valid range is {span}); use a code outside the range, "
                       "or set min and max")


def _plain(value: float | int) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _choices(raw: dict, where: str, check: _Checker, missing: set[int]) -> tuple[Choice, ...]:
    items = check.get(raw, "choices", list, where, default=[])
    if "choices" in raw and not items:
        check.fail(f"{where}.choices", "must list at least one choice")
    if len(items) > MAX_CHOICES:
        check.fail(f"{where}.choices", f"has more than {MAX_CHOICES} choices")
        items = items[:MAX_CHOICES]
    result: list[Choice] = []
    for i, item in enumerate(items):
        c_where = f"{where}.choices[{i}]"
        if not isinstance(item, dict):
            check.fail(c_where, "must be an object with code and label")
            continue
        code = _code(check.get(item, "code", int, c_where), f"{c_where}.code", check)
        label = check.labels(item, "label", c_where)
        if code is None:
            continue
        if code in missing:
            check.fail(f"{c_where}.code", f"code {code} is a missing code; choose another")
        if any(c.code == code for c in result):
            check.fail(f"{c_where}.code", f"duplicate code {code}")
        result.append(Choice(code, label))
    return tuple(result)


def _range(raw: dict, where: str, kind: str, check: _Checker) -> dict:
    bounds: dict[str, Any] = {}
    for key in ("min", "max"):
        if key not in raw:
            continue
        value = raw[key]
        if kind == "date":
            import datetime as dt
            try:
                dt.date.fromisoformat(value)
                bounds[key] = value
            except (TypeError, ValueError):
                check.fail(f"{where}.{key}", "must be a date as YYYY-MM-DD")
        elif isinstance(value, bool) or not isinstance(value, (int, float)):
            check.fail(f"{where}.{key}", "must be a number")
        elif not _sane_number(value):
            check.fail(f"{where}.{key}", f"must be between -{MAX_NUMBER:,} and {MAX_NUMBER:,}")
        elif kind == "integer" and not float(value).is_integer():
            check.fail(f"{where}.{key}", "must be a whole number for an integer question")
        else:
            bounds[key] = value
    if "min" in bounds and "max" in bounds and bounds["min"] > bounds["max"]:
        check.fail(f"{where}.min", "is greater than max")
    return bounds


def _risks(data: dict, check: _Checker, questions: dict[str, Question]) -> tuple[Risk, ...]:
    result: list[Risk] = []
    for i, raw in enumerate(check.get(data, "risks", list, "", required=False, default=[])):
        where = f"risks[{i}]"
        if not isinstance(raw, dict):
            check.fail(where, "must be an object")
            continue
        rid = check.get(raw, "id", str, where, default="")
        if any(r.id == rid for r in result):
            check.fail(f"{where}.id", f"duplicate risk id {rid!r}")
        label = check.labels(raw, "label", where)
        refs = {}
        for key in ("likelihood", "impact"):
            qid = check.get(raw, key, str, where, default="")
            question = questions.get(qid)
            if qid and question is None:
                check.fail(f"{where}.{key}", f"no question {qid!r}")
            elif question is not None and (question.type != "likert" or question.points != 5):
                check.fail(f"{where}.{key}", f"{qid!r} must be a 5-point likert question")
            refs[key] = qid
        result.append(Risk(rid, label, refs["likelihood"], refs["impact"]))
    return tuple(result)


def _bands(data: dict, check: _Checker) -> tuple[Band, ...]:
    result: list[Band] = []
    raw_bands = check.get(data, "bands", list, "", required=False, default=[])
    for i, raw in enumerate(raw_bands):
        where = f"bands[{i}]"
        if not isinstance(raw, dict):
            check.fail(where, "must be an object")
            continue
        bid = check.get(raw, "id", str, where, default="")
        label = check.labels(raw, "label", where)
        low = check.get(raw, "min", int, where, default=0)
        high = check.get(raw, "max", int, where, default=0)
        color = check.get(raw, "color", str, where, default="#888888")
        if color and not _COLOR.fullmatch(color):
            check.fail(f"{where}.color", "must be a colour like #d73027")
        if low is not None and high is not None and low > high:
            check.fail(f"{where}.min", "is greater than max")
        if result and low is not None and low <= result[-1].max:
            check.fail(f"{where}.min", f"overlaps the band before (which ends at "
                                       f"{result[-1].max}); bands must ascend")
        result.append(Band(bid, label, low or 0, high or 0, color or "#888888"))
    if result:
        if result[0].min != 1:
            check.fail("bands[0].min", "the first band must start at 1")
        if result[-1].max != 25:
            check.fail(f"bands[{len(result) - 1}].max", "the last band must end at 25")
    return tuple(result)


def _id_list(data: dict, key: str, check: _Checker, questions: dict[str, Question],
             types: tuple[str, ...]) -> tuple[str, ...]:
    ids = check.get(data, key, list, "", required=False, default=[])
    for i, qid in enumerate(ids):
        question = questions.get(qid) if isinstance(qid, str) else None
        if question is None:
            check.fail(f"{key}[{i}]", f"no question {qid!r}")
        elif question.type not in types:
            check.fail(f"{key}[{i}]", f"{qid!r} must be a {' or '.join(types)} question")
    return tuple(q for q in ids if isinstance(q, str))


def _exposure(data: dict, check: _Checker, questions: dict[str, Question]) -> Exposure | None:
    raw = check.get(data, "exposure", dict, "", required=False)
    if raw is None:
        return None
    qid = check.get(raw, "question", str, "exposure", default="")
    yes = _code(check.get(raw, "yes", int, "exposure", default=1), "exposure.yes", check)
    question = questions.get(qid)
    if question is None:
        check.fail("exposure.question", f"no question {qid!r}")
    elif question.type != "choice" or yes not in question.choice_codes():
        check.fail("exposure.yes", f"{yes} is not a code of the choice question {qid!r}")
    follow = check.get(raw, "follow_ups", list, "exposure", required=False, default=[])
    for i, fid in enumerate(follow):
        if not isinstance(fid, str) or fid not in questions:
            check.fail(f"exposure.follow_ups[{i}]", f"no question {fid!r}")
    return Exposure(qid, yes, tuple(f for f in follow if isinstance(f, str)))


def _code(code: int | None, where: str, check: _Checker) -> int | None:
    """An answer or missing code, refused (None) outside 0..MAX_CODE."""
    if code is not None and not 0 <= code <= MAX_CODE:
        check.fail(where, f"codes must be between 0 and {MAX_CODE:,}")
        return None
    return code
