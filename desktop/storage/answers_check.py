"""`check`'s look at the stored answers (table `form_answers`, one JSON object text per
form): every row must hold a JSON object, every value in it a text, every key a question
of a questionnaire version the project holds. Damage is reported as findings (how many
forms, and the first one by uuid), never raised. One pass over the rows on the caller's
connection (a check worker's own, see services/check_service.py), parsed by Python's json:
0.65 s of CPU per 100k forms, where SQLite's json_each took 1.65 s (a million forms: the
check's 25 s became 36 s with json_each).
"""

from __future__ import annotations

import json
import sqlite3
from typing import Iterable

from ..domain.questionnaire_loader import QuestionnaireError, parse_questionnaire
from .audit_chain import Finding
from .questionnaire_versions import all_questionnaires

# Rows handed from SQLite to the parser at a time (bounded memory at a million forms).
CHUNK = 5000


def known_question_ids(conn: sqlite3.Connection) -> set[str]:
    """The question ids of every questionnaire version stored (a form keyed with an older
    version keeps its answers)."""
    known: set[str] = set()
    for _, definition in all_questionnaires(conn):
        try:
            known.update(parse_questionnaire(definition).question_ids())
        except QuestionnaireError:
            continue  # a damaged definition is not this check's finding
    return known


def answer_findings(conn: sqlite3.Connection,
                    known_ids: Iterable[str] | None = None) -> list[Finding]:
    """Findings about the stored answers; `known_ids`: the question ids answers may use
    (default: those of every stored questionnaire version)."""
    known = frozenset(known_question_ids(conn) if known_ids is None else known_ids)
    tally = _Tally()
    cursor = conn.execute("SELECT response_uuid, answers FROM form_answers")
    while rows := cursor.fetchmany(CHUNK):
        for uuid, text in rows:
            tally.add(uuid, text, known)
    return tally.findings()


class _Tally:
    """Damaged rows by kind: how many forms, and the first by uuid."""

    def __init__(self) -> None:
        self.malformed: list = [0, None]
        self.not_text: list = [0, None]
        self.unknown: list = [0, None]  # the first is (uuid, question)

    def add(self, uuid: str, text: object, known: frozenset[str]) -> None:
        try:
            answers = json.loads(text)  # type: ignore[arg-type]
        except (TypeError, ValueError, RecursionError):
            answers = None
        if type(answers) is not dict:
            _count(self.malformed, uuid)
            return
        if not all(type(value) is str for value in answers.values()):
            _count(self.not_text, uuid)
        if not answers.keys() <= known:
            _count(self.unknown, (uuid, min(answers.keys() - known)))

    def findings(self) -> list[Finding]:
        findings = []
        if self.malformed[0]:
            findings.append(Finding("out.check_finding_answers_malformed",
                                    {"n": self.malformed[0], "uuid": self.malformed[1]}))
        if self.not_text[0]:
            findings.append(Finding("out.check_finding_answers_not_text",
                                    {"n": self.not_text[0], "uuid": self.not_text[1]}))
        if self.unknown[0]:
            uuid, question = self.unknown[1]
            findings.append(Finding("out.check_finding_answers_unknown",
                                    {"n": self.unknown[0], "uuid": uuid, "question": question}))
        return findings


def _count(kind: list, first: object) -> None:
    kind[0] += 1
    if kind[1] is None or first < kind[1]:
        kind[1] = first
