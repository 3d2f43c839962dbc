"""The canonical records of `records.jsonl`: one JSON object per line, rounds first.

    {"type": "round", "uuid": ..., "name": ..., "institution": ..., "place": ..., ...}
    {"type": "form", "uuid": ..., "round_uuid": ..., "form_number": ..., "revision": ...,
     "answers": {question id: canonical text}, "sha256": ..., "base": {...} | null, ...}

`sha256` is the content hash of a form version (round, number, status, deletion reason,
answers): two versions are the same edit exactly when their hashes match, whatever the
clock or the operator said. `base` is the version this laptop sent last time (its revision
and hash), so headquarters can tell a newer edit from a parallel one.
"""

from __future__ import annotations

import hashlib
import json
import math
import operator
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Mapping

from ..domain import answers_json
from .errors import BundleError
from .form_line import ANSWERS_PREFIX, read_form_line

ROUND_FIELDS = ("uuid", "name", "institution", "place", "start_date", "end_date",
                "target_count", "form_min", "form_max", "questionnaire_sha256", "verify_mode",
                "verify_value", "created")
FORM_FIELDS = ("uuid", "round_uuid", "form_number", "status", "operator", "device", "created",
               "updated", "revision", "deleted_reason", "keystrokes", "entry_seconds")
STATUSES = ("draft", "entered", "verified", "deleted")
AUDIT_FIELDS = ("uuid", "time", "operator", "device", "action", "response_uuid",
                "question_id", "old", "new", "reason")
# Bundle format 2 carries the hash chain of every audit row (see storage/audit_chain.py).
AUDIT_CHAIN_FIELDS = ("prev_hash", "hash")
# Identifiers are uuid text today (version 7 layout, see storage/clock.py); older files
# used other short ids, so any short printable text is accepted.
_ID = re.compile(r"^[0-9A-Za-z._:-]{1,100}$")
_encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode


_decoder = json.JSONDecoder()
_quote = json.encoder.encode_basestring  # a JSON string, non-ASCII kept, as _encode


def canonical_answers(answers: Mapping[str, str]) -> str:
    """Answers as canonical JSON text: keys sorted by code point, compact, UTF-8."""
    return _encode(dict(answers))


def canonical_answers_text(text: str) -> str:
    """Canonical text of an answers object produced by SQLite's json_group_object (keys
    already in code-point order). Plain ASCII without escapes is identical in both
    encoders and is kept as it is; anything else is re-encoded here."""
    if text.isascii() and "\\" not in text:
        return text
    return canonical_answers(json.loads(text))


def content_sha256(round_uuid: str, form_number: int, status: str,
                   deleted_reason: str | None, answers_text: str) -> str:
    """The content hash of one form version (what an edit changes, nothing else);
    `answers_text` is the canonical answers JSON."""
    # The same text as _encode([round_uuid, form_number, status, deleted_reason]), built
    # without the general encoder (this runs once per form on both sides).
    reason = "null" if deleted_reason is None else _quote(deleted_reason)
    head = f"[{_quote(round_uuid)},{int(form_number)},{_quote(status)},{reason}]"
    return hashlib.sha256(f"{head}\n{answers_text}".encode("utf-8")).hexdigest()


