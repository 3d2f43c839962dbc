"""`Phrase`: a catalogue sentence kept as its key and values, to be said in any language later.

A questionnaire's problems are found in the domain, which does not know who will read
them: the command line prints them in the user's language, the window in its own, a log
in English. A `Phrase` is a `str` (its English text, so joining, logging and `in` keep
working) that also remembers its message key and values; `in_language(lang)` says it in
`lang`. A value that is itself a `Phrase` (a place in a workbook, the reason inside a
problem) is said in the same language, so a whole problem changes language at once.
The texts live in domain/messages.py (`MESSAGES`).
"""

from __future__ import annotations

from .messages import MESSAGES
from .plural import fill


class Phrase(str):
    """The English text of MESSAGES[`key`] filled in with `values`; `in_language` for others."""

    key: str
    values: dict[str, object]

    def __new__(cls, key: str, **values: object) -> "Phrase":
        self = super().__new__(cls, _render(key, "en", values))
        self.key = key
        self.values = values
        return self

    def __reduce__(self):  # copy and pickle rebuild it from its key, not its English text
        return (_rebuild, (self.key, self.values))

    def in_language(self, lang: str) -> str:
        """The phrase in `lang` (English where the catalogue has no such language)."""
        return _render(self.key, lang, self.values)

    def phrases(self) -> list["Phrase"]:
        """This phrase and every phrase among its values, depth first (for tests)."""
        found = [self]
        for value in self.values.values():
            if isinstance(value, Phrase):
                found.extend(value.phrases())
        return found


def _rebuild(key: str, values: dict[str, object]) -> Phrase:
    return Phrase(key, **values)


def _render(key: str, lang: str, values: dict[str, object]) -> str:
    texts = MESSAGES[key]
    said = {name: value.in_language(lang) if isinstance(value, Phrase) else value
            for name, value in values.items()}
    return fill(texts.get(lang, texts["en"]), **said)


def said(text: object, lang: str) -> str:
    """`text` in `lang`: a `Phrase` translated, anything else as it is."""
    return text.in_language(lang) if isinstance(text, Phrase) else str(text)


def problem(where: str, key: str, **values: object) -> Phrase:
    """A problem 'where: what' (the place may be a `Phrase` too; no place: just what)."""
    what = Phrase(key, **values)
    return Phrase("problem", where=where, what=what) if where else what
