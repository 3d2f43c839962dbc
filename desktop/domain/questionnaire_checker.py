"""`Checker`: collects every mistake of a questionnaire as 'location: what' while the model
is built, and checks each field's type before it is used.

A field of the wrong type (a text where a number belongs, true/false for a number, a number
beyond the file's limits) is reported and replaced by a default, so building goes on and
one pass reports every mistake. Labels are checked for a text in every language of the
questionnaire; answer and missing codes are checked against their range here too.
"""

from __future__ import annotations

from typing import Any

from .questionnaire import Labels
from .questionnaire_json import MAX_NUMBER, sane_number

MAX_CODE = 999_999_999  # answer and missing codes
_KIND_WORDS = {"str": "a text", "int": "a whole number", "dict": "an object",
               "list": "a list", "bool": "true or false", "int/float": "a number"}


class Checker:
    """The problems found so far and what the top level said (languages, format rules)."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.languages: tuple[str, ...] = ()
        self.strict = True  # format 2 rules (missing codes never inside a numeric range)

    def fail(self, where: str, what: str) -> None:
        self.problems.append(f"{where}: {what}")

    def get(self, obj: dict, key: str, kind: type | tuple, where: str, required: bool = True,
            default: Any = None) -> Any:
        """`obj[key]` when it has type `kind`, else a problem and `default`."""
        if key not in obj:
            if required:
                self.fail(f"{where}.{key}" if where else key, "missing")
            return default
        value = obj[key]
        if isinstance(value, bool) and kind in (int, float, (int, float)):
            self.fail(f"{where}.{key}" if where else key, "must be a number, not true/false")
            return default
        if kind in (int, float, (int, float)) and isinstance(value, (int, float)) \
                and not isinstance(value, bool) and not sane_number(value):
            self.fail(f"{where}.{key}" if where else key,
                      f"must be between -{MAX_NUMBER:,} and {MAX_NUMBER:,}")
            return default
        if not isinstance(value, kind):
            names = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
            self.fail(f"{where}.{key}" if where else key,
                      f"must be {_KIND_WORDS.get(names, names)}")
            return default
        return value

    def labels(self, obj: dict, key: str, where: str, required: bool = True) -> Labels:
        """The texts of `obj[key]` by language; every language of the questionnaire needs
        one."""
        value = self.get(obj, key, dict, where, required)
        path = f"{where}.{key}" if where else key
        if value is None:
            return Labels({})
        for lang in self.languages:
            text = value.get(lang)
            if not isinstance(text, str) or not text.strip():
                self.fail(path, f"no text for language {lang!r}")
        return Labels({k: v for k, v in value.items() if isinstance(v, str)})

    def code(self, code: int | None, where: str) -> int | None:
        """An answer or missing code, refused (None) outside 0..MAX_CODE."""
        if code is not None and not 0 <= code <= MAX_CODE:
            self.fail(where, f"codes must be between 0 and {MAX_CODE:,}")
            return None
        return code
