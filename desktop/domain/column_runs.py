"""Rows of a text table put together from few distinct cells: what makes the analysts'
CSV and XLSX of a million forms take seconds rather than minutes.

A column of codes holds a handful of distinct values, so each is formatted once (by the
writer) and every row only looks its cell up. Joining 90 looked-up cells per row is still
the slow part in Python, so adjacent columns whose combinations are few (their product
at most `limit`) are joined once per combination that occurs, and a row joins a dozen
pieces instead of 90. The text is the same as joining every cell: only fewer joins.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

Segment = tuple[np.ndarray, Sequence[str]]  # per row a position in the cells; the cells

LIMIT = 4096


def pieces(segments: Sequence[Segment], sep: str, limit: int = LIMIT) -> list[np.ndarray]:
    """Per run of adjacent segments, each row's text of that run (cells joined by `sep`);
    joining a row's pieces with `sep` gives the row."""
    out = []
    i = 0
    while i < len(segments):
        codes, cells = segments[i]
        parts = [cells]
        size = len(cells)
        i += 1
        while i < len(segments) and size * len(segments[i][1]) <= limit:
            codes = codes * len(segments[i][1]) + segments[i][0]
            size *= len(segments[i][1])
            parts.append(segments[i][1])
            i += 1
        if len(parts) > 1:
            seen, codes = np.unique(codes, return_inverse=True)
            cells = [sep.join(part[j] for part, j in zip(parts, _digits(value, parts)))
                     for value in seen.tolist()]
        out.append(np.array(cells, dtype=object)[np.asarray(codes).reshape(-1)])
    return out


def _digits(value: int, parts: Sequence[Sequence[str]]) -> list[int]:
    """The position of a combined code in each of its parts (mixed radix)."""
    out = []
    for part in reversed(parts):
        value, digit = divmod(value, len(part))
        out.append(digit)
    return out[::-1]
