"""Fill in a catalogue sentence whose words follow a count: "1 form", "2 forms" (Qt-free).

A catalogue sentence names the word that depends on a count with the count's field and
both forms after a colon: `"{n} {n:form|forms}"`, `"{n:Se agregó|Se agregaron} {n} ..."`.
English and Spanish use the singular for exactly one and the plural for every other
number, zero included ("0 forms", "0 formularios"), so one rule serves both languages.
The field's name stays the count's, so the tests that compare the fields of the two
languages keep working; a format spec without `|` is an ordinary one (`{share:.1f}`).
"""

from __future__ import annotations

import string


def is_one(value: object) -> bool:
    """Whether `value` (a number, or a number written out: "1", "1.0") counts as one."""
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return value == 1
    try:
        return float(str(value).replace(",", "").strip()) == 1
    except ValueError:
        return False


class _PluralFormatter(string.Formatter):
    """`str.format` that reads a spec `one|other` as the two forms of a word."""

    def format_field(self, value: object, format_spec: str) -> str:
        if "|" in format_spec:
            one, other = format_spec.split("|", 1)
            return one if is_one(value) else other
        return super().format_field(value, format_spec)


_FORMATTER = _PluralFormatter()


def fill(text: str, /, **values: object) -> str:
    """`text.format(**values)`, with `{n:one|other}` said as the word that fits `n`."""
    return _FORMATTER.vformat(text, (), values)
