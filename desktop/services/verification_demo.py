"""Plausible double-entry verifications for demos and screenshots.

For part of a round's verification sample, a second operator 're-keys' each form: the
paper is taken to be the first keying with a few slips of the first keyer undone
(`first_error_rate` per field), and the second keyer makes slips of their own
(`second_error_rate`). Each discrepancy is resolved as a person holding the paper would:
the value that matches the paper wins (keep first, keep second, or the paper value typed
when both keyings are wrong). Everything goes through `VerificationService`, so audit
rows and statuses are the real ones. Deterministic for a given seed.
"""

from __future__ import annotations

import random

from ..domain.questionnaire import Question, Questionnaire
from ..storage.database import Database
from .form_service import Actor
from .verification_service import VerificationService


def _slip(question: Question, value: str, rng: random.Random) -> str:
    """A plausible typing slip on a coded answer (a neighbouring or another code)."""
    codes = [str(code) for code in question.choice_codes() if str(code) != value]
    return rng.choice(codes) if codes else value


def simulate_verifications(db: Database, questionnaire: Questionnaire, round_uuid: str,
                           operator: str = "MV", device: str = "demo", share: float = 0.7,
                           first_error_rate: float = 0.012, second_error_rate: float = 0.006,
                           seed: int = 1) -> int:
    """Verify `share` of the forms due in the round; returns how many were verified."""
    rng = random.Random(seed)
    service = VerificationService(db, questionnaire, Actor(operator, device))
    due = service.due(round_uuid)
    # Slips on questions that drive skip logic would make the paper itself inconsistent.
    drivers = {name for section in questionnaire.sections for rule in
               [section.relevant] + [q.relevant for q in section.questions]
               if rule is not None for name in rule.names}
    done = 0
    for uuid, _number in due[: int(round(len(due) * share))]:
        stored = service.form(uuid)
        if stored is None or stored.response.operator == operator:
            continue
        paper = dict(stored.answers)
        second = dict(stored.answers)
        for qid, value in stored.answers.items():
            question = questionnaire.question(qid)
            if not question.is_coded or question.type == "multichoice" or qid in drivers:
                continue
            if rng.random() < first_error_rate:
                paper[qid] = second[qid] = _slip(question, value, rng)
            if rng.random() < second_error_rate:
                second[qid] = _slip(question, paper[qid], rng)
        result = service.compare(uuid, second)
        for item in result.items:
            truth = paper.get(item.question_id, "")
            if truth == item.first_value:
                service.resolve(result.verification_id, item.question_id, "keep_first")
            elif truth == item.second_value:
                service.resolve(result.verification_id, item.question_id, "keep_second")
            else:
                service.resolve(result.verification_id, item.question_id, "typed", truth)
        if result.items:
            service.finish(result.verification_id)
        done += 1
    return done


def simulate_in(workspace, round_uuid: str, **options) -> int:
    """`simulate_verifications` on an open workspace (its questionnaire and database)."""
    return simulate_verifications(workspace.db, workspace.questionnaire, round_uuid, **options)
