"""The import reads records.jsonl's form lines (form_line.py) and audit.jsonl's batches
(audit_lines.py) with orjson: every line, normal, hostile or odd, is read or refused
exactly as the standard library's reading did before (the functions below are the old
code, verbatim): the same rows and records (values and their types), or the same
refusal (kind and detail, hence the same sentence in each language).

What orjson does differently, each tried here: NaN and Infinity, numbers that overflow a
double, integers beyond 64 bits (orjson makes them floats), lone surrogate escapes,
repeated keys, a byte-order mark, control characters, spaces, deep nesting, trailing
text."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.bundle import audit_lines, form_line, records
from desktop.bundle.errors import BundleError
from desktop.bundle.records import AUDIT_CHAIN_FIELDS, AUDIT_FIELDS, refuse_lone_surrogates
from desktop.domain import answers_json

# ---- the old readings (before orjson), kept verbatim as the reference ----

_raw_decode = json.JSONDecoder().raw_decode


def old_read_form_line(line: str):
    if "\\" in line:
        return None
    try:
        data, end = _raw_decode(line)
    except (ValueError, RecursionError):
        return None
    if end != len(line) or data.__class__ is not dict:
        return None
    answers = data.get("answers")
    if answers.__class__ is not dict or not answers:
        return None
    cut = line.find(form_line._AFTER_ANSWERS, form_line._START) + 1
    if cut == 0 or line.find('"answers"', cut) != -1:
        return None
    if cut - form_line._START != form_line.answers_length(answers):
        return None
    keys = [*answers]
    data["answers"] = data.pop("answers")
    return data, line[form_line._START:cut], keys == sorted(keys)


def old_audit_rows(batch: list[str], number: int, chained: bool) -> list[tuple]:
    if not batch:
        return []
    if not all(line[0] == "{" and line[-1] == "}" for line in batch):
        raise BundleError("tampered", "audit.jsonl: one object per line")
    text = f"[{audit_lines._JOIN.join(batch)}]"
    try:
        items = json.loads(text)
    except ValueError as exc:
        raise BundleError("tampered", f"audit.jsonl: {exc}") from exc
    if len(items) != len(batch):
        raise BundleError("tampered", "audit.jsonl: one object per line")
    if "\\" in text:
        refuse_lone_surrogates(text, items, f"audit.jsonl lines {number + 1}-"
                                             f"{number + len(batch)}")
    rows = []
    keys = audit_lines._CHAINED_KEYS if chained else audit_lines._AUDIT_KEYS
    last = None
    for number, data in enumerate(items, number + 1):
        if data.__class__ is not dict or data.keys() != keys:
            raise BundleError("tampered", f"audit.jsonl line {number}")
        row = audit_lines._chained_values(data) if chained else \
            audit_lines._audit_values(data) + (None, None)
        if not set(map(type, row)) <= audit_lines._AUDIT_TYPES or None in row[:5]:
            raise BundleError("tampered", f"audit.jsonl line {number}: types")
        prev, digest = row[10], row[11]
        if (prev is None) != (digest is None) or (
                digest is not None and not (audit_lines._HASH.match(digest) and (
                    prev == "" or prev == last or audit_lines._HASH.match(prev)))):
            raise BundleError("tampered", f"audit.jsonl line {number}: hash chain fields")
        last = digest
        rows.append(row)
    return rows


# ---- what hostile and odd spellings put in a line ----

ODD_NUMBERS = ["NaN", "Infinity", "-Infinity", "1e400", "-1e400", "1e-400", str(2 ** 64),
               str(2 ** 63), str(-2 ** 63 - 1), str(10 ** 30), "-0", "-0.0", "0.1", "1E2",
               "1.5e3", "01", ".5", "1.", "5" * 5000, "0." + "3" * 400, "7", "3.0"]
ODD_TEXTS = ['"\\ud800"', '"\\udc00x"', '"\\ud83d\\ude00"', '"x\\u0000"', '"\\x"',
             '"a\x01b"', '"a\x1fb"', '"\x7f"', '"\u2028"', '"é中\U0001F600"', '"\\"q\\""',
             '"a\\/b"', '"tab\tin"', '""', "null", "true", "[]", "{}", '["x"]', '{"a":"b"}',
             "[" * 1100 + "]" * 1100, "[" * 990 + "]" * 990]
ODD_VALUES = ODD_NUMBERS + ODD_TEXTS
SPACES = [" ", "\t", "\r", "\n", "\u00a0", "\ufeff", "\x0c", ""]


def _form(answers: dict, seconds: float = 1.5) -> str:
    text = answers_json.canonical(answers)
    fields = {"uuid": "f-1", "round_uuid": "r-1", "form_number": 7, "status": "entered",
              "operator": "AM", "device": "dev-1", "created": "2026-10-05T08:09:00Z",
              "updated": "2026-10-05T08:09:00Z", "revision": 1, "deleted_reason": None,
              "keystrokes": 3, "entry_seconds": seconds}
    sha = records.content_sha256("r-1", 7, "entered", None, text)
    return records.FormRecord(fields, text, sha, (1, "0" * 64), True).to_json()


ANSWER_TEXT = st.text(alphabet=st.sampled_from(list("ab1 _é中\u2028\x7f") + ["\U0001F600"]),
                      max_size=5)
ANSWERS = st.dictionaries(st.sampled_from(["a", "b", "q1", "z9", "é"]), ANSWER_TEXT,
                          min_size=1, max_size=4)
FIELD = st.sampled_from(["form_number", "keystrokes", "revision", "entry_seconds",
                         "operator", "device", "deleted_reason", "status", "uuid"])


@st.composite
def form_lines(draw):
    answers = draw(ANSWERS)
    seconds = draw(st.floats(min_value=0, max_value=1e9, exclude_max=True)
                   | st.sampled_from([1.5, 0.1, 2.675, 1e-7, 123456.789]))
    line = _form(answers, seconds)
    how = draw(st.sampled_from(["as written", "value", "repeat before", "repeat after",
                                "space", "bom", "trailing", "base value", "answer value",
                                "raw surrogate", "cut"]))
    if how == "value":  # a field's value replaced by an odd one
        name = draw(FIELD)
        value = draw(st.sampled_from(ODD_VALUES))
        start = line.index(f'"{name}":') + len(name) + 3
        end = _value_end(line, start)
        return line[:start] + value + line[end:]
    if how in ("repeat before", "repeat after"):  # a key twice: the last value counts
        name = draw(FIELD)
        value = draw(st.sampled_from(ODD_VALUES + ['"AM"', "7", "3"]))
        if how == "repeat after":
            return line[:-1] + f',"{name}":{value}}}'
        at = line.index(',"base":')
        return line[:at] + f',"{name}":{value}' + line[at:]
    if how == "space":
        at = draw(st.sampled_from([m for m, c in enumerate(line) if c in ",:"]))
        return line[:at + 1] + draw(st.sampled_from(SPACES)) + line[at + 1:]
    if how == "bom":
        return "\ufeff" + line
    if how == "trailing":
        return line + draw(st.sampled_from(SPACES + ["x", "}", "{}"]))
    if how == "base value":
        return line.replace('"revision":1,"sha256"',
                            f'"revision":{draw(st.sampled_from(ODD_VALUES))},"sha256"')
    if how == "answer value":
        key = next(iter(answers))
        return line.replace(f'"{key}":"', f'"{key}":{draw(st.sampled_from(ODD_VALUES))},'
                                          f'"{key}0":"', 1)
    if how == "raw surrogate":  # never out of a strict UTF-8 decoder, tried anyway
        return line.replace('"AM"', '"A\ud800"')
    if how == "cut":
        return line[:draw(st.integers(1, len(line)))]
    return line


def _value_end(line: str, start: int) -> int:
    if line[start] == '"':
        return line.index('"', start + 1) + 1
    end = start
    while line[end] not in ",}":
        end += 1
    return end


def _records_outcome(line: str) -> tuple:
    try:
        found = list(records.iter_records([line]))
    except BundleError as exc:
        return ("refused", exc.kind, exc.detail)
    except RecursionError:
        return ("RecursionError",)
    return ("read", [(kind, [(k, type(v), v) for k, v in item.fields.items()],
                      item.answers_text, item.sha256, item.base, item.answers_canonical,
                      answers) for kind, item, answers in found])


def _same_records(line: str) -> None:
    new = _records_outcome(line)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(records, "read_form_line", old_read_form_line)
        old = _records_outcome(line)
    too_deep = old[:2] == ("refused", "tampered") and old[2].endswith("nested too deep")
    if new != old and (old == ("RecursionError",) or too_deep):
        # Nested deeper than the interpreter's stack allows, the old reading crashed
        # (records.py's general reading now refuses it as "nested too deep"); below
        # orjson's depth of 1024 orjson reads the line and the form is refused.
        assert new[:2] == ("refused", "tampered")
    else:
        assert new == old


@settings(max_examples=3000, deadline=None)
@given(form_lines())
def test_a_form_line_is_read_or_refused_as_before(line):
    _same_records(line)


@pytest.mark.parametrize("value", ODD_VALUES)
@pytest.mark.parametrize("name", ["form_number", "keystrokes", "revision", "entry_seconds",
                                  "operator", "deleted_reason"])
def test_every_odd_value_in_every_field_of_a_form_line(name, value):
    line = _form({"a": "1"})
    start = line.index(f'"{name}":') + len(name) + 3
    _same_records(line[:start] + value + line[_value_end(line, start):])


def test_the_usual_line_is_read_by_orjson_as_before():
    line = _form({"a": "1", "b": "é中"}, 12.34)
    new, old = form_line.read_form_line(line), old_read_form_line(line)
    assert new is not None and new[1:] == old[1:]
    assert [(k, type(v), v) for k, v in new[0].items()] == \
        [(k, type(v), v) for k, v in old[0].items()]


# ---- audit.jsonl ----

AUDIT_TEXT = st.text(alphabet=st.sampled_from(
    list('ab "\\/\x00\x01\x1f\x7f\b\f\n\r\t\u2028é中{}[],:') + ["\U0001F600"]), max_size=8)
HASH = st.sampled_from(["a" * 64, "0123456789abcdef" * 4])


@st.composite
def audit_line(draw):
    row = {name: draw(AUDIT_TEXT | st.none()) for name in AUDIT_FIELDS}
    for name in AUDIT_FIELDS[:5]:
        row[name] = row[name] or "x"
    row["prev_hash"], row["hash"] = draw(st.sampled_from(["", "a" * 64])), draw(HASH)
    line = records.audit_line(row)
    how = draw(st.sampled_from(["as written"] * 3 + [
        "value", "repeat", "space", "bom", "two", "split", "missing", "extra", "cut",
        "escape", "raw surrogate"]))
    if how == "value":
        name = draw(st.sampled_from(AUDIT_FIELDS + AUDIT_CHAIN_FIELDS))
        at = line.index(f'"{name}":') + len(name) + 3
        return line[:at] + draw(st.sampled_from(ODD_VALUES)) + line[_value_end(line, at):]
    if how == "repeat":
        name = draw(st.sampled_from(AUDIT_FIELDS + AUDIT_CHAIN_FIELDS))
        value = draw(st.sampled_from(ODD_VALUES + ['"x"', '"a\\"b"']))
        return (line[:-1] + f',"{name}":{value}}}') if draw(st.booleans()) else \
            ("{" + f'"{name}":{value},' + line[1:])
    if how == "space":
        at = draw(st.sampled_from([m for m, c in enumerate(line) if c in ",:"]))
        return line[:at + 1] + draw(st.sampled_from(SPACES)) + line[at + 1:]
    if how == "bom":
        return "\ufeff" + line
    if how == "two":
        return line + "," + line
    if how == "split":
        at = line.index(',"device"')
        return line[:at + 1] + "\n" + line[at + 1:]
    if how == "missing":
        return line.replace('"action":', '"act":')
    if how == "extra":
        return line[:-1] + ',"more":null}'
    if how == "cut":
        return line[:draw(st.integers(1, len(line)))]
    if how == "escape":
        return line.replace('"uuid":"', f'"uuid":"{draw(st.sampled_from(ESCAPES))}', 1)
    if how == "raw surrogate":
        return line.replace('"uuid":"', '"uuid":"\udc80', 1)
    return line


ESCAPES = ["\\ud800", "\\udc00", "\\ud800\\ud800", "\\ud83d\\ude00", "\\u00e9", "\\n", "\\x",
           "\\u12", "\\U0041"]


def _audit_outcome(lines: list[str], batch: int, chained: bool) -> tuple:
    try:
        rows = list(audit_lines.iter_audit(lines, chained, batch_lines=batch))
    except BundleError as exc:
        return ("refused", exc.kind, exc.detail)
    except RecursionError:
        return ("RecursionError",)
    return ("read", [tuple((type(v), v) for v in row) for row in rows])


def _same_audit(lines: list[str], batch: int = 3, chained: bool = True) -> None:
    new = _audit_outcome(lines, batch, chained)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(audit_lines, "_audit_rows", old_audit_rows)
        old = _audit_outcome(lines, batch, chained)
    if old == ("RecursionError",):  # the old reading crashed; the new one refuses
        assert new[:2] == ("refused", "tampered")
    else:
        assert new == old


@settings(max_examples=3000, deadline=None)
@given(st.lists(audit_line(), min_size=1, max_size=7), st.integers(1, 4), st.booleans())
def test_audit_lines_are_read_or_refused_as_before(lines, batch, chained):
    _same_audit(lines, batch, chained)


@pytest.mark.parametrize("value", ODD_VALUES)
@pytest.mark.parametrize("name", ["uuid", "new", "hash"])
def test_every_odd_value_in_an_audit_line(name, value):
    line = records.audit_line({**{f: "x" for f in AUDIT_FIELDS}, "prev_hash": "",
                               "hash": "a" * 64})
    at = line.index(f'"{name}":') + len(name) + 3
    _same_audit([line, line[:at] + value + line[_value_end(line, at):], line])


def test_a_usual_batch_is_read_by_orjson(monkeypatch):
    """The usual batch never reaches the standard library's reading."""
    line = records.audit_line({**{f: "é\"\n中" for f in AUDIT_FIELDS}, "prev_hash": "",
                               "hash": "a" * 64})
    monkeypatch.setattr(audit_lines, "_general_rows", None)  # called: a TypeError
    rows = list(audit_lines.iter_audit([line] * 5))
    assert rows == [tuple("é\"\n中" for _ in AUDIT_FIELDS) + ("", "a" * 64)] * 5


def test_a_line_nested_too_deep_is_refused_not_a_crash():
    line = records.audit_line({**{f: "x" for f in AUDIT_FIELDS}, "prev_hash": "",
                               "hash": "a" * 64}).replace('"x"', "[" * 100000 + "]" * 100000, 1)
    with pytest.raises(BundleError) as caught:
        list(audit_lines.iter_audit([line]))
    assert caught.value.kind == "tampered"
