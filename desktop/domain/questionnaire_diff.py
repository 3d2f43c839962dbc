"""Where one questionnaire version differs from another, question by question.

HQ's import report names every question whose id, type, codes or labels differ between
the version a bundle carries and the version HQ adopted, so nothing is silently
relabelled: forms are analysed by question id and code, and the analyst sees where a code
means something else. Risks and bands are compared too (they drive the charts).
"""

from __future__ import annotations

from .questionnaire import Question, Questionnaire


def differences(hq: Questionnaire, other: Questionnaire) -> list[str]:
    """One sentence per difference of `other` from HQ's version (empty when the same)."""
    if hq.sha256 == other.sha256:
        return []
    found: list[str] = []
    mine = {q.id: q for q in hq.questions()}
    theirs = {q.id: q for q in other.questions()}
    for qid in sorted(set(theirs) - set(mine)):
        found.append(f"question {qid}: not in HQ's questionnaire")
    for qid in sorted(set(mine) - set(theirs)):
        found.append(f"question {qid}: missing from the bundle's questionnaire")
    for qid in [q.id for q in hq.questions() if q.id in theirs]:
        found.extend(f"question {qid}: {what}" for what in _question(mine[qid], theirs[qid]))
    risks_a = {r.id: (r.likelihood, r.impact, dict(r.label.by_language)) for r in hq.risks}
    risks_b = {r.id: (r.likelihood, r.impact, dict(r.label.by_language)) for r in other.risks}
    for rid in sorted(set(risks_a) | set(risks_b)):
        if risks_a.get(rid) != risks_b.get(rid):
            found.append(f"risk {rid}: differs from HQ's (questions or label)")
    bands_a = [(b.id, b.min, b.max, dict(b.label.by_language)) for b in hq.bands]
    bands_b = [(b.id, b.min, b.max, dict(b.label.by_language)) for b in other.bands]
    if bands_a != bands_b:
        found.append("bands: the risk levels differ from HQ's")
    return found


def _question(a: Question, b: Question) -> list[str]:
    what = []
    if a.type != b.type:
        what.append(f"type {a.type} at HQ, {b.type} in the bundle")
    codes_a, codes_b = set(a.choice_codes()), set(b.choice_codes())
    if a.is_coded and b.is_coded and codes_a != codes_b:
        what.append(f"codes {_codes(codes_a)} at HQ, {_codes(codes_b)} in the bundle")
    if dict(a.label.by_language) != dict(b.label.by_language):
        what.append("label differs")
    labels_a = {c.code: dict(c.label.by_language) for c in a.choices}
    labels_b = {c.code: dict(c.label.by_language) for c in b.choices}
    relabelled = sorted(code for code in codes_a & codes_b
                        if code in labels_a and code in labels_b
                        and labels_a[code] != labels_b[code])
    if relabelled:
        what.append(f"code labels differ for {_codes(relabelled)}")
    if (a.min, a.max) != (b.min, b.max):
        what.append(f"range {a.min}-{a.max} at HQ, {b.min}-{b.max} in the bundle")
    return what


def _codes(codes) -> str:
    return ",".join(str(c) for c in sorted(codes))

