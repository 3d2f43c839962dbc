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
    missing_codes: tuple["MissingCode", ...] = ()
    relevant: Expression | None = None
    constraint: Expression | None = None
    constraint_message: Labels | None = None

    @property
    def allow_missing(self) -> bool:
        """Missing codes are accepted for this question (it declares some)."""
        return bool(self.missing_codes)

    def missing_code_values(self) -> frozenset[int]:
        """The missing codes of this question (empty when it accepts none)."""
        return self._missing_values

    @cached_property
    def _missing_values(self) -> frozenset[int]:
        return frozenset(code.code for code in self.missing_codes)

    def missing_label(self, code: int, lang: str) -> str:
        """The label of one of this question's missing codes ('' when it is not one)."""
        for missing in self.missing_codes:
            if missing.code == code:
                return missing.label.text(lang)
        return ""

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
    """A whole, validated questionnaire.

    `missing_codes` is the project-wide default list (format 1 files, and questions of
    format 2 files that do not declare their own); each question carries its resolved
    codes in `Question.missing_codes`.
    """

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
        """Every missing code of any question (use `Question.missing_code_values()` to
        judge one answer: a code missing for one question may be valid for another)."""
        return self._missing_values

    @cached_property
    def _missing_values(self) -> frozenset[int]:
        return frozenset(code for q in self._questions for code in q.missing_code_values())

    def band_for(self, score: float) -> Band | None:
        """The band of a (possibly fractional) score: the highest band whose min it reaches,
        i.e. half-open intervals [min, next min) (see `bands`)."""
        chosen = None
        for band in self.bands:
            if score >= band.min:
                chosen = band
        return chosen
