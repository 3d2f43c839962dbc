"""Runs of whole numbers said briefly: "2, 4–9, 12" instead of every number.

The numbers a report lists (the bundles of a device HQ has not received, the missing parts
of a series) come from a signed manifest, which may name a sequence number of a million
or a series of 10,000 parts: listed one by one they would be a line of megabytes, and
working them out one by one would take as long. So they are kept as runs (first, last)
and worked out from the numbers that are there, not from every number below.
"""

from __future__ import annotations

from typing import Iterable

Run = tuple[int, int]  # first, last (inclusive)


def missing_runs(present: Iterable[int], below: int) -> list[Run]:
    """The runs of 1 .. below-1 that are not in `present` (which may hold any numbers);
    the work grows with `present`, not with `below`."""
    runs: list[Run] = []
    last = 0  # the highest number seen so far (0: none)
    for number in sorted({n for n in present if 0 < n < below}):
        if number > last + 1:
            runs.append((last + 1, number - 1))
        last = number
    if below > last + 1:
        runs.append((last + 1, below - 1))
    return runs


def runs_of(numbers: Iterable[int]) -> list[Run]:
    """`numbers` (any order, repeats ignored) as runs of consecutive numbers."""
    runs: list[Run] = []
    for number in sorted(set(numbers)):
        if runs and number == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    return runs


def runs_text(runs: Iterable[Run]) -> str:
    """'1, 2, 4–9, 12': runs of one or two numbers as the numbers, longer runs as
    first–last."""
    return ", ".join(f"{first}–{last}" if last > first + 1 else
                     ", ".join(map(str, range(first, last + 1))) for first, last in runs)
