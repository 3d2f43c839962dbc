"""The paper ledger and the per-operator productivity and quality figures.

Ledger: per round, the forms expected (the target count; the size of the form-number range
only when no target is set) against those entered, verified and still to key, and the paper
form numbers (form_min..form_max, else 1..target) not keyed yet, listed compactly
("12-15, 40"): a range of 500 numbers for a target of 416 forms leaves at least 84 numbers
unused, so the count still to key comes from the target, not from the list. Operators: per first keyer and day of keying, the forms keyed,
keystrokes per hour, and discrepancies per 1,000 fields keyed: the first keyer's error
rate found by verification, i.e. the decided discrepancies whose final value differs from
the first keying (the paper agreed with the second keying or with a typed value),
divided by the fields compared in that keyer's verified forms.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ..storage import progress_store, round_store
from ..storage.database import Database
from ..storage.round_store import Round
from .verification_service import in_sample


@dataclass(frozen=True)
class Ledger:
    """The paper ledger of one round."""

    round_uuid: str
    round_name: str
    expected: int
    first: int | None
    last: int | None
    entered: int  # keyed and saved (entered or verified)
    verified: int
    drafts: int
    missing: tuple[int, ...]  # form numbers of the range not keyed (some may be unused)
    outside: tuple[int, ...]  # keyed numbers outside the expected range
    target: int
    keyed: int = 0  # live forms (drafts too) inside the range, or all when there is none

    @property
    def missing_count(self) -> int:
        """Forms still to key: expected minus those keyed (never below 0)."""
        return max(self.expected - self.keyed, 0)

    @property
    def range_size(self) -> int | None:
        return None if self.first is None or self.last is None else self.last - self.first + 1

    @property
    def missing_text(self) -> str:
        return compact_ranges(self.missing)

    @property
    def outside_text(self) -> str:
        return compact_ranges(self.outside)


@dataclass(frozen=True)
class OperatorDay:
    """Productivity and quality of one first keyer on one day."""

    operator: str
    day: str
    forms: int
    keystrokes: int
    seconds: float
    forms_verified: int
    fields_compared: int
    errors: int

    @property
    def keystrokes_per_hour(self) -> float | None:
        return self.keystrokes * 3600.0 / self.seconds if self.seconds > 0 else None

    @property
    def errors_per_1000(self) -> float | None:
        """Discrepancies per 1,000 fields keyed (None until some form was verified)."""
        if not self.fields_compared:
            return None
        return self.errors * 1000.0 / self.fields_compared


def compact_ranges(numbers: Iterable[int]) -> str:
    """'12-15, 40' for [12, 13, 14, 15, 40]; '' for none."""
    ordered = sorted(set(numbers))
    parts: list[str] = []
    start = previous = None
    for number in ordered:
        if start is None:
            start = previous = number
        elif number == previous + 1:
            previous = number
        else:
            parts.append(_range(start, previous))
            start = previous = number
    if start is not None:
        parts.append(_range(start, previous))
    return ", ".join(parts)


def _range(start: int, end: int) -> str:
    return str(start) if start == end else f"{start}-{end}"


def expected_range(round_: Round) -> tuple[int, int] | None:
    """The paper form numbers the round expects, or None when nothing says."""
    if round_.form_min is not None and round_.form_max is not None:
        return round_.form_min, round_.form_max
    if round_.target_count > 0:
        low = round_.form_min if round_.form_min is not None else 1
        return low, low + round_.target_count - 1
    return None


class ProgressService:
    """Ledger and operator figures of one open project.

    An instance reads each round's forms once: make a new one for each refresh.
    """

    def __init__(self, db: Database):
        self.db = db
        self._forms: dict[str, list[tuple[str, int, str]]] = {}  # one read per round

    def _live(self, round_uuid: str) -> list[tuple[str, int, str]]:
        if round_uuid not in self._forms:
            self._forms[round_uuid] = progress_store.live_forms(self.db.conn, round_uuid)
        return self._forms[round_uuid]

    def ledger(self, round_uuid: str) -> Ledger | None:
        """The paper ledger of a round (None for an unknown round)."""
        round_ = round_store.get_round(self.db.conn, round_uuid)
        if round_ is None:
            return None
        live = self._live(round_uuid)
        present = {number for _uuid, number, _status in live}
        span = expected_range(round_)
        if span is None:
            first = last = None
            missing: list[int] = []
            outside: list[int] = []
            expected = round_.target_count
        else:
            first, last = span
            missing = [n for n in range(first, last + 1) if n not in present]
            outside = sorted(n for n in present if n < first or n > last)
            expected = round_.target_count if round_.target_count > 0 else last - first + 1
        keyed = len(present) - len(outside)
        statuses = [status for _uuid, _n, status in live]
        return Ledger(round_uuid=round_uuid, round_name=round_.name, expected=expected,
                      first=first, last=last,
                      entered=sum(s in ("entered", "verified") for s in statuses),
                      verified=statuses.count("verified"), drafts=statuses.count("draft"),
                      missing=tuple(missing), outside=tuple(outside),
                      target=round_.target_count, keyed=keyed)

    def ledgers(self) -> list[Ledger]:
        """The ledgers of every round, oldest round first."""
        return [ledger for round_ in round_store.list_rounds(self.db.conn)
                if (ledger := self.ledger(round_.uuid)) is not None]

    def sample_progress(self, round_uuid: str) -> tuple[int, int]:
        """(sampled forms verified, sampled forms) under the round's verification rule."""
        round_ = round_store.get_round(self.db.conn, round_uuid)
        if round_ is None:
            return 0, 0
        picked = [status for uuid, number, status in self._live(round_uuid)
                  if status in ("entered", "verified") and in_sample(round_, uuid, number)]
        return picked.count("verified"), len(picked)

    def operator_days(self, round_uuid: str | None = None) -> list[OperatorDay]:
        """Per first keyer and day: forms, keystrokes, verification figures."""
        keyed = progress_store.keying_by_operator_day(self.db.conn, round_uuid)
        checked = {(row["operator"], row["day"]): row for row in
                   progress_store.verification_by_operator_day(self.db.conn, round_uuid)}
        result = []
        for row in keyed:
            found = checked.get((row["operator"], row["day"]), {})
            result.append(OperatorDay(
                operator=row["operator"], day=row["day"], forms=int(row["forms"]),
                keystrokes=int(row["keystrokes"] or 0), seconds=float(row["seconds"] or 0),
                forms_verified=int(found.get("forms_verified") or 0),
                fields_compared=int(found.get("fields_compared") or 0),
                errors=int(found.get("errors") or 0)))
        return result

