"""form_line.read_form_line (one parse of a form line, the answers cut at `},"base":`)
reads every line exactly as the general reading of records.py does (`_load_answers_first`,
then `is_canonical_parsed`), or leaves it to it: the same dict (keys in the same order),
the same answers text, the same canonical verdict, and through `iter_records` the same
records or the same refusal, for lines as this program writes them and for spellings
made to fool the cut (spaces, repeated "answers" keys, other keys between the answers and
"base", values holding `},"base":`, escapes, values that are not texts, trailing text)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.bundle import form_line, records
from desktop.bundle.errors import BundleError
from desktop.domain import answers_json

PIECES = ["a", "b", "1", " ", "_", "}", "{", ",", ":", "[", "]", "é", '"', "\\",
          '},"base":', '"answers"', "\u2028", "\x1f"]
TEXT = st.lists(st.sampled_from(PIECES), max_size=4).map("".join)
KEY = st.sampled_from(["a", "b", "q1", "answers", "base", "z", "é", "},\"base\":", "a b"])
ANSWERS = st.dictionaries(KEY, TEXT, max_size=4)
ODD_VALUES = st.sampled_from([1, 2.5, None, True, [], {}, {"x": "y"}, ["}"]])


def _form(answers: dict, reason: str | None = None) -> records.FormRecord:
    text = answers_json.canonical(answers)
    fields = {"uuid": "f-1", "round_uuid": "r-1", "form_number": 7, "status": "entered",
              "operator": "AM", "device": "dev-1", "created": "2026-10-05T08:09:00Z",
              "updated": "2026-10-05T08:09:00Z", "revision": 1, "deleted_reason": reason,
              "keystrokes": 3, "entry_seconds": 1.5}
    sha = records.content_sha256("r-1", 7, "entered", reason, text)
    return records.FormRecord(fields, text, sha, None, True)


def _spell(answers: dict, how: str, draw) -> str:
    """A text of an answers object, canonical or not."""
    items = list(answers.items())
    if how == "shuffled":
        items = draw(st.permutations(items))
    if how == "repeat" and items:
        items.insert(draw(st.integers(0, len(items))), (items[0][0], draw(TEXT)))
    if how == "odd" and items:
        items[-1] = (items[-1][0], draw(ODD_VALUES))
    sep = ", " if how == "space" else ","
    return "{" + sep.join(f"{json.dumps(k, ensure_ascii=False)}:"
                          f"{json.dumps(v, ensure_ascii=False)}" for k, v in items) + "}"


@st.composite
def form_lines(draw):
    answers = draw(ANSWERS)
    line = _form(answers, draw(st.none() | TEXT)).to_json()
    how = draw(st.sampled_from(["as written", "shuffled", "space", "repeat", "odd",
                                "again after", "again in base", "key between",
                                "space after", "trailing", "cut", "escape", "unicode"]))
    text = answers_json.canonical(answers)
    head, tail = line[:len(form_line.ANSWERS_PREFIX)], line[len(form_line.ANSWERS_PREFIX)
                                                              + len(text):]
    if how in ("shuffled", "space", "repeat", "odd"):
        return head + _spell(answers, how, draw) + tail
    other = _spell(draw(ANSWERS), "as written", draw)
    if how == "again after":  # a second "answers" key, whose value json.loads keeps
        return line[:-1] + f',"answers":{other}}}'
    if how == "again in base":
        return line.replace('"base":null', f'"base":{{"answers":{other}}}')
    if how == "key between":  # `},"base":` found after another object ends
        return head + text + f',"a":{other}' + tail
    if how == "space after":
        return head + text + " " + tail
    if how == "trailing":
        return line + draw(st.sampled_from([" ", "x", "}", "\t"]))
    if how == "cut":
        return line[:draw(st.integers(0, len(line)))]
    if how == "escape":
        return line.replace('"AM"', '"A\\u004d"')
    if how == "unicode":
        return line.replace('"AM"', '"A\\ud800"')
    return line


def _general(line: str) -> tuple:
    """What records.py's general reading makes of a line (the reference)."""
    data, text = records._load_answers_first(line, 1)
    answers = data.get("answers")
    canonical = (answers.__class__ is dict and all(v.__class__ is str for v in
                                                  answers.values())
                 and answers_json.is_canonical_parsed(text, answers))
    return data, text, canonical


def _outcome(line: str) -> tuple:
    try:
        found = list(records.iter_records([line]))
    except BundleError as exc:
        return ("refused", exc.kind, exc.detail)
    except RecursionError:
        return ("RecursionError",)
    return ("read", [(kind, list(item.fields.items()), item.answers_text, item.sha256,
                      item.base, item.answers_canonical, answers)
                     for kind, item, answers in found])


@settings(max_examples=2500, deadline=None)
@given(form_lines())
def test_one_parse_reads_every_line_as_the_general_reading(line):
    fast = form_line.read_form_line(line)
    if fast is not None:
        data, text, canonical = _general(line)
        assert list(fast[0].items()) == list(data.items())
        assert fast[1] == text and fast[2] == canonical
    new = _outcome(line)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(records, "read_form_line", lambda line: None)
        assert _outcome(line) == new


def test_the_line_as_written_takes_the_one_parse_and_is_canonical():
    line = _form({"a": "1", "b": "},x"}).to_json()
    data, text, canonical = form_line.read_form_line(line)
    assert text == '{"a":"1","b":"},x"}' and canonical and data["answers"]["b"] == "},x"


@pytest.mark.parametrize("line", [
    # a second "answers" key (json keeps the last): left to the general reading
    _form({"a": "1"}).to_json()[:-1] + ',"answers":{"a":"2"}}',
    # the answers cut at the `},"base":` of a later object, as long as the canonical text
    '{"answers":{"q":"x"},"a":{"z":1},"base":null}',
    '{"answers":{"a":"1"} ,"base":null}',  # a space: not the canonical length
    '{"answers":{"a":1},"base":null}',  # a number
    '{"answers":{},"base":null}',
])
def test_lines_that_could_fool_the_cut_take_the_general_reading(line):
    assert form_line.read_form_line(line) is None

