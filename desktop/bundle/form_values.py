"""records.jsonl read straight into the plain values HQ's import hands over and merges
(`records.record_values`: a form's FORM_FIELDS values as a tuple, its answers text, its
sha256, its base and whether the text is canonical), for the import's checking process.

`iter_record_values` yields what `records.iter_records` yields, a form as those values
instead of a `FormRecord`: the same lines accepted with the same values, every other
line refused with the same words, because every line `quick_form` does not take is
read by records.py's own code (`records.read_record`). `quick_form` reads the usual form
line (as `FormRecord.to_json` writes it) in one step, with the checks of
`form_line.read_form_line` and `records._check_form` in one function on the parsed
object's values: no FormRecord, no fields dict and no re-ordered keys are built for a
form that is then taken apart again (100k forms: see docs/scale.md).

A line `quick_form` takes is one `read_form_line` reads (no backslash, ending with the
object, one "answers" key, the first, an object of n >= 1 texts) holding exactly the keys
of a form line (FORM_FIELDS, "answers", "sha256", "base", "type": so `_check_form` pops
each and finds FORM_FIELDS left), of type "form", every check of `_check_form` passed.
One step differs in how, not in what: `read_form_line` searches for the first
`},"base":` and compares the cut's length with `answers_length`; here it is looked for
at that length only. Both take the same lines: by form_line.py's proof no `},"base":`
starts inside the answers object before its last character, so the one at that length
is the first one.
"""

from __future__ import annotations

import operator
from typing import Any, Iterable, Iterator

from .errors import BundleError
from .form_line import (_AFTER_ANSWERS, _START, ANSWERS_PREFIX, _DecodeError, _loads,
                        answers_length)
from .records import (_FORM_TYPES, _ID, FORM_FIELDS, STATUSES, _checked_content_sha256,
                      _form_fields_ok, _small_int, read_record, record_values)

# The keys of a form line: FORM_FIELDS first (a line has exactly these when it has as
# many keys and each of them: one look-up each, no comparison of the key sets).
_LINE_KEYS = (*FORM_FIELDS, "answers", "base", "sha256", "type")
_line_values = operator.itemgetter(*_LINE_KEYS)
_FIELDS = len(FORM_FIELDS)


def iter_record_values(lines: Iterable[str]) -> Iterator[tuple[str, Any, dict | None]]:
    """("round", fields, None) and ("form", record_values' tuple, answers dict) per
    records.jsonl line, as `records.iter_records` reads and refuses them."""
    seen: set[str] = set()
    quick = quick_form
    for number, line in enumerate(lines, 1):
        found = quick(line)
        if found is not None:
            uuid = found[0][0][0]
            if uuid in seen:
                raise BundleError("tampered", f"records.jsonl line {number}: repeated form")
            seen.add(uuid)
            yield "form", *found
        elif line:
            kind, item, answers = read_record(line, number, seen)
            yield kind, record_values(item) if kind == "form" else item, answers


def quick_form(line: str) -> tuple[tuple, dict] | None:
    """(record_values' tuple, the answers dict) of a usual form line that passes every
    check of `records.read_record`, or None: that line is for `read_record` (see the
    module's docstring)."""
    if "\\" in line or not line.endswith("}") or not line.startswith(ANSWERS_PREFIX):
        return None
    try:
        data = _loads(line)
    except _DecodeError:
        return None
    if data.__class__ is not dict or len(data) != len(_LINE_KEYS):
        return None
    try:
        found = _line_values(data)
    except KeyError:
        return None
    answers, base, sha, kind = found[_FIELDS:]
    if answers.__class__ is not dict or not answers or kind != "form":
        return None
    length = answers_length(answers)
    if length is None:
        return None
    cut = _START + length
    if not line.startswith(_AFTER_ANSWERS, cut - 1) or line.find('"answers"', cut) != -1:
        return None
    values = found[:_FIELDS]
    if not (tuple(map(type, values)) in _FORM_TYPES and _ID.match(values[0])
            and _ID.match(values[1]) and values[3] in STATUSES and values[8] >= 1
            and _form_fields_ok(values)):
        return None
    if base is not None:
        if not (base.__class__ is dict and _small_int(base.get("revision"))
                and isinstance(base.get("sha256"), str)):
            return None
        base = (base["revision"], base["sha256"])
    text = line[_START:cut]
    if sha != _checked_content_sha256(values[1], values[2], values[3], values[9], text):
        return None
    keys = [*answers]
    return (values, text, sha, base, keys == sorted(keys)), answers
