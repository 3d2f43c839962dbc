"""`check`'s look at the stored answers (table `form_answers`, one JSON object text per
form): every row must hold a JSON object, every value in it a text, every key a question
of a questionnaire version the project holds. Damage is reported as findings (how many
forms, and the first one by uuid), never raised: a row SQLite cannot parse is counted, not
handed to json_each. One pass over the rows in SQLite, on the caller's connection (a
check worker's own, see services/check_service.py).
"""

from __future__ import annotations

import json
import sqlite3
from typing import Iterable

from ..domain.questionnaire_loader import QuestionnaireError, parse_questionnaire
from .audit_chain import Finding
from .questionnaire_versions import all_questionnaires

# A row's text when it is a JSON object, else '{}' (json_type fails on malformed text, so
# it is asked only after json_valid said yes).
_OBJECT = ("CASE WHEN json_valid(f.answers) AND json_type(f.answers) = 'object' "
           "THEN f.answers ELSE '{}' END")


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
    known = sorted(known_question_ids(conn) if known_ids is None else set(known_ids))
    malformed = conn.execute(
        "SELECT COUNT(*), MIN(f.response_uuid) FROM form_answers f "
        f"WHERE {_OBJECT} = '{{}}' AND f.answers != '{{}}'").fetchone()
    wrong = conn.execute(
        "SELECT COUNT(DISTINCT CASE WHEN item.type != 'text' THEN f.response_uuid END), "
        "MIN(CASE WHEN item.type != 'text' THEN f.response_uuid END), "
        "COUNT(DISTINCT CASE WHEN item.key NOT IN (SELECT value FROM json_each(?1)) "
        "THEN f.response_uuid END), "
        "MIN(CASE WHEN item.key NOT IN (SELECT value FROM json_each(?1)) "
        "THEN f.response_uuid || ' ' || item.key END) "
        f"FROM form_answers f, json_each({_OBJECT}) item", (json.dumps(known),)).fetchone()
    findings = []
    if malformed[0]:
        findings.append(Finding("out.check_finding_answers_malformed",
                                {"n": malformed[0], "uuid": malformed[1]}))
    if wrong[0]:
        findings.append(Finding("out.check_finding_answers_not_text",
                                {"n": wrong[0], "uuid": wrong[1]}))
    if wrong[2]:
        uuid, _, question = wrong[3].partition(" ")
        findings.append(Finding("out.check_finding_answers_unknown",
                                {"n": wrong[2], "uuid": uuid, "question": question}))
    return findings
