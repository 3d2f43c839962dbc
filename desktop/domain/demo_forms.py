"""Plausible synthetic forms for demos, tests and benchmarks (`riskmap demo`).

Each respondent gets a post with its own risk climate and a personal integrity outlook,
so answers correlate the way real ones do: posts with a worse climate rate likelihoods
higher, officers who distrust reporting see more risk and are more often offered bribes.
Every form passes validation and respects skip logic; a few answers use missing codes.
Deterministic for a given seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Iterator

from .questionnaire import Question, Questionnaire
from .values import parse_value

MISSING_SHARE = 0.03


@dataclass(frozen=True)
class DemoForm:
    form_number: int
    answers: dict[str, str]
    operator: str
    day: int  # days after the start of the round


def _clip(value: float, low: int, high: int) -> int:
    return max(low, min(high, int(round(value))))


def generate_forms(questionnaire: Questionnaire, n: int, seed: int = 1,
                   operators: tuple[str, ...] = ("AM", "JR", "LC")) -> Iterator[DemoForm]:
    """Yield `n` valid forms numbered 1..n."""
    rng = random.Random(seed)
    questions = {q.id: q for q in questionnaire.questions()}
    risk_base = {risk.id: rng.uniform(1.6, 3.8) for risk in questionnaire.risks}
    impact_base = {risk.id: rng.uniform(2.5, 4.5) for risk in questionnaire.risks}
    post_question = questions.get("post")
    post_climate = {code: rng.gauss(0, 0.7) for code in
                    (post_question.choice_codes() if post_question else (0,))}
    likelihood_ids = {r.likelihood: r.id for r in questionnaire.risks}
    impact_ids = {r.impact: r.id for r in questionnaire.risks}
    for number in range(1, n + 1):
        outlook = rng.gauss(0, 0.8)  # > 0: sees more risk, trusts the system less
        answers: dict[str, str] = {}
        typed: dict = {}
        post = None
        for section, question in ((s, q) for s in questionnaire.sections for q in s.questions):
            if not all(rule is None or rule.evaluate(typed)
                       for rule in (section.relevant, question.relevant)):
                continue
            if question.id == "post" and post_question is not None:
                post = rng.choice(post_question.choice_codes())
            shift = outlook + post_climate.get(post, 0.0)
            value = _answer(question, questionnaire, rng, shift, risk_base, impact_base,
                            likelihood_ids, impact_ids, post)
            if value:
                answers[question.id] = value
                typed[question.id] = parse_value(question, value)
        yield DemoForm(number, answers, operators[(number - 1) * len(operators) // n],
                       day=(number - 1) * 5 // n)


def _answer(question: Question, questionnaire: Questionnaire, rng: random.Random, shift: float,
            risk_base: dict, impact_base: dict, likelihood_ids: dict, impact_ids: dict,
            post: int | None) -> str:
    missing = sorted(question.missing_code_values())
    # Multichoice answers stay real codes, so demo data keep their earlier draws.
    if missing and question.type != "multichoice" and rng.random() < MISSING_SHARE:
        return str(rng.choice(missing))
    if question.id == "post" and post is not None:
        return str(post)
    if question.type == "likert":
        if question.id in likelihood_ids:
            centre = risk_base[likelihood_ids[question.id]] + 0.6 * shift
        elif question.id in impact_ids:
            centre = impact_base[impact_ids[question.id]] + 0.2 * shift
        else:  # integrity climate: agreement falls as the outlook worsens
            centre = 3.4 - 0.7 * shift
        return str(_clip(rng.gauss(centre, 0.8), 1, question.points))
    if question.type == "choice":
        codes = question.choice_codes()
        exposure = questionnaire.exposure
        if exposure and question.id == exposure.question:
            yes = rng.random() < min(0.8, max(0.03, 0.18 + 0.12 * shift))
            other = [c for c in codes if c != exposure.yes]
            return str(exposure.yes if yes or not other else other[0])
        weights = [1.0 / (1 + i * 0.35) for i in range(len(codes))]
        return str(rng.choices(codes, weights)[0])
    if question.type == "multichoice":
        codes = list(question.choice_codes())
        chosen = sorted(rng.sample(codes, k=rng.randint(1, min(3, len(codes)))))
        return " ".join(str(c) for c in chosen)
    if question.type in ("integer", "decimal"):
        low = question.min if question.min is not None else 0
        high = question.max if question.max is not None else 100
        value = _clip(rng.expovariate(0.4) + low, int(low), int(high))
        return str(value)
    if question.type == "date":
        return str(question.min or "2026-01-01")
    if question.type == "text":
        return "" if rng.random() < 0.85 else rng.choice(_COMMENTS)
    return ""


_COMMENTS = (
    "Falta personal en el turno de noche.",
    "Los controles de carga deberían ser rotativos.",
    "Need better radios and vehicles.",
    "Se necesita capacitación sobre denuncias.",
)
