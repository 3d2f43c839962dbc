"""Canonical text form of answers, and parsing it back to typed values.

Answers are stored as text (see docs/questionnaire-format.md, "Stored values"). `parse`
turns operator input or stored text into a typed value or raises `ValueError`; `format`
gives the canonical text. Skip logic and scoring work on typed values.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal, InvalidOperation
from typing import Any

from .questionnaire import Question


def parse_value(question: Question, text: str) -> Any:
    """Typed value of `text` for `question`; empty text gives None; bad text ValueError."""
    text = (text or "").strip()
    if not text:
        return None
    kind = question.type
    if kind in ("integer", "choice", "likert"):
        if not (text.isdigit() or (text[0] == "-" and text[1:].isdigit())):
            raise ValueError("not_integer")
        return int(text)
    if kind == "decimal":
        try:
            number = Decimal(text.replace(",", "."))
        except InvalidOperation as exc:
            raise ValueError("not_number") from exc
        if not number.is_finite():
            raise ValueError("not_number")
        return float(number)
    if kind == "multichoice":
        parts = text.replace(",", " ").split()
        if not all(part.isdigit() for part in parts):
            raise ValueError("not_codes")
        return frozenset(int(part) for part in parts)
    if kind == "date":
        try:
            return _dt.date.fromisoformat(text)
        except ValueError as exc:
            raise ValueError("not_date") from exc
    return text


def format_value(question: Question, value: Any) -> str:
    """Canonical stored text of a typed value."""
    if value is None:
        return ""
    if question.type == "multichoice":
        return " ".join(str(code) for code in sorted(value))
    if question.type == "decimal":
        text = format(Decimal(str(value)).normalize(), "f")
        return text
    if question.type == "date":
        return value.isoformat() if isinstance(value, _dt.date) else str(value)
    return str(value).strip()


def canonical(question: Question, text: str) -> str:
    """Canonical text of operator input (raises ValueError when it does not parse)."""
    return format_value(question, parse_value(question, text))
