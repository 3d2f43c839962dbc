"""Where one questionnaire version differs from another, question by question.

HQ's import report names every question whose id, type, codes or labels differ between
the version a bundle carries and the version HQ adopted, so nothing is silently
relabelled: forms are analysed by question id and code, and the analyst sees where a code
means something else (a likert scale whose ends were swapped turns the map upside down).
Risks and bands are compared too (they drive the charts). Each difference is a `Phrase`:
its English text, said in the reader's language where it is shown.
"""

from __future__ import annotations

from .phrase import Phrase
from .questionnaire import Question, Questionnaire


def differences(hq: Questionnaire, other: Questionnaire) -> list[Phrase]:
    """One sentence per difference of `other` from HQ's version (empty when the same)."""
    if hq.sha256 == other.sha256:
        return []
    found: list[Phrase] = []
    mine = {q.id: q for q in hq.questions()}
    theirs = {q.id: q for q in other.questions()}
    for qid in sorted(set(theirs) - set(mine)):
        found.append(Phrase("qdiff.not_at_hq", qid=qid))
    for qid in sorted(set(mine) - set(theirs)):
        found.append(Phrase("qdiff.not_in_bundle", qid=qid))
    for qid in [q.id for q in hq.questions() if q.id in theirs]:
        found.extend(Phrase("qdiff.question", qid=qid, what=what)
                     for what in _question(mine[qid], theirs[qid]))
    risks_a = {r.id: (r.likelihood, r.impact, dict(r.label.by_language)) for r in hq.risks}
    risks_b = {r.id: (r.likelihood, r.impact, dict(r.label.by_language)) for r in other.risks}
    for rid in sorted(set(risks_a) | set(risks_b)):
        if risks_a.get(rid) != risks_b.get(rid):
            found.append(Phrase("qdiff.risk", rid=rid))
    bands_a = [(b.id, b.min, b.max, dict(b.label.by_language)) for b in hq.bands]
    bands_b = [(b.id, b.min, b.max, dict(b.label.by_language)) for b in other.bands]
    if bands_a != bands_b:
        found.append(Phrase("qdiff.bands"))
    return found


def _question(a: Question, b: Question) -> list[Phrase]:
    what = []
    if a.type != b.type:
        what.append(Phrase("qdiff.type", hq=a.type, bundle=b.type))
    codes_a, codes_b = set(a.choice_codes()), set(b.choice_codes())
    if a.is_coded and b.is_coded and codes_a != codes_b:
        what.append(Phrase("qdiff.codes", hq=_codes(codes_a), bundle=_codes(codes_b)))
    if dict(a.label.by_language) != dict(b.label.by_language):
        what.append(Phrase("qdiff.label"))
    labels_a = {c.code: dict(c.label.by_language) for c in a.choices}
    labels_b = {c.code: dict(c.label.by_language) for c in b.choices}
    relabelled = sorted(code for code in codes_a & codes_b
                        if code in labels_a and code in labels_b
                        and labels_a[code] != labels_b[code])
    if relabelled:
        what.append(Phrase("qdiff.code_labels", codes=_codes(relabelled)))
    if _anchors(a) != _anchors(b):
        what.append(Phrase("qdiff.anchors"))
    if (a.min, a.max) != (b.min, b.max):
        what.append(Phrase("qdiff.range", hq=f"{a.min}-{a.max}", bundle=f"{b.min}-{b.max}"))
    return what


def _anchors(q: Question) -> tuple | None:
    """The labels of a likert scale's low and high ends (None without anchors)."""
    anchors = getattr(q, "anchors", None)
    return None if anchors is None else tuple(dict(end.by_language) for end in anchors)


def _codes(codes) -> str:
    return ",".join(str(c) for c in sorted(codes))
