"""The questionnaire model: sections, questions, choices, risks and risk bands.

Plain frozen dataclasses built by `questionnaire_loader`; nothing here reads files. Labels
are dicts of language -> text, read through `Labels.text(lang)` with a fallback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Mapping

from .expression import Expression

QUESTION_TYPES = ("integer", "decimal", "choice", "multichoice", "likert", "text", "date")


@dataclass(frozen=True)
class Labels:
    """Text in several languages."""

    by_language: Mapping[str, str]

    def text(self, lang: str) -> str:
        """The text in `lang`, else English, else any language given."""
        for key in (lang, "en"):
            if key in self.by_language:
                return self.by_language[key]
        return next(iter(self.by_language.values()), "")


@dataclass(frozen=True)
class Choice:
    code: int
    label: Labels


@dataclass(frozen=True)
class Question:
    id: str
    number: str
    label: Labels
    type: str
    section_id: str
    choices: tuple[Choice, ...] = ()
    points: int = 5
    anchors: tuple[Labels, Labels] | None = None
    min: float | str | None = None
    max: float | str | None = None
    max_length: int = 500
    required: bool = True
    allow_missing: bool = False
    relevant: Expression | None = None

    @property
    def is_coded(self) -> bool:
        """Answers are integer codes (choice, multichoice, likert)."""
        return self.type in ("choice", "multichoice", "likert")

    def choice_codes(self) -> tuple[int, ...]:
        return self._choice_codes

    @cached_property
    def _choice_codes(self) -> tuple[int, ...]:
        if self.type == "likert":
            return tuple(range(1, self.points + 1))
        return tuple(choice.code for choice in self.choices)

    def choice_label(self, code: int, lang: str) -> str:
        for choice in self.choices:
            if choice.code == code:
                return choice.label.text(lang)
        return ""


@dataclass(frozen=True)
class Section:
    id: str
    title: Labels
    questions: tuple[Question, ...]
    relevant: Expression | None = None


@dataclass(frozen=True)
class Risk:
    id: str
    label: Labels
    likelihood: str
    impact: str


@dataclass(frozen=True)
class Band:
    id: str
    label: Labels
    min: int
    max: int
    color: str


@dataclass(frozen=True)
class Exposure:
    question: str
    yes: int
    follow_ups: tuple[str, ...]


@dataclass(frozen=True)
class MissingCode:
    code: int
    label: Labels


@dataclass(frozen=True)
class Questionnaire:
    """A whole, validated questionnaire."""

    id: str
    version: str
    title: Labels
    languages: tuple[str, ...]
    missing_codes: tuple[MissingCode, ...]
    sections: tuple[Section, ...]
    risks: tuple[Risk, ...] = ()
    bands: tuple[Band, ...] = ()
    profile: tuple[str, ...] = ()
    climate: tuple[str, ...] = ()
    exposure: Exposure | None = None
    sha256: str = ""
    source_text: str = field(default="", repr=False, compare=False)

    def questions(self) -> list[Question]:
        """Every question in paper order."""
        return list(self._questions)

    @cached_property
    def _questions(self) -> tuple[Question, ...]:
        return tuple(q for section in self.sections for q in section.questions)

    @cached_property
    def _by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self._questions}

    def question(self, question_id: str) -> Question:
        """The question with this id (KeyError when there is none)."""
        return self._by_id[question_id]

    def question_ids(self) -> list[str]:
        return [q.id for q in self.questions()]

    def missing_code_values(self) -> frozenset[int]:
        return self._missing_values

    @cached_property
    def _missing_values(self) -> frozenset[int]:
        return frozenset(code.code for code in self.missing_codes)

    def band_for(self, score: float) -> Band | None:
        """The band of a (possibly fractional) score: the highest band whose min it reaches,
        i.e. half-open intervals [min, next min) (see `bands`)."""
        chosen = None
        for band in self.bands:
            if score >= band.min:
                chosen = band
        return chosen
