"""HQ's door after its per-form work was made cheaper gives the verdicts of the door before
(reference_door.py, frozen), on random valid and hostile form lines (Hypothesis): the same
forms accepted with the same records, the same out-of-range values left pending, the same
first refusal (kind and detail, so the same line and question), and responses.csv rebuilt
with the export's own writer's bytes. Both ways of HQ's door are compared: records read
as `FormRecord`s (the import in one process) and read straight into their values
(form_values.py, `FormDoor.check`: the import's checking process)."""

from __future__ import annotations

import functools
import hashlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import reference_door
from desktop.bundle.csv_export import CsvWriter
from desktop.bundle.errors import BundleError
from desktop.bundle.form_values import iter_record_values
from desktop.bundle.records import (FormRecord, canonical_answers, content_sha256,
                                    iter_records, record_of, record_values)
from desktop.domain.demo_forms import generate_forms
from desktop.domain.questionnaire_loader import load_questionnaire
from desktop.resources import default_questionnaire_path
from desktop.services.form_door import FormDoor

ROUND = "01a23a9c-e1ec-7063-9b57-c62d95f5945e"
NAME = "Ronda 1"  # a plain name: rows take the quick joined line unless a cell needs more
ODD_TEXTS = ["\u2028", "e\u0301", "\u202eabc", "３", "٣", "\ufeff", "a\u0000b", "😀",
             "=1+1", "-2", "x,y", "\"q\"", "línea\nnueva", " ", "\t", "\\", "\ud800"]
ODD_NUMBERS = [0, 31, -1, "3", True, 2 ** 70, 1.5, None, 10 ** 9]
ODD_TIMES = ["2026-10-05T08:09:00Z\n", "2026-13-01", "x", "", "2026-10-05 08:09",
             "２０２６-10-05", 5]
ODD_IDS = ["abc\n", "", "a b", "x" * 101, "ü", 7, "a\nb"]


@functools.cache
def _questionnaire_and_forms() -> tuple:
    """The default questionnaire and 40 valid forms of it (loaded once, outside the
    Hypothesis arguments, whose report would print them)."""
    questionnaire = load_questionnaire(default_questionnaire_path())
    return questionnaire, tuple(dict(form.answers)
                                for form in generate_forms(questionnaire, 40, seed=17))


def _fields(index: int) -> dict:
    time = f"2026-10-05T08:{index % 60:02d}:00.000000Z"
    return {"uuid": f"01a23a9c-e1ed-7202-ba6c-{index:012d}", "round_uuid": ROUND,
            "form_number": index % 30 + 1, "status": "entered", "operator": "AM",
            "device": "demo-c62d95f5945e", "created": time, "updated": time,
            "revision": 1, "deleted_reason": None, "keystrokes": 66, "entry_seconds": 142.5}


def _mutate(answers: dict, fields: dict, change: str, pick: int, ids: list[str]) -> dict:
    """Apply one change; returns how the line is written ({"hash": False} keeps the old
    content hash, {"base": value} another base)."""
    how: dict = {}
    choice_ids = [q for q in ids if q.startswith(("r0", "r1", "c", "post", "institution"))]
    if change == "out_of_range":
        answers.update(exp_offered="1", exp_times=["60", "0", "-1", "51", "50"][pick % 5])
    elif change == "bad_code":
        answers[choice_ids[pick % len(choice_ids)]] = ["999", "0", "11", "1.0", "x"][pick % 5]
    elif change == "skipped":
        answers.update(exp_offered="2", exp_times="5")
    elif change == "missing":
        answers.pop(sorted(answers)[pick % len(answers)], None)
    elif change == "blank":
        answers[sorted(answers)[pick % len(answers)]] = ["", " "][pick % 2]
    elif change == "unknown":
        answers["no_such_question"] = "1"
    elif change == "odd_text":
        answers[["comment", choice_ids[pick % len(choice_ids)]][pick % 2]] = \
            ODD_TEXTS[pick % len(ODD_TEXTS)]
    elif change == "not_text":
        answers[sorted(answers)[pick % len(answers)]] = [3, None, 1.5, [], True][pick % 5]
    elif change == "number":
        fields["form_number"] = ODD_NUMBERS[pick % len(ODD_NUMBERS)]
    elif change == "status":
        fields["status"] = ["Entered", "deleted", "draft", "verified", ""][pick % 5]
        fields["deleted_reason"] = [None, "dup, \"x\"", "r" * 2001, "=x"][pick % 4]
    elif change == "time":
        fields[["created", "updated"][pick % 2]] = ODD_TIMES[pick % len(ODD_TIMES)]
    elif change in ("uuid", "round"):
        fields["uuid" if change == "uuid" else "round_uuid"] = ODD_IDS[pick % len(ODD_IDS)]
    elif change == "repeated":
        fields["uuid"] = _fields(0)["uuid"]
    elif change == "counts":
        key = ["entry_seconds", "keystrokes", "revision"][pick % 3]
        fields[key] = [float("nan"), float("inf"), -1, 1e9, True, 0, 10 ** 9, 2 ** 70,
                       "5"][pick % 9]
    elif change == "texts":
        fields[["operator", "device"][pick % 2]] = ["", "x" * 201, "Ana María", 4][pick % 4]
    elif change == "base":
        how["base"] = [{"revision": 1, "sha256": "ab"}, {"revision": -1, "sha256": "ab"},
                       {"revision": 1}, [], "missing", {"revision": True, "sha256": "a"},
                       {"revision": 2, "sha256": "c", "extra": 1}][pick % 7]
    elif change == "hash":
        how["hash"] = False
    return how


