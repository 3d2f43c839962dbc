"""answers_json.is_canonical_parsed (the import's test from the parsed object, no regex)
gives the verdict of is_canonical, and True only for the canonical text itself, whatever
spelling of an object of texts it is handed: spaces, keys out of order, repeated keys,
escapes, non-ASCII, control characters."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain import answers_json

TEXT = st.text(max_size=8) | st.text(alphabet=st.sampled_from(
    list('abq1_ "\\/\x00\x1f\x7fñ中') + ["\U0001F600", "\u2028"]), max_size=6)
ANSWERS = st.dictionaries(TEXT, TEXT, max_size=6)


def _pairs(items, space: bool, ascii_: bool) -> str:
    dump = lambda s: json.dumps(s, ensure_ascii=ascii_)  # noqa: E731
    sep, colon = (", ", ": ") if space else (",", ":")
    return "{" + sep.join(f"{dump(k)}{colon}{dump(v)}" for k, v in items) + "}"


@st.composite
def spellings(draw):
    """A JSON text of an object of texts, canonical or not."""
    answers = draw(ANSWERS)
    items = sorted(answers.items())
    how = draw(st.sampled_from(["canonical", "shuffled", "space", "ascii", "repeat",
                                "escape"]))
    if how == "canonical":
        return answers_json.canonical(answers)
    if how == "shuffled":
        return _pairs(draw(st.permutations(items)), False, False)
    if how == "space":
        return _pairs(items, True, False)
    if how == "ascii":
        return _pairs(items, False, True)
    if how == "repeat" and items:
        extra = (items[draw(st.integers(0, len(items) - 1))][0], draw(TEXT))
        at = draw(st.integers(0, len(items)))
        return _pairs(items[:at] + [extra] + items[at:], False, False)
    text = answers_json.canonical(answers)
    if not items or not items[0][1]:
        return text
    at = len(answers_json.canonical({items[0][0]: ""})) - 2  # the first value's first
    if text[at] == "\\" or ord(text[at]) > 0xFFFF:  # character, unless escaped already
        return text  # or beyond one \u escape
    return f"{text[:at]}\\u{ord(text[at]):04x}{text[at + 1:]}"


@settings(max_examples=1500, deadline=None)
@given(spellings())
def test_the_verdict_of_the_parsed_test_is_the_text_tests(text):
    answers = json.loads(text)
    verdict = answers_json.is_canonical_parsed(text, answers)
    assert verdict == answers_json.is_canonical(text)
    assert verdict == ("\\" not in text and text == answers_json.canonical(answers))


def test_spellings_of_one_object():
    answers = {"a": "1", "b": "ñ"}
    parsed = answers_json.is_canonical_parsed
    assert parsed('{"a":"1","b":"ñ"}', answers)
    assert parsed("{}", {})
    for text in ('{"a": "1","b":"ñ"}', '{"b":"ñ","a":"1"}', '{"a":"1","b":"\\u00f1"}',
                 '{"a":"0","a":"1","b":"ñ"}', ' {"a":"1","b":"ñ"}', "{ }"):
        assert not parsed(text, json.loads(text)), text
