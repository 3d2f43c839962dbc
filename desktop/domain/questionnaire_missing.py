"""Missing codes of a questionnaire (8 = don't know, 9 = no answer, ...): the default list,
each question's own list or the default one, and the format 2 rule that a missing code may
never be a real answer (inside a numeric range or a likert scale, or a choice's code)."""

from __future__ import annotations

from .questionnaire import MissingCode
from .questionnaire_checker import Checker

_CODED_DEFAULT_MISSING = ("integer", "choice", "likert")  # allow_missing by default
_MISSING_TYPES = ("integer", "decimal", "choice", "multichoice", "likert")


def missing_codes(data: dict, check: Checker, where: str = "") -> list[MissingCode]:
    """The `missing_codes` list of `data` (the questionnaire's or a question's)."""
    result: list[MissingCode] = []
    for i, item in enumerate(check.get(data, "missing_codes", list, where, required=False,
                                       default=[])):
        item_where = f"{where}.missing_codes[{i}]" if where else f"missing_codes[{i}]"
        if not isinstance(item, dict):
            check.fail(item_where, "qn.code_and_label")
            continue
        code = check.code(check.get(item, "code", int, item_where), f"{item_where}.code")
        label = check.labels(item, "label", item_where)
        if code is not None:
            if any(m.code == code for m in result):
                check.fail(f"{item_where}.code", "qn.duplicate_missing", code=code)
            result.append(MissingCode(code, label))
    return result


def question_missing(raw: dict, where: str, kind: str, check: Checker,
                     default: tuple[MissingCode, ...]) -> tuple[MissingCode, ...]:
    """The question's own `missing_codes`, else the default ones when it allows missing."""
    allow = check.get(raw, "allow_missing", bool, where, required=False,
                      default=kind in _CODED_DEFAULT_MISSING)
    if "missing_codes" in raw:
        own = tuple(missing_codes(raw, check, where))
        if own and allow is False and "allow_missing" in raw:
            check.fail(f"{where}.allow_missing", "qn.allow_missing_false")
        codes = own
    else:
        codes = default if allow else ()
    if codes and kind not in _MISSING_TYPES:
        # Format 1 accepted allow_missing on text and dates, where it never matched.
        if check.strict:
            check.fail(f"{where}.missing_codes", "qn.no_missing_for_type", kind=kind)
        return ()
    return codes


def check_range_overlap(bounds: dict, missing: set[int], where: str, check: Checker) -> None:
    """A missing code inside a numeric question's min..max could be a real answer."""
    low, high = bounds.get("min"), bounds.get("max")
    for code in sorted(missing):
        if (low is None or code >= low) and (high is None or code <= high):
            check.fail(f"{where}.missing_codes", "qn.missing_in_range", code=code,
                       low="-inf" if low is None else _plain(low),
                       high="+inf" if high is None else _plain(high))


def _plain(value: float | int) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
