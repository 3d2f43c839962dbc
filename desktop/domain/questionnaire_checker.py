"""`Checker`: collects every mistake of a questionnaire as 'location: what' while the model
is built, and checks each field's type before it is used.

A field of the wrong type (a text where a number belongs, true/false for a number, a number
beyond the file's limits) is reported and replaced by a default, so building goes on and
one pass reports every mistake. Labels are checked for a text in every language of the
questionnaire; answer and missing codes are checked against their range here too.
"""

from __future__ import annotations

from typing import Any

from .phrase import Phrase, problem
from .questionnaire import Labels
from .questionnaire_json import MAX_NUMBER, sane_number

MAX_CODE = 999_999_999  # answer and missing codes
_KIND_WORDS = {"str": "qn.kind.str", "int": "qn.kind.int", "dict": "qn.kind.dict",
               "list": "qn.kind.list", "bool": "qn.kind.bool", "int/float": "qn.kind.number"}


def kind_word(names: str) -> Phrase | str:
    """'a whole number' for 'int' (in the catalogue's languages); other names as they are."""
    return Phrase(_KIND_WORDS[names]) if names in _KIND_WORDS else names


class Checker:
    """The problems found so far ('where: what' phrases, said in any language later) and
    what the top level said (languages, format rules)."""

    def __init__(self) -> None:
        self.problems: list[Phrase] = []
        self.languages: tuple[str, ...] = ()
        self.strict = True  # format 2 rules (missing codes never inside a numeric range)

    def fail(self, where: str, key: str, **values: object) -> None:
        """A problem at `where`: the catalogue text `key` (questionnaire_messages.py)."""
        self.problems.append(problem(where, key, **values))

    def get(self, obj: dict, key: str, kind: type | tuple, where: str, required: bool = True,
            default: Any = None) -> Any:
        """`obj[key]` when it has type `kind`, else a problem and `default`."""
        if key not in obj:
            if required:
                self.fail(f"{where}.{key}" if where else key, "qn.missing")
            return default
        value = obj[key]
        if isinstance(value, bool) and kind in (int, float, (int, float)):
            self.fail(f"{where}.{key}" if where else key, "qn.not_true_false")
            return default
        if kind in (int, float, (int, float)) and isinstance(value, (int, float)) \
                and not isinstance(value, bool) and not sane_number(value):
            self.fail(f"{where}.{key}" if where else key, "qn.between", low=-MAX_NUMBER,
                      high=MAX_NUMBER)
            return default
        if not isinstance(value, kind):
            names = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
            self.fail(f"{where}.{key}" if where else key, "qn.must_be",
                      kind=kind_word(names))
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
                self.fail(path, "qn.no_text", lang=lang)
        return Labels({k: v for k, v in value.items() if isinstance(v, str)})

    def code(self, code: int | None, where: str) -> int | None:
        """An answer or missing code, refused (None) outside 0..MAX_CODE."""
        if code is not None and not 0 <= code <= MAX_CODE:
            self.fail(where, "qn.code_range", high=MAX_CODE)
            return None
        return code
