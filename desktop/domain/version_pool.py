"""Pooling forms keyed with different questionnaire versions, honestly.

The analysis pools answers across versions by question id and code, with the labels of
the project's questionnaire (the reference). That is right only where a code means the
same thing in every version in play. `compare_versions` names every question whose
wording or codes differ between the versions, and marks as `excluded` each question whose
codes mean different things (a code with another label, another type or scale): such a
question is left out of every pooled figure instead of being shown under one version's
labels. `analysed` is the reference questionnaire without the excluded questions in its
risks, profile (breakdowns), climate items and exposure block.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Sequence

from .messages import message
from .questionnaire import Labels, Question, Questionnaire

WORDING, CODES, MEANING, ABSENT = "wording", "codes", "meaning", "absent"


@dataclass(frozen=True)
class VersionDifference:
    """How one question differs between the reference and another version."""

    question_id: str
    kind: str      # wording | codes | meaning | absent
    version: str   # the other version
    detail: str = ""  # for 'meaning' by type: 'choice / integer'
    code: tuple[int, Labels, Labels] | None = None  # or the first code meaning another thing

    def detail_text(self, lang: str) -> str:
        if self.code is None:
            return self.detail
        code, mine, theirs = self.code
        return f"{code} = {mine.text(lang)} / {theirs.text(lang)}"


@dataclass(frozen=True)
class VersionPool:
    reference: Questionnaire
    versions: tuple[Questionnaire, ...]  # in play: the versions of the forms analysed
    differences: tuple[VersionDifference, ...]
    analysed: Questionnaire

    @property
    def reference_label(self) -> str:
        return version_label(self.reference, (self.reference, *self.versions))

    @property
    def worth_a_note(self) -> bool:
        """Forms of several versions, or of one that is not the reference."""
        return len(self.versions) > 1 or bool(self.differences) or any(
            v.sha256 != self.reference.sha256 for v in self.versions)

    @property
    def excluded(self) -> frozenset[str]:
        return frozenset(d.question_id for d in self.differences if d.kind == MEANING)

    def notes(self, lang: str) -> list[str]:
        """One sentence per question that differs, in paper order of the reference."""
        order = {qid: i for i, qid in enumerate(self.reference.question_ids())}
        by_question: dict[str, list[VersionDifference]] = {}
        for difference in self.differences:
            by_question.setdefault(difference.question_id, []).append(difference)
        lines = []
        for qid in sorted(by_question, key=lambda q: (order.get(q, len(order)), q)):
            found = by_question[qid]
            kind = next((k for k in (MEANING, CODES, WORDING, ABSENT)
                         if any(d.kind == k for d in found)), WORDING)
            versions = ", ".join(sorted({d.version for d in found if d.kind == kind}))
            name = _name(self.reference, qid, lang)
            detail = next((d.detail_text(lang) for d in found
                           if d.kind == kind and (d.detail or d.code)), "")
            lines.append(message(f"version_{kind}", lang, question=name,
                                 reference=self.reference_label, versions=versions,
                                 detail=detail))
        return lines


def _name(questionnaire: Questionnaire, qid: str, lang: str) -> str:
    try:
        question = questionnaire.question(qid)
    except KeyError:
        return qid
    return f"{question.number} {question.label.text(lang)}"


def compare_versions(reference: Questionnaire,
                     versions: Sequence[Questionnaire]) -> VersionPool:
    """Compare every version in play with the reference, question by question."""
    others = [v for v in _unique(versions) if v.sha256 != reference.sha256]
    differences: list[VersionDifference] = []
    for other in others:
        label = version_label(other, [reference, *others])
        other_ids = set(other.question_ids())
        for question in reference.questions():
            if question.id not in other_ids:
                differences.append(VersionDifference(question.id, ABSENT, label))
                continue
            kind, detail, code = _compare(question, other.question(question.id),
                                          reference.languages)
            if kind:
                differences.append(VersionDifference(question.id, kind, label, detail, code))
    excluded = {d.question_id for d in differences if d.kind == MEANING}
    return VersionPool(reference, tuple(_unique(versions)), tuple(differences),
                       _without(reference, excluded))


def version_label(version: Questionnaire, among: Sequence[Questionnaire]) -> str:
    """The version string, with the start of the sha256 when another version in play has
    the same string (teams often adapt a questionnaire without changing its version)."""
    if any(o.version == version.version and o.sha256 != version.sha256 for o in among):
        return f"{version.version} ({version.sha256[:8]})"
    return version.version


def _unique(versions: Sequence[Questionnaire]) -> list[Questionnaire]:
    seen: dict[str, Questionnaire] = {}
    for version in versions:
        seen.setdefault(version.sha256, version)
    return list(seen.values())


def _same(a: Labels, b: Labels, languages: Sequence[str]) -> bool:
    common = [lang for lang in languages
              if lang in a.by_language and lang in b.by_language] or ["en"]
    return all(" ".join(a.text(lang).split()).casefold()
               == " ".join(b.text(lang).split()).casefold() for lang in common)


def _compare(mine: Question, theirs: Question, languages: Sequence[str]):
    """(kind of the strongest difference or '', detail, the code meaning another thing)."""
    if mine.type != theirs.type or (mine.type == "likert" and mine.points != theirs.points):
        return MEANING, f"{mine.type} / {theirs.type}", None
    if mine.is_coded:
        other = {choice.code: choice.label for choice in theirs.choices}
        for choice in mine.choices:
            if choice.code in other and not _same(choice.label, other[choice.code], languages):
                return MEANING, "", (choice.code, choice.label, other[choice.code])
        if {c.code for c in mine.choices} != set(other):
            return CODES, "", None
    their_missing = {m.code: m.label for m in theirs.missing_codes}
    for missing in mine.missing_codes:
        if missing.code in their_missing and not _same(missing.label,
                                                       their_missing[missing.code], languages):
            return MEANING, "", (missing.code, missing.label, their_missing[missing.code])
    if ((mine.min, mine.max) != (theirs.min, theirs.max)
            or {m.code for m in mine.missing_codes} != set(their_missing)):
        return CODES, "", None
    anchors_differ = (mine.anchors is None) != (theirs.anchors is None) or (
        mine.anchors is not None and theirs.anchors is not None
        and not all(_same(a, b, languages) for a, b in zip(mine.anchors, theirs.anchors)))
    if not _same(mine.label, theirs.label, languages) or anchors_differ:
        return WORDING, "", None
    return "", "", None


def _without(questionnaire: Questionnaire, excluded: set[str]) -> Questionnaire:
    """The questionnaire with excluded questions out of risks, profile, climate, exposure."""
    if not excluded:
        return questionnaire
    exposure = questionnaire.exposure
    if exposure is not None:
        if exposure.question in excluded:
            exposure = None
        else:
            exposure = dataclasses.replace(exposure, follow_ups=tuple(
                q for q in exposure.follow_ups if q not in excluded))
    return dataclasses.replace(
        questionnaire,
        risks=tuple(r for r in questionnaire.risks
                    if r.likelihood not in excluded and r.impact not in excluded),
        profile=tuple(q for q in questionnaire.profile if q not in excluded),
        climate=tuple(q for q in questionnaire.climate if q not in excluded),
        exposure=exposure)
