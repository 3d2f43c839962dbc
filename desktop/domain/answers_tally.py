"""Damaged stored answers counted by kind, for `riskmap check`: a form's stored text that
is not a JSON object (malformed), an object holding a value that is not a text, an object
keyed by a question no questionnaire version has. Each kind: how many forms, and the first
by uuid (so the order rows come in never changes what is said).

Rows come either as texts (`add`, parsed here) or already parsed (`add_parsed`: the
snapshot check parses every live unchanged form anyway, so `check` parses each row once).
A chunk of parsed rows is judged in bulk first (the union of its keys, the set of its
value types: C loops), and row by row only when that shows damage in it.
"""

from __future__ import annotations

import json
from itertools import chain
from typing import Iterable, Sequence

MALFORMED = "out.check_finding_answers_malformed"
NOT_TEXT = "out.check_finding_answers_not_text"
UNKNOWN = "out.check_finding_answers_unknown"


class AnswersTally:
    """Damaged rows by kind; `known`: the question ids answers may use."""

    def __init__(self, known: Iterable[str]) -> None:
        self.known = frozenset(known)
        self.malformed: list = [0, None]
        self.not_text: list = [0, None]
        self.unknown: list = [0, None]  # the first is (uuid, question)

    def add(self, uuid: str, text: object) -> None:
        """One stored row, parsed here (a text that does not parse is malformed)."""
        try:
            answers = json.loads(text)  # type: ignore[arg-type]
        except (TypeError, ValueError, RecursionError):
            answers = None
        self._judge(uuid, answers)

    def add_parsed(self, uuids: Sequence[str], texts: Sequence[object],
                   objects: Sequence[dict | None]) -> None:
        """Rows parsed already: `objects[i]` is `texts[i]` parsed (None when it is not a
        JSON object). A None text is no stored row (a form without answers): not counted."""
        for i, obj in enumerate(objects):
            if obj is None and texts[i] is not None:
                _count(self.malformed, uuids[i])
        present = [obj for obj in objects if obj is not None]
        kinds = set(map(type, chain.from_iterable(map(dict.values, present))))
        keys = set().union(*map(dict.keys, present))
        if kinds <= {str} and keys <= self.known:
            return
        for i, obj in enumerate(objects):
            if obj is not None:
                self._judge(uuids[i], obj)

    def _judge(self, uuid: str, answers: object) -> None:
        if type(answers) is not dict:
            _count(self.malformed, uuid)
            return
        if not all(type(value) is str for value in answers.values()):
            _count(self.not_text, uuid)
        if not answers.keys() <= self.known:
            _count(self.unknown, (uuid, min(answers.keys() - self.known)))

    def findings(self) -> list[tuple[str, dict]]:
        """(catalogue key, fields) per kind found, in a fixed order."""
        found = []
        if self.malformed[0]:
            found.append((MALFORMED, {"n": self.malformed[0], "uuid": self.malformed[1]}))
        if self.not_text[0]:
            found.append((NOT_TEXT, {"n": self.not_text[0], "uuid": self.not_text[1]}))
        if self.unknown[0]:
            uuid, question = self.unknown[1]
            found.append((UNKNOWN, {"n": self.unknown[0], "uuid": uuid,
                                    "question": question}))
        return found


def _count(kind: list, first: object) -> None:
    kind[0] += 1
    if kind[1] is None or first < kind[1]:
        kind[1] = first
