"""form_values.iter_record_values (the import's checking process reads each form line
straight into its values) reads records.jsonl exactly as records.iter_records does: the
same values (`record_values` of the same record, types included) and answers, or the
same refusal, for lines as this program writes them, spellings made to fool the cut
(test_form_line.py's), every field made odd or hostile, and sequences of lines (rounds,
repeated forms, empty lines). `quick_form` takes the usual line, and only lines the
general reading accepts."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.bundle import form_values, records
from desktop.bundle.errors import BundleError
from desktop.bundle.form_values import iter_record_values, quick_form
from desktop.bundle.records import content_sha256, iter_records, record_values

from test_form_line import _form, form_lines

ROUND = ('{"created":"2026-12-03T06:34:49.708195Z","end_date":"2026-10-09","form_max":100,'
         '"form_min":1,"institution":"I","name":"R","place":"P","questionnaire_sha256":"'
         + "a" * 64 + '","start_date":"2026-10-05","target_count":100,"type":"round",'
         '"uuid":"r-1","verify_mode":"share","verify_value":0.1}')
ODD = [None, True, 0, -1, 1.5, 2 ** 70, float("nan"), "", " ", "x" * 201, "a\nb", "ü",
       "2026-10-05", "2026-10-05T08:09:00Z\n", [], {}, 10 ** 9, 1e9]
FIELDS = list(records.FORM_FIELDS) + ["sha256", "base", "type", "extra"]


def _values_outcome(reader, lines) -> tuple:
    try:
        found = list(reader(lines))
    except BundleError as exc:
        return ("refused", exc.kind, exc.detail)
    except RecursionError:
        return ("RecursionError",)
    # types too: 1 and 1.0 or True compare equal
    return ("read", [(kind, repr(item), answers) for kind, item, answers in found])


def _general(lines):
    for kind, item, answers in iter_records(lines):
        yield kind, record_values(item) if kind == "form" else item, answers


def _same(lines) -> None:
    assert _values_outcome(iter_record_values, lines) == _values_outcome(_general, lines)


@settings(max_examples=1500, deadline=None)
@given(form_lines())
def test_hostile_spellings_read_as_the_general_reading(line):
    _same([line])
    _same([ROUND, line, "", line])  # the second one is a repeated form


@st.composite
def odd_field_lines(draw):
    """A form line as written, with one field changed, removed or added (its content
    hash made again, or not)."""
    record = _form(draw(st.dictionaries(st.sampled_from(["a", "b", "q"]),
                                        st.sampled_from(["1", "2", "x y", "é"]),
                                        min_size=1, max_size=3)))
    data = json.loads(record.to_json())
    name = draw(st.sampled_from(FIELDS))
    how = draw(st.sampled_from(["odd", "drop", "base"]))
    if how == "drop":
        data.pop(name, None)
    elif how == "base":
        data["base"] = draw(st.sampled_from([
            {"revision": 1, "sha256": "ab"}, {"revision": -1, "sha256": "ab"},
            {"revision": 1}, [], {"revision": True, "sha256": "a"},
            {"revision": 2, "sha256": "c", "extra": 1}, "null"]))
    else:
        data[name] = draw(st.sampled_from(ODD))
    if draw(st.booleans()):
        try:
            data["sha256"] = content_sha256(data["round_uuid"], data["form_number"],
                                            data["status"], data["deleted_reason"],
                                            record.answers_text)
        except (KeyError, TypeError, ValueError, AttributeError):
            pass
    answers = data.pop("answers")
    rest = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=True)
    return f'{{"answers":{json.dumps(answers, separators=(",", ":"))},{rest[1:]}'


@settings(max_examples=1500, deadline=None)
@given(odd_field_lines())
def test_odd_fields_read_or_refused_as_the_general_reading(line):
    _same([line])
    _same([line, ROUND])  # a round after a form


def test_the_usual_line_takes_the_quick_reading():
    record = _form({"a": "1", "b": "},x"})
    values, answers = quick_form(record.to_json())
    assert values == record_values(record) and answers == {"a": "1", "b": "},x"}
    based = records.FormRecord(record.fields, record.answers_text, record.sha256,
                               (2, "f" * 64), True)
    assert quick_form(based.to_json())[0] == record_values(based)
    text = '{"b":"1","a":"2"}'  # not canonical (keys not in order): read as it is
    unordered = records.FormRecord(record.fields, text,
                                   content_sha256("r-1", 7, "entered", None, text), None,
                                   False)
    assert quick_form(unordered.to_json())[0] == record_values(unordered)
    _same([unordered.to_json()])
    deleted = _form({"a": "1"}, reason="a typo, \"twice\"")
    assert quick_form(deleted.to_json()) is None  # an escape: the general reading
    _same([deleted.to_json()])


@pytest.mark.parametrize("line", [
    _form({"a": "1"}).to_json()[:-1] + ',"answers":{"a":"2"}}',
    '{"answers":{"q":"x"},"a":{"z":1},"base":null}',
    '{"answers":{"a":"1"} ,"base":null}',
    '{"answers":{"a":1},"base":null}',
    '{"answers":{},"base":null}',
    _form({"a": "2", "b": "1"}).to_json().replace('"a":"2","b":"1"', '"b":"1","a":"2"'),
    _form({"a": "1"}).to_json().replace('"type":"form"', '"type":"round"'),
])
def test_lines_the_quick_reading_leaves_to_the_general_one(line):
    assert quick_form(line) is None
    _same([line])


def test_the_quick_reading_is_taken_for_the_usual_lines():
    """Not idle: a bundle as written reads no line the general way."""
    lines = [ROUND] + [_form({"a": str(n)}).to_json().replace('"f-1"', f'"f-{n}"')
                       for n in range(5)]
    calls = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(form_values, "read_record",
                      lambda *args: calls.append(args) or records.read_record(*args))
        found = list(iter_record_values(lines))
    assert len(calls) == 1 and [kind for kind, _, _ in found] == ["round"] + ["form"] * 5
