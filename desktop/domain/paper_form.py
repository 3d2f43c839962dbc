"""What the paper form and the codebook say about each question, derived from the
questionnaire alone (no Qt): the codes as the entry screen lists them, and skip rules.

`code_items` is the one list of codes of a question - the entry screen's codes line and
the printed form both read it, so the paper cannot drift from the screen. `skip_rules`
turns `relevant` expressions into instructions for the respondent: on a coded question
whose codes make the questions right after it not apply, "If 2, go to E1"; on any other
question with a condition, "Answer only if D4 = 1" (the condition with question numbers
and words for the operators).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .messages import message
from .questionnaire import Question, Questionnaire


@dataclass(frozen=True)
class CodeItem:
    """One code as the respondent and the operator see it."""

    code: int
    label: str
    missing: bool = False

    def text(self) -> str:
        return f"{self.code} {self.label}".strip()


def code_items(question: Question, lang: str) -> list[CodeItem]:
    """The codes of a question in screen order: choices (or likert points with their end
    anchors), then the question's own missing codes."""
    items: list[CodeItem] = []
    if question.type == "likert":
        low, high = question.anchors or (None, None)
        for code in question.choice_codes():
            label = ""
            if code == 1 and low is not None:
                label = low.text(lang)
            elif code == question.points and high is not None:
                label = high.text(lang)
            items.append(CodeItem(code, label))
    elif question.type in ("choice", "multichoice"):
        items = [CodeItem(c.code, c.label.text(lang)) for c in question.choices]
    items += [CodeItem(m.code, m.label.text(lang), missing=True)
              for m in question.missing_codes]
    return items


def range_text(question: Question) -> str:
    """'1–50' for a number with limits, 'YYYY-MM-DD' for a date, else ''."""
    if question.type in ("integer", "decimal") and (
            question.min is not None or question.max is not None):
        low = "" if question.min is None else _number(question.min)
        high = "" if question.max is None else _number(question.max)
        return f"{low}–{high}"
    if question.type == "date":
        return "YYYY-MM-DD"
    return ""


def _number(value: float | str) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass
class SkipRules:
    """Instructions per question id: go-to lines (on the deciding question) and
    'only if' conditions in words (on the question they govern)."""

    go_to: dict[str, list[str]] = field(default_factory=dict)
    only_if: dict[str, str] = field(default_factory=dict)


def skip_rules(questionnaire: Questionnaire, lang: str) -> SkipRules:
    """Skip instructions for the paper form, in `lang`."""
    questions = questionnaire.questions()
    section_of = {q.id: s for s in questionnaire.sections for q in s.questions}
    rules = SkipRules()
    explained: set[str] = set()
    for index, question in enumerate(questions):
        if not question.is_coded or question.type == "multichoice":
            continue
        targets: dict[str, list[int]] = {}
        runs: set[str] = set()
        simple = True
        for item in code_items(question, lang):
            skipped = _skipped_by(questionnaire, questions[index + 1:], section_of,
                                  question, item.code)
            if not skipped:
                continue
            after = questions[index + 1:index + 1 + len(skipped)]
            if {q.id for q in after} != skipped:
                simple = False  # not a block right after the question: say it in words
                break
            rest = questions[index + 1 + len(skipped):]
            target = rest[0].number if rest else ""
            targets.setdefault(target, []).append(item.code)
            runs |= skipped
        if simple and targets:
            rules.go_to[question.id] = [_go_to_line(codes, target, lang)
                                        for target, codes in targets.items()]
            explained |= runs
    for question in questions:
        section = section_of[question.id]
        conditions = [e for e in (section.relevant, question.relevant) if e is not None]
        if question.id in explained or not conditions:
            continue
        words = f" {message('paper_and', lang)} ".join(
            in_words(questionnaire, e.source, lang) for e in conditions)
        rules.only_if[question.id] = message("paper_only_if", lang, condition=words)
    return rules


def _skipped_by(questionnaire: Questionnaire, later: list[Question], section_of: dict,
                deciding: Question, code: int) -> set[str]:
    """Later questions that certainly do not apply when `deciding` is `code`: their
    condition reads only the deciding question (or questions skipped already) and is
    false for that code."""
    env: dict[str, Any] = {deciding.id: frozenset({code}) if deciding.type == "multichoice"
                           else code}
    skipped: set[str] = set()
    known = {deciding.id}
    for question in later:
        for condition in (section_of[question.id].relevant, question.relevant):
            if condition is None or not condition.names <= known | skipped:
                continue
            if not condition.evaluate(env):
                skipped.add(question.id)
                break
    return skipped


def _go_to_line(codes: list[int], target: str, lang: str) -> str:
    texts = [str(code) for code in codes]
    listed = texts[-1] if len(texts) == 1 else (
        ", ".join(texts[:-1]) + f" {message('paper_or', lang)} {texts[-1]}")
    if not target:
        return message("paper_go_to_end", lang, codes=listed)
    return message("paper_go_to", lang, codes=listed, target=target)


_WORD = re.compile(r"'[^']*'|\"[^\"]*\"|[A-Za-z_][A-Za-z0-9_]*|!=|==|<=|>=|\S")


def in_words(questionnaire: Questionnaire, source: str, lang: str) -> str:
    """A condition with question numbers for ids and words for and/or/not/in."""
    numbers = {q.id: q.number for q in questionnaire.questions()}
    words = {"and": message("paper_and", lang), "or": message("paper_or", lang),
             "not": message("paper_not", lang), "in": message("paper_in", lang),
             "==": "="}
    out = []
    for token in _WORD.findall(source):
        out.append(numbers.get(token) or words.get(token, token))
    text = " ".join(out)
    for opening, closing in (("( ", "("), ("[ ", "["), (" )", ")"), (" ]", "]"), (" ,", ",")):
        text = text.replace(opening, closing)
    return text