def _checked_content_sha256(round_uuid: str, form_number: int, status: str,
                            deleted_reason: str | None, answers_text: str) -> str:
    """`content_sha256` of a record whose round uuid matched `_ID` and whose status is
    one of STATUSES: texts that JSON quotes as they are, so only the reason is quoted
    (but for the one character `_ID`'s `$` lets through: a line break at the end)."""
    if round_uuid[-1] == "\n":
        return content_sha256(round_uuid, form_number, status, deleted_reason, answers_text)
    reason = "null" if deleted_reason is None else _quote(deleted_reason)
    return hashlib.sha256(f'["{round_uuid}",{form_number},"{status}",{reason}]\n'
                          f'{answers_text}'.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class FormRecord:
    """A form version as carried in a bundle."""

    fields: dict  # FORM_FIELDS -> value
    answers_text: str  # the answers JSON as the record carries it (what the hash covers)
    sha256: str
    base: tuple[int, str] | None  # (revision, sha256) last sent by the exporting laptop
    # True when answers_text is known to be the canonical text (answers_json), as the
    # reader found it: HQ's import then stores it without testing it again.
    answers_canonical: bool = field(default=False, compare=False)

    def stored_answers(self) -> str:
        """The canonical text of the answers, as the database keeps it: answers_text
        itself when it is (the hash keeps covering the text as received)."""
        if self.answers_canonical:
            return self.answers_text
        return answers_json.normalised(self.answers_text)

    @property
    def uuid(self) -> str:
        return self.fields["uuid"]

    @property
    def revision(self) -> int:
        return self.fields["revision"]

    @property
    def answers(self) -> dict:
        """Question id -> canonical text (parsed on demand: a 100k-form import keeps only
        the text in memory)."""
        return json.loads(self.answers_text)

    def to_json(self) -> str:
        """The records.jsonl line: keys sorted, answers first and verbatim, so the reader
        can hash exactly the text it received. Written field by field (this runs once per
        form); the general encoder is kept for values of unusual types."""
        f = self.fields
        seconds = f["entry_seconds"]
        if not (seconds.__class__ is float and math.isfinite(seconds)
                and f["form_number"].__class__ is int and f["keystrokes"].__class__ is int
                and f["revision"].__class__ is int):
            return self._to_json_general()
        q = _quote
        base = "null" if self.base is None else \
            f'{{"revision":{int(self.base[0])},"sha256":{q(self.base[1])}}}'
        reason = "null" if f["deleted_reason"] is None else q(f["deleted_reason"])
        return (f'{ANSWERS_PREFIX}{self.answers_text},"base":{base},'
                f'"created":{q(f["created"])},"deleted_reason":{reason},'
                f'"device":{q(f["device"])},"entry_seconds":{seconds!r},'
                f'"form_number":{f["form_number"]},"keystrokes":{f["keystrokes"]},'
                f'"operator":{q(f["operator"])},"revision":{f["revision"]},'
                f'"round_uuid":{q(f["round_uuid"])},"sha256":{q(self.sha256)},'
                f'"status":{q(f["status"])},"type":"form","updated":{q(f["updated"])},'
                f'"uuid":{q(f["uuid"])}}}')

    def _to_json_general(self) -> str:
        data = dict(self.fields)
        data.update(type="form", sha256=self.sha256,
                    base=None if self.base is None else
                    {"revision": self.base[0], "sha256": self.base[1]})
        return f"{ANSWERS_PREFIX}{self.answers_text},{_encode(data)[1:]}"


def record_values(record: FormRecord) -> tuple:
    """A form as plain values (what HQ's import hands between its processes and merges):
    `FormRecord`'s arguments, its fields as a tuple in FORM_FIELDS order."""
    return (_form_values(record.fields), record.answers_text, record.sha256, record.base,
            record.answers_canonical)


def record_of(values: tuple) -> FormRecord:
    """The FormRecord of `record_values`' tuple."""
    fields, *rest = values
    return FormRecord(dict(zip(FORM_FIELDS, fields)), *rest)


def round_line(round_fields: Mapping[str, Any], definition: str | None = None) -> str:
    """The JSON line of a round (with its questionnaire text when it is not the bundle's)."""
    data = {name: round_fields[name] for name in ROUND_FIELDS}
    data["type"] = "round"
    if definition is not None:
        data["questionnaire_definition"] = definition
    return _encode(data)


def audit_line(row: Mapping[str, Any]) -> str:
    """An audit.jsonl line (the export reads these straight from SQLite's json_object)."""
    return _encode({name: row[name] for name in AUDIT_FIELDS + AUDIT_CHAIN_FIELDS})


def parse_records(lines: Iterable[str], on_form: Callable | None = None
                  ) -> tuple[list[dict], list[FormRecord]]:
    """Rounds and forms from records.jsonl lines, type-checked (BundleError otherwise).

    `on_form(record, answers, rounds)` sees each form as it is read, with its answers as
    the dict just parsed and the rounds read so far (a bundle lists its rounds first).
    Holds every form: HQ's import streams with `iter_records` instead."""
    rounds: list[dict] = []
    forms: list[FormRecord] = []
    for kind, item, answers in iter_records(lines):
        if kind == "round":
            rounds.append(item)
            continue
        forms.append(item)
        if on_form is not None:
            on_form(item, answers, rounds)
    return rounds, forms


def iter_records(lines: Iterable[str]) -> Iterator[tuple[str, Any, dict | None]]:
    """("round", fields, None) and ("form", FormRecord, answers dict) per records.jsonl
    line, type-checked as read (BundleError otherwise), so a bundle of any size is read
    in a bounded amount of memory. Rounds come first: a round after a form is refused.
    The answers dict is the one just parsed (HQ validates it without parsing again); the
    set of form uuids seen so far is the only state kept."""
    seen: set[str] = set()
    for number, line in enumerate(lines, 1):
        if line:
            yield read_record(line, number, seen)


def read_record(line: str, number: int, seen: set[str]) -> tuple[str, Any, dict | None]:
    """What `iter_records` yields for its non-empty line `number`; `seen` holds the uuids
    of the forms before it (this form's is added)."""
    data, answers_text, canonical = _load_record(line, number)
    kind = data.pop("type", None)
    if kind == "round":
        if seen:
            raise BundleError("tampered", f"records.jsonl line {number}: a round after "
                                          "the forms")
        return "round", _check_round(data, number), None
    if kind == "form":
        answers = data.get("answers")
        record = _check_form(data, answers_text, number, canonical)
        if record.fields["uuid"] in seen:
            raise BundleError("tampered", f"records.jsonl line {number}: repeated form")
        seen.add(record.fields["uuid"])
        return "form", record, answers
    raise BundleError("tampered", f"records.jsonl line {number}: unknown type")


def iter_lines(data: bytes) -> Iterator[str]:
    """The lines of a UTF-8 JSONL member."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BundleError("tampered", f"jsonl: {exc}") from exc
    return iter(text.split("\n"))


_SURROGATE = re.compile("[\ud800-\udfff]")
# "\\ud" or "\\uD": the start of every escape of a surrogate (one regex pass over a batch
# of audit lines, whose texts hold escapes of their own: 0.1 s less per 100k rows than
# searching for the two texts one after the other).
_SURROGATE_ESCAPE = re.compile(r"\\u[dD]")


def may_hold_surrogate_escape(text: str) -> bool:
    """Whether `text` holds "\\ud" or "\\uD" (a backslash first: memchr, so the usual
    line with no escape costs nothing)."""
    return "\\" in text and _SURROGATE_ESCAPE.search(text) is not None


def refuse_lone_surrogates(text: str, data: object, where: str) -> None:
    """A "\\ud800" escape without its pair decodes to a text that cannot be stored or
    written as UTF-8 (the import stopped at the database with an exception): refused.
    Only an escape makes one, so `text` is searched for its start first
    (`may_hold_surrogate_escape`): this runs for every line of a million-form bundle."""
    if may_hold_surrogate_escape(text) \
            and _SURROGATE.search(json.dumps(data, ensure_ascii=False)):
        raise BundleError("tampered", f"{where}: a lone UTF-16 surrogate escape")


def _load(line: str, number: int) -> dict:
    try:
        data = json.loads(line)
    except ValueError as exc:
        raise BundleError("tampered", f"line {number}: {exc}") from exc
    except RecursionError as exc:  # nested deeper than the interpreter's stack allows
        raise BundleError("tampered", f"line {number}: nested too deep") from exc
    if not isinstance(data, dict):
        raise BundleError("tampered", f"line {number}: not an object")
    return data


def _load_record(line: str, number: int) -> tuple[dict, str | None, bool | None]:
    """A records.jsonl line, for forms the exact text of its answers object, and whether
    that text is canonical when known already (None: not decided here)."""
    if not line.startswith(ANSWERS_PREFIX):
        data = _load(line, number)
        if "\\" in line:
            refuse_lone_surrogates(line, data, f"records.jsonl line {number}")
        if isinstance(data.get("answers"), dict):
            return data, canonical_answers(data["answers"]), None
        return data, None, None
    return read_form_line(line) or (*_load_answers_first(line, number), None)


def _load_answers_first(line: str, number: int) -> tuple[dict, str]:
    """The general reading of a line starting with its answers (form_line.py reads the
    usual ones with one parse, and leaves every other line and every refusal here)."""
    try:
        answers, end = _decoder.raw_decode(line, len(ANSWERS_PREFIX))
        if line[end] != ",":
            raise ValueError("no comma after answers")
        data = json.loads("{" + line[end + 1:])
    except (ValueError, IndexError) as exc:
        raise BundleError("tampered", f"line {number}: {exc}") from exc
    except RecursionError as exc:  # nested deeper than the interpreter's stack allows
        raise BundleError("tampered", f"line {number}: nested too deep") from exc
    if not isinstance(data, dict):
        raise BundleError("tampered", f"line {number}: not an object")
    data["answers"] = answers
    if "\\" in line:  # only an escape makes a surrogate (memchr: the usual line costs nothing)
        refuse_lone_surrogates(line, data, f"records.jsonl line {number}")
    return data, line[len(ANSWERS_PREFIX):end]


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# Field-by-field limits of records (a signed bundle is still checked before use).
MAX_TEXT = 200  # names, operators, devices, places
MAX_REASON = 2000
MAX_NUMBER = 10 ** 9
_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?"
                   r"(Z|[+-]\d{2}:?\d{2})?)?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
VERIFY_MODES = ("all", "every_nth", "share", "none")


def _small_int(value: Any, low: int = 0) -> bool:
    return _is_int(value) and low <= value < MAX_NUMBER


def _round_fields_ok(d: dict) -> bool:
    return (all(len(d[k]) <= MAX_TEXT for k in ("name", "institution", "place"))
            and _TIME.match(d["created"]) is not None
            and all(d[k] in (None, "") or (isinstance(d[k], str) and _DATE.match(d[k]))
                    for k in ("start_date", "end_date"))
            and _small_int(d["target_count"])
            and all(d[k] is None or _small_int(d[k]) for k in ("form_min", "form_max"))
            and d["verify_mode"] in VERIFY_MODES
            and isinstance(d["verify_value"], (int, float)) and not isinstance(
                d["verify_value"], bool) and math.isfinite(d["verify_value"])
            and 0 <= d["verify_value"] <= MAX_NUMBER
            and re.match(r"^[0-9a-f]{64}$", d["questionnaire_sha256"]) is not None)


def _form_fields_ok(values: tuple) -> bool:
    """FORM_FIELDS values whose types were checked: lengths, ranges and time formats."""
    (_, _, number, _, operator_, device, created, updated, _, reason, keys, seconds) = values
    return (0 <= number < MAX_NUMBER and 0 < len(operator_) <= MAX_TEXT
            and 0 < len(device) <= MAX_TEXT and _TIME.match(created) is not None
            and (updated == created or _TIME.match(updated) is not None)
            and values[8] < MAX_NUMBER
            and (reason is None or len(reason) <= MAX_REASON)
            and 0 <= keys < MAX_NUMBER and math.isfinite(seconds) and 0 <= seconds < 1e9)


def _check_round(data: dict, number: int) -> dict:
    definition = data.pop("questionnaire_definition", None)
    ok = (set(data) == set(ROUND_FIELDS) and isinstance(data["uuid"], str)
          and _ID.match(data["uuid"]) and isinstance(data["name"], str) and data["name"]
          and all(isinstance(data[k], str) for k in ("institution", "place",
                                                     "questionnaire_sha256", "verify_mode",
                                                     "created"))
          and (definition is None or isinstance(definition, str))
          and _round_fields_ok(data))
    if not ok:
        raise BundleError("tampered", f"records.jsonl line {number}: round")
    data["questionnaire_definition"] = definition
    return data


_FORM_KEYS = frozenset(FORM_FIELDS)
_form_values = operator.itemgetter(*FORM_FIELDS)
_NONE = type(None)
# Allowed Python types of FORM_FIELDS, in order (deleted_reason may be null, entry_seconds
# an int or a float): checked in one step per record.
_FORM_TYPES = {(str, str, int, str, str, str, str, str, int, reason, int, seconds)
               for reason in (str, _NONE) for seconds in (int, float)}


def _check_form(data: dict, answers_text: str | None, number: int,
                canonical: bool | None = None) -> FormRecord:
    """The FormRecord of a parsed form line, every field checked. `canonical` is whether
    `answers_text` is canonical when form_line.py found it (it then also found every
    answer a text), None when that is still to be tested."""
    answers, sha = data.pop("answers", None), data.pop("sha256", None)
    base = data.pop("base", "missing")
    fields = data
    ok = fields.keys() == _FORM_KEYS
    if ok:
        values = _form_values(fields)
        ok = (tuple(map(type, values)) in _FORM_TYPES and _ID.match(values[0])
              and _ID.match(values[1]) and values[3] in STATUSES and values[8] >= 1
              and answers.__class__ is dict and answers_text is not None
              and (canonical is not None or set(map(type, answers.values())) <= {str})
              and _form_fields_ok(values))
    if not ok:
        raise BundleError("tampered", f"records.jsonl line {number}: form")
    if base is not None and not (base.__class__ is dict
                                 and _small_int(base.get("revision"))
                                 and isinstance(base.get("sha256"), str)):
        raise BundleError("tampered", f"records.jsonl line {number}: base")
    expected = _checked_content_sha256(values[1], values[2], values[3], values[9],
                                       answers_text)
    if sha != expected:
        raise BundleError("tampered", f"records.jsonl line {number}: content hash")
    return FormRecord(fields, answers_text, sha,
                      None if base is None else (base["revision"], base["sha256"]),
                      answers_json.is_canonical_parsed(answers_text, answers)
                      if canonical is None else canonical)
