"""The expressions of a questionnaire: skip conditions (`relevant`) and cross-question checks
(`constraint` with its `constraint_message`), parsed by `expression.parse_expression` and
checked to name only questions asked before (a constraint may also name its own question,
and only a constraint may use '.', the answer being checked)."""

from __future__ import annotations

from .expression import Expression, ExpressionError, parse_expression
from .questionnaire import Labels
from .questionnaire_checker import Checker, kind_word


def expression(check: Checker, obj: dict, where: str,
               key: str = "relevant") -> Expression | None:
    """The parsed `obj[key]`, or None (absent, or a problem reported)."""
    if key not in obj:
        return None
    if not isinstance(obj[key], str):
        check.fail(f"{where}.{key}", "qn.must_be", kind=kind_word("str"))
        return None
    try:
        expr = parse_expression(obj[key])
    except ExpressionError as exc:
        check.fail(f"{where}.{key}", "qn.bad_expression", reason=exc.phrase)
        return None
    if expr.uses_self and key != "constraint":
        check.fail(f"{where}.{key}", "qn.self_in_constraint")
    return expr


def check_references(expr: Expression | None, known: dict[str, str], where: str,
                     check: Checker) -> None:
    """Every question `expr` names must be in `known` (the questions before this one)."""
    if expr is None:
        return
    for name in sorted(expr.names):
        if name not in known:
            check.fail(where, "qn.refers_later", name=name)


def question_rules(raw: dict, where: str, qid: str, kind: str, seen: dict[str, str],
                   check: Checker) -> tuple[Expression | None, Expression | None,
                                            Labels | None]:
    """A question's skip condition, its constraint and the constraint's message."""
    relevant = expression(check, raw, where)
    check_references(relevant, seen, f"{where}.relevant", check)
    constraint = expression(check, raw, where, "constraint")
    check_references(constraint, {**seen, qid: kind}, f"{where}.constraint", check)
    constraint_message = None
    if "constraint_message" in raw:
        if constraint is None and "constraint" not in raw:
            check.fail(f"{where}.constraint_message", "qn.no_constraint")
        constraint_message = check.labels(raw, "constraint_message", where)
    return relevant, constraint, constraint_message
