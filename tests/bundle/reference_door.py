"""HQ's per-form door as main had it before the checking process was made cheaper (frozen
reference for test_door_verdicts.py): records.jsonl's form checks (records.py), the
answers' checks (domain/form_gate.py) and the door (services/form_door.py), plus the
one rule added with that work, a form number inside its round's range. The line parse
(bundle/form_line.py) and the entry form's rules (domain/form_rules.py) are shared."""

from __future__ import annotations

import hashlib
import json
import math
import operator
import re
from typing import Any, Mapping

from desktop.bundle.errors import BundleError
from desktop.bundle.form_line import ANSWERS_PREFIX, read_form_line
from desktop.bundle.records import FormRecord, refuse_lone_surrogates
from desktop.domain import answers_json
from desktop.domain.form_rules import (CONFIRMABLE, Problem, answer_env, applicable,
                                       check_answer)
from desktop.domain.messages import message

FORM_FIELDS = ("uuid", "round_uuid", "form_number", "status", "operator", "device", "created",
               "updated", "revision", "deleted_reason", "keystrokes", "entry_seconds")
STATUSES = ("draft", "entered", "verified", "deleted")
_ID = re.compile(r"^[0-9A-Za-z._:-]{1,100}$")
_encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode
_decoder = json.JSONDecoder()
_quote = json.encoder.encode_basestring
MAX_TEXT, MAX_REASON, MAX_NUMBER = 200, 2000, 10 ** 9
_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?"
                   r"(Z|[+-]\d{2}:?\d{2})?)?$")
_FORM_KEYS = frozenset(FORM_FIELDS)
_form_values = operator.itemgetter(*FORM_FIELDS)
_NONE = type(None)
_FORM_TYPES = {(str, str, int, str, str, str, str, str, int, reason, int, seconds)
               for reason in (str, _NONE) for seconds in (int, float)}


def content_sha256(round_uuid, form_number, status, deleted_reason, answers_text) -> str:
    reason = "null" if deleted_reason is None else _quote(deleted_reason)
    head = f"[{_quote(round_uuid)},{int(form_number)},{_quote(status)},{reason}]"
    return hashlib.sha256(f"{head}\n{answers_text}".encode("utf-8")).hexdigest()


def iter_forms(lines):
    """("form", FormRecord, answers) of each form line (the test writes form lines only)."""
    seen: set[str] = set()
    for number, line in enumerate(lines, 1):
        if not line:
            continue
        data, answers_text, canonical = _load_record(line, number)
        kind = data.pop("type", None)
        if kind != "form":
            raise BundleError("tampered", f"records.jsonl line {number}: unknown type")
        answers = data.get("answers")
        record = _check_form(data, answers_text, number, canonical)
        if record.fields["uuid"] in seen:
            raise BundleError("tampered", f"records.jsonl line {number}: repeated form")
        seen.add(record.fields["uuid"])
        yield record, answers


def _load_record(line: str, number: int):
    if not line.startswith(ANSWERS_PREFIX):
        try:
            data = json.loads(line)
        except ValueError as exc:
            raise BundleError("tampered", f"line {number}: {exc}") from exc
        if not isinstance(data, dict):
            raise BundleError("tampered", f"line {number}: not an object")
        if "\\" in line:
            refuse_lone_surrogates(line, data, f"records.jsonl line {number}")
        if isinstance(data.get("answers"), dict):
            return data, _encode(dict(data["answers"])), None
        return data, None, None
    return read_form_line(line) or (*_load_answers_first(line, number), None)


def _load_answers_first(line: str, number: int):
    try:
        answers, end = _decoder.raw_decode(line, len(ANSWERS_PREFIX))
        if line[end] != ",":
            raise ValueError("no comma after answers")
        data = json.loads("{" + line[end + 1:])
    except (ValueError, IndexError) as exc:
        raise BundleError("tampered", f"line {number}: {exc}") from exc
    if not isinstance(data, dict):
        raise BundleError("tampered", f"line {number}: not an object")
    data["answers"] = answers
    if "\\" in line:
        refuse_lone_surrogates(line, data, f"records.jsonl line {number}")
    return data, line[len(ANSWERS_PREFIX):end]


def _small_int(value: Any, low: int = 0) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value < MAX_NUMBER


def _form_fields_ok(values: tuple) -> bool:
    (_, _, number, _, operator_, device, created, updated, _, reason, keys, seconds) = values
    return (0 <= number < MAX_NUMBER and 0 < len(operator_) <= MAX_TEXT
            and 0 < len(device) <= MAX_TEXT and _TIME.match(created) is not None
            and (updated == created or _TIME.match(updated) is not None)
            and values[8] < MAX_NUMBER
            and (reason is None or len(reason) <= MAX_REASON)
            and 0 <= keys < MAX_NUMBER and math.isfinite(seconds) and 0 <= seconds < 1e9)