def _line(answers: dict, fields: dict, how: dict) -> str:
    text = canonical_answers(answers)
    try:
        sha = content_sha256(fields["round_uuid"], fields["form_number"], fields["status"],
                             fields["deleted_reason"], text)
    except (TypeError, ValueError, AttributeError):
        sha = "0" * 64
    if how.get("hash") is False:
        sha = hashlib.sha256(b"before").hexdigest()
    base = how.get("base")
    record = FormRecord(fields, text, sha, None)
    try:
        line = record.to_json()
    except TypeError:  # a text field that is not a text: the general encoder writes it
        line = record._to_json_general()
    if base is not None:
        written = "" if base == "missing" else \
            f'"base":{json.dumps(base, separators=(",", ":"))},'
        line = line.replace('"base":null,', written, 1)
    return line


CHANGES = ["none", "none", "none", "out_of_range", "bad_code", "skipped", "missing",
           "blank", "unknown", "odd_text", "not_text", "number", "status", "time", "uuid",
           "round", "repeated", "counts", "texts", "base", "hash"]
STEPS = st.lists(st.tuples(st.integers(0, 39), st.sampled_from(CHANGES), st.integers(0, 99),
                           st.booleans()), min_size=1, max_size=30)


def _outcome(forms, door) -> tuple:
    """(records accepted, the first refusal or exception, pending values)."""
    accepted = []
    refusal = None
    try:
        for record, answers in forms:
            door.form(record, answers)
            accepted.append((record.fields, record.answers_text, record.sha256,
                             record.base, record.answers_canonical))
    except BundleError as exc:
        refusal = (exc.kind, exc.detail)
    except Exception as exc:  # noqa: BLE001 - compared, not hidden
        refusal = (type(exc).__name__,)
    pending = [(u, n, r, p.question_id, p.key, v) for u, n, r, p, v in door.pending]
    return accepted, refusal, pending


def _new_forms(lines):
    for kind, record, answers in iter_records(lines):
        assert kind == "form"
        yield record, answers


class _ChildDoor:
    """The checking process's way: each form read into its values (form_values.py) and
    checked as those (`FormDoor.check`), seen by `_outcome` as a record."""

    def __init__(self, door: FormDoor):
        self.door = door

    def form(self, record, answers) -> None:
        self.door.check(record_values(record), answers)

    @property
    def pending(self):
        return self.door.pending


def _child_forms(lines):
    for kind, values, answers in iter_record_values(lines):
        assert kind == "form"
        yield record_of(values), answers


def _export_csv(questionnaire, accepted) -> str:
    writer = CsvWriter(tuple(q.id for q in questionnaire.questions()))
    for fields, text, *_ in accepted:
        writer.add((NAME, *(fields[k] for k in ("round_uuid", "uuid", "form_number",
                                                "status", "operator", "device", "created",
                                                "updated", "revision", "deleted_reason"))),
                   json.loads(text), text)
    return hashlib.sha256(writer.to_bytes()).hexdigest()


@settings(max_examples=250, deadline=None)
@given(steps=STEPS)
def test_the_door_gives_the_verdicts_it_gave(steps):
    """Random sequences: the caches of the door warm up on some forms and meet the
    others after them."""
    _compare(steps)


@pytest.mark.parametrize("change", CHANGES[2:])
def test_each_change_alone_and_after_valid_forms(change):
    """Every change with every pick, alone and after valid forms that warmed the caches
    (not left to chance)."""
    warm = [(form, "none", 0, form % 5 == 0) for form in range(40)]
    for pick in range(60):
        _compare([(pick % 40, change, pick, False)])
        _compare(warm + [(pick % 40, change, pick, pick % 3 == 0)])


def _compare(steps) -> None:
    questionnaire, valid_forms = _questionnaire_and_forms()
    ids = [q.id for q in questionnaire.questions()]
    lines = []
    for index, (form, change, pick, spare) in enumerate(steps):
        answers, fields = dict(valid_forms[form]), _fields(index)
        how = _mutate(answers, fields, change, pick, ids)
        if spare and change not in ("status", "repeated"):
            fields["status"] = "draft"
        lines.append(_line(answers, fields, how))
    old = reference_door.FormDoor(questionnaire, ROUND, NAME, range(1, 31))
    expected = _outcome(reference_door.iter_forms(lines), old)
    for forms, wrap in ((_new_forms, lambda door: door), (_child_forms, _ChildDoor)):
        door = FormDoor()
        door.start({questionnaire.sha256: questionnaire}, questionnaire.sha256,
                   [{"uuid": ROUND, "name": NAME,
                     "questionnaire_sha256": questionnaire.sha256,
                     "form_min": 1, "form_max": 30}], [])
        found = _outcome(forms(lines), wrap(door))
        assert found == expected, (forms.__name__, steps)
        if found[1] is None:
            assert door.csv_sha256() == _export_csv(questionnaire, found[0])


def test_the_hostile_changes_reach_every_refusal():
    """The strategy's changes are not idle: each kind of refusal and a pending value come
    out of the reference door for one of them."""
    questionnaire, valid_forms = _questionnaire_and_forms()
    ids = [q.id for q in questionnaire.questions()]
    kinds = set()
    for change in CHANGES:
        for pick in range(12):
            answers, fields = dict(valid_forms[pick]), _fields(pick)
            line = _line(answers, fields, _mutate(answers, fields, change, pick, ids))
            door = reference_door.FormDoor(questionnaire, ROUND, NAME, range(1, 31))
            accepted, refusal, pending = _outcome(reference_door.iter_forms([line]), door)
            kinds.add(refusal[0] if refusal else "pending" if pending else "accepted")
            if refusal and refusal[0] == "tampered":
                kinds.add(refusal[1].rsplit(": ", 1)[-1])
    assert {"accepted", "pending", "bad_answer", "form_number_range", "form", "base",
            "content hash"} <= kinds, kinds
