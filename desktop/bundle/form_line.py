"""A form line of records.jsonl read with one JSON parse, when that is provably the same
reading as records.py's general one (`records._load_record`: the answers object with
`raw_decode`, then the rest of the line with a second parse), which is kept for every
other line and gives every refusal.

The reader must also keep the exact text of the answers object (the content hash covers
it) and say whether it is the canonical text (answers_json). The line as this program
writes it (`FormRecord.to_json`) is `{"answers":{...},"base":...}`: here the line is
parsed whole (one call instead of two, and no copy of its tail), the end of the answers
is found by searching for `},"base":`, and `answers_length` proves the text cut there is
the answers object's own: 100k forms cost 0.3 s of CPU less (the parse's call overhead,
and `is_canonical_parsed`'s sums and type test done once here).

The parse is orjson's (about twice as fast as the standard library's on these lines).
Where the two differ, orjson refuses and the line takes the general reading, which
decides as it always did: NaN and Infinity, numbers that overflow a double, escapes of a
lone surrogate, a byte-order mark, a control character in a text, nesting deeper than
1024. The one value it reads differently is an integer beyond 64 bits (a float, where
the standard library gives an int); no field of a form line takes one (every number is
checked under 10**9 or 1e9 by `records._check_form`), so both readings refuse such a line
with the same sentence (tests/bundle/test_orjson_readings.py compares them).

Why the cut is exact, for a line with no backslash that parses as one object whose only
"answers" key is the first and whose answers are an object of n >= 1 texts:
- with no backslash no string holds an escape, so every quote is a string's delimiter;
  the object's text T (from p, after the prefix, to E) holds no `}` outside its strings
  but the last;
- `},"base":` cannot start inside a string of T: the quote after `},` would close that
  string and a letter would follow it, which no JSON parser accepts; so the first one
  found ends at E - 1 or later, and the text cut there is T or longer than T;
- any text of an object of n texts, none escaped, is at least `answers_length` long
  (`{`, each pair `"k":"v"`, the commas, `}`), and exactly that long only when it holds
  no space and no repeated key (answers_json.is_canonical_parsed): a cut of exactly that
  length is T, and T is the pairs in the parsed order, canonical when the keys ascend.
Any other line (a backslash, spaces, another key after the answers, a second "answers"
anywhere after them, values that are not texts, no answers) returns None and takes the
general reading, so hostile lines meet the same checks and the same refusals.
"""

from __future__ import annotations

import orjson

ANSWERS_PREFIX = '{"answers":'
_AFTER_ANSWERS = '},"base":'
_START = len(ANSWERS_PREFIX)
_loads = orjson.loads
_DecodeError = orjson.JSONDecodeError


def answers_length(answers: dict) -> int | None:
    """The length of the canonical text of `answers` (n >= 1 pairs of texts, none
    needing an escape), or None when a value is not a text."""
    try:
        return (1 + 6 * len(answers) + len("".join(answers))
                + len("".join(answers.values())))
    except TypeError:  # a value that is not a text (the form is refused later)
        return None


def read_form_line(line: str) -> tuple[dict, str, bool] | None:
    """(the parsed line, the answers object's text, whether that text is canonical) of a
    line starting with ANSWERS_PREFIX, or None when the general reading must decide."""
    # The line must end with the object (orjson, unlike `raw_decode`, would pass spaces
    # after it): the same lines as before take this reading.
    if "\\" in line or not line.endswith("}"):
        return None
    try:
        data = _loads(line)
    except _DecodeError:
        return None  # the general reading gives the refusal (or raises) as it always did
    if data.__class__ is not dict:
        return None
    answers = data.get("answers")
    if answers.__class__ is not dict or not answers:
        return None
    cut = line.find(_AFTER_ANSWERS, _START) + 1
    if cut == 0 or line.find('"answers"', cut) != -1:
        return None
    if cut - _START != answers_length(answers):
        return None
    keys = [*answers]
    data["answers"] = data.pop("answers")  # last, where the general reading puts it
    return data, line[_START:cut], keys == sorted(keys)
