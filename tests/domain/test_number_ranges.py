"""Runs of numbers: worked out from the numbers present (never every number below a
bound a manifest chose) and said briefly."""

from __future__ import annotations

import random

from desktop.domain.number_ranges import missing_runs, runs_of, runs_text


def test_missing_runs_equal_the_numbers_not_present():
    rng = random.Random(3)
    for _ in range(200):
        below = rng.randint(0, 60)
        present = {rng.randint(-3, 70) for _ in range(rng.randint(0, 30))}
        expected = [n for n in range(1, below) if n not in present]
        runs = missing_runs(present, below)
        assert [n for first, last in runs for n in range(first, last + 1)] == expected
        assert runs == runs_of(expected)


def test_a_huge_bound_is_one_run():
    assert missing_runs({1, 2, 5}, 10**12) == [(3, 4), (6, 10**12 - 1)]
    assert missing_runs(set(), 1) == [] and missing_runs(set(), 2) == [(1, 1)]


def test_runs_are_said_briefly():
    assert runs_text(runs_of([12, 4, 5, 6, 7, 8, 9, 2, 2])) == "2, 4–9, 12"
    assert runs_text(runs_of([1, 2, 5])) == "1, 2, 5"
    assert runs_text([]) == ""
