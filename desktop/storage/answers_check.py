"""`check`'s look at the stored answers (table `form_answers`, one JSON object text per
form): every row must hold a JSON object, every value in it a text, every key a question
of a questionnaire version the project holds. Damage is reported as findings (how many
forms, and the first one by uuid: domain/answers_tally.py), never raised.

Each row is parsed once: `riskmap check` hands the tally of the rows its snapshot check
parsed already (every live form not written since) and asks here only for the others
(`rest_only`, storage/analysis_store.answers_not_compared); with no tally, or when the
snapshot check did not read its rows to the end, every row is read here. Parsed by
Python's json: 0.65 s of CPU per 100k forms, where SQLite's json_each took 1.65 s.
"""

from __future__ import annotations

import sqlite3
from typing import Iterable

from ..domain.answers_tally import AnswersTally
from ..domain.questionnaire_loader import QuestionnaireError, parse_questionnaire
from .analysis_store import answers_not_compared
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


def new_tally(conn: sqlite3.Connection, known_ids: Iterable[str] | None = None) -> AnswersTally:
    """An empty tally; `known_ids`: the question ids answers may use (default: those of
    every stored questionnaire version)."""
    return AnswersTally(known_question_ids(conn) if known_ids is None else known_ids)


def answer_findings(conn: sqlite3.Connection, known_ids: Iterable[str] | None = None,
                    tally: AnswersTally | None = None, rest_only: bool = False) -> list[Finding]:
    """Findings about the stored answers. `tally`: rows counted already (default: none);
    `rest_only`: read only the rows the snapshot check does not compare (it counted those
    into `tally`, in the same read transaction as this)."""
    tally = new_tally(conn, known_ids) if tally is None else tally
    cursor = (answers_not_compared(conn) if rest_only
              else conn.execute("SELECT response_uuid, answers FROM form_answers"))
    while rows := cursor.fetchmany(CHUNK):
        for uuid, text in rows:
            tally.add(uuid, text)
    return [Finding(key, params) for key, params in tally.findings()]