def _check_form(data: dict, answers_text, number: int, canonical=None) -> FormRecord:
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
    expected = content_sha256(values[1], values[2], values[3], values[9], answers_text)
    if sha != expected:
        raise BundleError("tampered", f"records.jsonl line {number}: content hash")
    return FormRecord(fields, answers_text, sha,
                      None if base is None else (base["revision"], base["sha256"]),
                      answers_json.is_canonical_parsed(answers_text, answers)
                      if canonical is None else canonical)


class FormGate:
    """form_gate.FormGate as it was (pairs of the skip entry tested as a set)."""

    def __init__(self, questionnaire, lang: str = "en"):
        self.questionnaire = questionnaire
        self.lang = lang
        self._questions = {q.id: q for q in questionnaire.questions()}
        self._known = frozenset(self._questions)
        self._required = frozenset(q.id for q in questionnaire.questions() if q.required)
        names: set[str] = set()
        for section in questionnaire.sections:
            for expr in [section.relevant] + [q.relevant for q in section.questions]:
                if expr is not None:
                    names |= set(expr.names)
        self._skip_inputs = tuple(sorted(names))
        self._cross = {q.id: tuple(sorted(q.constraint.names - {q.id}))
                       for q in questionnaire.questions()
                       if q.constraint is not None and q.constraint.names - {q.id}}
        self._ok: set = set()
        self._cross_ok: set = set()
        self._applies: dict = {}

    def problems(self, answers: Mapping[str, str], draft: bool = False) -> list[Problem]:
        keys = answers.keys()
        key = tuple(map(answers.get, self._skip_inputs))
        entry = self._applies.get(key)
        if entry is not None and self._applying_and_passed(answers, entry) and (
                draft or entry[1] <= keys) and not (
                    self._cross and self._cross_unseen(answers, key, entry[0])):
            return []
        unknown = keys - self._known
        if unknown:
            return [Problem(qid, "unknown_question",
                            message("unknown_question", self.lang, question=qid))
                    for qid in sorted(unknown)]
        if entry is None:
            applies = frozenset(applicable(self.questionnaire, answers))
            entry = self._applies[key] = (applies, self._required & applies, set())
        applies, required, _ = entry
        found: list[Problem] = []
        for qid in keys - applies:
            if answers[qid].strip():
                found.append(Problem(qid, "not_applicable", message("not_applicable",
                                                                    self.lang)))
        for qid, text in answers.items() - self._ok:
            if qid not in applies:
                continue
            if not text.strip():
                if qid in required and not draft:
                    found.append(Problem(qid, "required", message("required", self.lang)))
                continue
            problem = check_answer(self.questionnaire, self._questions[qid], text, self.lang)
            if problem is None:
                self._ok.add((qid, text))
            else:
                found.append(problem)
        if self._cross:
            found.extend(self._cross_problems(answers, key, applies))
        if not draft:
            found.extend(Problem(qid, "required", message("required", self.lang))
                         for qid in required - keys)
        return found

    def _applying_and_passed(self, answers, entry) -> bool:
        pairs = answers.items()
        applies, _, passed = entry
        if pairs <= passed:
            return True
        if answers.keys() <= applies and pairs <= self._ok:
            passed.update(pairs)
            return True
        return False

    def _cross_inputs(self, answers, key, applies):
        for qid, inputs in self._cross.items():
            text = answers.get(qid)
            if qid in applies and (qid, text) in self._ok:
                yield qid, text, (qid, text, key, tuple(map(answers.get, inputs)))

    def _cross_unseen(self, answers, key, applies) -> bool:
        return any(seen not in self._cross_ok
                   for _, _, seen in self._cross_inputs(answers, key, applies))

    def _cross_problems(self, answers, key, applies) -> list[Problem]:
        found: list[Problem] = []
        env = None
        for qid, text, seen in self._cross_inputs(answers, key, applies):
            if seen in self._cross_ok:
                continue
            if env is None:
                env = answer_env(self.questionnaire, answers)
            problem = check_answer(self.questionnaire, self._questions[qid], text, self.lang,
                                   env=env)
            if problem is None:
                self._cross_ok.add(seen)
            else:
                found.append(problem)
        return found


class FormDoor:
    """form_door.FormDoor.form as it was, one round, plus the form number's range."""

    def __init__(self, questionnaire, round_uuid: str, name: str, numbers: range):
        self.gate = FormGate(questionnaire)
        self.round_uuid, self.name, self.numbers = round_uuid, name, numbers
        self.pending: list[tuple] = []

    def form(self, record, answers: dict) -> None:
        f = record.fields
        if f["round_uuid"] != self.round_uuid:
            raise BundleError("tampered", "forms refer to rounds the bundle does not carry")
        if f["form_number"] not in self.numbers:
            raise BundleError("form_number_range", f"{f['uuid']} number {f['form_number']}")
        for problem in self.gate.problems(answers, draft=f["status"] in ("draft", "deleted")):
            if problem.key in CONFIRMABLE:
                self.pending.append((f["uuid"], f["form_number"], f["round_uuid"], problem,
                                     answers.get(problem.question_id)))
                continue
            raise BundleError("bad_answer", f"{f['uuid']} {problem.question_id} {problem.key}")
